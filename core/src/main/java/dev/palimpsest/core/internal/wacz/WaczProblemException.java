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
    private final boolean inContent;

    /** A failure of the ZIP itself: the entry cannot be read further. */
    WaczProblemException(ProblemCode code, String message) {
        this(code, message, false);
    }

    /**
     * @param inContent whether the failure is in what the entry holds (a WARC or gzip format
     *     error, an inner gzip passing the ratio limit): the entry itself can still be read and
     *     hashed to its end
     */
    WaczProblemException(ProblemCode code, String message, boolean inContent) {
        super(message);
        this.code = code;
        this.inContent = inContent;
    }

    ProblemCode code() {
        return code;
    }

    boolean inContent() {
        return inContent;
    }
}
