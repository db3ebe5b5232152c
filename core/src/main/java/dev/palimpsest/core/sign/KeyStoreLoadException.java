package dev.palimpsest.core.sign;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Key material could not be loaded from a PKCS#12 or PEM file. The {@link #reason() reason}
 * says why, so that a wrong password can be told apart from a damaged file; the message names
 * the file. Neither ever contains a password or key bytes.
 */
public final class KeyStoreLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the key material could not be loaded. */
    public enum Reason {
        /** The password does not open the key store or decrypt the key. */
        WRONG_PASSWORD,
        /** The file is not a well-formed key store, PEM file, certificate or key. */
        CORRUPT,
        /** The file holds no private key. */
        NO_PRIVATE_KEY,
        /** The file holds more than one private key, so which one to use is ambiguous. */
        AMBIGUOUS,
        /** No certificate was found for the private key. */
        NO_CERTIFICATE,
        /** The private key does not belong to the certificate found with it. */
        KEY_CERTIFICATE_MISMATCH,
        /** The key type or size is not one Palimpsest signs with (e.g. DSA, or RSA below 2048 bits). */
        UNSUPPORTED_KEY
    }

    private final Reason reason;
    private final transient Path path;

    /**
     * Creates the exception.
     *
     * @param reason why loading failed
     * @param path the file that was being read, or {@code null} when there is none
     * @param message what was wrong; must not contain secrets
     * @param cause the underlying failure, or {@code null}
     */
    public KeyStoreLoadException(Reason reason, Path path, String message, Throwable cause) {
        super(path == null ? message : path + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.path = path;
    }

    /** Why loading failed. */
    public Reason reason() {
        return reason;
    }

    /** The file that was being read, when there was one. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }
}
