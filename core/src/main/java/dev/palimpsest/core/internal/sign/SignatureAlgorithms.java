package dev.palimpsest.core.internal.sign;

import dev.palimpsest.core.sign.SignatureAlgorithm;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.EdECKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Maps {@link SignatureAlgorithm} to its JCA and ASN.1 forms, and maps the algorithm identifiers
 * found in other people's signatures to something the JCA can verify.
 */
public final class SignatureAlgorithms {
    /** RSA moduli below this are refused for signing. */
    public static final int MIN_RSA_BITS = 2048;

    private static final Map<ASN1ObjectIdentifier, CmsDigest> ECDSA_WITH = Map.of(
            X9ObjectIdentifiers.ecdsa_with_SHA1, CmsDigest.SHA1,
            X9ObjectIdentifiers.ecdsa_with_SHA224, CmsDigest.SHA224,
            X9ObjectIdentifiers.ecdsa_with_SHA256, CmsDigest.SHA256,
            X9ObjectIdentifiers.ecdsa_with_SHA384, CmsDigest.SHA384,
            X9ObjectIdentifiers.ecdsa_with_SHA512, CmsDigest.SHA512,
            NISTObjectIdentifiers.id_ecdsa_with_sha3_256, CmsDigest.SHA3_256,
            NISTObjectIdentifiers.id_ecdsa_with_sha3_384, CmsDigest.SHA3_384,
            NISTObjectIdentifiers.id_ecdsa_with_sha3_512, CmsDigest.SHA3_512);

    private static final Map<ASN1ObjectIdentifier, CmsDigest> RSA_WITH = Map.of(
            PKCSObjectIdentifiers.md5WithRSAEncryption, CmsDigest.MD5,
            PKCSObjectIdentifiers.sha1WithRSAEncryption, CmsDigest.SHA1,
            PKCSObjectIdentifiers.sha224WithRSAEncryption, CmsDigest.SHA224,
            PKCSObjectIdentifiers.sha256WithRSAEncryption, CmsDigest.SHA256,
            PKCSObjectIdentifiers.sha384WithRSAEncryption, CmsDigest.SHA384,
            PKCSObjectIdentifiers.sha512WithRSAEncryption, CmsDigest.SHA512,
            NISTObjectIdentifiers.id_rsassa_pkcs1_v1_5_with_sha3_256, CmsDigest.SHA3_256,
            NISTObjectIdentifiers.id_rsassa_pkcs1_v1_5_with_sha3_384, CmsDigest.SHA3_384,
            NISTObjectIdentifiers.id_rsassa_pkcs1_v1_5_with_sha3_512, CmsDigest.SHA3_512);

    private SignatureAlgorithms() {
    }

    /** The JCA signature name used to sign with {@code algorithm}. */
    public static String jcaName(SignatureAlgorithm algorithm) {
        switch (algorithm) {
            case ECDSA_SHA256:
                return "SHA256withECDSA";
            case ECDSA_SHA384:
                return "SHA384withECDSA";
            case ECDSA_SHA512:
                return "SHA512withECDSA";
            case RSA_PKCS1_SHA256:
                return "SHA256withRSA";
            case RSA_PSS_SHA256:
                return "RSASSA-PSS";
            case ED25519:
                return "Ed25519";
            default:
                throw new AssertionError(algorithm);
        }
    }

