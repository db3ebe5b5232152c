package dev.palimpsest.core.sign;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a {@link TrustPolicy} trusts a certificate at a given time, and why (not). Immutable.
 */
public final class TrustResult {

    /** Why a certificate is not trusted. */
    public enum Reason {
        /** Trust was not evaluated, because the signature itself is invalid. */
        NOT_EVALUATED,
        /** The policy has no trust anchors and no pinned fingerprint matches any certificate. */
        NO_TRUST_ANCHOR,
        /** No valid certification path leads from the certificate to a trust anchor. */
        NO_PATH,
        /** The certificate had expired at the validation time. */
        EXPIRED,
        /** The certificate was not yet valid at the validation time. */
        NOT_YET_VALID,
        /** A certificate on the path was revoked at the validation time. */
        REVOKED,
        /** The policy requires a revocation status and none could be established. */
        REVOCATION_UNKNOWN
    }

    private final boolean trusted;
    private final Instant validationTime;
    private final List<X509Certificate> path;
    private final RevocationStatus revocation;
    private final Reason reason;
    private final String explanation;

    TrustResult(boolean trusted, Instant validationTime, List<X509Certificate> path, RevocationStatus revocation,
            Reason reason, String explanation) {
        this.trusted = trusted;
        this.validationTime = Objects.requireNonNull(validationTime);
        this.path = Collections.unmodifiableList(path);
        this.revocation = Objects.requireNonNull(revocation);
        this.reason = reason;
        this.explanation = Objects.requireNonNull(explanation);
    }

    static TrustResult trusted(Instant at, List<X509Certificate> path, RevocationStatus revocation, String explanation) {
        return new TrustResult(true, at, path, revocation, null, explanation);
    }

    static TrustResult untrusted(Instant at, Reason reason, String explanation) {
        return new TrustResult(false, at, List.of(), RevocationStatus.NOT_APPLICABLE, reason, explanation);
    }

    static TrustResult untrusted(Instant at, List<X509Certificate> path, RevocationStatus revocation, Reason reason,
            String explanation) {
        return new TrustResult(false, at, path, revocation, reason, explanation);
    }

    /** Whether the certificate is trusted at {@link #validationTime()}. */
    public boolean trusted() {
        return trusted;
    }

    /** The time at which the certificates were judged. */
    public Instant validationTime() {
        return validationTime;
    }

    /**
     * The certification path from the certificate to its trust anchor, both included; for a
     * certificate that is itself an anchor, just that certificate. Empty when no path was found.
     */
    public List<X509Certificate> path() {
        return path;
    }

    /** The trust anchor the path ends at, when a path was found. */
    public Optional<X509Certificate> anchor() {
        return path.isEmpty() ? Optional.empty() : Optional.of(path.get(path.size() - 1));
    }

    /** The revocation status of the path. */
    public RevocationStatus revocation() {
        return revocation;
    }

    /** Why the certificate is not trusted; empty when it is. */
    public Optional<Reason> reason() {
        return Optional.ofNullable(reason);
    }

    /** A sentence for people: what the decision rests on. */
    public String explanation() {
        return explanation;
    }

    @Override
    public String toString() {
        return "TrustResult[" + (trusted ? "trusted" : "untrusted: " + reason) + ", at=" + validationTime
                + ", revocation=" + revocation + ", " + explanation + "]";
    }
}
