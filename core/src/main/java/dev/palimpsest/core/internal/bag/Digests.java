package dev.palimpsest.core.internal.bag;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Computes several digests of one input in a single read: each buffer updates one
 * {@link MessageDigest} per algorithm. This is the only place the bag verifier hashes, so that
 * switching to {@code dev.palimpsest.core.digest.Hasher} changes one class.
 */
final class Digests {
    private static final int BUFFER = 64 * 1024;

    private Digests() {
    }

    /** A buffer for {@link #of(InputStream, Set, byte[])}, to reuse for many inputs on one thread. */
    static byte[] newBuffer() {
        return new byte[BUFFER];
    }

    /** The digests of everything {@code in} yields, for every algorithm in {@code algorithms}; does not close it. */
    static Map<DigestAlgorithm, DigestValue> of(InputStream in, Set<DigestAlgorithm> algorithms) throws IOException {
        return of(in, algorithms, newBuffer());
    }

    /** As {@link #of(InputStream, Set)}, reading through {@code buffer}. */
    static Map<DigestAlgorithm, DigestValue> of(InputStream in, Set<DigestAlgorithm> algorithms, byte[] buffer)
            throws IOException {
        Map<DigestAlgorithm, MessageDigest> digests = start(algorithms);
        int n;
        while ((n = in.read(buffer)) >= 0) {
            for (MessageDigest md : digests.values()) {
                md.update(buffer, 0, n);
            }
        }
        return finish(digests);
    }

    /** The digests of {@code bytes}, for every algorithm in {@code algorithms}. */
    static Map<DigestAlgorithm, DigestValue> of(byte[] bytes, Set<DigestAlgorithm> algorithms) {
        Map<DigestAlgorithm, MessageDigest> digests = start(algorithms);
        for (MessageDigest md : digests.values()) {
            md.update(bytes);
        }
        return finish(digests);
    }

    private static Map<DigestAlgorithm, MessageDigest> start(Set<DigestAlgorithm> algorithms) {
        Map<DigestAlgorithm, MessageDigest> digests = new EnumMap<>(DigestAlgorithm.class);
        for (DigestAlgorithm algorithm : algorithms) {
            digests.put(algorithm, algorithm.newMessageDigest());
        }
        return digests;
    }

    private static Map<DigestAlgorithm, DigestValue> finish(Map<DigestAlgorithm, MessageDigest> digests) {
        Map<DigestAlgorithm, DigestValue> values = new EnumMap<>(DigestAlgorithm.class);
        digests.forEach((algorithm, md) -> values.put(algorithm, DigestValue.of(algorithm, md.digest())));
        return Collections.unmodifiableMap(values);
    }
}
