package dev.palimpsest.core.internal.wacz;

import dev.palimpsest.core.verify.ProblemCode;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Walks the records of a WARC file (ISO 28500, 1.0 and 1.1), plain or gzipped one record per
 * member, reporting each record's offset — for a gzipped file the offset of its gzip member, as
 * CDXJ indexes give it — its header and its block.
 *
 * <p>Written for hostile files: a record header is read only up to {@link #MAX_HEADER_BYTES}, a
 * gzip member that inflates beyond the compression-ratio limit is refused, and nothing but the
 * header is ever held in memory.
 */
final class WarcRecords {
    /** The most bytes of one record's header (version line and fields) that are read. */
    static final int MAX_HEADER_BYTES = 1 << 20;

    /** The header fields the record checks need; each is null when absent. */
    record Header(String version, String type, String targetUri, String date, String payloadDigest, String contentType,
            long contentLength) {
    }

    /** Receives each record, and each place where the file stops being readable. */
    interface Visitor {
        /**
         * A record at {@code offset}; {@code block} holds exactly its block and may be read in
         * part or not at all.
         */
        void record(long offset, Header header, InputStream block) throws IOException;

        /** The record that started last ends at {@code position} (after its closing line breaks). */
        void end(long position);

        /** The record, or gzip member, at {@code offset} cannot be read. */
        void failed(long offset, WaczProblemException problem);

        /**
         * Where reading may resume after a failure: the first offset after {@code offset} where an
         * index says a record starts, or -1 to stop.
         */
        long resumeAfter(long offset);
    }

    private final Source source;
    private final String path;
    private final int maxRatio;

    private WarcRecords(TrackingStream in, String path, int maxRatio) {
        this.source = new Source(in);
        this.path = path;
        this.maxRatio = maxRatio;
    }

    /**
     * Reads every record of the WARC file streaming through {@code in}.
     *
     * @throws WaczProblemException {@code WACZ_WARC_MALFORMED} naming the offset where the file
     *     stops being WARC, or {@code ZIP_LIMIT_EXCEEDED} for a gzip member that inflates too far
     */
    static void read(TrackingStream in, String path, int maxRatio, Visitor visitor) throws IOException {
        new WarcRecords(in, path, maxRatio).run(visitor);
    }

    private void run(Visitor visitor) throws IOException {
        boolean gzip = source.peek() == 0x1f;
        while (true) {
            if (!gzip) {
                skipLineBreaks(source);
            }
            if (source.peek() < 0) {
                return;
            }
            long offset = source.position();
            Member member = null;
            try {
                if (gzip) {
                    member = new Member(offset);
                    record(offset, member, visitor, true);
                    member.finish();
                } else {
                    record(offset, source, visitor, false);
                }
                visitor.end(source.position());
            } catch (WaczProblemException e) {
                if (!e.inContent()) {
                    throw e;
                }
                visitor.failed(offset, e);
                // the index knows where the next records start: resume there, as replay would
                long resume = visitor.resumeAfter(offset);
                while (resume >= 0 && !seek(resume)) {
                    resume = visitor.resumeAfter(resume);
                }
                if (resume < 0) {
                    return;
                }
            } finally {
                if (member != null) {
                    member.end();
                }
            }
        }
    }

    /**
     * Moves to {@code offset}: forward by reading, back only within the bytes still buffered.
     * Returns false when the offset has passed out of reach or the file ends before it.
     */
    private boolean seek(long offset) throws IOException {
        long position = source.position();
        if (offset < position) {
            long bufferStart = position - source.pos;
            if (offset < bufferStart) {
                return false;
            }
            source.pos = (int) (offset - bufferStart);
            return true;
        }
        while (source.position() < offset) {
            if (source.peek() < 0) {
                return false;
            }
            int step = (int) Math.min(source.limit - source.pos, offset - source.position());
            source.pos += step;
        }
        return true;
    }

    private void record(long offset, InputStream in, Visitor visitor, boolean gzip) throws IOException {
        Header header = header(offset, in);
        Bounded block = new Bounded(in, header.contentLength());
        visitor.record(offset, header, block);
        block.skipRest(offset);
        // the record ends with two CRLFs; tolerate bare LFs, as readers do
        for (int i = 0; i < 4; i++) {
            int b = peek(in, gzip);
            if (b != '\r' && b != '\n') {
                break;
            }
            in.read();
        }
    }

    private int peek(InputStream in, boolean gzip) throws IOException {
        return gzip ? ((Member) in).peek() : source.peek();
    }

    private Header header(long offset, InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int lineLength = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw malformed(offset, bytes.size() == 0 ? "the file ends where a record should start"
                        : "the file ends inside a record header");
            }
            bytes.write(b);
            if (bytes.size() > MAX_HEADER_BYTES) {
                throw malformed(offset, "the record header is longer than " + MAX_HEADER_BYTES + " bytes");
            }
            // the header ends at an empty line (CRLF CRLF; lax writers use bare LFs)
            if (b == '\n') {
                if (lineLength == 0) {
                    break;
                }
                lineLength = 0;
            } else if (b != '\r') {
                lineLength++;
            }
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\r?\n");
        if (lines.length == 0 || !lines[0].startsWith("WARC/")) {
            throw malformed(offset, "no WARC record starts here (it starts with '"
                    + WaczPaths.printable(lines.length == 0 ? "" : lines[0]) + "')");
        }
        String type = null;
        String target = null;
        String date = null;
        String payloadDigest = null;
        String contentType = null;
        String length = null;
        String name = null;
        StringBuilder value = new StringBuilder();
        for (int i = 1; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : "";
            if (i < lines.length && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            if (name != null) {
                String v = value.toString().strip();
                switch (name) {
                    case "warc-type": type = v; break;
                    case "warc-target-uri": target = v; break;
                    case "warc-date": date = v; break;
                    case "warc-payload-digest": payloadDigest = v; break;
                    case "content-type": contentType = v; break;
                    case "content-length": length = v; break;
                    default: break;
                }
                name = null;
            }
            if (i == lines.length || line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed(offset, "the record header has a line that is not a 'Name: value' field: '"
                        + WaczPaths.printable(line) + "'");
            }
            name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            value.setLength(0);
            value.append(line.substring(colon + 1));
        }
        if (length == null || !length.matches("[0-9]{1,18}")) {
            throw malformed(offset, "the record has no valid Content-Length");
        }
        if (target != null && target.startsWith("<") && target.endsWith(">")) {
            target = target.substring(1, target.length() - 1); // WARC 1.0 wrote the URI in angle brackets
        }
        return new Header(lines[0].strip(), type, target, date, payloadDigest, contentType, Long.parseLong(length));
    }

    private static void skipLineBreaks(Source source) throws IOException {
        while (source.peek() == '\r' || source.peek() == '\n') {
            source.read();
        }
    }

    private WaczProblemException malformed(long offset, String what) {
        return new WaczProblemException(ProblemCode.WACZ_WARC_MALFORMED, path + " is not a readable WARC at offset "
                + offset + ": " + what, true);
    }

    /** A record's block: exactly its Content-Length bytes of the record stream. */
    private final class Bounded extends InputStream {
        private final InputStream in;
        private long remaining;

        Bounded(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("the record's block ends early");
            }
            remaining -= n;
            return n;
        }

        void skipRest(long offset) throws IOException {
            byte[] discard = new byte[64 * 1024];
            try {
                while (read(discard, 0, discard.length) >= 0) {
                    // passing through: the tracking digests must see every byte
                }
            } catch (EOFException e) {
                throw malformed(offset, "the file ends inside the record's block of " + remaining + " more bytes");
            }
        }
    }

    /** The raw bytes of the file, with one byte of look-ahead and their position. */
    private static final class Source extends InputStream {
        private final TrackingStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private int pos;
        private int limit;

        Source(TrackingStream in) {
            this.in = in;
        }

        long position() {
            return in.position() - (limit - pos);
        }

        int peek() throws IOException {
            if (pos == limit && !fill()) {
                return -1;
            }
            return buffer[pos] & 0xff;
        }

        private boolean fill() throws IOException {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }

        @Override
        public int read() throws IOException {
            return peek() < 0 ? -1 : buffer[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos == limit && !fill()) {
                return -1;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(buffer, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /**
     * One gzip member (RFC 1952) of the source, inflated; it knows where it started and checks its
     * trailer and its inflation ratio.
     */
    private final class Member extends InputStream {
        private final long offset;
        private final Inflater inflater = new Inflater(true);
        private final CRC32 crc = new CRC32();
        private final byte[] one = new byte[1];
        private long inflated;
        private int peeked = -2;
        private boolean done;

        Member(long offset) throws IOException {
            this.offset = offset;
            readHeader();
        }

        private void readHeader() throws IOException {
            int id1 = source.read();
            int id2 = source.read();
            int method = source.read();
            int flags = source.read();
            if (id1 != 0x1f || id2 != 0x8b || method != 8) {
                throw malformed(offset, "a gzipped WARC file must be gzip members from here on, and this is not one");
            }
            skip(6); // modification time, extra flags, operating system
            if ((flags & 4) != 0) {
                int length = source.read() | (source.read() << 8);
                skip(length);
            }
            if ((flags & 8) != 0) {
                skipZeroTerminated();
            }
            if ((flags & 16) != 0) {
                skipZeroTerminated();
            }
            if ((flags & 2) != 0) {
                skip(2);
            }
        }

        private void skip(int n) throws IOException {
            for (int i = 0; i < n; i++) {
                if (source.read() < 0) {
                    throw malformed(offset, "the file ends inside a gzip header");
                }
            }
        }

        private void skipZeroTerminated() throws IOException {
            for (int b = source.read(); b != 0; b = source.read()) {
                if (b < 0) {
                    throw malformed(offset, "the file ends inside a gzip header");
                }
            }
        }

        int peek() throws IOException {
            if (peeked == -2) {
                peeked = read();
            }
            return peeked;
        }

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (peeked != -2) {
                int p = peeked;
                peeked = -2;
                if (p < 0) {
                    return -1;
                }
                b[off] = (byte) p;
                return 1;
            }
            if (done) {
                return -1;
            }
            try {
                while (true) {
                    int n = inflater.inflate(b, off, len);
                    if (n > 0) {
                        crc.update(b, off, n);
                        inflated += n;
                        checkRatio();
                        return n;
                    }
                    if (inflater.finished()) {
                        finishMember();
                        return -1;
                    }
                    if (inflater.needsDictionary()) {
                        throw malformed(offset, "the gzip member needs a preset dictionary");
                    }
                    if (inflater.needsInput()) {
                        if (source.peek() < 0) {
                            throw malformed(offset, "the file ends inside a gzip member");
                        }
                        int available = source.limit - source.pos;
                        inflater.setInput(source.buffer, source.pos, available);
                        source.pos += available;
                    }
                }
            } catch (DataFormatException e) {
                throw malformed(offset, "the gzip member is corrupt: " + e.getMessage());
            }
        }

        private void checkRatio() throws WaczProblemException {
            long compressed = Math.max(1, source.position() - offset);
            if (inflated > WaczOptions.RATIO_FLOOR_BYTES && inflated / compressed > maxRatio) {
                throw new WaczProblemException(ProblemCode.ZIP_LIMIT_EXCEEDED, path + ": the gzip member at offset "
                        + offset + " inflates from " + compressed + " to more than " + inflated
                        + " bytes, a ratio above the limit of " + maxRatio + "; the rest of the file is not read", true);
            }
        }

        /** Gives back the input the inflater did not use and checks the trailer. */
        private void finishMember() throws IOException {
            done = true;
            source.pos -= inflater.getRemaining();
            long crcValue = 0;
            long size = 0;
            for (int i = 0; i < 4; i++) {
                crcValue |= (long) readTrailerByte() << (8 * i);
            }
            for (int i = 0; i < 4; i++) {
                size |= (long) readTrailerByte() << (8 * i);
            }
            if (crcValue != crc.getValue() || size != (inflated & 0xffffffffL)) {
                throw malformed(offset, "the gzip member's trailer does not match its content (CRC-32 or size)");
            }
        }

        private int readTrailerByte() throws IOException {
            int b = source.read();
            if (b < 0) {
                throw malformed(offset, "the file ends inside a gzip trailer");
            }
            return b;
        }

        /** Frees the inflater, however the member ended. */
        void end() {
            inflater.end();
        }

        /** Reads the rest of the member, so that the next one starts where it ends. */
        void finish() throws IOException {
            byte[] discard = new byte[64 * 1024];
            while (read(discard, 0, discard.length) >= 0) {
                // a member holds one record; anything after it is passed over
            }
        }
    }
}
