package dev.palimpsest.core.internal.sources;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Digests computed over bytes as they stream past, for several algorithms in one read: the
 * bytes are copied once, and every digest and the byte count are updated from the same buffer.
 * Not thread-safe; one instance per stream.
 */
public final class Digesting {
    private static final int BUFFER = 64 * 1024;

    private final EnumMap<DigestAlgorithm, MessageDigest> digests = new EnumMap<>(DigestAlgorithm.class);
    private long size;

    /**
     * Digests for these algorithms.
     *
     * @throws IllegalArgumentException if no algorithm is given
     */
    public Digesting(Set<DigestAlgorithm> algorithms) {
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one digest algorithm is needed");
        }
        for (DigestAlgorithm algorithm : algorithms) {
            digests.put(algorithm, algorithm.newMessageDigest());
        }
    }

    /** Adds bytes. */
    public void update(byte[] buffer, int offset, int length) {
        for (MessageDigest md : digests.values()) {
            md.update(buffer, offset, length);
        }
        size += length;
    }

    /**
     * Copies {@code in} to its end into {@code out} (which may be null to only hash), digesting
     * every byte; neither stream is closed.
     *
     * @return the number of bytes copied
     */
    public long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long copied = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (n == 0) {
                continue;
            }
            update(buffer, 0, n);
            if (out != null) {
                out.write(buffer, 0, n);
            }
            copied += n;
        }
        return copied;
    }

    /** The bytes digested so far. */
    public long size() {
        return size;
    }

    /** The digests of the bytes so far, by algorithm; may be called once, at the end. */
    public Map<DigestAlgorithm, DigestValue> finish() {
        EnumMap<DigestAlgorithm, DigestValue> values = new EnumMap<>(DigestAlgorithm.class);
        digests.forEach((algorithm, md) -> values.put(algorithm, DigestValue.of(algorithm, md.digest())));
        return Collections.unmodifiableMap(values);
    }

    /** An input stream that digests what is read through it into {@code target}. */
    public static InputStream tee(InputStream in, Digesting target) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(target, "target");
        return new InputStream() {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    target.update(new byte[] {(byte) b}, 0, 1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                    target.update(buffer, offset, n);
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
