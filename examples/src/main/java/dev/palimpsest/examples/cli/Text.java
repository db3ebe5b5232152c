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

    /**
     * {@code s} broken at spaces into lines of at most {@code width} characters, each starting
     * with {@code indent} and ending with a newline; a word longer than a line gets a line of its own.
     */
    static String wrap(String s, String indent, int width) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        for (String word : s.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                out.append(line).append('\n');
                line.setLength(0);
                line.append(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > indent.length() || out.length() == 0) {
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
