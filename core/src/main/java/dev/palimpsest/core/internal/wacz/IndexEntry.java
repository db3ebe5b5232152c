package dev.palimpsest.core.internal.wacz;

import dev.palimpsest.core.capture.WaybackTimestamp;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.CaptureCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * One CDXJ index line that locates a WARC record, and what the record check found for it. The
 * location and claims are fixed when read; the findings are filled in while the WARC streams.
 */
final class IndexEntry {
    final String index;
    final long line;
    final String urlkey;
    final WaybackTimestamp timestamp;
    final String url;
    final String mime;
    /** The WARC file's path in the ZIP ({@code archive/<filename>}). */
    final String warc;
    final long offset;
    final long length;
    /** The payload digest the index gives, or null. */
    final DigestValue digest;
    /** The digest of the record's bytes as stored (WACZ 1.1 {@code recordDigest}), or null. */
    final DigestValue recordDigest;

    /** Whether the WARC file it names is absent from the WACZ or could not be read (reported once per file). */
    boolean warcUnavailable;
    /** Why the record at {@link #offset} could not be read, when the WARC file fails there. */
    String unreadable;
    /** Whether a record starts at {@link #offset}. */
    boolean found;
    long actualLength = -1;
    DigestValue actualRecordDigest;
    /** Whether the file ended before the record's indexed range did. */
    boolean recordTruncated;
    String recordType;
    String recordUrl;
    WaybackTimestamp recordDate;
    DigestValue recordPayloadHeader;
    /** The payload digests computed: of the body as stored, and with chunked transfer coding removed. */
    DigestValue payloadRaw;
    DigestValue payloadDecoded;
    boolean chunked;
    CaptureCheck captureCheck;
    /** What is wrong, in words; empty when the entry matches its record. */
    List<String> mismatches = List.of();

    IndexEntry(String index, long line, String urlkey, WaybackTimestamp timestamp, String url, String mime, String warc,
            long offset, long length, DigestValue digest, DigestValue recordDigest) {
        this.index = index;
        this.line = line;
        this.urlkey = urlkey;
        this.timestamp = timestamp;
        this.url = url;
        this.mime = mime;
        this.warc = warc;
        this.offset = offset;
        this.length = length;
        this.digest = digest;
        this.recordDigest = recordDigest;
    }

    void mismatch(String what) {
        if (mismatches.isEmpty()) {
            mismatches = new ArrayList<>(2);
        }
        mismatches.add(what);
    }

    boolean isRevisit() {
        return "warc/revisit".equalsIgnoreCase(mime);
    }

    /** {@code archive/x.warc.gz#1945}: where the record is. */
    String location() {
        return warc + "#" + offset;
    }
}
