package dev.palimpsest.core.digest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Passes a stream through unchanged while digesting it, and at end of stream checks the bytes
 * against expected digests and, optionally, an expected size.
 *
 * <p>The check happens when a read first reports end of stream: instead of returning -1, that
 * read throws {@link FixityException} if any expected digest or the size differs; every later
 * read throws it again. So a caller that reads to the end (as {@code transferTo},
 * {@code readAllBytes} and {@link Hasher#copy} do) cannot miss a mismatch, and must treat the
 * bytes it received as unverified until then. <b>A stream closed before its end is never
 * verified</b>; reading exactly the expected number of bytes is not enough, the next read must
 * see the end.
 *
 * <pre>{@code
 * try (InputStream in = new FixityInputStream(Files.newInputStream(file), expectedDigests)) {
 *     in.transferTo(out);   // throws FixityException if the file is not what was expected
 * }
 * }</pre>
 *
 * <p>{@link #skip} reads and digests the skipped bytes. Mark and reset are not supported. Not
 * thread-safe, like most streams.
 */
public final class FixityInputStream extends FilterInputStream {
    private final DigestValue[] expected;
    private final MessageDigest[] digests;
    private final long expectedSize;
    private final String source;
    private long count;
    private boolean verified;
    private FixityException failure;

    /**
     * A stream that checks every digest in {@code expected} and its {@linkplain DigestSet#size() size}.
     */
    public FixityInputStream(InputStream in, DigestSet expected) {
        this(in, Objects.requireNonNull(expected, "expected").asMap().values(), expected.size(), null);
    }

    private FixityInputStream(InputStream in, Collection<DigestValue> expected, long expectedSize, String source) {
        super(Objects.requireNonNull(in, "in"));
        Map<DigestAlgorithm, DigestValue> byAlgorithm = new EnumMap<>(DigestAlgorithm.class);
        for (DigestValue value : expected) {
            DigestValue previous = byAlgorithm.put(value.algorithm(), value);
            if (previous != null && !previous.equals(value)) {
                throw new IllegalArgumentException("two different expected " + value.algorithm().label() + " digests");
            }
        }
        if (byAlgorithm.isEmpty()) {
            throw new IllegalArgumentException("at least one expected digest is needed");
        }
        this.expected = byAlgorithm.values().toArray(new DigestValue[0]);
        this.digests = new MessageDigest[this.expected.length];
        for (int i = 0; i < digests.length; i++) {
            digests[i] = this.expected[i].algorithm().newMessageDigest();
        }
        this.expectedSize = expectedSize;
        this.source = source;
    }

    /** A builder for a stream over {@code in}, to give expected digests one by one, a size and a name. */
    public static Builder builder(InputStream in) {
        return new Builder(Objects.requireNonNull(in, "in"));
    }

    /** The number of bytes read (and digested) so far. */
    public long bytesRead() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            verifyAtEnd();
            return -1;
        }
        for (MessageDigest digest : digests) {
            digest.update((byte) b);
        }
        count++;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            verifyAtEnd();
            return -1;
        }
        for (MessageDigest digest : digests) {
            digest.update(buffer, offset, n);
        }
        count += n;
        return n;
    }

    /** Reads and digests up to {@code n} bytes, discarding them; may throw as {@link #read()} at the end. */
    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    /** Always false: digested bytes cannot be un-read. */
    @Override
    public boolean markSupported() {
        return false;
    }

    /** Does nothing, as marks are not supported. */
    @Override
    public synchronized void mark(int readLimit) {
        // Not supported; reset() says so.
    }

    /** @throws IOException always, as marks are not supported */
    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported by a fixity-checking stream");
    }

    private void verifyAtEnd() throws FixityException {
        if (failure != null) {
            throw failure;
        }
        if (verified) {
            return;
        }
        List<String> problems = new ArrayList<>();
        DigestValue firstExpected = null;
        DigestValue firstActual = null;
        for (int i = 0; i < expected.length; i++) {
            DigestValue actual = DigestValue.of(expected[i].algorithm(), digests[i].digest());
            if (!actual.equals(expected[i])) {
                problems.add(expected[i].algorithm().label() + " expected " + expected[i].hex() + ", got "
                        + actual.hex());
                if (firstExpected == null) {
                    firstExpected = expected[i];
                    firstActual = actual;
                }
            }
        }
        if (expectedSize >= 0 && expectedSize != count) {
            problems.add(0, "expected " + expectedSize + " bytes, read " + count);
        }
        if (problems.isEmpty()) {
            verified = true;
            return;
        }
        failure = new FixityException((source != null ? source + ": " : "") + "fixity check failed: "
                + String.join("; ", problems), firstExpected, firstActual, expectedSize, count);
        throw failure;
    }

    /** Settings for a {@link FixityInputStream}. */
    public static final class Builder {
        private final InputStream in;
        private final List<DigestValue> expected = new ArrayList<>();
        private long expectedSize = -1;
        private String source;

        private Builder(InputStream in) {
            this.in = in;
        }

        /** Adds expected digests; giving two different values for one algorithm is an error at {@link #build()}. */
        public Builder expect(DigestValue... values) {
            for (DigestValue value : values) {
                expected.add(Objects.requireNonNull(value, "values contains null"));
            }
            return this;
        }

        /** Adds every digest in {@code values}. */
        public Builder expect(Collection<DigestValue> values) {
            return expect(values.toArray(new DigestValue[0]));
        }

        /**
         * The number of bytes the stream must hold.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder expectSize(long size) {
            if (size < 0) {
                throw new IllegalArgumentException("size must not be negative: " + size);
            }
            this.expectedSize = size;
            return this;
        }

        /** What the stream is (e.g. a file or entry path), to name it in a {@link FixityException}. */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * The stream.
         *
         * @throws IllegalArgumentException if no digest is expected, or two differ for one algorithm
         */
        public FixityInputStream build() {
            return new FixityInputStream(in, expected, expectedSize, source);
        }
    }
}
