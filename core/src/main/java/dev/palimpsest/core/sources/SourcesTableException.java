package dev.palimpsest.core.sources;

import java.io.IOException;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A sources table (CSV) that breaks a rule: the message names the file, the line (the line a
 * row starts on, counting from 1, the header row being line 1) and what was wrong, e.g.
 * {@code sources.csv:7: memento_url 'https://example.org/a' is not a memento URL: ...}.
 *
 * <p>A checked {@link IOException}, since tables come from files: a caller handles "unreadable"
 * and "malformed" in one place and can still tell them apart by catching this type first.
 */
public final class SourcesTableException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String detail;

    /**
     * A problem on one line of a table.
     *
     * @param source the table's name, e.g. its file name
     * @param line the 1-based line, or 0 when the problem is with the whole file
     * @param detail what was wrong
     * @throws IllegalArgumentException if {@code line} is negative
     */
    public SourcesTableException(String source, long line, String detail) {
        super(Objects.requireNonNull(source, "source") + (line > 0 ? ":" + line : "") + ": "
                + Objects.requireNonNull(detail, "detail"));
        if (line < 0) {
            throw new IllegalArgumentException("line numbers start at 1, got " + line);
        }
        this.source = source;
        this.line = line;
        this.detail = detail;
    }

    /** The table's name, as given to the reader (for a file, its path). */
    public String source() {
        return source;
    }

    /** The line the problem is on; empty when it concerns the whole file (e.g. an encoding error before any line). */
    public OptionalLong line() {
        return line == 0 ? OptionalLong.empty() : OptionalLong.of(line);
    }

    /** What was wrong, without the file and line prefix of {@link #getMessage()}. */
    public String detail() {
        return detail;
    }
}
