package dev.palimpsest.core.internal.sign;

import dev.palimpsest.core.digest.DigestAlgorithm;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * The digest algorithms that can appear in signatures made by others, with the verdict on each.
 * Wider than {@link DigestAlgorithm} because third-party signatures use SHA-384 and friends.
 */
public enum CmsDigest {
    MD5(PKCSObjectIdentifiers.md5, "MD5", 16, Strength.FORBIDDEN, null),
    SHA1(OIWObjectIdentifiers.idSHA1, "SHA-1", 20, Strength.LEGACY, DigestAlgorithm.SHA1),
    SHA224(NISTObjectIdentifiers.id_sha224, "SHA-224", 28, Strength.ACCEPTED, DigestAlgorithm.SHA224),
    SHA256(NISTObjectIdentifiers.id_sha256, "SHA-256", 32, Strength.ACCEPTED, DigestAlgorithm.SHA256),
    SHA384(NISTObjectIdentifiers.id_sha384, "SHA-384", 48, Strength.ACCEPTED, DigestAlgorithm.SHA384),
    SHA512(NISTObjectIdentifiers.id_sha512, "SHA-512", 64, Strength.ACCEPTED, DigestAlgorithm.SHA512),
    SHA3_256(NISTObjectIdentifiers.id_sha3_256, "SHA3-256", 32, Strength.ACCEPTED, DigestAlgorithm.SHA3_256),
    SHA3_384(NISTObjectIdentifiers.id_sha3_384, "SHA3-384", 48, Strength.ACCEPTED, null),
    SHA3_512(NISTObjectIdentifiers.id_sha3_512, "SHA3-512", 64, Strength.ACCEPTED, null);

    /** How far a digest is trusted in a signature. */
    public enum Strength {
        /** Acceptable in any signature. */
        ACCEPTED,
        /** Collision attacks are practical: acceptable only for signatures proven older than the attacks. */
        LEGACY,
        /** Never acceptable. */
        FORBIDDEN
    }

    private final ASN1ObjectIdentifier oid;
    private final String jcaName;
    private final int length;
    private final Strength strength;
    private final DigestAlgorithm publicAlgorithm;

    CmsDigest(ASN1ObjectIdentifier oid, String jcaName, int length, Strength strength, DigestAlgorithm publicAlgorithm) {
        this.oid = oid;
        this.jcaName = jcaName;
        this.length = length;
        this.strength = strength;
        this.publicAlgorithm = publicAlgorithm;
    }

    public ASN1ObjectIdentifier oid() {
        return oid;
    }

    public String jcaName() {
        return jcaName;
    }

    public int length() {
        return length;
    }

    public Strength strength() {
        return strength;
    }

    /** The same algorithm in the public digest API, when it is there. */
    public Optional<DigestAlgorithm> publicAlgorithm() {
        return Optional.ofNullable(publicAlgorithm);
    }

    /** The identifier written into new structures: parameters absent, as RFC 5754 asks. */
    public AlgorithmIdentifier identifier() {
        return new AlgorithmIdentifier(oid);
    }

    public MessageDigest newDigest() {
        if (publicAlgorithm != null) {
            return publicAlgorithm.newMessageDigest();
        }
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime lacks " + jcaName, e);
        }
    }

    /** A human name for messages, e.g. {@code SHA-256}. */
    @Override
    public String toString() {
        return jcaName;
    }

    public static Optional<CmsDigest> fromOid(ASN1ObjectIdentifier oid) {
        for (CmsDigest d : values()) {
            if (d.oid.equals(oid)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    public static CmsDigest of(DigestAlgorithm algorithm) {
        for (CmsDigest d : values()) {
            if (d.publicAlgorithm == algorithm) {
                return d;
            }
        }
        throw new IllegalArgumentException(algorithm.label() + " is not usable in CMS");
    }
}
