package dev.palimpsest.core.internal.sources;

import dev.palimpsest.core.manifest.ArchivePath;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The archive path a captured URL's file gets: {@code host/path/segments}, with
 * {@code index.html} for a URL that names a directory and the query string kept in the file
 * name as {@code %3F<query>}. The mapping is deterministic and readable: escapes are decoded
 * where the result is a safe file name, and what is not safe on common file systems (Windows
 * included, since bundles travel as ZIP files) is written as {@code %XX}.
 *
 * <p>Every segment returned satisfies {@link ArchivePath}'s rules, and the joined path stays
 * well below its length limit, leaving room for a collision suffix.
 */
public final class UrlPaths {
    /** Longest segment produced, in UTF-8 bytes, leaving room for a {@code ~N} collision suffix. */
    static final int MAX_SEGMENT_BYTES = 240;
    /** Longest joined path produced, in UTF-8 bytes. */
    static final int MAX_PATH_BYTES = 3800;
    /** The file name given to a URL that ends in {@code /}. */
    static final String INDEX = "index.html";

    private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3",
            "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7",
            "lpt8", "lpt9");
    /** Path separators, characters Windows forbids in names, and % (so that every escape is ours). */
    private static final String RESERVED = "/\\:*?\"<>|%";

    private UrlPaths() {
    }

    /**
     * The path segments for a URL: for {@code http} and {@code https}, the host (with a
     * non-default port as {@code host+port}) then the path; for other schemes, the scheme first.
     * The fragment and user information are dropped; {@code .} and {@code ..} segments are
     * resolved and empty ones skipped.
     */
    public static List<String> segments(String url) {
        String s = url.strip();
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        int colon = schemeEnd(s);
        String scheme = colon > 0 ? s.substring(0, colon).toLowerCase(Locale.ROOT) : "http";
        String rest = colon > 0 ? s.substring(colon + 1) : (s.startsWith("//") ? s : "//" + s);
        boolean web = scheme.equals("http") || scheme.equals("https");
        List<String> out = new ArrayList<>();
        if (!web) {
            out.add(finish(escape(scheme)));
        }
        String pathAndQuery = rest;
        if (rest.startsWith("//")) {
            int end = indexOfAny(rest, 2, "/?");
            String authority = rest.substring(2, end < 0 ? rest.length() : end);
            pathAndQuery = end < 0 ? "" : rest.substring(end);
            String host = host(scheme, authority);
            if (!host.isEmpty() || web) {
                out.add(finish(host));
            }
        }
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String query = question < 0 ? "" : pathAndQuery.substring(question + 1);

        List<String> names = new ArrayList<>();
        boolean directory = true;
        for (String raw : path.split("/", -1)) {
            byte[] bytes = percentDecode(raw);
            boolean dot = Arrays.equals(bytes, new byte[] {'.'});
            boolean dotDot = Arrays.equals(bytes, new byte[] {'.', '.'});
            directory = raw.isEmpty() || dot || dotDot;
            if (dotDot) {
                if (!names.isEmpty()) {
                    names.remove(names.size() - 1);
                }
            } else if (!raw.isEmpty() && !dot) {
                names.add(escape(raw));
            }
        }
        if (directory) {
            names.add(INDEX);
        }
        if (!query.isEmpty()) {
            int last = names.size() - 1;
            names.set(last, names.get(last) + "%3F" + escape(query));
        }
        for (String name : names) {
            out.add(finish(name));
        }
        if (out.get(0).startsWith("~")) {
            // A leading ~ reads as a home directory to shells and some BagIt tools.
            out.set(0, "%7E" + out.get(0).substring(1));
        }
        out.replaceAll(UrlPaths::shorten);
        String joined = String.join("/", out);
        if (utf8Length(joined) > MAX_PATH_BYTES) {
            String extension = extension(out.get(out.size() - 1));
            return List.of(out.get(0), "long-" + sha256Hex(joined).substring(0, 32) + extension);
        }
        return List.copyOf(out);
    }

    /**
     * The name with {@code ~<n>} inserted before a file's extension (or appended when there is
     * none, or for a directory), shortened to fit the segment limit; {@code n = 1} is the name
     * itself.
     */
    public static String withSuffix(String segment, int n, boolean file) {
        if (n == 1) {
            return segment;
        }
        String extension = file ? extension(segment) : "";
        String base = segment.substring(0, segment.length() - extension.length());
        String suffix = "~" + n + extension;
        return truncate(base, ArchivePath.MAX_SEGMENT_BYTES - utf8Length(suffix)) + suffix;
    }

    private static String host(String scheme, String authority) {
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        String host = hostAndPort;
        String port = "";
        int portColon = hostAndPort.startsWith("[")
                ? hostAndPort.indexOf(':', Math.max(0, hostAndPort.indexOf(']')))
                : hostAndPort.lastIndexOf(':');
        if (portColon >= 0) {
            host = hostAndPort.substring(0, portColon);
            port = hostAndPort.substring(portColon + 1);
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        boolean defaultPort = port.isEmpty() || (scheme.equals("http") && port.equals("80"))
                || (scheme.equals("https") && port.equals("443")) || (scheme.equals("ftp") && port.equals("21"));
        return escape(host) + (defaultPort ? "" : "+" + escape(port));
    }

    /**
     * Decoded text made safe as (part of) a file name: escapes are decoded as UTF-8 and the
     * result put in NFC; control and format characters (such as bidirectional overrides),
     * {@link #RESERVED} characters, and bytes that are not UTF-8 are written as {@code %XX}.
     */
    static String escape(String raw) {
        byte[] bytes = percentDecode(raw);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer text = CharBuffer.allocate(bytes.length + 1);
        while (true) {
            CoderResult result = decoder.decode(in, text, true);
            if (result.isError()) {
                appendSafe(out, text);
                for (int i = 0; i < result.length(); i++) {
                    appendEscaped(out, new byte[] {in.get()});
                }
                continue;
            }
            decoder.flush(text);
            appendSafe(out, text);
            return out.toString();
        }
    }

    private static void appendSafe(StringBuilder out, CharBuffer text) {
        text.flip();
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        text.clear();
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            i += Character.charCount(cp);
            if (unsafe(cp)) {
                appendEscaped(out, new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            } else {
                out.appendCodePoint(cp);
            }
        }
    }

    private static boolean unsafe(int cp) {
        int type = Character.getType(cp);
        return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || RESERVED.indexOf(cp) >= 0 || type == Character.FORMAT
                || type == Character.SURROGATE || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** The bytes of {@code raw} with {@code %XX} escapes decoded; other characters as UTF-8. */
    private static byte[] percentDecode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); ) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                bytes.write(hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)));
                i += 3;
            } else {
                int cp = raw.codePointAt(i);
                bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return bytes.toByteArray();
    }

    private static void appendEscaped(StringBuilder out, byte[] bytes) {
        for (byte b : bytes) {
            out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Never empty, {@code .} or {@code ..}; no trailing dot or space; no Windows device name. */
    private static String finish(String name) {
        if (name.isEmpty()) {
            return "_";
        }
        String s = name;
        char last = s.charAt(s.length() - 1);
        if (last == '.' || last == ' ') {
            s = s.substring(0, s.length() - 1) + (last == '.' ? "%2E" : "%20");
        }
        int dot = s.indexOf('.');
        String stem = (dot < 0 ? s : s.substring(0, dot)).toLowerCase(Locale.ROOT);
        if (WINDOWS_DEVICES.contains(stem)) {
            s = "%" + HEX[s.charAt(0) >> 4 & 0xf] + HEX[s.charAt(0) & 0xf] + s.substring(1);
        }
        return s;
    }

    private static String shorten(String segment) {
        if (utf8Length(segment) <= MAX_SEGMENT_BYTES) {
            return segment;
        }
        String extension = extension(segment);
        String tag = "~" + sha256Hex(segment).substring(0, 16) + extension;
        String base = segment.substring(0, segment.length() - extension.length());
        return truncate(base, MAX_SEGMENT_BYTES - utf8Length(tag)) + tag;
    }

    /** The longest prefix within {@code maxBytes} UTF-8 bytes that splits neither a code point nor an escape. */
    private static String truncate(String s, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int width = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + width > maxBytes) {
                break;
            }
            bytes += width;
            end += Character.charCount(cp);
        }
        int percent = end < s.length() ? s.lastIndexOf('%', end - 1) : -1;
        if (percent >= 0 && percent > end - 3) {
            end = percent;
        }
        return end == 0 ? "_" : s.substring(0, end);
    }

    /** A short alphanumeric extension with its dot ({@code .pdf}), or empty. */
    static String extension(String segment) {
        int dot = segment.lastIndexOf('.');
        if (dot <= 0 || dot == segment.length() - 1 || segment.length() - dot > 11) {
            return "";
        }
        for (int i = dot + 1; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return "";
            }
        }
        return segment.substring(dot);
    }

    private static int schemeEnd(String s) {
        if (s.isEmpty() || !isAsciiLetter(s.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
