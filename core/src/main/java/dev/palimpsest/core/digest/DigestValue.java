package dev.palimpsest.core.digest;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * A digest value: an algorithm and the bytes it produced.
 *
 * <p>Values compare as decoded bytes, in constant time, so a hex digest from a BagIt manifest,
 * a Base32 digest from a CDX index and a Base64 digest from a WARC header are equal when they
 * encode the same bytes. Instances are immutable.
 */
public final class DigestValue {
    // Hex and Base32 are coded here rather than taken from a codec library: loading one means
    // searching the class path's jars, which costs a one-file command tens of milliseconds.
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
    private static final String BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final DigestAlgorithm algorithm;
    private final byte[] bytes;

    private DigestValue(DigestAlgorithm algorithm, byte[] bytes) {
        this.algorithm = algorithm;
        this.bytes = bytes;
    }

    /**
     * A value from raw digest bytes.
     *
     * @throws IllegalArgumentException if the length is not the algorithm's digest length
     */
    public static DigestValue of(DigestAlgorithm algorithm, byte[] bytes) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != algorithm.length()) {
            throw new IllegalArgumentException(algorithm.label() + " digest must be " + algorithm.length()
                    + " bytes, got " + bytes.length);
        }
        return new DigestValue(algorithm, bytes.clone());
    }

    /**
     * Parses a digest written as hex, Base32 (RFC 4648) or Base64 (RFC 4648, standard or
     * URL-safe alphabet). The encoding is recognised from the length of the text without
     * padding, which differs between the three for every supported algorithm. Leading and
     * trailing whitespace is ignored.
     *
     * <p>Parsing is strict, so that one digest has exactly one accepted spelling per encoding
     * and case:
     * <ul>
     *   <li>hex and Base32 may be upper or lower case, but not both in one value;
     *   <li>Base32 and Base64 may be padded with {@code =} or not, but padding must be complete;
     *   <li>Base64 must use one alphabet, not both {@code +/} and {@code -_};
     *   <li>the unused low bits of the last Base32 or Base64 character must be zero, as an
     *       encoder writes them;
     *   <li>only ASCII characters are accepted (no full-width digits or look-alike letters).
     * </ul>
     *
     * @throws IllegalArgumentException naming the algorithm and what was wrong, if the text is
     *     not a well-formed digest of that algorithm in any of the three encodings; callers that
     *     parse a file should catch it and add the file and line
     */
    public static DigestValue parse(DigestAlgorithm algorithm, String text) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        int n = algorithm.length();
        int hexLength = 2 * n;
        int base32Length = (n * 8 + 4) / 5;
        int base64Length = (n * 4 + 2) / 3;
        if (s.isEmpty()) {
            throw invalid(algorithm, s, "empty");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAsciiAlphanumeric(c) && c != '+' && c != '/' && c != '-' && c != '_' && c != '=') {
                throw invalid(algorithm, s, "unexpected character " + describe(c) + " at index " + i);
            }
        }
        String unpadded = stripPadding(s);
        int padding = s.length() - unpadded.length();
        if (unpadded.indexOf('=') >= 0) {
            throw invalid(algorithm, s, "'=' padding is only allowed at the end");
        }
        int length = unpadded.length();
        if (length == hexLength) {
            requirePadding(algorithm, s, padding, 0, "hex");
            requireOneCase(algorithm, s, unpadded, "hex");
            for (int i = 0; i < length; i++) {
                if (hexValue(unpadded.charAt(i)) < 0) {
                    throw invalid(algorithm, s, "has " + hexLength + " characters as hex would, but "
                            + describe(unpadded.charAt(i)) + " at index " + i + " is not a hex digit");
                }
            }
            return new DigestValue(algorithm, decodeHex(unpadded));
        }
        if (length == base32Length) {
            requirePadding(algorithm, s, padding, (8 - length % 8) % 8, "Base32");
            requireOneCase(algorithm, s, unpadded, "Base32");
            String upper = unpadded.toUpperCase(Locale.ROOT);
            for (int i = 0; i < length; i++) {
                char c = upper.charAt(i);
                if (!(c >= 'A' && c <= 'Z') && !(c >= '2' && c <= '7')) {
                    throw invalid(algorithm, s, "has " + length + " characters as Base32 would, but "
                            + describe(unpadded.charAt(i)) + " at index " + i + " is not a Base32 character");
                }
            }
            byte[] decoded = decodeBase32(upper, n);
            if (!encodeBase32(decoded).equals(upper)) {
                throw invalid(algorithm, s, "is not canonical Base32: the unused bits of the last character"
                        + " are not zero");
            }
            return new DigestValue(algorithm, decoded);
        }
        if (length == base64Length) {
            requirePadding(algorithm, s, padding, (4 - length % 4) % 4, "Base64");
            boolean standard = unpadded.indexOf('+') >= 0 || unpadded.indexOf('/') >= 0;
            boolean urlSafe = unpadded.indexOf('-') >= 0 || unpadded.indexOf('_') >= 0;
            if (standard && urlSafe) {
                throw invalid(algorithm, s, "mixes the standard (+/) and URL-safe (-_) Base64 alphabets");
            }
            byte[] decoded;
            try {
                decoded = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(unpadded);
            } catch (IllegalArgumentException e) {
                throw invalid(algorithm, s, "is not Base64: " + e.getMessage());
            }
            Base64.Encoder encoder = (urlSafe ? Base64.getUrlEncoder() : Base64.getEncoder()).withoutPadding();
            if (decoded.length != n || !encoder.encodeToString(decoded).equals(unpadded)) {
                throw invalid(algorithm, s, "is not canonical Base64: the unused bits of the last character"
                        + " are not zero");
            }
            return new DigestValue(algorithm, decoded);
        }
        throw invalid(algorithm, s, "wrong length: " + length + " characters"
                + (padding > 0 ? " before padding" : "") + "; expected " + hexLength + " hex digits, "
                + base32Length + " Base32 or " + base64Length + " Base64 characters");
    }

    /**
     * Parses {@code <label>:<value>} (as in WARC headers and WACZ packages, e.g.
     * {@code sha1:XMABAYFTCASBJ5QATNBILSXH6PSZEMG4} or {@code sha256:0a1b...}).
     *
     * @throws IllegalArgumentException if there is no label, the label names no supported
     *     algorithm, or the value does not parse
     */
    public static DigestValue parseLabelled(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected <algorithm>:<value>, got '" + abbreviate(text.strip()) + "'");
        }
        String label = text.substring(0, colon).strip();
        DigestAlgorithm algorithm = DigestAlgorithm.fromLabel(label)
                .orElseThrow(() -> new IllegalArgumentException("unsupported digest algorithm '" + abbreviate(label) + "'"));
        return parse(algorithm, text.substring(colon + 1));
    }

    /** The algorithm that produced this value. */
    public DigestAlgorithm algorithm() {
        return algorithm;
    }

    /** A copy of the digest bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case hex, as in BagIt manifests and {@code sha256sum} output. */
    public String hex() {
        char[] out = new char[2 * bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Upper-case RFC 4648 Base32 without padding, as in CDX indexes and WARC headers. */
    public String base32() {
        return encodeBase32(bytes);
    }

    /** Standard Base64 with padding. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** {@code <label>:<hex>}. */
    public String labelledHex() {
        return algorithm.label().concat(":").concat(hex());
    }

    /**
     * Whether {@code other} holds the same bytes; the comparison takes the same time whatever
     * the contents, so it reveals nothing about where two digests differ.
     */
    public boolean matches(byte[] other) {
        return other != null && MessageDigest.isEqual(bytes, other);
    }

    /** Equal when the algorithms are the same and the bytes are equal (compared in constant time). */
    @Override
    public boolean equals(Object o) {
        return o instanceof DigestValue && ((DigestValue) o).algorithm == algorithm
                && MessageDigest.isEqual(((DigestValue) o).bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(bytes);
    }

    /** {@code <label>:<hex>}. */
    @Override
    public String toString() {
        return labelledHex();
    }

    private static IllegalArgumentException invalid(DigestAlgorithm algorithm, String text, String problem) {
        return new IllegalArgumentException("not a valid " + algorithm.label() + " digest '" + abbreviate(text)
                + "': " + problem);
    }

    private static void requirePadding(DigestAlgorithm algorithm, String text, int found, int canonical,
            String encoding) {
        if (found != 0 && found != canonical) {
            throw invalid(algorithm, text, encoding + " padding must be " + (canonical == 0 ? "absent"
                    : "absent or exactly " + canonical + " '=' characters") + ", found " + found);
        }
    }

    private static void requireOneCase(DigestAlgorithm algorithm, String text, String value, String encoding) {
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        if (upper && lower) {
            throw invalid(algorithm, text, "mixes upper- and lower-case letters, which no " + encoding
                    + " encoder writes");
        }
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static String describe(char c) {
        return c >= 0x21 && c < 0x7F ? "'" + c + "'" : String.format(Locale.ROOT, "U+%04X", (int) c);
    }

    /** The value of an ASCII hex digit, or -1; {@link Character#digit} would accept non-ASCII digits. */
    private static int hexValue(char c) {
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

    /** RFC 4648 Base32 without padding. */
    private static String encodeBase32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(BASE32_ALPHABET.charAt((buffer >> bits) & 0x1f));
            }
        }
        if (bits > 0) {
            out.append(BASE32_ALPHABET.charAt((buffer << (5 - bits)) & 0x1f));
        }
        return out.toString();
    }

    /**
     * Decodes unpadded upper-case Base32 already checked to hold only alphabet characters and to
     * be the length of {@code length} bytes; trailing bits are dropped (the caller re-encodes to
     * reject non-canonical ones).
     */
    private static byte[] decodeBase32(String s, int length) {
        byte[] out = new byte[length];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (int i = 0; i < s.length(); i++) {
            buffer = (buffer << 5) | BASE32_ALPHABET.indexOf(s.charAt(i));
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[index++] = (byte) (buffer >> bits);
            }
        }
        return out;
    }

    private static byte[] decodeHex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (hexValue(s.charAt(2 * i)) << 4 | hexValue(s.charAt(2 * i + 1)));
        }
        return out;
    }

    private static String stripPadding(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        return s.substring(0, end);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
