package dev.palimpsest.examples.cli;

/** Text helpers for terminal output. */
final class Text {
    private Text() {
    }

    /**
     * {@code s} with control characters shown as {@code \\uXXXX}, so that what an archive says
     * cannot drive the terminal or break a table line.
     */
    static String oneLine(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
