package dev.palimpsest.pdf;

import dev.palimpsest.core.verify.VerificationReport;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link PortfolioExtractor} did: the verification report it acted on and every file it
 * wrote, in the portfolio's order.
 *
 * @param report the verification report
 * @param files the files written
 */
public record ExtractionResult(VerificationReport report, List<ExtractedFile> files) {
    /** Copies the list. */
    public ExtractionResult {
        Objects.requireNonNull(report, "report");
        files = List.copyOf(files);
    }
}
