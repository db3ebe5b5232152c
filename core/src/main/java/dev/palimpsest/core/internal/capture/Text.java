package dev.palimpsest.core.internal.capture;

/** Small text helpers shared by the capture parsers. */
public final class Text {
    /** Longest quoted excerpt of hostile input that an error message carries. */
    private static final int EXCERPT = 60;

    private Text() {
    }

    /**
     * {@code 'text'} for an error message: at most 60 characters, control and non-ASCII
     * characters written as {@code \}{@code uXXXX} so that input cannot forge log lines or
     * terminal escapes through a message.
     */
    public static String quote(String text) {
        return text == null ? "null" : "'" + escape(text, EXCERPT) + "'";
    }

    /**
     * A message from a library (which may quote input) made safe for ours: at most 200
     * characters, control and non-ASCII characters escaped.
     */
    public static String clean(String text) {
        return text == null ? "" : escape(text, 200);
    }

    private static String escape(String text, int max) {
        int end = Math.min(text.length(), max);
        StringBuilder out = new StringBuilder(end + 8);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > max) {
            out.append("...");
        }
        return out.toString();
    }

    /** Whether the text has an ASCII control character (including DEL). */
    public static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text is only ASCII digits (and not empty). */
    public static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** ASCII lower case; unlike {@link String#toLowerCase()} it never depends on a locale. */
    public static String lowerAscii(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return chars == null ? text : new String(chars);
    }

    /**
     * The index of the colon ending a URI scheme at the start of {@code text}
     * ({@code ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"}), or -1 when there is none.
     */
    public static int schemeEnd(String text) {
        if (text.isEmpty() || !isAsciiLetter(text.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return -1;
            }
        }
        return -1;
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
