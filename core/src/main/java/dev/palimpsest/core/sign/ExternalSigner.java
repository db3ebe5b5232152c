package dev.palimpsest.core.sign;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A signer whose private key the library never sees: an HSM, a cloud KMS, a remote signing
 * service. The library hands over what is to be signed and receives the signature value.
 *
 * <p>What the signer receives depends on {@link #input()}:
 * <ul>
 *   <li>{@link Input#DATA}: the bytes to be signed (for CMS, the DER encoding of the signed
 *       attributes, a few hundred bytes); the signer hashes and signs them as
 *       {@link #algorithm()} prescribes.</li>
 *   <li>{@link Input#DIGEST}: only the digest of those bytes, computed with
 *       {@link SignatureAlgorithm#digestAlgorithm()}; the signer applies the signature primitive to
 *       it (for RSA PKCS#1 v1.5 the signer wraps it in a {@code DigestInfo}, as KMS "digest" modes
 *       do). Not possible with {@link SignatureAlgorithm#ED25519}.</li>
 * </ul>
 *
 * <p>Every signature returned is verified with the first certificate of
 * {@link #certificateChain()} before it is used, so a faulty or misconfigured signer causes a
 * {@link SigningException} with reason {@code SIGNER_FAILED}, never a bad signature file.
 * Implementations must be safe to call from the thread that calls the {@link CmsSigner}.
 */
public interface ExternalSigner {

    /** What the signer is given to sign. */
    enum Input {
        /** The bytes to be signed. */
        DATA,
        /** The digest of the bytes to be signed. */
        DIGEST
    }

    /** The algorithm this signer's signatures are made with; must suit the certificate's key. */
    SignatureAlgorithm algorithm();

    /** The signer's certificate first, then its issuers; never empty. */
    List<X509Certificate> certificateChain();

    /** Whether {@link #sign(byte[])} receives the data or its digest; {@link Input#DATA} by default. */
    default Input input() {
        return Input.DATA;
    }

    /**
     * Signs the data or digest (see {@link #input()}) and returns the signature value in the
     * encoding that {@link #algorithm()} documents.
     *
     * @param toBeSigned the data or digest; the implementation may keep no reference to it
     * @throws IOException if a remote signer cannot be reached
     * @throws GeneralSecurityException if the key or token refuses to sign
     */
    byte[] sign(byte[] toBeSigned) throws IOException, GeneralSecurityException;
}
