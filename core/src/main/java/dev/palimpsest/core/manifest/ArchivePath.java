package dev.palimpsest.core.manifest;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A path inside an archive: relative, {@code /}-separated, Unicode text in Normalization Form C,
 * without {@code .} or {@code ..} segments. The same rules hold wherever Palimpsest takes a path
 * from input (manifest entries, bundle contents, PDF attachments), so a valid path can be joined
 * under a target directory without leaving it.
 *
 * <p>An instance always satisfies the {@linkplain PathRule rules}; {@link #of(String)} checks
 * them in this order and reports the first one broken:
 * <ol>
 *   <li>not empty;
 *   <li>valid Unicode (no unpaired surrogates);
 *   <li>no control characters (U+0000 to U+001F, U+007F to U+009F);
 *   <li>no backslash;
 *   <li>relative: no leading {@code /} and no drive letter ({@code C:});
 *   <li>in NFC (a path that is not is an error; it is never normalised silently);
 *   <li>no empty segments (no {@code //}, no leading or trailing {@code /});
 *   <li>no {@code .} or {@code ..} segments;
 *   <li>at most {@value #MAX_PATH_BYTES} bytes in UTF-8, each segment at most
 *       {@value #MAX_SEGMENT_BYTES} bytes (the limit of common file systems).
 * </ol>
 * Rules between paths ({@link PathRule#COLLISION}, {@link PathRule#FILE_DIRECTORY_CONFLICT}) are
 * checked by {@link ArchiveManifest.Builder#build()}.
 *
 * <p>Paths are equal when their text is equal, and ordered by Unicode code point (the byte
 * order of their UTF-8 form), which is the order of entries in a manifest.
 */
public final class ArchivePath implements Comparable<ArchivePath> {
    /** The longest path allowed, in UTF-8 bytes. */
    public static final int MAX_PATH_BYTES = 4096;
    /** The longest segment (file or directory name) allowed, in UTF-8 bytes. */
    public static final int MAX_SEGMENT_BYTES = 255;

    private final String path;
    private final String collisionKey;

    private ArchivePath(String path) {
        this.path = path;
        this.collisionKey = foldForCollision(path);
    }

    /**
     * The path for a string, if it follows every rule.
     *
     * @throws ArchivePathException naming the path and the first rule it breaks
     * @throws NullPointerException if {@code path} is null
     */
    public static ArchivePath of(String path) throws ArchivePathException {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            throw violation(path, PathRule.EMPTY, "");
        }
        int at = Checks.unpairedSurrogateIndex(path);
        if (at >= 0) {
            throw violation(path, PathRule.UNPAIRED_SURROGATE, " (at index " + at + ")");
        }
        at = Checks.controlCharacterIndex(path);
        if (at >= 0) {
            throw violation(path, PathRule.CONTROL_CHARACTER,
                    String.format(" (U+%04X at index %d)", (int) path.charAt(at), at));
        }
        at = path.indexOf('\\');
        if (at >= 0) {
            throw violation(path, PathRule.BACKSLASH, " (at index " + at + ")");
        }
        if (path.charAt(0) == '/' || hasDriveLetter(path)) {
            throw violation(path, PathRule.ABSOLUTE, "");
        }
        if (!Normalizer.isNormalized(path, Normalizer.Form.NFC)) {
            throw violation(path, PathRule.NOT_NFC, "; its NFC form is "
                    + Checks.quote(Normalizer.normalize(path, Normalizer.Form.NFC)));
        }
        List<String> segments = split(path);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw violation(path, PathRule.EMPTY_SEGMENT, "");
            }
        }
        for (String segment : segments) {
            if (segment.equals(".") || segment.equals("..")) {
                throw violation(path, PathRule.DOT_SEGMENT, "");
            }
        }
        int bytes = utf8Length(path);
        if (bytes > MAX_PATH_BYTES) {
            throw violation(path, PathRule.TOO_LONG, " (the path is " + bytes + " bytes)");
        }
        for (String segment : segments) {
            int segmentBytes = utf8Length(segment);
            if (segmentBytes > MAX_SEGMENT_BYTES) {
                throw violation(path, PathRule.TOO_LONG, " (segment " + Checks.quote(segment) + " is "
                        + segmentBytes + " bytes)");
            }
        }
        return new ArchivePath(path);
    }

    /** The segments between the {@code /} separators, in order; never empty. */
    public List<String> segments() {
        return Collections.unmodifiableList(split(path));
    }

    /** The last segment: the file's name. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * The key under which two paths collide: equal keys mean the paths would name the same file
     * on a case-insensitive or normalising file system (Windows, macOS), so one manifest may not
     * hold both.
     *
     * <p>The key approximates the NFC form of Unicode full case folding with what the JDK
     * provides (it has no case-folding API): the path is lower-cased, upper-cased and lower-cased
     * again with {@link Locale#ROOT}, then normalised to NFC. The round trip through upper case
     * folds what lower-casing alone misses ({@code ß} and {@code ẞ} to {@code ss}, {@code ſ} to
     * {@code s}, ligatures such as {@code ﬁ} to {@code fi}); the final NFC undoes the
     * decompositions that case mapping introduces. It errs on the side of reporting a collision:
     * it also folds the Turkish dotless {@code ı} to {@code i}, which Unicode folding keeps apart.
     */
    public String collisionKey() {
        return collisionKey;
    }

    /** Orders by Unicode code point, which is the byte order of the paths' UTF-8 form. */
    @Override
    public int compareTo(ArchivePath other) {
        return Checks.compareByCodePoint(path, other.path);
    }

    /** Equal when the path text is equal (paths that merely collide are not equal). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ArchivePath && ((ArchivePath) o).path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    /** The path text, e.g. {@code documents/report.pdf}. */
    @Override
    public String toString() {
        return path;
    }

    static String foldForCollision(String s) {
        String nfc = Normalizer.normalize(s, Normalizer.Form.NFC);
        String folded = nfc.toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFC);
    }

    private static boolean hasDriveLetter(String path) {
        char first = path.charAt(0);
        return path.length() >= 2 && path.charAt(1) == ':'
                && ((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z'));
    }

    private static List<String> split(String path) {
        List<String> segments = new ArrayList<>();
        int start = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                segments.add(path.substring(start));
                return segments;
            }
            segments.add(path.substring(start, slash));
            start = slash + 1;
        }
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static ArchivePathException violation(String path, PathRule rule, String detail) {
        return new ArchivePathException(path, rule,
                "path " + Checks.quote(path) + " " + rule.requirement() + detail + " [" + rule + "]");
    }
}
