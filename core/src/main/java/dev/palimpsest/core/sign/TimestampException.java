package dev.palimpsest.core.sign;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * An RFC 3161 timestamp could not be obtained or does not verify. The {@link #reason() reason}
 * tells the cases apart (for example a TSA answering with the wrong nonce, versus one that
 * timed out).
 */
public final class TimestampException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The TSA answered with an HTTP status other than 200. */
        HTTP_STATUS,
        /** The TSA did not answer within the configured timeout. */
        TIMEOUT,
        /** The TSA could not be reached or the connection failed. */
        NETWORK,
        /** The response or token is not well-formed DER of the expected structure. */
        MALFORMED,
        /** The TSA answered with a PKIStatus refusing the request. */
        REJECTED,
        /** The token's nonce is not the one sent in the request. */
        BAD_NONCE,
        /** The token's message imprint is not the digest that was to be timestamped. */
        BAD_IMPRINT,
        /** The token was issued under a different policy from the one requested. */
        BAD_POLICY,
        /** The token's signature does not verify with the TSA certificate. */
        BAD_SIGNATURE,
        /**
         * The TSA certificate is missing from the token, does not match the token's
         * signing-certificate attribute, lacks the critical {@code id-kp-timeStamping} extended key
         * usage, or was not valid at the time it asserts.
         */
        BAD_TSA_CERTIFICATE,
        /** The token uses a digest or signature algorithm that is not accepted (MD5, SHA-1, unknown). */
        UNSUPPORTED_ALGORITHM
    }

    private final Reason reason;
    private final int httpStatus;

    /**
     * Creates the exception.
     *
     * @param reason what went wrong
     * @param message details, naming the TSA or token
     * @param cause the underlying failure, or {@code null}
     */
    public TimestampException(Reason reason, String message, Throwable cause) {
        this(reason, message, cause, -1);
    }

    /**
     * Creates an {@link Reason#HTTP_STATUS} exception.
     *
     * @param message details, naming the TSA
     * @param httpStatus the status the TSA answered with
     */
    public TimestampException(String message, int httpStatus) {
        this(Reason.HTTP_STATUS, message, null, httpStatus);
    }

    private TimestampException(Reason reason, String message, Throwable cause, int httpStatus) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.httpStatus = httpStatus;
    }

    /** What went wrong. */
    public Reason reason() {
        return reason;
    }

    /** The HTTP status the TSA answered with, for {@link Reason#HTTP_STATUS}. */
    public OptionalInt httpStatus() {
        return httpStatus < 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }
}
