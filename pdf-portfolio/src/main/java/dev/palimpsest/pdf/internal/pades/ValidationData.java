package dev.palimpsest.pdf.internal.pades;

import dev.palimpsest.core.sign.Certificates;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the revocation data a long-term (B-LT) signature must carry: for every certificate that
 * is not self-issued (a self-issued certificate can only be a trust anchor, which has no
 * revocation status), a CRL from its issuer that does not list it.
 */
public final class ValidationData {
    private ValidationData() {
    }

    /** Why no usable CRL was found for a certificate. */
    public static final class MissingRevocationData extends Exception {
        private static final long serialVersionUID = 1L;

        MissingRevocationData(String message) {
            super(message);
        }
    }

    /**
     * The CRLs needed for {@code certificates}, in their order, each once.
     *
     * @param known certificates that may have issued the CRLs, to check their signatures with
     * @throws MissingRevocationData naming the first certificate without a usable CRL, or one that
     *     a CRL revokes
     */
    public static List<X509CRL> crlsFor(Collection<X509Certificate> certificates, Collection<X509CRL> crls,
            Collection<X509Certificate> known) throws MissingRevocationData {
        List<X509CRL> needed = new ArrayList<>();
        for (X509Certificate cert : certificates) {
            if (selfIssued(cert)) {
                continue;
            }
            X509CRL found = null;
            for (X509CRL crl : crls) {
                if (!crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal())) {
                    continue;
                }
                Optional<X509Certificate> issuer = issuerOf(cert, known);
                if (issuer.isPresent() && !signedBy(crl, issuer.get())) {
                    continue;
                }
                if (crl.getRevokedCertificate(cert) != null) {
                    throw new MissingRevocationData("the certificate of " + Certificates.subject(cert) + " (serial "
                            + cert.getSerialNumber().toString(16) + ") is revoked by the CRL of "
                            + crl.getIssuerX500Principal().getName() + " dated " + crl.getThisUpdate().toInstant());
                }
                found = crl;
                break;
            }
            if (found == null) {
                throw new MissingRevocationData("no CRL given for the certificate of " + Certificates.subject(cert)
                        + ", issued by " + cert.getIssuerX500Principal().getName() + "; long-term validation data"
                        + " (B-LT, B-LTA) needs its issuer's CRL");
            }
            if (!containsCrl(needed, found)) {
                needed.add(found);
            }
        }
        return needed;
    }

    /** Whether a certificate names itself as issuer (a root, or any self-signed certificate). */
    public static boolean selfIssued(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
    }

    private static Optional<X509Certificate> issuerOf(X509Certificate cert, Collection<X509Certificate> known) {
        for (X509Certificate candidate : known) {
            if (candidate.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                try {
                    cert.verify(candidate.getPublicKey());
                    return Optional.of(candidate);
                } catch (GeneralSecurityException e) {
                    // another key of the same name: keep looking
                }
            }
        }
        return Optional.empty();
    }

    private static boolean signedBy(X509CRL crl, X509Certificate issuer) {
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean containsCrl(List<X509CRL> crls, X509CRL crl) {
        try {
            for (X509CRL c : crls) {
                if (Arrays.equals(c.getEncoded(), crl.getEncoded())) {
                    return true;
                }
            }
            return false;
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException("a parsed CRL cannot be encoded", e);
        }
    }
}
