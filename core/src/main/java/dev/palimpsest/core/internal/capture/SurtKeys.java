package dev.palimpsest.core.internal.capture;

import dev.palimpsest.core.capture.CaptureFormatException;
import java.math.BigInteger;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Computes CDX url keys (SURT form, without scheme) the way the Wayback CDX server's default
 * canonicalisation does. Every step is a linear scan: no regular expressions, so hostile
 * URLs cannot make it slow.
 */
public final class SurtKeys {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SurtKeys() {
    }

    /**
     * The url key of {@code url}; see {@link dev.palimpsest.core.capture.Surt#of(String)} for
     * the rules.
     */
    public static String of(String url) throws CaptureFormatException {
        if (url.length() > OriginalUrls.MAX_URL_LENGTH) {
            throw new CaptureFormatException("URL is longer than " + OriginalUrls.MAX_URL_LENGTH + " characters");
        }
        // Tabs and line breaks inside a URL are artefacts of copying; the canonical form ignores them.
        String s = removeTabsAndBreaks(url).strip();
        if (s.isEmpty()) {
            throw new CaptureFormatException("URL is empty");
        }
        if (Text.hasControl(s)) {
            throw new CaptureFormatException("URL " + Text.quote(url) + " has a control character");
        }
        int colon = Text.schemeEnd(s);
        String scheme = colon > 0 ? Text.lowerAscii(s.substring(0, colon)) : "";
        String rest;
        if (colon > 0 && s.startsWith("//", colon + 1)) {
            rest = s.substring(colon + 3);
        } else if ((scheme.equals("http") || scheme.equals("https")) && colon > 0) {
            rest = s.substring(colon + 1);
            rest = rest.startsWith("/") ? rest.substring(1) : rest;
        } else if (colon > 0 && isOpaque(scheme, s, colon)) {
            // dns:, filedesc:, warcinfo:, mailto: ... have no host to reverse; their key is the URL.
            return scheme + s.substring(colon);
        } else {
            scheme = "http";
            rest = s.startsWith("//") ? s.substring(2) : s;
        }
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        int authorityEnd = 0;
        while (authorityEnd < rest.length() && rest.charAt(authorityEnd) != '/' && rest.charAt(authorityEnd) != '?') {
            authorityEnd++;
        }
        String authority = rest.substring(0, authorityEnd);
        String pathAndQuery = rest.substring(authorityEnd);
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String query = question < 0 ? null : pathAndQuery.substring(question + 1);

        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        String host;
        String port;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            if (close < 0) {
                throw new CaptureFormatException("URL " + Text.quote(url) + " has an unterminated IPv6 address");
            }
            host = Text.lowerAscii(hostAndPort.substring(0, close + 1));
            port = hostAndPort.length() > close + 1 && hostAndPort.charAt(close + 1) == ':' ? hostAndPort.substring(close + 2) : "";
        } else {
            int portColon = hostAndPort.lastIndexOf(':');
            host = portColon < 0 ? hostAndPort : hostAndPort.substring(0, portColon);
            port = portColon < 0 ? "" : hostAndPort.substring(portColon + 1);
            host = canonicalHost(host);
        }
        if (host.isEmpty()) {
            throw new CaptureFormatException("URL " + Text.quote(url) + " has no host");
        }
        if (!port.isEmpty() && (!Text.isDigits(port) || port.length() > 5 || Integer.parseInt(port) > 65535)) {
            throw new CaptureFormatException("URL " + Text.quote(url) + " has the invalid port " + Text.quote(port));
        }
        if (!port.isEmpty() && Integer.parseInt(port) == defaultPort(scheme)) {
            port = "";
        }