    /** Parameters to set on the JCA signature after initialisation, or {@code null}. */
    public static AlgorithmParameterSpec jcaParameters(SignatureAlgorithm algorithm) {
        return algorithm == SignatureAlgorithm.RSA_PSS_SHA256
                ? new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, PSSParameterSpec.TRAILER_FIELD_BC)
                : null;
    }

    /** The algorithm identifier written into certificates and CMS SignerInfos. */
    public static AlgorithmIdentifier identifier(SignatureAlgorithm algorithm) {
        switch (algorithm) {
            case ECDSA_SHA256:
                return new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
            case ECDSA_SHA384:
                return new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA384);
            case ECDSA_SHA512:
                return new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA512);
            case RSA_PKCS1_SHA256:
                // RFC 4055 section 5: the parameters of sha256WithRSAEncryption are NULL.
                return new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
            case RSA_PSS_SHA256:
                AlgorithmIdentifier sha256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
                return new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, new RSASSAPSSparams(sha256,
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, sha256), new ASN1Integer(32),
                        new ASN1Integer(1)));
            case ED25519:
                return new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);
            default:
                throw new AssertionError(algorithm);
        }
    }

    /**
     * The algorithm a public key signs with, or empty for key types and sizes Palimpsest does not
     * sign with. An RSA key is PKCS#1 v1.5 unless it is an {@code id-RSASSA-PSS} key.
     */
    public static Optional<SignatureAlgorithm> forPublicKey(PublicKey key) {
        if (key instanceof ECPublicKey) {
            int bits = ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
            if (bits == 256) {
                return Optional.of(SignatureAlgorithm.ECDSA_SHA256);
            }
            if (bits == 384) {
                return Optional.of(SignatureAlgorithm.ECDSA_SHA384);
            }
            return bits == 521 ? Optional.of(SignatureAlgorithm.ECDSA_SHA512) : Optional.empty();
        }
        if (key instanceof RSAKey) {
            if (((RSAKey) key).getModulus().bitLength() < MIN_RSA_BITS) {
                return Optional.empty();
            }
            return Optional.of("RSASSA-PSS".equalsIgnoreCase(key.getAlgorithm())
                    ? SignatureAlgorithm.RSA_PSS_SHA256 : SignatureAlgorithm.RSA_PKCS1_SHA256);
        }
        if (key instanceof EdECKey) {
            NamedParameterSpec params = ((EdECKey) key).getParams();
            return "Ed25519".equalsIgnoreCase(params.getName()) ? Optional.of(SignatureAlgorithm.ED25519) : Optional.empty();
        }
        return Optional.empty();
    }

    /** Whether {@code key} can verify signatures made with {@code algorithm}. */
    public static boolean compatible(SignatureAlgorithm algorithm, PublicKey key) {
        Optional<SignatureAlgorithm> natural = forPublicKey(key);
        if (natural.isEmpty()) {
            return false;
        }
        if (natural.get() == algorithm) {
            return true;
        }
        // A plain RSA key may sign with PSS too; an id-RSASSA-PSS key may not sign with PKCS#1 v1.5.
        return algorithm == SignatureAlgorithm.RSA_PSS_SHA256 && natural.get() == SignatureAlgorithm.RSA_PKCS1_SHA256;
    }

    /**
     * Whether {@code key} is of the family a verification needs (EC for ECDSA, RSA for PKCS#1
     * v1.5 or PSS, an Edwards key of the right curve for EdDSA). Curve and hash may be paired
     * freely in signatures made by others (P-384 with SHA-256 is common), so only the family is
     * checked.
     */
    public static boolean keyFamilyMatches(VerifierSpec spec, PublicKey key) {
        String name = spec.jcaName();
        if (name.endsWith("withECDSA")) {
            return key instanceof ECPublicKey;
        }
        if (name.endsWith("withRSA")) {
            return key instanceof RSAKey && !"RSASSA-PSS".equalsIgnoreCase(key.getAlgorithm());
        }
        if (name.equals("RSASSA-PSS")) {
            return key instanceof RSAKey;
        }
        return key instanceof EdECKey && ((EdECKey) key).getParams().getName().equalsIgnoreCase(name);
    }

    /** The size in bytes of one ECDSA integer for this key, or 0 when the key is not EC. */
    public static int ecFieldBytes(PublicKey key) {
        if (key instanceof ECPublicKey) {
            return (((ECPublicKey) key).getParams().getCurve().getField().getFieldSize() + 7) / 8;
        }
        return 0;
    }

    /** How to verify a signature found in a SignerInfo. */
    public static final class VerifierSpec {
        private final String jcaName;
        private final AlgorithmParameterSpec parameters;
        private final CmsDigest innerDigest;
        private final SignatureAlgorithm known;

        VerifierSpec(String jcaName, AlgorithmParameterSpec parameters, CmsDigest innerDigest, SignatureAlgorithm known) {
            this.jcaName = jcaName;
            this.parameters = parameters;
            this.innerDigest = innerDigest;
            this.known = known;
        }

        public String jcaName() {
            return jcaName;
        }

        /** Parameters to set after {@code initVerify}, or {@code null}. */
        public AlgorithmParameterSpec parameters() {
            return parameters;
        }

        /** The digest inside the signature scheme, or {@code null} for EdDSA, which has none to choose. */
        public CmsDigest innerDigest() {
            return innerDigest;
        }

        /** The same algorithm as a {@link SignatureAlgorithm}, when it is one. */
        public Optional<SignatureAlgorithm> known() {
            return Optional.ofNullable(known);
        }
    }

    /** The signature algorithm of a SignerInfo is not one that can be verified. */
    public static final class UnsupportedAlgorithmException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsupportedAlgorithmException(String message) {
            super(message);
        }
    }

    /**
     * How to verify a SignerInfo signature with algorithm {@code signatureAlgorithm} whose
     * digest algorithm is {@code digest}. Identifiers that name only the key type (rsaEncryption,
     * id-ecPublicKey), as some producers write, take the hash from the digest algorithm.
     */
    public static VerifierSpec forVerification(AlgorithmIdentifier signatureAlgorithm, CmsDigest digest)
            throws UnsupportedAlgorithmException {
        ASN1ObjectIdentifier oid = signatureAlgorithm.getAlgorithm();
        CmsDigest ecdsa = ECDSA_WITH.get(oid);
        if (ecdsa != null || oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            CmsDigest hash = ecdsa != null ? ecdsa : digest;
            SignatureAlgorithm known = hash == CmsDigest.SHA256 ? SignatureAlgorithm.ECDSA_SHA256
                    : hash == CmsDigest.SHA384 ? SignatureAlgorithm.ECDSA_SHA384
                    : hash == CmsDigest.SHA512 ? SignatureAlgorithm.ECDSA_SHA512 : null;
            return new VerifierSpec(jcaPrefix(hash) + "withECDSA", null, hash, known);
        }
        CmsDigest rsa = RSA_WITH.get(oid);
        if (rsa != null || oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            CmsDigest hash = rsa != null ? rsa : digest;
            return new VerifierSpec(jcaPrefix(hash) + "withRSA", null, hash,
                    hash == CmsDigest.SHA256 ? SignatureAlgorithm.RSA_PKCS1_SHA256 : null);
        }
        if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            return pss(signatureAlgorithm.getParameters());
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return new VerifierSpec("Ed25519", null, null, SignatureAlgorithm.ED25519);
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed448)) {
            return new VerifierSpec("Ed448", null, null, null);
        }
        throw new UnsupportedAlgorithmException("signature algorithm " + oid.getId() + " is not supported");
    }

    private static VerifierSpec pss(ASN1Encodable encodedParams) throws UnsupportedAlgorithmException {
        RSASSAPSSparams params;
        try {
            params = RSASSAPSSparams.getInstance(encodedParams);
        } catch (RuntimeException e) {
            throw new UnsupportedAlgorithmException("RSASSA-PSS parameters are malformed");
        }
        if (params == null) {
            throw new UnsupportedAlgorithmException("RSASSA-PSS without parameters (SHA-1 defaults) is not accepted");
        }
        CmsDigest hash = CmsDigest.fromOid(params.getHashAlgorithm().getAlgorithm())
                .orElseThrow(() -> new UnsupportedAlgorithmException("RSASSA-PSS hash "
                        + params.getHashAlgorithm().getAlgorithm().getId() + " is not supported"));
        AlgorithmIdentifier mgf = params.getMaskGenAlgorithm();
        if (!mgf.getAlgorithm().equals(PKCSObjectIdentifiers.id_mgf1)) {
            throw new UnsupportedAlgorithmException("RSASSA-PSS mask generation " + mgf.getAlgorithm().getId()
                    + " is not supported");
        }
        CmsDigest mgfHash;
        try {
            mgfHash = CmsDigest.fromOid(AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm())
                    .orElseThrow(() -> new UnsupportedAlgorithmException("RSASSA-PSS MGF1 hash is not supported"));
        } catch (RuntimeException e) {
            throw new UnsupportedAlgorithmException("RSASSA-PSS MGF1 parameters are malformed");
        }
        if (params.getTrailerField().intValueExact() != 1) {
            throw new UnsupportedAlgorithmException("RSASSA-PSS trailer field must be 1");
        }
        int salt = params.getSaltLength().intValueExact();
        PSSParameterSpec spec = new PSSParameterSpec(hash.jcaName(), "MGF1", new MGF1ParameterSpec(mgfHash.jcaName()),
                salt, PSSParameterSpec.TRAILER_FIELD_BC);
        boolean ours = hash == CmsDigest.SHA256 && mgfHash == CmsDigest.SHA256 && salt == 32;
        return new VerifierSpec("RSASSA-PSS", spec, hash, ours ? SignatureAlgorithm.RSA_PSS_SHA256 : null);
    }

    private static String jcaPrefix(CmsDigest digest) {
        switch (digest) {
            case SHA3_256:
            case SHA3_384:
            case SHA3_512:
                return digest.jcaName();
            default:
                return digest.jcaName().replace("-", "");
        }
    }
}
