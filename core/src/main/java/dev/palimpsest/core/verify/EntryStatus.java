package dev.palimpsest.core.verify;

/** The state of one file of an archive after verification. */
public enum EntryStatus {
    /** Present, and every digest matches. */
    OK,
    /** Present, but its bytes differ from what was recorded. */
    MODIFIED,
    /** Recorded, but absent. */
    MISSING,
    /** Present, but not recorded. */
    EXTRA
}
