package dev.palimpsest.core.sign;

import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.sign.Certs;
import dev.palimpsest.core.internal.sign.KeyFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** Reading and writing certificates and CRLs, and their fingerprints. */
public final class Certificates {
    private Certificates() {
    }

    /**
     * All certificates in a file: PEM with any number of {@code CERTIFICATE} blocks (other blocks
     * are skipped), or a single DER certificate.
     *
     * @throws IOException if the file cannot be read
     * @throws KeyStoreLoadException {@code CORRUPT} if a block is malformed, {@code NO_CERTIFICATE} if
     *     the file holds none
     */
    public static List<X509Certificate> read(Path file) throws IOException, KeyStoreLoadException {
        Objects.requireNonNull(file, "file");
        List<X509Certificate> certs = KeyFiles.readPem(file).certificates();
        if (certs.isEmpty()) {
            throw new KeyStoreLoadException(KeyStoreLoadException.Reason.NO_CERTIFICATE, file, "holds no certificate", null);
        }
        return List.copyOf(certs);
    }

    /**
     * All CRLs in a file: PEM {@code X509 CRL} blocks, or a single DER CRL.
     *
     * @throws IOException if the file cannot be read
     * @throws KeyStoreLoadException {@code CORRUPT} if the file holds no well-formed CRL
     */
    public static List<X509CRL> readCrls(Path file) throws IOException, KeyStoreLoadException {
        Objects.requireNonNull(file, "file");
        List<X509CRL> crls = KeyFiles.readPem(file).crls();
        if (crls.isEmpty()) {
            throw new KeyStoreLoadException(KeyStoreLoadException.Reason.CORRUPT, file, "holds no CRL", null);
        }
        return List.copyOf(crls);
    }

    /** PEM text ({@code -----BEGIN CERTIFICATE-----} blocks, 64-character lines) for certificates. */
    public static String toPem(List<X509Certificate> certificates) {
        Objects.requireNonNull(certificates, "certificates");
        return KeyFiles.toPem(certificates);
    }

    /** The SHA-256 fingerprint of a certificate's DER encoding, as pinned and reported. */
    public static DigestValue sha256(X509Certificate certificate) {
        return Certs.sha256(Objects.requireNonNull(certificate, "certificate"));
    }

    /** A certificate's subject as an RFC 2253 string, as reported. */
    public static String subject(X509Certificate certificate) {
        return Certs.subject(Objects.requireNonNull(certificate, "certificate"));
    }
}
