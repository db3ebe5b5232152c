package dev.palimpsest.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Shared helpers: reference digests computed one algorithm at a time, and thread checks. */
final class TestSupport {
    private TestSupport() {
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** The digests of {@code data}, each computed on its own with a fresh MessageDigest. */
    static DigestSet reference(byte[] data, DigestAlgorithm... algorithms) {
        List<DigestValue> values = new ArrayList<>();
        for (DigestAlgorithm algorithm : algorithms) {
            MessageDigest digest = algorithm.newMessageDigest();
            digest.update(data);
            values.add(DigestValue.of(algorithm, digest.digest()));
        }
        return DigestSet.of(data.length, values);
    }

    /** The names of live threads this library started. */
    static List<String> hashingThreads() {
        List<String> names = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && thread.getName().startsWith("palimpsest-")) {
                names.add(thread.getName());
            }
        }
        return names;
    }

    static void assertNoHashingThreads() {
        assertThat(hashingThreads()).as("threads left running").isEmpty();
    }

    /** A stream that returns at most {@code chunk} bytes per read and remembers whether it was closed. */
    static final class ChunkedStream extends FilterInputStream {
        private final int chunk;
        boolean closed;

        ChunkedStream(InputStream in, int chunk) {
            super(in);
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, chunk));
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
