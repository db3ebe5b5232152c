package dev.palimpsest.core.internal.wacz;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 lines ({@code \n} or {@code \r\n}) from a stream without ever holding more than a
 * fixed number of bytes of one line: a longer line is returned as too long and the rest of it
 * skipped, so input without line breaks cannot exhaust memory.
 */
final class Lines {
    /** One line: its 1-based number and its text, or why it has none. */
    record Line(long number, String text, String problem) {
    }

    private final InputStream in;
    private final int max;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private long number;

    Lines(InputStream in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException {
        byte[] line = new byte[Math.min(max, 256)];
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                int n = in.read(buffer);
                if (n < 0) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
                pos = 0;
                limit = n;
                continue;
            }
            any = true;
            byte b = buffer[pos++];
            if (b == '\n') {
                break;
            }
            if (length < max) {
                if (length == line.length) {
                    line = Arrays.copyOf(line, Math.min(max, line.length * 2));
                }
                line[length++] = b;
            } else {
                tooLong = true;
            }
        }
        number++;
        if (tooLong) {
            return new Line(number, null, "is longer than " + max + " bytes");
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line, 0, length)).toString();
            return new Line(number, text, null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, "is not UTF-8 text");
        }
    }
}
