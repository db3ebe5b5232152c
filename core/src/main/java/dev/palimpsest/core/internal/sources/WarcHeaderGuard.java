package dev.palimpsest.core.internal.sources;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Walks a WARC file's record headers before jwarc parses it, failing on a header longer than a
 * limit. jwarc grows its header buffer for as long as no header end arrives, so one hostile
 * record (a header line without a line end, hundreds of megabytes long) would exhaust the heap.
 * The walk reads each header (bounded), takes its {@code Content-Length} and skips the block;
 * it stops quietly at anything else it cannot follow (a missing length, the end of the file),
 * leaving the diagnosis of such damage to the real parse. A gzip-compressed WARC is walked in its
 * decompressed form (one more inflation pass; the price of not trusting the file).
 */
public final class WarcHeaderGuard {
    /** The default limit: 1 MiB, far above any real WARC header (a few hundred bytes to a few KiB). */
    public static final int DEFAULT_MAX_HEADER_BYTES = 1024 * 1024;

    /** A record header longer than the limit. */
    public static final class HeaderTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long offset;
        private final String detail;

        HeaderTooLargeException(Path warc, String detail, long offset) {
            super(warc + ": " + detail);
            this.offset = offset;
            this.detail = detail;
        }

        /** The message without the file name. */
        public String detail() {
            return detail;
        }

        /** Where the record starts: a byte offset in the file, or in its decompressed content when gzipped. */
        public long offset() {
            return offset;
        }
    }

    private WarcHeaderGuard() {
    }

    /**
     * Checks every record header of {@code warc} against {@code maxHeaderBytes}.
     *
     * @throws HeaderTooLargeException naming the file and the record's offset if one is longer
     * @throws IOException if the file cannot be read (the real parse reports damage in more detail)
     */
    public static void check(Path warc, int maxHeaderBytes) throws IOException {
        boolean gzip;
        try (InputStream probe = Files.newInputStream(warc)) {
            gzip = probe.read() == 0x1f && probe.read() == 0x8b;
        }
        try (InputStream file = Files.newInputStream(warc);
                InputStream in = new BufferedInputStream(gzip ? new GZIPInputStream(file, 64 * 1024) : file, 64 * 1024)) {
            walk(in, warc, gzip, maxHeaderBytes);
        } catch (HeaderTooLargeException e) {
            throw e;
        } catch (EOFException | java.util.zip.ZipException e) {
            // damage the real parse reports with its own words
        }
    }

    private static void walk(InputStream in, Path warc, boolean gzip, int max) throws IOException {
        long offset = 0;
        byte[] header = new byte[Math.min(max, 64 * 1024) + 4];
        while (true) {
            // Blank lines between records (the CRLF CRLF that ends each block) belong to no header.
            int b;
            while ((b = in.read()) == '\r' || b == '\n') {
                offset++;
            }
            if (b < 0) {
                return;
            }
            long start = offset;
            // Only the end of the header matters here, and Content-Length: keep the first 64 KiB.
            int kept = 0;
            long length = 0;
            int line = 0; // bytes of the current line, CR aside: the header ends at an empty line
            while (true) {
                if (b < 0) {
                    return;
                }
                length++;
                if (length > max) {
                    throw new HeaderTooLargeException(warc, "the header of the WARC record at offset " + start
                            + (gzip ? " of the decompressed content" : "") + " is longer than " + max
                            + " bytes without ending (a damaged or hostile file); nothing is imported from it",
                            start);
                }
                if (kept < header.length) {
                    header[kept++] = (byte) b;
                }
                if (b == '\n') {
                    if (line == 0) {
                        break;
                    }
                    line = 0;
                } else if (b != '\r') {
                    line++;
                }
                b = in.read();
            }
            offset = start + length;
            long contentLength = contentLength(new String(header, 0, kept, StandardCharsets.ISO_8859_1));
            if (contentLength < 0) {
                return;
            }
            in.skipNBytes(contentLength);
            offset += contentLength;
        }
    }

    private static long contentLength(String header) {
        for (String line : header.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("content-length")) {
                try {
                    long value = Long.parseLong(line.substring(colon + 1).strip());
                    return value >= 0 ? value : -1;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
