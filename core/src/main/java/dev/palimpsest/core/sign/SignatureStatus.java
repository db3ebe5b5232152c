package dev.palimpsest.core.sign;

/** The outcome for one signer, from worst to best. */
public enum SignatureStatus {
    /** The signature does not verify, or is malformed or uses a refused algorithm. */
    INVALID,
    /** The signature verifies, but the signer is not trusted by the policy (or there is no policy). */
    VALID_UNTRUSTED,
    /**
     * The signature verifies and the signer was trusted at the time of a trusted signature
     * timestamp, although a certificate on its path has expired since.
     */
    TRUSTED_AT_TIMESTAMP,
    /** The signature verifies and the signer is trusted at the validation time. */
    TRUSTED;

    /** Whether the signature verifies (any status but {@link #INVALID}). */
    public boolean isValid() {
        return this != INVALID;
    }

    /** Whether the signer is trusted ({@link #TRUSTED} or {@link #TRUSTED_AT_TIMESTAMP}). */
    public boolean isTrusted() {
        return this == TRUSTED || this == TRUSTED_AT_TIMESTAMP;
    }
}
