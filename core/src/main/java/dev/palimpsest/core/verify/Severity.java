package dev.palimpsest.core.verify;

/** How much a {@link Problem} weighs. */
public enum Severity {
    /** The archive is not intact or not well formed; the verdict is {@link Verdict#INVALID}. */
    ERROR,
    /** Worth a reader's attention, but the archive is still intact. */
    WARNING
}
