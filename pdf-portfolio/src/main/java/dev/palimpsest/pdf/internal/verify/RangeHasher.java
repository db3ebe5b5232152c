package dev.palimpsest.pdf.internal.verify;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestSet;
import dev.palimpsest.core.digest.Hasher;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Digests, in one sequential read of the file, the byte ranges of every signature and the stored
 * bytes of attachments kept without a filter (which lie inside the first signed range). Each
 * signature's range set gets its own digests, fed only the bytes its ranges cover; each
 * attachment region is hashed by core's {@link Hasher}, which runs one thread per algorithm while
 * this thread reads and feeds the signatures' digests, so the file is read once and both cores
 * are busy. Memory use is a few buffers, whatever the file's size.
 */
final class RangeHasher {
    private static final int BUFFER = 1 << 20;

    /** One signature's ranges ({@code [start, end)} pairs) and the digests wanted over them. */
    static final class Job {
        private final long[][] ranges;
        private final Map<DigestAlgorithm, MessageDigest> digests = new EnumMap<>(DigestAlgorithm.class);
        private final Map<DigestAlgorithm, byte[]> results = new EnumMap<>(DigestAlgorithm.class);

        Job(long[][] ranges, DigestAlgorithm... algorithms) {
            this.ranges = ranges;
            for (DigestAlgorithm a : algorithms) {
                digests.put(a, a.newMessageDigest());
            }
        }

        /** The digest with {@code algorithm}, after {@link RangeHasher#run}. */
        byte[] result(DigestAlgorithm algorithm) {
            return results.get(algorithm).clone();
        }
    }

    /** A contiguous region of the file ({@code [start, end)}, an attachment's stored bytes) to digest whole. */
    static final class Region {
        private final long start;
        private final long end;
        private final Set<DigestAlgorithm> algorithms;
        private DigestSet result;

        Region(long start, long end, Set<DigestAlgorithm> algorithms) {
            this.start = start;
            this.end = end;
            // Shared, not copied: a portfolio may have very many attachments, all with the same set.
            this.algorithms = algorithms;
        }

        /** The digests of the region, or null when it was not digested (it overlaps another region). */
        DigestSet result() {
            return result;
        }
    }

    private final List<Job> jobs = new ArrayList<>();
    private final List<Region> regions = new ArrayList<>();

    /** Adds a job. */
    Job add(long[][] ranges, DigestAlgorithm... algorithms) {
        Job job = new Job(ranges, algorithms);
        jobs.add(job);
        return job;
    }

    /**
     * Adds a region to digest with {@code algorithms} (not empty, an unmodifiable set that may be
     * shared by many regions) during the same pass; the caller makes sure it lies within the file.
     */
    Region addRegion(long start, long end, Set<DigestAlgorithm> algorithms) {
        if (start < 0 || end < start || algorithms.isEmpty()) {
            throw new IllegalArgumentException("region [" + start + ", " + end + ") with " + algorithms);
        }
        Region region = new Region(start, end, algorithms);
        regions.add(region);
        return region;
    }

    /**
     * Reads the file once, from the first range's or region's start to the last one's end.
     * Regions that overlap an earlier one are left undigested (their {@link Region#result()} is
     * null) rather than read twice.
     */
    void run(ByteSource src) throws IOException {
        long from = Long.MAX_VALUE;
        long to = 0;
        for (Job j : jobs) {
            for (long[] r : j.ranges) {
                from = Math.min(from, r[0]);
                to = Math.max(to, r[1]);
            }
        }
        List<Region> sorted = new ArrayList<>(regions);
        sorted.sort(Comparator.comparingLong((Region r) -> r.start).thenComparingLong(r -> r.end));
        byte[] buffer = new byte[BUFFER];
        long pos = Math.min(from, sorted.isEmpty() ? Long.MAX_VALUE : sorted.get(0).start);
        for (Region r : sorted) {
            if (r.start < pos) {
                continue;
            }
            feed(src, buffer, pos, r.start);
            Hasher hasher = Hasher.builder().algorithms(r.algorithms.toArray(new DigestAlgorithm[0])).build();
            try (InputStream in = new Tee(src, r.start, r.end)) {
                r.result = hasher.hash(in);
            }
            if (r.result.size() != r.end - r.start) {
                throw new IOException("the file ended at offset " + (r.start + r.result.size()) + " while reading "
                        + "an attachment that should end at " + r.end);
            }
            pos = r.end;
            to = Math.max(to, r.end);
        }
        if (pos < to) {
            feed(src, buffer, pos, to);
        }
        for (Job j : jobs) {
            j.digests.forEach((a, md) -> j.results.put(a, md.digest()));
        }
    }

    /** Reads {@code [from, to)} and feeds the signatures' digests. */
    private void feed(ByteSource src, byte[] buffer, long from, long to) throws IOException {
        for (long pos = from; pos < to;) {
            int n = src.read(pos, buffer, 0, (int) Math.min(buffer.length, to - pos));
            if (n <= 0) {
                throw new IOException("the file ended at offset " + pos + " while reading signed bytes");
            }
            update(buffer, 0, pos, n);
            pos += n;
        }
    }

    /** Feeds {@code n} bytes of {@code buffer} from {@code off}, read at file offset {@code pos}, to the signatures' digests. */
    private void update(byte[] buffer, int off, long pos, int n) {
        long end = pos + n;
        for (Job j : jobs) {
            for (long[] r : j.ranges) {
                long a = Math.max(r[0], pos);
                long b = Math.min(r[1], end);
                if (a < b) {
                    for (MessageDigest md : j.digests.values()) {
                        md.update(buffer, off + (int) (a - pos), (int) (b - a));
                    }
                }
            }
        }
    }

    /** The bytes of a region, fed to the signatures' digests as the {@link Hasher} reads them. */
    private final class Tee extends InputStream {
        private long pos;
        private final long end;
        private final ByteSource src;

        Tee(ByteSource src, long start, long end) {
            this.src = src;
            this.pos = start;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= end) {
                return -1;
            }
            int n = src.read(pos, b, off, (int) Math.min(len, end - pos));
            if (n <= 0) {
                return -1;
            }
            update(b, off, pos, n);
            pos += n;
            return n;
        }
    }
}
