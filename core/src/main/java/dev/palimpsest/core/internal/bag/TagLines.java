package dev.palimpsest.core.internal.bag;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes a tag file in its declared encoding and hands it over line by line. Lines end with
 * LF, CR or CRLF (all three occur in real bags); a final line without an ending counts; a
 * leading byte-order mark is dropped (UTF-16 tag files carry one). Decoding is strict and
 * incremental, so a failure is located at its line and byte.
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
        private final int offset;

        DecodingException(int line, int offset) {
            super("undecodable input at line " + line + ", byte " + offset);
            this.line = line;
            this.offset = offset;
        }

        /** The line where decoding failed, from 1. */
        int line() {
            return line;
        }

        /** The offset of the first byte that does not decode, from 0. */
        int offset() {
            return offset;
        }
    }

    private TagLines() {
    }

    /** Decodes {@code bytes} (malformed input is an error, never replaced) and passes each line on. */
    static void forEach(byte[] bytes, Charset charset, Handler handler) throws DecodingException {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        Splitter splitter = new Splitter(handler);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            splitter.take(out);
            if (result.isError()) {
                throw new DecodingException(splitter.number, in.position());
            }
            if (result.isUnderflow()) {
                break;
            }
        }
        while (decoder.flush(out).isOverflow()) {
            splitter.take(out);
        }
        splitter.take(out);
        splitter.finish();
    }

    /** Splits decoded text into lines as it arrives. */
    private static final class Splitter {
        private final Handler handler;
        private final StringBuilder line = new StringBuilder();
        private int number = 1;
        private boolean first = true;
        private boolean pendingCr;

        Splitter(Handler handler) {
            this.handler = handler;
        }

        /** Consumes everything decoded into {@code out} and clears it. */
        void take(CharBuffer out) {
            out.flip();
            while (out.hasRemaining()) {
                char c = out.get();
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
            out.clear();
        }

        void finish() {
            if (line.length() > 0) {
                handler.line(number, line.toString());
            }
        }
    }
}
