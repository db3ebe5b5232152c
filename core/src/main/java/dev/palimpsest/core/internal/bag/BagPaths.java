package dev.palimpsest.core.internal.bag;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * The rules for paths in manifests and {@code fetch.txt}: percent-decoding, what counts as
 * escaping the bag, normalisation of harmless spellings, and the keys under which two names
 * collide on case-insensitive or normalising file systems.
 */
public final class BagPaths {
    /** Operating-system metadata files, compared case-insensitively with a path's last segment. */
    private static final Set<String> SYSTEM_FILES = Set.of(".ds_store", "thumbs.db", "ehthumbs.db", "desktop.ini",
            ".spotlight-v100", ".trashes", ".fseventsd", "icon\r", ".localized");

    private BagPaths() {
    }

    /**
     * Decodes the three escapes RFC 8493 (section 2.1.3) defines for manifest and fetch paths:
     * {@code %0A} (LF), {@code %0D} (CR) and {@code %25} (%), in either case. Any other
     * {@code %} sequence is left as it is, since earlier bags wrote file names such as
     * {@code %7Efile} literally.
     */
    public static String decodePercent(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()) {
                String code = path.substring(i + 1, i + 3).toUpperCase(Locale.ROOT);
                char decoded = code.equals("0A") ? '\n' : code.equals("0D") ? '\r' : code.equals("25") ? '%' : 0;
                if (decoded != 0) {
                    out.append(decoded);
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Why {@code path} could name something outside the bag, or null when it cannot: absolute
     * paths, UNC paths and backslashes, drive letters, home-directory shortcuts ({@code ~},
     * {@code ~user}), {@code ..} segments, and NUL characters.
     */
    public static String unsafeReason(String path) {
        if (path.isEmpty()) {
            return "is empty";
        }
        if (path.indexOf('\0') >= 0) {
            return "contains a NUL character";
        }
        if (path.startsWith("\\\\") || path.startsWith("//")) {
            return "is a UNC network path";
        }
        if (path.startsWith("/")) {
            return "is an absolute path";
        }
        if (path.indexOf('\\') >= 0) {
            return "contains a backslash, a Windows path separator";
        }
        if (path.length() >= 2 && isAsciiLetter(path.charAt(0)) && path.charAt(1) == ':') {
            return "starts with a drive letter";
        }
        if (path.startsWith("~")) {
            return "starts with '~', a home-directory shortcut";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                return "has a '..' segment";
            }
        }
        return null;
    }

    /**
     * The path without {@code .} segments, empty segments and a trailing slash, e.g.
     * {@code ./data/x} → {@code data/x}. Only call on paths {@link #unsafeReason(String) that are
     * safe}.
     */
    public static String normalise(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(segment);
        }
        return out.toString();
    }

    /** The path in Unicode normalisation form C. */
    public static String nfc(String path) {
        return Normalizer.normalize(path, Normalizer.Form.NFC);
    }

    /**
     * A key equal for two paths that name the same file on a case-insensitive or normalising
     * file system (macOS, Windows): NFC, then case folded.
     */
    public static String collisionKey(String path) {
        return nfc(path).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** How two colliding names differ, for messages: "letter case" or "Unicode normalisation form". */
    public static String collisionKind(String a, String b) {
        return nfc(a).equals(nfc(b)) ? "the same name in different Unicode normalisation forms"
                : "names that differ only in letter case";
    }

    /** Whether the path's last segment is an operating-system metadata file, or a macOS AppleDouble file. */
    public static boolean isSystemFile(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return SYSTEM_FILES.contains(name.toLowerCase(Locale.ROOT)) || name.startsWith("._");
    }

    /** The path with control characters escaped, for messages. */
    public static String printable(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        String s = out.toString();
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
