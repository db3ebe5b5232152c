package dev.palimpsest.core.sign;

/**
 * The bytes given as a signature are not a CMS SignedData that can be verified at all (not DER,
 * another content type, trailing data, or more signers or certificates than any real signature
 * holds). A SignedData that parses is never reported this way: problems with individual signers
 * are collected in their {@link SignerResult}.
 */
public final class MalformedSignatureException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, naming the structure
     * @param cause the underlying parse failure, or {@code null}
     */
    public MalformedSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
