package dev.palimpsest.core.internal.capture;

import dev.palimpsest.core.capture.CaptureFormatException;
import java.nio.charset.StandardCharsets;

/** The forms an original (archived) URL takes inside memento URLs and CDX rows. */
public final class OriginalUrls {
    /** Longest URL accepted anywhere in capture parsing; longer input is refused, not truncated. */
    public static final int MAX_URL_LENGTH = 65_536;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private OriginalUrls() {
    }

    /**
     * The original URL as the archive means it: a missing scheme is {@code http://}
     * ({@code example.com/a}), a protocol-relative {@code //example.com/a} gets {@code http:}, and
     * the single slash that browsers and some proxies leave of {@code http://}
     * ({@code http:/example.com}) is restored. The scheme is lower-cased; everything else,
     * including the query and fragment, is kept as written.
     *
     * @throws CaptureFormatException if the URL is empty, too long, has a control character or
     *     no host
     */
    public static String normalise(String url) throws CaptureFormatException {
        if (url.isEmpty()) {
            throw new CaptureFormatException("the original URL is empty");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new CaptureFormatException("the original URL is longer than " + MAX_URL_LENGTH + " characters");
        }
        if (Text.hasControl(url)) {
            throw new CaptureFormatException("the original URL " + Text.quote(url) + " has a control character");
        }
        String s = url.startsWith("//") ? "http:" + url : url;
        String result;
        int colon = Text.schemeEnd(s);
        String scheme = colon > 0 ? Text.lowerAscii(s.substring(0, colon)) : "";
        String after = colon > 0 ? s.substring(colon + 1) : "";
        if (colon > 0 && after.startsWith("//")) {
            result = scheme + ":" + after;
        } else if (isWebScheme(scheme) && after.startsWith("/")) {
            result = scheme + ":/" + after;
        } else if (scheme.equals("http") || scheme.equals("https")) {
            result = scheme + "://" + after;
        } else {
            // "example.com:8080/a" looks like a scheme "example.com"; the archive reads it as a host.
            result = "http://" + s;
        }
        int hostStart = result.indexOf("://") + 3;
        int hostEnd = hostStart;
        while (hostEnd < result.length() && "/?#".indexOf(result.charAt(hostEnd)) < 0) {
            hostEnd++;
        }
        String authority = result.substring(hostStart, hostEnd);
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostAndPort.isEmpty() || hostAndPort.startsWith(":")) {
            throw new CaptureFormatException("the original URL " + Text.quote(url) + " has no host");
        }
        return result;
    }

    private static boolean isWebScheme(String scheme) {
        return scheme.equals("http") || scheme.equals("https") || scheme.equals("ftp");
    }

    /**
     * Percent-encodes, as UTF-8, every character that may not appear in a URI path, query or
     * fragment (space, {@code "<>[]\^`{|}}, non-ASCII, a {@code %} not starting an escape, and
     * every {@code #} after the first), so that the result parses as a {@link java.net.URI}.
     * Existing escapes are kept, never encoded twice.
     */
    public static String encodeForUri(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean fragment = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (cp == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                out.append('%');
            } else if (cp == '#' && !fragment) {
                fragment = true;
                out.append('#');
            } else if (cp < 0x80 && isUriChar((char) cp)) {
                out.append((char) cp);
            } else {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
            i += width;
        }
        return out.toString();
    }

    private static boolean isUriChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~:/?@!$&'()*+,;=".indexOf(c) >= 0;
    }

    static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
