package dev.palimpsest.core.sign;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.sign.Certs;
import dev.palimpsest.core.internal.sign.KeyFiles;
import dev.palimpsest.core.internal.sign.Revocation;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which signers and TSAs to trust, and when.
 *
 * <p>A certificate is trusted at a time when a PKIX certification path (RFC 5280) leads from it,
 * through the certificates the signature carries, to a trust anchor, with every certificate valid
 * at that time; or when it is itself an anchor and valid then. Anchors are the certificates given
 * to {@link Builder#anchor(X509Certificate)}, plus every certificate in the signer's chain, or the
 * signer's own, whose SHA-256 fingerprint is {@linkplain Builder#pin(DigestValue) pinned}.
 *
 * <p>The revocation status of the path is checked against the CRLs given here and those the
 * signature carries, and always reported ({@link RevocationStatus}). A revoked certificate is
 * never trusted; an unknown status is trusted unless {@link Builder#requireRevocationStatus()}.
 * Anchors themselves are not checked for revocation: to distrust one, remove it.
 *
 * <p>Signature verification judges certificates at the time of a trusted signature timestamp when
 * there is one, otherwise at the policy's {@link #clock()}. Instances are immutable.
 */
public final class TrustPolicy {
    private final List<X509Certificate> anchors;
    private final Set<DigestValue> pins;
    private final List<X509CRL> crls;
    private final Clock clock;
    private final boolean requireRevocationStatus;

    private TrustPolicy(Builder b) {
        this.anchors = Collections.unmodifiableList(new ArrayList<>(b.anchors));
        this.pins = Collections.unmodifiableSet(new LinkedHashSet<>(b.pins));
        this.crls = Collections.unmodifiableList(new ArrayList<>(b.crls));
        this.clock = b.clock;
        this.requireRevocationStatus = b.requireRevocationStatus;
    }

    /** A builder for a policy; with nothing added it trusts no one. */
    public static Builder builder() {
        return new Builder();
    }

    /** A policy that trusts no one, judging time by the system clock. */
    public static TrustPolicy none() {
        return builder().build();
    }

    /** The trust anchors; unmodifiable. */
    public List<X509Certificate> anchors() {
        return anchors;
    }

    /** The pinned SHA-256 certificate fingerprints; unmodifiable. */
    public Set<DigestValue> pinnedFingerprints() {
        return pins;
    }

    /** The CRLs supplied offline; unmodifiable. */
    public List<X509CRL> crls() {
        return crls;
    }

    /** The clock that gives "now" when no trusted timestamp gives the validation time. */
    public Clock clock() {
        return clock;
    }

    /** Whether an unknown revocation status makes a certificate untrusted. */
    public boolean requiresRevocationStatus() {
        return requireRevocationStatus;
    }

    /** Whether this policy has any anchor or pin at all, that is, whether it can trust anything. */
    public boolean isEmpty() {
        return anchors.isEmpty() && pins.isEmpty();
    }

    /**
     * Whether {@code certificate} is trusted at {@code at}.
     *
     * @param certificate the certificate to judge (a signer's or a TSA's)
     * @param others certificates that may complete the path (those carried by the signature)
     * @param at the validation time
     */
    public TrustResult evaluate(X509Certificate certificate, Collection<X509Certificate> others, Instant at) {
        return evaluate(certificate, others, List.of(), at);
    }

    /**
     * Whether the TSA that signed {@code token} is trusted now (at the policy's clock). A token
     * that does not carry its TSA certificate cannot be trusted. This judges the TSA only; call
     * {@link TimestampToken#verify(byte[])} to check the token itself.
     */
    public TrustResult evaluateTimestamp(TimestampToken token) {
        Objects.requireNonNull(token, "token");
        Instant now = clock.instant();
        return token.tsaCertificate()
                .map(tsa -> evaluate(tsa, token.certificates(), now))
                .orElseGet(() -> TrustResult.untrusted(now, TrustResult.Reason.NO_PATH,
                        "the timestamp token does not carry the TSA certificate"));
    }

    TrustResult evaluate(X509Certificate certificate, Collection<X509Certificate> others,
            Collection<X509CRL> extraCrls, Instant at) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(others, "others");
        Objects.requireNonNull(at, "at");
        String subject = Certs.subject(certificate);
        List<X509Certificate> effectiveAnchors = new ArrayList<>(anchors);
        List<X509Certificate> candidates = new ArrayList<>(others);
        candidates.add(certificate);
        for (X509Certificate c : candidates) {
            if (pins.contains(Certs.sha256(c)) && !Certs.contains(effectiveAnchors, c)) {
                effectiveAnchors.add(c);
            }
        }
        if (effectiveAnchors.isEmpty()) {
            return TrustResult.untrusted(at, TrustResult.Reason.NO_TRUST_ANCHOR,
                    "no trust anchor or pinned fingerprint was given, so " + subject + " cannot be trusted");
        }
        if (Certs.contains(effectiveAnchors, certificate)) {
            TrustResult.Reason validity = validity(certificate, at);
            if (validity != null) {
                return TrustResult.untrusted(at, List.of(certificate), RevocationStatus.NOT_APPLICABLE, validity,
                        validityExplanation(certificate, at));
            }
            return TrustResult.trusted(at, List.of(certificate), RevocationStatus.NOT_APPLICABLE,
                    subject + " is itself a trust anchor" + (pins.contains(Certs.sha256(certificate)) ? " (pinned)" : "")
                            + " and valid at " + at);
        }
        PKIXCertPathBuilderResult built;
        try {
            built = buildPath(certificate, others, effectiveAnchors, at);
        } catch (GeneralSecurityException e) {
            TrustResult.Reason validity = validity(certificate, at);
            if (validity != null) {
                return TrustResult.untrusted(at, validity, validityExplanation(certificate, at));
            }
            return TrustResult.untrusted(at, TrustResult.Reason.NO_PATH, "no valid certification path from " + subject
                    + " to a trust anchor at " + at + " (" + KeyFiles.safeMessage(e) + ")");
        }
        List<X509Certificate> path = new ArrayList<>();
        for (Certificate c : built.getCertPath().getCertificates()) {
            path.add((X509Certificate) c);
        }
        path.add(built.getTrustAnchor().getTrustedCert());
        List<X509CRL> allCrls = new ArrayList<>(crls);
        allCrls.addAll(extraCrls);
        RevocationStatus revocation = RevocationStatus.GOOD;
        List<String> notes = new ArrayList<>();
        for (int i = 0; i + 1 < path.size(); i++) {
            Revocation.Outcome outcome = Revocation.check(path.get(i), path.get(i + 1), allCrls, at);
            if (outcome.status() == Revocation.Status.REVOKED) {
                return TrustResult.untrusted(at, path, RevocationStatus.REVOKED, TrustResult.Reason.REVOKED,
                        outcome.explanation());
            }
            if (outcome.status() == Revocation.Status.UNKNOWN) {
                revocation = RevocationStatus.UNKNOWN;
                notes.add(outcome.explanation());
            }
        }
        String anchorSubject = Certs.subject(path.get(path.size() - 1));
        if (revocation == RevocationStatus.UNKNOWN && requireRevocationStatus) {
            return TrustResult.untrusted(at, path, revocation, TrustResult.Reason.REVOCATION_UNKNOWN,
                    "revocation status required but unknown: " + String.join("; ", notes));
        }
        return TrustResult.trusted(at, path, revocation, subject + " chains to the trust anchor " + anchorSubject
                + " at " + at + (revocation == RevocationStatus.UNKNOWN ? "; revocation status unknown: "
                        + String.join("; ", notes) : "; no certificate on the path is revoked"));
    }

    private static PKIXCertPathBuilderResult buildPath(X509Certificate target, Collection<X509Certificate> others,
            List<X509Certificate> anchorCerts, Instant at) throws GeneralSecurityException {
        Set<TrustAnchor> trustAnchors = new HashSet<>();
        for (X509Certificate a : anchorCerts) {
            trustAnchors.add(new TrustAnchor(a, null));
        }
        X509CertSelector selector = new X509CertSelector();
        selector.setCertificate(target);
        PKIXBuilderParameters params = new PKIXBuilderParameters(trustAnchors, selector);
        params.setRevocationEnabled(false);
        params.setDate(Date.from(at));
        List<X509Certificate> store = new ArrayList<>(others);
        store.add(target);
        params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
        return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
    }

    private static TrustResult.Reason validity(X509Certificate cert, Instant at) {
        if (at.isAfter(cert.getNotAfter().toInstant())) {
            return TrustResult.Reason.EXPIRED;
        }
        if (at.isBefore(cert.getNotBefore().toInstant())) {
            return TrustResult.Reason.NOT_YET_VALID;
        }
        return null;
    }

    private static String validityExplanation(X509Certificate cert, Instant at) {
        return "the certificate of " + Certs.subject(cert) + " is valid from " + cert.getNotBefore().toInstant() + " to "
                + cert.getNotAfter().toInstant() + ", not at " + at;
    }

    @Override
    public String toString() {
        return "TrustPolicy[" + anchors.size() + " anchors, " + pins.size() + " pins, " + crls.size() + " CRLs"
                + (requireRevocationStatus ? ", revocation required" : "") + "]";
    }

    /** Configures a {@link TrustPolicy}. Mutable; not thread-safe. */
    public static final class Builder {
        private final List<X509Certificate> anchors = new ArrayList<>();
        private final Set<DigestValue> pins = new LinkedHashSet<>();
        private final List<X509CRL> crls = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private boolean requireRevocationStatus;

        private Builder() {
        }

        /** Adds a trust anchor: a root or intermediate CA, or a signer's own (e.g. self-signed) certificate. */
        public Builder anchor(X509Certificate anchor) {
            Objects.requireNonNull(anchor, "anchor");
            if (!Certs.contains(anchors, anchor)) {
                anchors.add(anchor);
            }
            return this;
        }

        /** Adds trust anchors, for example all the certificates of a PEM file. */
        public Builder anchors(Collection<X509Certificate> anchors) {
            Objects.requireNonNull(anchors, "anchors").forEach(this::anchor);
            return this;
        }

        /**
         * Pins a certificate by its SHA-256 fingerprint: a certificate with this fingerprint in a
         * signer's chain, or the signer's own, is a trust anchor.
         *
         * @throws IllegalArgumentException if the fingerprint is not SHA-256
         */
        public Builder pin(DigestValue sha256Fingerprint) {
            Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
            if (sha256Fingerprint.algorithm() != DigestAlgorithm.SHA256) {
                throw new IllegalArgumentException("a pinned fingerprint must be SHA-256, got "
                        + sha256Fingerprint.algorithm().label());
            }
            pins.add(sha256Fingerprint);
            return this;
        }

        /** Adds a CRL, used only if its issuer is on a path and its signature verifies. */
        public Builder crl(X509CRL crl) {
            crls.add(Objects.requireNonNull(crl, "crl"));
            return this;
        }

        /** Adds CRLs. */
        public Builder crls(Collection<X509CRL> crls) {
            Objects.requireNonNull(crls, "crls").forEach(this::crl);
            return this;
        }

        /** The clock for "now"; the system clock unless set. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Makes an unknown revocation status untrusted rather than merely reported. */
        public Builder requireRevocationStatus() {
            this.requireRevocationStatus = true;
            return this;
        }

        /** The policy. */
        public TrustPolicy build() {
            return new TrustPolicy(this);
        }
    }
}
