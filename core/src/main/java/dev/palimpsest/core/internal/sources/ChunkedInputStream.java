package dev.palimpsest.core.internal.sources;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Removes HTTP/1.1 chunked transfer coding (RFC 9112, section 7.1): what it reads is the
 * message body as the sender meant it. Chunk extensions and trailer fields are skipped; a chunk
 * size line may end in {@code CRLF} or a bare {@code LF}. The stream ends after the last chunk
 * and its trailer section; bytes after that are left unread in the underlying stream.
 */
public final class ChunkedInputStream extends InputStream {
    private static final int MAX_LINE = 8 * 1024;

    private final InputStream in;
    private long remaining;
    private boolean done;
    private long position;

    private ChunkedInputStream(InputStream in) {
        this.in = in;
        this.remaining = -1;
    }

    /** Chunked coding found broken in the middle of a body. */
    public static final class MalformedChunkException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedChunkException(String message) {
            super(message);
        }
    }

    /**
     * A decoding stream if the body starts with a chunk size line; otherwise null, with
     * {@code in} reset to where it was. Some WARC writers store the body already decoded but
     * keep the {@code Transfer-Encoding: chunked} header: such a body is read as it is.
     */
    public static ChunkedInputStream openIfChunked(BufferedInputStream in) throws IOException {
        in.mark(MAX_LINE + 2);
        boolean chunked = isChunkSizeLine(in);
        in.reset();
        return chunked ? new ChunkedInputStream(in) : null;
    }

    private static boolean isChunkSizeLine(InputStream in) throws IOException {
        int digits = 0;
        int b;
        while ((b = in.read()) >= 0 && hex(b) >= 0) {
            digits++;
        }
        if (digits == 0 || digits > 15) {
            return false;
        }
        for (int n = 0; b >= 0 && n < MAX_LINE; n++) {
            if (b == '\n') {
                return true;
            }
            if (b != '\r' && b != ';' && b != ' ' && b != '\t' && n == 0) {
                return false;
            }
            b = in.read();
        }
        return false;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (done) {
            return -1;
        }
        if (remaining <= 0) {
            if (remaining == 0) {
                endOfChunkData();
            }
            remaining = chunkSize();
            if (remaining == 0) {
                skipTrailers();
                done = true;
                return -1;
            }
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw new EOFException("the chunked body ends inside a chunk, " + remaining + " bytes short, at byte "
                    + position + " of the stored body");
        }
        remaining -= n;
        position += n;
        return n;
    }

    private void endOfChunkData() throws IOException {
        int b = in.read();
        position++;
        if (b == '\r') {
            b = in.read();
            position++;
        }
        if (b != '\n') {
            throw new MalformedChunkException("chunk data is not followed by CRLF at byte " + (position - 1)
                    + " of the stored body");
        }
    }

    private long chunkSize() throws IOException {
        String line = line();
        if (line == null) {
            throw new EOFException("the chunked body ends before its last chunk, at byte " + position
                    + " of the stored body");
        }
        int end = 0;
        while (end < line.length() && hex(line.charAt(end)) >= 0) {
            end++;
        }
        String rest = line.substring(end).strip();
        if (end == 0 || end > 15 || !(rest.isEmpty() || rest.startsWith(";"))) {
            throw new MalformedChunkException("bad chunk size line at byte " + position + " of the stored body");
        }
        return Long.parseLong(line.substring(0, end), 16);
    }

    private void skipTrailers() throws IOException {
        String line;
        // A missing final CRLF (end of the record) is tolerated: the body is complete.
        while ((line = line()) != null && !line.isEmpty()) {
            // trailer fields are not part of the body
        }
    }

    /** One line without its CRLF or LF; null at the end of the stream. */
    private String line() throws IOException {
        StringBuilder s = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            position++;
            if (b == '\n') {
                int last = s.length() - 1;
                if (last >= 0 && s.charAt(last) == '\r') {
                    s.setLength(last);
                }
                return s.toString();
            }
            if (s.length() >= MAX_LINE) {
                throw new MalformedChunkException("a chunk size or trailer line is longer than " + MAX_LINE
                        + " bytes, at byte " + position + " of the stored body");
            }
            s.append((char) b);
        }
        return s.length() == 0 ? null : s.toString();
    }

    private static int hex(int c) {
        return Character.digit(c, 16) >= 0 && c < 0x80 ? Character.digit(c, 16) : -1;
    }
}
