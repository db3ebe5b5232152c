package dev.palimpsest.core.verify;

import java.util.stream.Collectors;

/**
 * Thrown by {@link VerificationReport#require(Verdict)} when the verdict is below what the caller
 * requires. Carries the whole report.
 */
public final class VerificationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient VerificationReport report;

    VerificationException(VerificationReport report, Verdict required) {
        super(message(report, required));
        this.report = report;
    }

    /** The report whose verdict fell short. */
    public VerificationReport report() {
        return report;
    }

    private static String message(VerificationReport report, Verdict required) {
        String errors = report.problems().stream()
                .filter(p -> p.severity() == Severity.ERROR || report.verdict() != Verdict.INVALID)
                .limit(10)
                .map(p -> p.code() + (p.path().isPresent() ? " " + p.path().get() : "") + ": " + p.message())
                .collect(Collectors.joining("; "));
        return report.source() + ": " + report.verdict() + ", " + required + " required"
                + (errors.isEmpty() ? "" : " (" + errors + (report.problems().size() > 10 ? "; ..." : "") + ")");
    }
}
