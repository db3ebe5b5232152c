package dev.palimpsest.core.internal.wacz;

import java.util.Locale;

/** Path rules for ZIP entry names and {@code datapackage.json} resource paths, and printable forms for messages. */
final class WaczPaths {
    private WaczPaths() {
    }

    /**
     * Why a name could escape the directory it is read into, or is otherwise not a plain relative
     * path; null when it is safe.
     */
    static String unsafeReason(String name) {
        if (name.isEmpty()) {
            return "has an empty name";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "contains a control character";
            }
        }
        if (name.indexOf('\\') >= 0) {
            return "contains a backslash";
        }
        if (name.startsWith("/")) {
            return "is an absolute path";
        }
        if (name.length() >= 2 && Character.isLetter(name.charAt(0)) && name.charAt(1) == ':') {
            return "starts with a drive letter";
        }
        String body = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : body.split("/", -1)) {
            if (segment.equals("..")) {
                return "has a '..' segment";
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "has an empty or '.' segment";
            }
        }
        return null;
    }

    /** The text with control characters escaped and at most 200 characters, for messages. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 208));
        int i = 0;
        for (; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
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
        if (i < text.length()) {
            out.setLength(Math.min(out.length(), 197));
            out.append("...");
        }
        return out.toString();
    }
}
