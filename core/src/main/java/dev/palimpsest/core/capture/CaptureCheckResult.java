package dev.palimpsest.core.capture;

import dev.palimpsest.core.manifest.CaptureCheck;
import java.util.Objects;

/**
 * The outcome of a capture check and the sentence that explains it to a reader of a
 * verification report.
 *
 * @param outcome {@link CaptureCheck#MATCH}, {@link CaptureCheck#MISMATCH} (a warning, never by
 *     itself proof of tampering) or {@link CaptureCheck#NOT_COMPARABLE}
 * @param explanation why, naming both digests where there are two
 */
public record CaptureCheckResult(CaptureCheck outcome, String explanation) {
    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if the explanation is blank
     */
    public CaptureCheckResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(explanation, "explanation");
        if (explanation.isBlank()) {
            throw new IllegalArgumentException("a capture check needs an explanation");
        }
    }
}
