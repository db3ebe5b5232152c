package dev.palimpsest.core.verify;

/** The overall outcome of a verification. */
public enum Verdict {
    /**
     * Intact, every signature cryptographically valid, and at least one signer trusted through a
     * given trust anchor or pinned fingerprint.
     */
    TRUSTED,
    /** Intact and every signature valid, but no signer is trusted, or the archive is unsigned. */
    VALID,
    /** Any integrity, signature or format failure: at least one {@link Severity#ERROR} problem. */
    INVALID
}
