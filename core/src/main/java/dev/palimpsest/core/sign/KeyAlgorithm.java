package dev.palimpsest.core.sign;

import java.util.Locale;
import java.util.Optional;

/**
 * The key types a new {@link SigningIdentity} can be generated with, each bound to the one
 * {@link SignatureAlgorithm} it signs with.
 */
public enum KeyAlgorithm {
    /** ECDSA on NIST P-256 with SHA-256: small keys and signatures; the default. */
    ECDSA_P256("ecdsa-p256", SignatureAlgorithm.ECDSA_SHA256),
    /** RSA with a 3072-bit modulus, signing with PKCS#1 v1.5 and SHA-256: the most widely accepted. */
    RSA_3072_PKCS1("rsa-3072", SignatureAlgorithm.RSA_PKCS1_SHA256),
    /**
     * RSA with a 3072-bit modulus, signing with RSASSA-PSS and SHA-256. The key is generated as an
     * {@code id-RSASSA-PSS} key, so its certificate announces that it signs only with PSS.
     */
    RSA_3072_PSS("rsa-3072-pss", SignatureAlgorithm.RSA_PSS_SHA256),
    /** Ed25519 (RFC 8032). */
    ED25519("ed25519", SignatureAlgorithm.ED25519);

    private final String label;
    private final SignatureAlgorithm signatureAlgorithm;

    KeyAlgorithm(String label, SignatureAlgorithm signatureAlgorithm) {
        this.label = label;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The lower-case label used on the command line, e.g. {@code ecdsa-p256} or {@code rsa-3072-pss}. */
    public String label() {
        return label;
    }

    /** The signature algorithm that keys of this type sign with. */
    public SignatureAlgorithm signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /**
     * The algorithm with this {@link #label() label}, ignoring case and surrounding blanks.
     *
     * @return the algorithm, or empty when no algorithm has that label
     */
    public static Optional<KeyAlgorithm> fromLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String wanted = label.trim().toLowerCase(Locale.ROOT);
        for (KeyAlgorithm algorithm : values()) {
            if (algorithm.label.equals(wanted)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
