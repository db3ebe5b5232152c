package dev.palimpsest.core.capture;

import java.util.List;
import java.util.Objects;

/**
 * What a lenient CDX parse found: every row that parsed and every line that did not.
 *
 * @param format the format that was read (given or detected)
 * @param records the rows that parsed, in input order
 * @param problems the lines that did not, in input order; a problem that stopped the parse (a
 *     broken JSON document, a bad legend line) is the last one
 */
public record CdxParseResult(CdxFormat format, List<CdxRecord> records, List<CdxProblem> problems) {
    /** Copies both lists. */
    public CdxParseResult {
        Objects.requireNonNull(format, "format");
        records = List.copyOf(records);
        problems = List.copyOf(problems);
    }

    /** Whether every line parsed. */
    public boolean isClean() {
        return problems.isEmpty();
    }
}
