package dev.palimpsest.pdf.internal.verify;

import dev.palimpsest.core.digest.DigestAlgorithm;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Digests the byte ranges of every signature in one sequential read of the file: each range set
 * gets its own digests, fed only the bytes its ranges cover. Memory use is one buffer, whatever
 * the file's size.
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

    private final List<Job> jobs = new ArrayList<>();

    /** Adds a job. */
    Job add(long[][] ranges, DigestAlgorithm... algorithms) {
        Job job = new Job(ranges, algorithms);
        jobs.add(job);
        return job;
    }

    /** Reads the file once, from the first range's start to the last range's end. */
    void run(ByteSource src) throws IOException {
        long from = Long.MAX_VALUE;
        long to = 0;
        for (Job j : jobs) {
            for (long[] r : j.ranges) {
                from = Math.min(from, r[0]);
                to = Math.max(to, r[1]);
            }
        }
        byte[] buffer = new byte[BUFFER];
        for (long pos = from; pos < to;) {
            int n = src.read(pos, buffer, 0, (int) Math.min(BUFFER, to - pos));
            if (n <= 0) {
                throw new IOException("the file ended at offset " + pos + " while reading signed bytes");
            }
            long end = pos + n;
            for (Job j : jobs) {
                for (long[] r : j.ranges) {
                    long a = Math.max(r[0], pos);
                    long b = Math.min(r[1], end);
                    if (a < b) {
                        for (MessageDigest md : j.digests.values()) {
                            md.update(buffer, (int) (a - pos), (int) (b - a));
                        }
                    }
                }
            }
            pos = end;
        }
        for (Job j : jobs) {
            j.digests.forEach((a, md) -> j.results.put(a, md.digest()));
        }
    }
}
