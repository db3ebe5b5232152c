package dev.palimpsest.core.internal.wacz;

import dev.palimpsest.core.digest.DigestAlgorithm;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Passes a file's bytes through while computing, in the same read, the digest of the whole file,
 * its length, and the SHA-256 (and, when asked, the first bytes) of given byte ranges — the
 * records an index locates, or the blocks of a compressed index. So every file is read once,
 * whatever parses it on top.
 */
final class TrackingStream extends FilterInputStream {
    /** A byte range of the file: its digest when the file has been read past its end. */
    static final class Range {
        private static final byte[] NONE = new byte[0];

        final long offset;
        final long length;
        final DigestAlgorithm algorithm;
        private final int prefixLimit;
        /** Created when the first byte arrives: a file may have many ranges, few of them open at once. */
        private MessageDigest md;
        private byte[] value;
        private byte[] prefix = NONE;
        private long seen;

        Range(long offset, long length, int prefixLimit) {
            this(offset, length, prefixLimit, DigestAlgorithm.SHA256);
        }

        Range(long offset, long length, int prefixLimit, DigestAlgorithm algorithm) {
            this.offset = offset;
            this.length = length;
            this.prefixLimit = prefixLimit;
            this.algorithm = algorithm;
        }

        /** Whether the file held every byte of the range. */
        boolean complete() {
            return seen == length;
        }

        /** The digest of the range with {@link #algorithm}; meaningful only when {@link #complete()}. */
        byte[] digest() {
            if (value == null) {
                value = (md != null ? md : algorithm.newMessageDigest()).digest();
                md = null;
            }
            return value.clone();
        }

        /** Up to the prefix limit's first bytes of the range. */
        byte[] prefix() {
            return prefix;
        }

        private void update(byte[] b, int off, int len) {
            if (md == null) {
                md = algorithm.newMessageDigest();
            }
            md.update(b, off, len);
            if (prefix.length < prefixLimit) {
                int keep = (int) Math.min(len, prefixLimit - prefix.length);
                byte[] grown = Arrays.copyOf(prefix, prefix.length + keep);
                System.arraycopy(b, off, grown, prefix.length, keep);
                prefix = grown;
            }
            seen += len;
        }
    }

    private final MessageDigest whole;
    private final List<Range> pending;
    private final List<Range> active = new ArrayList<>();
    private int next;
    private long position;

    /**
     * @param whole the digest of the whole file
     * @param ranges the ranges to hash, in any order
     */
    TrackingStream(InputStream in, MessageDigest whole, List<Range> ranges) {
        super(in);
        this.whole = whole;
        this.pending = new ArrayList<>(ranges);
        pending.sort(Comparator.comparingLong(r -> r.offset));
    }

    /** How many bytes have passed. */
    long position() {
        return position;
    }

    /** Reads the rest of the file, so that the digests are complete, and returns its length. */
    long drain() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (read(buffer, 0, buffer.length) >= 0) {
            // the digests see the bytes as they pass
        }
        return position;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            whole.update(b, off, n);
            long end = position + n;
            while (next < pending.size() && pending.get(next).offset < end) {
                active.add(pending.get(next++));
            }
            for (Iterator<Range> it = active.iterator(); it.hasNext();) {
                Range r = it.next();
                long from = Math.max(position, r.offset);
                long to = Math.min(end, r.offset + r.length);
                if (to > from) {
                    r.update(b, off + (int) (from - position), (int) (to - from));
                }
                if (r.offset + r.length <= end) {
                    it.remove();
                }
            }
            position = end;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // every byte must pass through the digests
        byte[] discard = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(discard, 0, (int) Math.min(discard.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
