package dev.palimpsest.core.internal.sign;

import dev.palimpsest.core.sign.SignatureAlgorithm;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/**
 * Signs and verifies through the JCA. Providers are chosen by the JCA's delayed selection, so a
 * key that lives on a PKCS#11 token is used by the token's provider and never leaves it.
 */
public final class JcaSignatures {
    private static final SecureRandom RANDOM = new SecureRandom();

    private JcaSignatures() {
    }

    /**
     * Signs {@code data} with {@code key}, through {@code provider} when given, otherwise through
     * whichever registered provider accepts the key.
     */
    public static byte[] sign(PrivateKey key, SignatureAlgorithm algorithm, byte[] data, Provider provider)
            throws GeneralSecurityException {
        String name = SignatureAlgorithms.jcaName(algorithm);
        Signature signature = provider == null ? Signature.getInstance(name) : Signature.getInstance(name, provider);
        signature.initSign(key);
        AlgorithmParameterSpec params = SignatureAlgorithms.jcaParameters(algorithm);
        if (params != null) {
            // After initSign: with delayed provider selection the provider is only fixed by the key.
            signature.setParameter(params);
        }
        signature.update(data);
        return signature.sign();
    }

    /** Verifies a signature made with one of our algorithms. */
    public static boolean verify(PublicKey key, SignatureAlgorithm algorithm, byte[] data, byte[] signatureValue) {
        return verify(key, SignatureAlgorithms.jcaName(algorithm), SignatureAlgorithms.jcaParameters(algorithm),
                data, signatureValue);
    }

    /** Verifies a signature; false for any failure, including a signature that does not parse. */
    public static boolean verify(PublicKey key, String jcaName, AlgorithmParameterSpec params, byte[] data,
            byte[] signatureValue) {
        try {
            Signature signature = Signature.getInstance(jcaName);
            signature.initVerify(key);
            if (params != null) {
                signature.setParameter(params);
            }
            signature.update(data);
            return signature.verify(signatureValue);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether {@code key} is the private half of {@code publicKey}: a random challenge is signed and
     * verified, which works for every key, including one on a token that will not reveal itself.
     */
    public static boolean keyMatches(PrivateKey key, PublicKey publicKey, SignatureAlgorithm algorithm, Provider provider)
            throws GeneralSecurityException {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        byte[] signature = sign(key, algorithm, challenge, provider);
        return verify(publicKey, algorithm, challenge, signature);
    }

    /**
     * An ECDSA signature in DER form: DER input is returned as is; the IEEE P1363 form
     * {@code r || s} (what PKCS#11 and several cloud KMS return) is converted.
     */
    public static byte[] ecdsaToDer(byte[] signature, int fieldBytes) {
        if (isDerEcdsa(signature) || fieldBytes == 0 || signature.length != 2 * fieldBytes) {
            return signature;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, fieldBytes));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, fieldBytes, signature.length));
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an ECDSA signature", e);
        }
    }

    private static boolean isDerEcdsa(byte[] signature) {
        try {
            ASN1Primitive p = ASN1Primitive.fromByteArray(signature);
            if (!(p instanceof ASN1Sequence)) {
                return false;
            }
            ASN1Sequence seq = (ASN1Sequence) p;
            return seq.size() == 2 && seq.getObjectAt(0) instanceof ASN1Integer && seq.getObjectAt(1) instanceof ASN1Integer
                    && Arrays.equals(seq.getEncoded(ASN1Encoding.DER), signature);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
