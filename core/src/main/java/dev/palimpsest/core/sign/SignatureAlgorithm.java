package dev.palimpsest.core.sign;

import dev.palimpsest.core.digest.DigestAlgorithm;

/**
 * The signature algorithms Palimpsest signs with. Each fixes the key type, the padding and the
 * digest, so that no combination can be assembled wrongly.
 *
 * <p>This is also the contract with an {@link ExternalSigner}: the signer must produce exactly the
 * signature this algorithm names, in the encoding given here.
 */
public enum SignatureAlgorithm {
    /**
     * ECDSA with SHA-256 (RFC 5758), for P-256 keys. Signatures are the DER {@code Ecdsa-Sig-Value}
     * (an external signer may also return the 64-byte IEEE P1363 form {@code r || s}, which is
     * converted).
     */
    ECDSA_SHA256(DigestAlgorithm.SHA256, true),
    /** ECDSA with SHA-384, for P-384 keys. Encoding as for {@link #ECDSA_SHA256}. */
    ECDSA_SHA384(DigestAlgorithm.SHA384, true),
    /** ECDSA with SHA-512, for P-521 keys. Encoding as for {@link #ECDSA_SHA256}. */
    ECDSA_SHA512(DigestAlgorithm.SHA512, true),
    /** RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017); the signature covers a DER {@code DigestInfo}. */
    RSA_PKCS1_SHA256(DigestAlgorithm.SHA256, true),
    /**
     * RSASSA-PSS (RFC 8017, parameters per RFC 4056): SHA-256, MGF1 with SHA-256, a 32-byte salt
     * and trailer field 1.
     */
    RSA_PSS_SHA256(DigestAlgorithm.SHA256, true),
    /**
     * Ed25519 (RFC 8032, in CMS per RFC 8419). Pure EdDSA signs the message itself, never a
     * digest; the CMS digest algorithm is SHA-512 as RFC 8419 requires.
     */
    ED25519(DigestAlgorithm.SHA512, false);

    private final DigestAlgorithm digestAlgorithm;
    private final boolean signsDigests;

    SignatureAlgorithm(DigestAlgorithm digestAlgorithm, boolean signsDigests) {
        this.digestAlgorithm = digestAlgorithm;
        this.signsDigests = signsDigests;
    }

    /**
     * The digest used with this algorithm: for the CMS message-digest attribute, and for the
     * digest that an {@link ExternalSigner} in {@link ExternalSigner.Input#DIGEST} mode receives.
     */
    public DigestAlgorithm digestAlgorithm() {
        return digestAlgorithm;
    }

    /**
     * Whether a signer can be handed a precomputed digest instead of the data. False only for
     * {@link #ED25519}, which must see the whole message.
     */
    public boolean signsDigests() {
        return signsDigests;
    }
}
