package dev.palimpsest.core.internal.sign;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import java.io.ByteArrayInputStream;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/** Small certificate helpers shared by signing, verification and trust. */
public final class Certs {
    /** Key usage bit positions (RFC 5280 section 4.2.1.3). */
    public static final int KU_DIGITAL_SIGNATURE = 0;
    public static final int KU_NON_REPUDIATION = 1;
    public static final int KU_KEY_CERT_SIGN = 5;
    public static final int KU_CRL_SIGN = 6;

    private Certs() {
    }

    /** Parses one DER certificate with the JDK's factory (so that keys come out as JDK keys). */
    public static X509Certificate parse(byte[] der) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        ByteArrayInputStream in = new ByteArrayInputStream(der);
        X509Certificate cert = (X509Certificate) factory.generateCertificate(in);
        if (in.available() != 0) {
            throw new CertificateException("trailing data after the certificate");
        }
        return cert;
    }

    /** Parses one DER CRL. */
    public static X509CRL parseCrl(byte[] der) throws CRLException {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new CRLException("no X.509 factory", e);
        }
    }

    public static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate cannot be re-encoded", e);
        }
    }

    /** The SHA-256 fingerprint of the DER certificate. */
    public static DigestValue sha256(X509Certificate cert) {
        return DigestValue.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(encoded(cert)));
    }

    /** Whether the key usage, if the certificate restricts it, allows signing documents. */
    public static boolean allowsDocumentSigning(X509Certificate cert) {
        boolean[] usage = cert.getKeyUsage();
        return usage == null || bit(usage, KU_DIGITAL_SIGNATURE) || bit(usage, KU_NON_REPUDIATION);
    }

    /** Whether the key usage, if restricted, allows signing CRLs. */
    public static boolean allowsCrlSigning(X509Certificate cert) {
        boolean[] usage = cert.getKeyUsage();
        return usage == null || bit(usage, KU_CRL_SIGN);
    }

    private static boolean bit(boolean[] usage, int index) {
        return usage.length > index && usage[index];
    }

    /** Whether the certificate is within its validity period at {@code at}. */
    public static boolean validAt(X509Certificate cert, Instant at) {
        return !at.isBefore(cert.getNotBefore().toInstant()) && !at.isAfter(cert.getNotAfter().toInstant());
    }

    /** The subject as an RFC 2253 string, the form used in reports. */
    public static String subject(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    /** The subject key identifier, when the certificate has one. */
    public static Optional<byte[]> subjectKeyIdentifier(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ext == null) {
            return Optional.empty();
        }
        try {
            byte[] inner = ASN1OctetString.getInstance(ext).getOctets();
            return Optional.of(SubjectKeyIdentifier.getInstance(inner).getKeyIdentifier());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether two certificates have the same encoding. */
    public static boolean same(X509Certificate a, X509Certificate b) {
        return Arrays.equals(encoded(a), encoded(b));
    }

    /** Whether {@code cert} is in {@code certs}, by encoding. */
    public static boolean contains(Collection<X509Certificate> certs, X509Certificate cert) {
        for (X509Certificate c : certs) {
            if (same(c, cert)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the certificate's subject and issuer are the same name. */
    public static boolean selfIssued(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
    }

    /** Puts {@code chain} in order from the certificate {@code leaf} towards its root, extra certificates last. */
    public static List<X509Certificate> orderChain(X509Certificate leaf, Collection<X509Certificate> others) {
        List<X509Certificate> remaining = new java.util.ArrayList<>();
        for (X509Certificate c : others) {
            if (!same(c, leaf) && !contains(remaining, c)) {
                remaining.add(c);
            }
        }
        List<X509Certificate> chain = new java.util.ArrayList<>();
        chain.add(leaf);
        X509Certificate current = leaf;
        while (!selfIssued(current)) {
            X509Certificate issuer = null;
            for (X509Certificate c : remaining) {
                if (c.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    issuer = c;
                    break;
                }
            }
            if (issuer == null) {
                break;
            }
            remaining.remove(issuer);
            chain.add(issuer);
            current = issuer;
        }
        chain.addAll(remaining);
        return chain;
    }
}
