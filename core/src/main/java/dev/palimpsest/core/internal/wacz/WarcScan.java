package dev.palimpsest.core.internal.wacz;

import dev.palimpsest.core.capture.WaybackTimestamp;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * Walks the records of one WARC file as it streams (through the {@link TrackingStream} that hashes
 * the file and the indexed byte ranges) and fills in what each index entry's record is: where
 * records start and end, their type, target URL, date, payload digest header and computed payload
 * digests. Records no entry points to are passed over without hashing their payload.
 */
final class WarcScan implements WarcRecords.Visitor {
    /** How many unreadable places of one file are reported; the rest are counted. */
    static final int MAX_LISTED_FAILURES = 100;

    private final TreeMap<Long, List<IndexEntry>> byOffset = new TreeMap<>();
    private final List<WaczProblemException> failures = new ArrayList<>();
    private long unlistedFailures;
    private List<IndexEntry> open;
    private long openAt;
    private long openEnd = -1;

    private WarcScan(List<IndexEntry> entries) {
        for (IndexEntry e : entries) {
            byOffset.computeIfAbsent(e.offset, k -> new ArrayList<>()).add(e);
        }
    }

    /**
     * Scans the file, filling in the entries; then reads the rest of the file so that the
     * tracking digests are complete. Where the file cannot be read, the scan resumes at the next
     * offset an entry gives.
     *
     * @return the places where the file could not be read as WARC (or a gzip member inflated too
     *     far), at most {@link #MAX_LISTED_FAILURES}, then one that counts the rest
     * @throws WaczProblemException as the ZIP's limits are passed
     */
    static List<WaczProblemException> scan(TrackingStream in, String path, int maxRatio, List<IndexEntry> entries)
            throws IOException {
        WarcScan scan = new WarcScan(entries);
        try {
            WarcRecords.read(in, path, maxRatio, scan);
        } finally {
            long end = in.drain();
            // the last record read ends where its closing line breaks do; one cut short, at the end of the file
            scan.close(scan.openEnd >= 0 ? scan.openEnd : end);
        }
        List<WaczProblemException> failures = new ArrayList<>(scan.failures);
        if (scan.unlistedFailures > 0) {
            failures.add(new WaczProblemException(failures.get(0).code(), path + ": " + scan.unlistedFailures
                    + " more unreadable places were not listed", true));
        }
        return failures;
    }

    @Override
    public void failed(long offset, WaczProblemException problem) {
        close(offset);
        if (failures.size() < MAX_LISTED_FAILURES) {
            failures.add(problem);
        } else {
            unlistedFailures++;
        }
        for (IndexEntry e : byOffset.getOrDefault(offset, List.of())) {
            e.unreadable = problem.getMessage();
        }
    }

    @Override
    public long resumeAfter(long offset) {
        Long next = byOffset.higherKey(offset);
        return next == null ? -1 : next;
    }

    @Override
    public void record(long offset, WarcRecords.Header header, InputStream block) throws IOException {
        close(offset);
        List<IndexEntry> here = byOffset.get(offset);
        if (here != null) {
            open = here;
            openAt = offset;
            openEnd = -1;
            describe(header, block, here);
        }
    }

    @Override
    public void end(long position) {
        openEnd = position;
    }

    /** The record that started last ends at {@code end}. */
    private void close(long end) {
        if (open != null) {
            for (IndexEntry e : open) {
                e.actualLength = end - openAt;
            }
            open = null;
        }
    }

    private static void describe(WarcRecords.Header header, InputStream block, List<IndexEntry> entries) throws IOException {
        String type = header.type() == null ? "unknown" : header.type().toLowerCase(Locale.ROOT);
        DigestValue payloadHeader = null;
        if (header.payloadDigest() != null) {
            try {
                payloadHeader = DigestValue.parseLabelled(header.payloadDigest());
            } catch (IllegalArgumentException e) {
                payloadHeader = null; // an unreadable header digest says nothing to compare with
            }
        }
        Set<DigestAlgorithm> algorithms = EnumSet.noneOf(DigestAlgorithm.class);
        for (IndexEntry e : entries) {
            if (e.digest != null) {
                algorithms.add(e.digest.algorithm());
            }
        }
        Payload.Digests payload = null;
        if (!algorithms.isEmpty() && !type.equals("revisit")) {
            payload = Payload.of(block, isHttp(header.contentType()), algorithms);
        }
        WaybackTimestamp date = date(header.date());
        for (IndexEntry e : entries) {
            e.found = true;
            e.recordType = type;
            e.recordUrl = header.targetUri();
            e.recordDate = date;
            e.recordPayloadHeader = payloadHeader;
            if (payload != null && e.digest != null) {
                e.payloadRaw = payload.raw().get(e.digest.algorithm());
                e.payloadDecoded = payload.decoded().get(e.digest.algorithm());
                e.chunked = payload.chunked();
            }
        }
    }

    private static boolean isHttp(String contentType) {
        return contentType != null && contentType.strip().toLowerCase(Locale.ROOT).startsWith("application/http");
    }

    private static WaybackTimestamp date(String text) {
        Instant instant = WaczSignature.parseTime(text);
        try {
            return instant == null ? null : WaybackTimestamp.of(instant);
        } catch (IllegalArgumentException e) {
            return null; // a year beyond 9999 is no capture date
        }
    }
}
