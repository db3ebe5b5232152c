package dev.palimpsest.core.digest;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.codec.binary.Base32;
import org.apache.commons.codec.binary.Hex;

/**
 * A digest value: an algorithm and the bytes it produced.
 *
 * <p>Values compare as decoded bytes, in constant time, so a hex digest from a BagIt manifest,
 * a Base32 digest from a CDX index and a Base64 digest from a WARC header are equal when they
 * encode the same bytes. Instances are immutable.
 */
public final class DigestValue {
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
     * Parses a digest written as hex (either case), Base32 (RFC 4648, padded or not, either
     * case) or Base64 (standard or URL-safe, padded or not). The encoding is recognised from
     * the text's length, which differs between the three for every supported algorithm.
     *
     * @throws IllegalArgumentException naming the algorithm and what was wrong, if the text is
     *     not a well-formed digest of that algorithm in any of the three encodings
     */
    public static DigestValue parse(DigestAlgorithm algorithm, String text) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(text, "text");
        String s = text.trim();
        int n = algorithm.length();
        if (s.length() == 2 * n && isHex(s)) {
            return new DigestValue(algorithm, decodeHex(s));
        }
        int base32Unpadded = (n * 8 + 4) / 5;
        String unpadded = stripPadding(s);
        if (unpadded.length() == base32Unpadded && isBase32(unpadded)) {
            byte[] decoded = new Base32().decode(unpadded.toUpperCase(Locale.ROOT));
            if (decoded.length == n && new Base32().encodeAsString(decoded).startsWith(unpadded.toUpperCase(Locale.ROOT))) {
                return new DigestValue(algorithm, decoded);
            }
        }
        int base64Unpadded = (n * 4 + 2) / 3;
        if (unpadded.length() == base64Unpadded && isBase64(unpadded)) {
            try {
                String standard = unpadded.replace('-', '+').replace('_', '/');
                byte[] decoded = Base64.getDecoder().decode(standard + "=".repeat((4 - standard.length() % 4) % 4));
                if (decoded.length == n) {
                    return new DigestValue(algorithm, decoded);
                }
            } catch (IllegalArgumentException ignored) {
                // fall through to the error below, which says what was expected
            }
        }
        throw new IllegalArgumentException("not a " + algorithm.label() + " digest (expected " + (2 * n)
                + " hex digits, " + base32Unpadded + " Base32 or " + base64Unpadded + " Base64 characters): '"
                + abbreviate(s) + "'");
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
            throw new IllegalArgumentException("expected <algorithm>:<value>, got '" + abbreviate(text) + "'");
        }
        String label = text.substring(0, colon);
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
        return Hex.encodeHexString(bytes, true);
    }

    /** Upper-case RFC 4648 Base32 without padding, as in CDX indexes and WARC headers. */
    public String base32() {
        return stripPadding(new Base32().encodeAsString(bytes));
    }

    /** Standard Base64 with padding. */
    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** {@code <label>:<hex>}. */
    public String labelledHex() {
        return algorithm.label() + ":" + hex();
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

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] decodeHex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (Character.digit(s.charAt(2 * i), 16) << 4 | Character.digit(s.charAt(2 * i + 1), 16));
        }
        return out;
    }

    private static boolean isBase32(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toUpperCase(s.charAt(i));
            if (!(c >= 'A' && c <= 'Z') && !(c >= '2' && c <= '7')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
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
