package dev.palimpsest.core.sign;

import java.util.Objects;

/**
 * A signature could not be made. The {@link #reason() reason} tells the cases apart; the
 * message says what was wrong and never contains key material or passwords.
 */
public final class SigningException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why signing failed. */
    public enum Reason {
        /** The private key does not belong to the signer's certificate. */
        KEY_CERTIFICATE_MISMATCH,
        /** The signer's certificate expired before the signing time. */
        CERTIFICATE_EXPIRED,
        /** The signer's certificate is not yet valid at the signing time. */
        CERTIFICATE_NOT_YET_VALID,
        /** The signer's certificate does not allow digital signatures (key usage). */
        KEY_USAGE,
        /** The key type or size is not one Palimpsest signs with. */
        UNSUPPORTED_KEY,
        /**
         * The key, token or external signer failed, or returned a signature that does not verify
         * with the signer's certificate.
         */
        SIGNER_FAILED,
        /** The signature timestamp could not be obtained; the cause is a {@link TimestampException}. */
        TIMESTAMP_FAILED,
        /** The existing signature to add a signer to is not a detached CMS SignedData. */
        MALFORMED_SIGNATURE,
        /** The existing signature to add a signer to was made over different content. */
        CONTENT_MISMATCH
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why signing failed
     * @param message what was wrong; must not contain secrets
     * @param cause the underlying failure, or {@code null}
     */
    public SigningException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why signing failed. */
    public Reason reason() {
        return reason;
    }
}
