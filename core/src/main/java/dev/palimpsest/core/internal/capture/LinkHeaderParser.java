package dev.palimpsest.core.internal.capture;

import dev.palimpsest.core.capture.CaptureFormatException;
import dev.palimpsest.core.capture.WebLink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses an HTTP {@code Link} header value (RFC 8288, section 3) in one left-to-right pass:
 * {@code <uri> *( ";" name [ "=" ( token / quoted-string ) ] )}, links separated by commas.
 * Commas and semicolons inside quoted strings (as in {@code datetime="Wed, 11 Nov 1998 ..."})
 * belong to the value.
 */
public final class LinkHeaderParser {
    /** Longest header value accepted. */
    public static final int MAX_LENGTH = 1 << 20;

    private final String s;
    private int pos;

    private LinkHeaderParser(String s) {
        this.s = s;
    }

    /** The links of a header value, in order; an empty or blank value has none. */
    public static List<WebLink> parse(String value) throws CaptureFormatException {
        if (value.length() > MAX_LENGTH) {
            throw new CaptureFormatException("Link header is longer than " + MAX_LENGTH + " characters");
        }
        return new LinkHeaderParser(value).links();
    }

    private List<WebLink> links() throws CaptureFormatException {
        List<WebLink> links = new ArrayList<>();
        while (true) {
            // Empty list elements (", ,") are allowed by the list syntax of HTTP.
            while (pos < s.length() && (isSpace(s.charAt(pos)) || s.charAt(pos) == ',')) {
                pos++;
            }
            if (pos == s.length()) {
                return links;
            }
            if (s.charAt(pos) != '<') {
                throw error("expected '<' to start a link");
            }
            int close = s.indexOf('>', pos + 1);
            if (close < 0) {
                throw error("the '<' is never closed by '>'");
            }
            String target = s.substring(pos + 1, close).strip();
            pos = close + 1;
            List<Map.Entry<String, String>> params = new ArrayList<>();
            while (true) {
                skipSpace();
                if (pos == s.length() || s.charAt(pos) == ',') {
                    break;
                }
                if (s.charAt(pos) != ';') {
                    throw error("expected ';' or ',' after a link");
                }
                pos++;
                skipSpace();
                if (pos == s.length() || s.charAt(pos) == ',' || s.charAt(pos) == ';') {
                    continue;
                }
                int nameStart = pos;
                while (pos < s.length() && isTokenChar(s.charAt(pos))) {
                    pos++;
                }
                if (pos == nameStart) {
                    throw error("expected a parameter name");
                }
                String name = s.substring(nameStart, pos);
                skipSpace();
                String paramValue = "";
                if (pos < s.length() && s.charAt(pos) == '=') {
                    pos++;
                    skipSpace();
                    paramValue = pos < s.length() && s.charAt(pos) == '"' ? quoted() : bare();
                }
                params.add(Map.entry(name, paramValue));
            }
            try {
                links.add(WebLink.of(target, params));
            } catch (IllegalArgumentException e) {
                throw new CaptureFormatException("Link header: " + e.getMessage());
            }
        }
    }

    private String quoted() throws CaptureFormatException {
        int open = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\' && pos < s.length()) {
                c = s.charAt(pos++);
            }
            value.append(c);
        }
        pos = open;
        throw error("the quoted string is never closed");
    }

    /** An unquoted value; more liberal than a token, since servers write {@code type=text/html}. */
    private String bare() {
        int start = pos;
        while (pos < s.length() && s.charAt(pos) != ';' && s.charAt(pos) != ',' && !isSpace(s.charAt(pos))) {
            pos++;
        }
        return s.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < s.length() && isSpace(s.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private CaptureFormatException error(String what) {
        String found = pos < s.length() ? " at " + Text.quote(s.substring(pos, Math.min(s.length(), pos + 20))) : " at the end";
        return new CaptureFormatException("Link header, character " + (pos + 1) + ": " + what + found);
    }
}