        StringBuilder key = new StringBuilder(url.length() + 8);
        if (host.startsWith("[")) {
            key.append(host);
        } else {
            String[] labels = host.split("\\.", -1);
            for (int i = labels.length - 1; i >= 0; i--) {
                key.append(labels[i]);
                if (i > 0) {
                    key.append(',');
                }
            }
        }
        if (!port.isEmpty()) {
            key.append(':').append(Integer.parseInt(port));
        }
        key.append(')').append(canonicalPath(path));
        if (query != null) {
            String q = canonicalQuery(query);
            if (!q.isEmpty()) {
                key.append('?').append(q);
            }
        }
        return key.toString();
    }

    private static boolean isOpaque(String scheme, String s, int colon) {
        // "example.com:8080/a" is a host and port, not the scheme "example.com".
        return scheme.indexOf('.') < 0 && !(colon + 1 < s.length() && s.charAt(colon + 1) >= '0' && s.charAt(colon + 1) <= '9');
    }

    private static int defaultPort(String scheme) {
        switch (scheme) {
            case "http":
                return 80;
            case "https":
                return 443;
            default:
                return -1;
        }
    }

    private static String removeTabsAndBreaks(String s) {
        if (s.indexOf('\t') < 0 && s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\t' && c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String canonicalHost(String raw) {
        byte[] unescaped = unescapeRepeatedly(raw.getBytes(StandardCharsets.UTF_8));
        String host = new String(unescaped, StandardCharsets.UTF_8);
        if (!isAscii(host)) {
            try {
                host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException notConvertible) {
                // Kept as UTF-8; the escaping below makes it ASCII, as the CDX server does.
            }
        }
        host = Text.lowerAscii(collapseDots(host));
        if (Text.isDigits(host) && host.length() <= 40) {
            // A host written as one decimal number is an IPv4 address; only the low 32 bits count.
            long v = new BigInteger(host).longValue() & 0xFFFF_FFFFL;
            host = (v >>> 24) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
        }
        // Lower-cased again after escaping: the CDX server's keys have lower-case escapes.
        host = Text.lowerAscii(escapeOnce(host.getBytes(StandardCharsets.UTF_8)));
        return stripWww(host);
    }

    private static String collapseDots(String host) {
        StringBuilder out = new StringBuilder(host.length());
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.' && (out.length() == 0 || out.charAt(out.length() - 1) == '.')) {
                continue;
            }
            out.append(c);
        }
        while (out.length() > 0 && out.charAt(out.length() - 1) == '.') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    /** Drops a leading {@code www.}, {@code www2.}, {@code www34.} label. */
    private static String stripWww(String host) {
        if (!host.startsWith("www")) {
            return host;
        }
        int i = 3;
        while (i < host.length() && host.charAt(i) >= '0' && host.charAt(i) <= '9') {
            i++;
        }
        return i < host.length() && host.charAt(i) == '.' ? host.substring(i + 1) : host;
    }

    private static String canonicalPath(String raw) {
        String path = new String(unescapeRepeatedly(raw.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1);
        String normal = escapeOnce(normaliseSegments(path).getBytes(StandardCharsets.ISO_8859_1));
        String lower = Text.lowerAscii(normal);
        return lower.length() > 1 && lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** Resolves {@code .} and {@code ..} segments and drops empty ones, keeping a trailing slash. */
    private static String normaliseSegments(String path) {
        if (path.isEmpty()) {
            return "/";
        }
        String[] parts = path.split("/", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                } else {
                    kept.add(p);
                }
                continue;
            }
            kept.add(p);
        }
        StringBuilder out = new StringBuilder(path.length() + 1).append('/');
        for (int i = 0; i < kept.size() - 1; i++) {
            if (!kept.get(i).isEmpty()) {
                out.append(kept.get(i)).append('/');
            }
        }
        if (!kept.isEmpty()) {
            out.append(kept.get(kept.size() - 1));
        }
        return out.toString();
    }

    private static String canonicalQuery(String raw) {
        String query = Text.lowerAscii(escapeOnce(unescapeRepeatedly(raw.getBytes(StandardCharsets.UTF_8))));
        if (query.length() <= 1) {
            return query;
        }
        List<String[]> args = new ArrayList<>();
        for (String arg : query.split("&", -1)) {
            int eq = arg.indexOf('=');
            args.add(eq < 0 ? new String[] {arg} : new String[] {arg.substring(0, eq), arg.substring(eq + 1)});
        }
        // Name first, then a bare name before any name=value, then by value; stable for equal pairs.
        args.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparingInt(a -> a.length)
                .thenComparing(a -> a.length > 1 ? a[1] : ""));
        StringBuilder out = new StringBuilder(query.length());
        for (int i = 0; i < args.size(); i++) {
            String[] a = args.get(i);
            if (i > 0) {
                out.append('&');
            }
            out.append(a[0]);
            if (a.length > 1) {
                out.append('=').append(a[1]);
            }
        }
        return out.toString();
    }

    /**
     * Decodes {@code %XX} escapes until none is left ({@code %2541} is {@code A}), in one pass:
     * each decoded byte is pushed on the output and may complete an escape that ends there.
     */
    static byte[] unescapeRepeatedly(byte[] in) {
        byte[] out = new byte[in.length];
        int n = 0;
        for (byte b : in) {
            out[n++] = b;
            while (n >= 3 && out[n - 3] == '%' && isHex(out[n - 2]) && isHex(out[n - 1])) {
                byte decoded = (byte) (Character.digit(out[n - 2], 16) << 4 | Character.digit(out[n - 1], 16));
                n -= 3;
                out[n++] = decoded;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean isHex(byte b) {
        return b >= 0 && OriginalUrls.isHex((char) b);
    }

    /** Escapes control bytes, space, {@code %}, {@code #}, DEL and every non-ASCII byte as {@code %XX}. */
    static String escapeOnce(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int v = b & 0xFF;
            if (v <= 0x20 || v >= 0x7F || v == '%' || v == '#') {
                out.append('%').append(HEX[v >> 4]).append(HEX[v & 0xF]);
            } else {
                out.append((char) v);
            }
        }
        return out.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
