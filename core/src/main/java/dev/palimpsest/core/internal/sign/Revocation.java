package dev.palimpsest.core.internal.sign;

import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Revocation status from CRLs supplied offline. A CRL is used only when it is issued under the
 * certificate's issuer name, its signature verifies with the issuer's key, the issuer may sign
 * CRLs, and it has no critical extension we do not understand (partitioned, indirect and delta
 * CRLs all announce themselves that way, and are not used).
 */
public final class Revocation {
    private static final Set<String> UNDERSTOOD_CRITICAL = Set.of();

    /** The outcome for one certificate. */
    public enum Status {
        GOOD, REVOKED, UNKNOWN
    }

    /** A status with the reason for it. */
    public static final class Outcome {
        private final Status status;
        private final String explanation;

        Outcome(Status status, String explanation) {
            this.status = status;
            this.explanation = explanation;
        }

        public Status status() {
            return status;
        }

        public String explanation() {
            return explanation;
        }
    }

    private Revocation() {
    }

    /**
     * The status of {@code cert}, issued by {@code issuer}, at {@code at}. A certificate revoked
     * after {@code at} was good at {@code at}: that is what lets a timestamped signature outlive a
     * later revocation. A CRL covers {@code at} when it was issued at or after it, or when
     * {@code at} falls before its next update.
     */
    public static Outcome check(X509Certificate cert, X509Certificate issuer, Collection<X509CRL> crls, Instant at) {
        String subject = Certs.subject(cert);
        boolean covered = false;
        for (X509CRL crl : crls) {
            if (!usable(crl, issuer)) {
                continue;
            }
            X509CRLEntry entry = crl.getRevokedCertificate(cert.getSerialNumber());
            if (entry != null) {
                Instant revoked = entry.getRevocationDate().toInstant();
                if (!revoked.isAfter(at)) {
                    return new Outcome(Status.REVOKED, subject + " was revoked on " + revoked
                            + (entry.getRevocationReason() == null ? "" : " (" + entry.getRevocationReason() + ")"));
                }
                covered = true;
                continue;
            }
            Instant thisUpdate = crl.getThisUpdate().toInstant();
            Instant nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
            if (!thisUpdate.isBefore(at) || (nextUpdate != null && !at.isAfter(nextUpdate) && !at.isBefore(thisUpdate))) {
                covered = true;
            }
        }
        return covered ? new Outcome(Status.GOOD, subject + " is not revoked according to a CRL from "
                + Certs.subject(issuer)) : new Outcome(Status.UNKNOWN, "no current CRL from " + Certs.subject(issuer)
                + " covers " + subject + " at " + at);
    }

    private static boolean usable(X509CRL crl, X509Certificate issuer) {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()) || !Certs.allowsCrlSigning(issuer)) {
            return false;
        }
        Set<String> critical = crl.getCriticalExtensionOIDs();
        if (critical != null && !UNDERSTOOD_CRITICAL.containsAll(critical)) {
            return false;
        }
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
