package dev.palimpsest.core.internal.bag;

import dev.palimpsest.core.verify.ProblemCode;
import java.io.IOException;

/**
 * An I/O failure that maps to a specific problem code, e.g. a ZIP entry that exceeds a limit
 * while it streams. Thrown by {@link BagSource} streams; the verifier reports it with its code.
 */
public final class BagProblemException extends IOException {
    private static final long serialVersionUID = 1L;
    private final ProblemCode code;

    /** A failure reported as {@code code}, with {@code message} naming the entry and the limit. */
    public BagProblemException(ProblemCode code, String message) {
        super(message);
        this.code = code;
    }

    /** The code to report. */
    public ProblemCode code() {
        return code;
    }
}
