package dev.palimpsest.core.capture;

import java.util.Objects;

/**
 * A line that a lenient CDX parse skipped.
 *
 * @param line the 1-based line number (for {@link CdxFormat#WAYBACK_JSON}, the line on which the
 *     row starts)
 * @param detail what was wrong, e.g. {@code status '2OO' is not an HTTP status code}
 */
public record CdxProblem(long line, String detail) {
    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if {@code line} is less than 1
     */
    public CdxProblem {
        Objects.requireNonNull(detail, "detail");
        if (line < 1) {
            throw new IllegalArgumentException("line numbers start at 1, got " + line);
        }
    }

    /** {@code line <line>: <detail>}. */
    @Override
    public String toString() {
        return "line " + line + ": " + detail;
    }
}
