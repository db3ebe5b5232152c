package dev.palimpsest.pdf;

import dev.palimpsest.core.verify.VerificationReport;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * A portfolio was not extracted, or not completely. When it is thrown before anything was
 * written ({@link Reason#NOT_A_PORTFOLIO}, {@link Reason#INVALID}, {@link Reason#UNSAFE_PATH},
 * {@link Reason#COLLISION}, {@link Reason#EXISTS}), the output folder is untouched; a
 * {@link Reason#MISMATCH} removes the file being written and leaves those written before it.
 */
public final class ExtractionException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why extraction stopped. */
    public enum Reason {
        /** The PDF is not a Palimpsest portfolio, or its manifest cannot be read. */
        NOT_A_PORTFOLIO,
        /** Verification gave {@code INVALID} and extraction was not forced. */
        INVALID,
        /** An attachment's name is not a safe archive path, or would be written outside the folder. */
        UNSAFE_PATH,
        /** Two attachment names are equal after Unicode normalisation and case folding. */
        COLLISION,
        /** A file to write exists already and overwriting was not asked for. */
        EXISTS,
        /** The bytes being written do not match the signed manifest (the file changed since it was verified). */
        MISMATCH
    }

    private final Reason reason;
    private final transient VerificationReport report;

    /** An extraction stopped for {@code reason}, with the verification report when there is one. */
    public ExtractionException(Reason reason, String message, VerificationReport report) {
        super(Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
        this.report = report;
    }

    /** Why extraction stopped. */
    public Reason reason() {
        return reason;
    }

    /** The verification report, when verification ran. */
    public Optional<VerificationReport> report() {
        return Optional.ofNullable(report);
    }
}
