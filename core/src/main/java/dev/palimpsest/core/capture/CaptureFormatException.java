package dev.palimpsest.core.capture;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Capture-provenance input that does not parse: a memento URL, a Wayback timestamp, a CDX
 * line, an HTTP header. The message names the line (when the input has lines) and what was
 * wrong, e.g. {@code line 7: status '2OO' is not an HTTP status code}.
 *
 * <p>Quoted input in messages is shortened and has its control characters escaped, so a hostile
 * input cannot forge log lines through an error message.
 */
public final class CaptureFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long line;
    private final String detail;

    /**
     * An error in input that has no lines (a URL, a header value).
     *
     * @param detail what was wrong
     */
    public CaptureFormatException(String detail) {
        super(Objects.requireNonNull(detail, "detail"));
        this.line = 0;
        this.detail = detail;
    }

    /**
     * An error on one line of a multi-line input.
     *
     * @param line the 1-based line number
     * @param detail what was wrong on that line
     * @throws IllegalArgumentException if {@code line} is less than 1
     */
    public CaptureFormatException(long line, String detail) {
        super("line " + line + ": " + Objects.requireNonNull(detail, "detail"));
        if (line < 1) {
            throw new IllegalArgumentException("line numbers start at 1, got " + line);
        }
        this.line = line;
        this.detail = detail;
    }

    /** The 1-based line the error is on, or empty when the input has no lines. */
    public OptionalLong line() {
        return line == 0 ? OptionalLong.empty() : OptionalLong.of(line);
    }

    /** What was wrong, without the line prefix of {@link #getMessage()}. */
    public String detail() {
        return detail;
    }

    /**
     * The same error placed on a line; the cause is kept. Parsers use this to add the line
     * number to an error found while parsing one field of that line.
     *
     * @param lineNumber the 1-based line number
     * @return a new exception whose message starts with {@code line <lineNumber>: }
     */
    public CaptureFormatException atLine(long lineNumber) {
        CaptureFormatException placed = new CaptureFormatException(lineNumber, detail);
        if (getCause() != null) {
            placed.initCause(getCause());
        }
        return placed;
    }
}
