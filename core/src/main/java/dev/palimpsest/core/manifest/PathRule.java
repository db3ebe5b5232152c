package dev.palimpsest.core.manifest;

/**
 * The rules that a path in an archive manifest must follow; an {@link ArchivePathException}
 * names the rule that was broken. The rules exist so that every path names one file inside the
 * archive on every common file system, whoever unpacks it.
 */
public enum PathRule {
    /** The path is the empty string. */
    EMPTY("must not be empty"),
    /** The path holds a code unit from an unpaired UTF-16 surrogate, which is not Unicode text. */
    UNPAIRED_SURROGATE("must be valid Unicode (it holds an unpaired surrogate)"),
    /** The path holds a control character (U+0000 to U+001F, U+007F to U+009F). */
    CONTROL_CHARACTER("must not contain control characters"),
    /** The path holds a backslash, which Windows reads as a separator. */
    BACKSLASH("must use '/' as its separator and contain no backslash"),
    /** The path starts with {@code /} or with a drive letter such as {@code C:}. */
    ABSOLUTE("must be relative (no leading '/' or drive letter)"),
    /** The path is not in Unicode Normalization Form C. It is reported, never silently changed. */
    NOT_NFC("must be in Unicode Normalization Form C"),
    /** The path has an empty segment: a doubled, leading or trailing {@code /}. */
    EMPTY_SEGMENT("must not have empty segments ('//' or a trailing '/')"),
    /** The path has a {@code .} or {@code ..} segment. */
    DOT_SEGMENT("must not have '.' or '..' segments"),
    /**
     * The path is longer than {@value ArchivePath#MAX_PATH_BYTES} bytes, or a segment longer than
     * {@value ArchivePath#MAX_SEGMENT_BYTES} bytes, in UTF-8.
     */
    TOO_LONG("must be at most " + ArchivePath.MAX_PATH_BYTES + " bytes, each segment at most "
            + ArchivePath.MAX_SEGMENT_BYTES + " bytes, in UTF-8"),
    /**
     * Two paths of one manifest are equal after NFC normalisation and case folding (see
     * {@link ArchivePath#collisionKey()}), so they would be one file on a case-insensitive file
     * system.
     */
    COLLISION("must differ from every other path after NFC normalisation and case folding"),
    /**
     * One path is a directory prefix of another ({@code a} and {@code a/b}), compared by collision
     * key, so the two cannot both be files.
     */
    FILE_DIRECTORY_CONFLICT("must not name a file that another path uses as a directory");

    private final String requirement;

    PathRule(String requirement) {
        this.requirement = requirement;
    }

    /** What the rule requires, as a phrase that follows "a path ...", e.g. "must be relative". */
    public String requirement() {
        return requirement;
    }
}
