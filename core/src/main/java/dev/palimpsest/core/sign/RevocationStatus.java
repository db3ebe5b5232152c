package dev.palimpsest.core.sign;

/**
 * Whether the certificates on a trusted path were revoked at the validation time, according to
 * the CRLs given to the {@link TrustPolicy} or carried in the signature. Always reported, never
 * silently assumed good.
 */
public enum RevocationStatus {
    /** A current CRL from each issuer on the path covers its certificate, and none lists it. */
    GOOD,
    /** A CRL lists a certificate on the path as revoked at or before the validation time. */
    REVOKED,
    /** No usable CRL covers at least one certificate on the path. */
    UNKNOWN,
    /**
     * Nothing to check: the certificate is itself a trust anchor or pinned, or no path to an anchor
     * was found.
     */
    NOT_APPLICABLE
}
