package dev.palimpsest.core.internal.sources;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the head (status line and header fields, up to and including the blank line) of an
 * HTTP message stored in a WARC record, leaving the stream at the first byte of the body, so
 * that the body can be read exactly as stored.
 */
public final class HttpHead {
    /** Longest head accepted; real ones are a few kilobytes. */
    public static final int MAX_HEAD_BYTES = 256 * 1024;

    private HttpHead() {
    }

    /** A head that is malformed or too long. */
    public static final class MalformedHeadException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedHeadException(String message) {
            super(message);
        }
    }

    /**
     * The head's bytes, ending with the blank line ({@code CRLF CRLF}, or a bare {@code LF LF}
     * as some writers store it). A head that the stream ends inside (a message without body)
     * gets its blank line appended.
     *
     * @throws MalformedHeadException if the head is longer than {@link #MAX_HEAD_BYTES}
     */
    public static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(2048);
        int previous = -1;
        int beforePrevious = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (head.size() > 0 && previous != '\n') {
                    head.write('\r');
                    head.write('\n');
                }
                head.write('\r');
                head.write('\n');
                return head.toByteArray();
            }
            head.write(b);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new MalformedHeadException("the HTTP head is longer than " + MAX_HEAD_BYTES + " bytes");
            }
            if (b == '\n' && (previous == '\n' || (previous == '\r' && beforePrevious == '\n'))) {
                return head.toByteArray();
            }
            beforePrevious = previous;
            previous = b;
        }
    }
}
