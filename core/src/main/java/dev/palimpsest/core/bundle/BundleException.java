package dev.palimpsest.core.bundle;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * A bundle could not be written or signed because of its input or target: the message names the
 * file and what was wrong, and {@link #reason()} says which rule was broken, for programs that act
 * on it. Failures of the file system itself are plain {@link IOException}s.
 */
public final class BundleException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Which rule a bundle operation found broken. */
    public enum Reason {
        /** Something already exists at the target path and replacing it was not allowed. */
        TARGET_EXISTS,
        /** The target and an input overlap: one is inside the other. */
        TARGET_OVERLAPS_INPUT,
        /**
         * An input file was refused: a symbolic link (or one leading outside the input folder), a
         * device, FIFO or socket, a name that is not a valid archive path, or a missing file.
         */
        INPUT_REFUSED,
        /** Two inputs would have the same path in the bundle, or paths equal after NFC and case folding. */
        NAME_COLLISION,
        /** An input file changed (size or modification time) while it was being copied. */
        INPUT_CHANGED,
        /** An input file does not match the size or digests its manifest entry records. */
        INPUT_MISMATCH,
        /** The path is not a Palimpsest bundle (no {@code provenance/archive.json}). */
        NOT_A_BUNDLE,
        /** The bundle to sign does not verify; signing it would vouch for damaged content. */
        BUNDLE_INVALID,
        /** The archive manifest could not be built or read. */
        MANIFEST_INVALID,
        /** A signer failed (an unusable key or token, a failing timestamp authority). */
        SIGNING_FAILED
    }

    private final Reason reason;
    private final String file;

    /**
     * @param reason which rule was broken
     * @param file the file concerned, as the caller would recognise it, or null
     * @param message the whole message, naming the file
     * @param cause the underlying failure, or null
     */
    public BundleException(Reason reason, String file, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.file = file;
    }

    /** Which rule was broken. */
    public Reason reason() {
        return reason;
    }

    /** The file the problem is about, when there is one. */
    public Optional<String> file() {
        return Optional.ofNullable(file);
    }
}
