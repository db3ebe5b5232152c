package dev.palimpsest.core.internal.bag;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes a tag file in its declared encoding and hands it over line by line. Lines end with
 * LF, CR or CRLF (all three occur in real bags); a final line without an ending counts; a
 * leading byte-order mark is dropped (UTF-16 tag files carry one).
 */
final class TagLines {

    /** Receives one line. */
    interface Handler {
        /** Line {@code number} (from 1), without its ending. */
        void line(int number, String text);
    }

    /** A tag file that does not decode in its declared encoding. */
    static final class DecodingException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        DecodingException(int line, CharacterCodingException cause) {
            super(cause);
            this.line = line;
        }

        /** The line where decoding failed. */
        int line() {
            return line;
        }
    }

    private TagLines() {
    }

    /** Decodes {@code bytes} strictly (malformed input is an error, never replaced) and passes each line on. */
    static void forEach(byte[] bytes, Charset charset, Handler handler) throws DecodingException {
        Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes), charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        StringBuilder line = new StringBuilder();
        int number = 1;
        boolean first = true;
        boolean pendingCr = false;
        char[] buffer = new char[8192];
        try {
            int n;
            while ((n = reader.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (first) {
                        first = false;
                        if (c == '\uFEFF') {
                            continue;
                        }
                    }
                    if (pendingCr) {
                        pendingCr = false;
                        if (c == '\n') {
                            continue;
                        }
                    }
                    if (c == '\n' || c == '\r') {
                        handler.line(number++, line.toString());
                        line.setLength(0);
                        pendingCr = c == '\r';
                    } else {
                        line.append(c);
                    }
                }
            }
        } catch (CharacterCodingException e) {
            throw new DecodingException(number, e);
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
        if (line.length() > 0) {
            handler.line(number, line.toString());
        }
    }
}
