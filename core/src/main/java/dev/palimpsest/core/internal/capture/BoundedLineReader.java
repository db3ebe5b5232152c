package dev.palimpsest.core.internal.capture;

import dev.palimpsest.core.capture.CaptureFormatException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;

/**
 * Reads lines ({@code \n} or {@code \r\n}) without ever holding more than a fixed number of
 * characters of one line: a longer line is reported as too long and its remainder skipped, so
 * a hostile input without line breaks cannot exhaust memory.
 */
final class BoundedLineReader {
    /** One line; {@code text} is the first {@code max} characters when {@code tooLong}. */
    record Line(long number, String text, boolean tooLong) {
    }

    private final Reader in;
    private final int max;
    private final char[] buffer = new char[8192];
    private int pos;
    private int limit;
    private long number;

    BoundedLineReader(Reader in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The line that {@link #next()} returned last (0 before the first). */
    long number() {
        return number;
    }

    /**
     * The next line, or null at the end of input.
     *
     * @throws CaptureFormatException if the input is not valid text in its encoding
     */
    Line next() throws IOException, CaptureFormatException {
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == limit && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            char c = buffer[pos++];
            if (c == '\n') {
                break;
            }
            if (line.length() < max + 1) {
                line.append(c);
            } else {
                tooLong = true;
            }
        }
        number++;
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
            line.setLength(n - 1);
        }
        if (line.length() > max) {
            tooLong = true;
            line.setLength(max);
        }
        return new Line(number, line.toString(), tooLong);
    }

    private boolean fill() throws IOException, CaptureFormatException {
        int read;
        try {
            read = in.read(buffer, 0, buffer.length);
        } catch (CharacterCodingException e) {
            // The decoder fails for a whole block, so the bad bytes are on this line or a later one.
            throw new CaptureFormatException(number + 1, "the input is not valid text in its encoding"
                    + " (UTF-8 expected), on this line or soon after");
        }
        if (read <= 0) {
            return false;
        }
        pos = 0;
        limit = read;
        return true;
    }
}
