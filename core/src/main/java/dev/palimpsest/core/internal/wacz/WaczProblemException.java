package dev.palimpsest.core.internal.wacz;

import dev.palimpsest.core.verify.ProblemCode;
import java.io.IOException;

/**
 * A failure while reading a WACZ that maps to a specific problem code, e.g. a ZIP entry passing
 * a limit while it streams. The verifier reports it with its code and message.
 */
final class WaczProblemException extends IOException {
    private static final long serialVersionUID = 1L;
    private final ProblemCode code;

    WaczProblemException(ProblemCode code, String message) {
        super(message);
        this.code = code;
    }

    ProblemCode code() {
        return code;
    }
}
