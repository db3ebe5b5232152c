package dev.palimpsest.core.internal.wacz;

import dev.palimpsest.core.capture.WaybackTimestamp;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.sign.KeyFiles;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcTargetRecord;

/**
 * Walks the records of one WARC file as it streams (through the {@link TrackingStream} that hashes
 * the file and the indexed byte ranges) and fills in what each index entry's record is: where
 * records start and end, their type, target URL, date, payload digest header and computed payload
 * digests. Records no entry points to are skipped without hashing their payload.
 */
final class WarcScan {
    private final TrackingStream in;
    private final Map<Long, List<IndexEntry>> byOffset;

    private WarcScan(TrackingStream in, List<IndexEntry> entries) {
        this.in = in;
        this.byOffset = new TreeMap<>();
        for (IndexEntry e : entries) {
            byOffset.computeIfAbsent(e.offset, k -> new ArrayList<>()).add(e);
        }
    }

    /**
     * Scans the file, filling in the entries; then reads the rest of the file so that the
     * tracking digests are complete.
     *
     * @return empty, or what made the file unreadable as WARC and at which offset
     * @throws IOException if the file cannot be read (the ZIP, not the WARC format)
     */
    static Optional<String> scan(TrackingStream in, List<IndexEntry> entries) throws IOException {
        return new WarcScan(in, entries).run();
    }

    private Optional<String> run() throws IOException {
        String failure = null;
        List<IndexEntry> open = null;
        long openAt = -1;
        WarcReader reader = new WarcReader(new NonClosing(in));
        long position = 0;
        try {
            for (Optional<WarcRecord> next = reader.next(); next.isPresent(); next = reader.next()) {
                position = reader.position();
                if (open != null) {
                    close(open, openAt, position);
                    open = null;
                }
                List<IndexEntry> here = byOffset.get(position);
                if (here != null) {
                    describe(next.get(), here);
                    open = here;
                    openAt = position;
                }
            }
        } catch (WaczProblemException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // jwarc's ParsingException and friends: the file is not WARC from here on
            failure = "it is not a readable WARC after offset " + position + ": " + KeyFiles.safeMessage(e);
            open = null;
        }
        long end = in.drain();
        if (open != null) {
            close(open, openAt, end);
        }
        return Optional.ofNullable(failure);
    }

    private static void close(List<IndexEntry> entries, long start, long end) {
        for (IndexEntry e : entries) {
            e.actualLength = end - start;
        }
    }

    private void describe(WarcRecord record, List<IndexEntry> entries) throws IOException {
        String type = record.type();
        String url = record instanceof WarcTargetRecord ? ((WarcTargetRecord) record).target() : null;
        Instant date;
        try {
            date = record.date();
        } catch (RuntimeException e) {
            date = null; // reported as a date mismatch with the index
        }
        DigestValue header = null;
        Optional<String> headerText = record.headers().first("WARC-Payload-Digest");
        if (headerText.isPresent()) {
            try {
                header = DigestValue.parseLabelled(headerText.get());
            } catch (IllegalArgumentException e) {
                header = null;
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
            boolean http = isHttp(record);
            try (InputStream block = record.body().stream()) {
                payload = Payload.of(block, http, algorithms);
            }
        }
        for (IndexEntry e : entries) {
            e.found = true;
            e.recordType = type;
            e.recordUrl = url;
            e.recordDate = date == null ? null : WaybackTimestamp.of(date);
            e.recordPayloadHeader = header;
            if (payload != null && e.digest != null) {
                e.payloadRaw = payload.raw().get(e.digest.algorithm());
                e.payloadDecoded = payload.decoded().get(e.digest.algorithm());
                e.chunked = payload.chunked();
            }
        }
    }

    private static boolean isHttp(WarcRecord record) {
        try {
            MediaType type = record.contentType();
            return type != null && type.base().equals(MediaType.HTTP);
        } catch (RuntimeException e) {
            return false; // an unparseable Content-Type: the block is hashed whole
        }
    }

    /** Keeps jwarc from closing the tracking stream, which must still be drained. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the scan drains and the caller closes
        }
    }
}
