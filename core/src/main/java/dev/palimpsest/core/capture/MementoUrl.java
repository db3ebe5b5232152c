package dev.palimpsest.core.capture;

import dev.palimpsest.core.internal.capture.OriginalUrls;
import dev.palimpsest.core.internal.capture.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * A Wayback memento URL (URI-M): {@code <base>/web/<timestamp><modifier>/<original>}, e.g.
 * {@code https://web.archive.org/web/20171003120000id_/https://example.gov/foia/doc.pdf}.
 *
 * <p>The base is the Wayback service: {@link #WAYBACK_MACHINE} or any other host serving the
 * same URL shape, such as {@code http://127.0.0.1:8080} or
 * {@code https://archive.example.org/wayback}. The original URL keeps its own query string and
 * fragment; a scheme-less original ({@code example.com/a}) is read as {@code http://}, and the
 * collapsed {@code http:/example.com} that browsers produce is restored to
 * {@code http://example.com}.
 *
 * <p>Instances are immutable; equal when their {@link #toString()} forms are equal.
 */
public final class MementoUrl {
    /** The Internet Archive's Wayback Machine, {@code https://web.archive.org}. */
    public static final URI WAYBACK_MACHINE = URI.create("https://web.archive.org");

    private static final String MARKER = "/web/";
    /** Longer than any real modifier; bounds the search for the '/' that ends one. */
    private static final int MAX_MODIFIER_LENGTH = 8;

    private final URI base;
    private final String baseText;
    private final WaybackTimestamp timestamp;
    private final MementoModifier modifier;
    private final String original;

    private MementoUrl(URI base, String baseText, WaybackTimestamp timestamp, MementoModifier modifier, String original) {
        this.base = base;
        this.baseText = baseText;
        this.timestamp = timestamp;
        this.modifier = modifier;
        this.original = original;
    }

    /**
     * Parses a memento URL on any Wayback host. The base is everything before the first
     * {@code /web/} that is followed by a digit.
     *
     * @throws CaptureFormatException if the text is not an {@code http(s)} URL with a
     *     {@code /web/<timestamp>[modifier]/<original>} path, the timestamp is invalid, the
     *     modifier unknown, a wildcard stands for the timestamp, or the original is missing
     */
    public static MementoUrl parse(String text) throws CaptureFormatException {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        if (s.length() > OriginalUrls.MAX_URL_LENGTH) {
            throw new CaptureFormatException("memento URL is longer than " + OriginalUrls.MAX_URL_LENGTH + " characters");
        }
        if (Text.hasControl(s)) {
            throw new CaptureFormatException("memento URL " + Text.quote(s) + " has a control character");
        }
        int colon = Text.schemeEnd(s);
        String scheme = colon > 0 ? Text.lowerAscii(s.substring(0, colon)) : "";
        if (!(scheme.equals("http") || scheme.equals("https")) || !s.startsWith("//", colon + 1)) {
            throw new CaptureFormatException("memento URL " + Text.quote(s) + " does not start with http:// or https://");
        }
        int authorityStart = colon + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < s.length() && "/?#".indexOf(s.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        int marker = s.indexOf(MARKER, authorityEnd);
        while (marker >= 0 && !(marker + MARKER.length() < s.length() && isDigit(s.charAt(marker + MARKER.length())))) {
            marker = s.indexOf(MARKER, marker + 1);
        }
        int queryOrFragment = firstOf(s, authorityEnd, "?#");
        if (marker < 0 || (queryOrFragment >= 0 && queryOrFragment < marker)) {
            throw new CaptureFormatException("memento URL " + Text.quote(s)
                    + " has no /web/<timestamp>/ path; a wildcard or calendar page is not a memento");
        }
        int digitsStart = marker + MARKER.length();
        int digitsEnd = digitsStart;
        while (digitsEnd < s.length() && isDigit(s.charAt(digitsEnd))) {
            digitsEnd++;
        }
        WaybackTimestamp timestamp = WaybackTimestamp.parse(s.substring(digitsStart, digitsEnd));
        int slash = s.indexOf('/', digitsEnd);
        if (slash < 0) {
            throw new CaptureFormatException("memento URL " + Text.quote(s) + " has no original URL after the timestamp");
        }
        String code = s.substring(digitsEnd, Math.min(slash, digitsEnd + MAX_MODIFIER_LENGTH + 1));
        if (code.indexOf('*') >= 0) {
            throw new CaptureFormatException("memento URL " + Text.quote(s)
                    + " has a wildcard after the timestamp; that is a search, not one memento");
        }
        if (slash - digitsEnd > MAX_MODIFIER_LENGTH) {
            throw new CaptureFormatException("memento URL " + Text.quote(s)
                    + ": expected a modifier such as id_ and '/' after the timestamp");
        }
        MementoModifier modifier = MementoModifier.fromCode(code).orElseThrow(() -> new CaptureFormatException(
                "memento URL has the unknown modifier " + Text.quote(code) + " after the timestamp"));
        String original = OriginalUrls.normalise(s.substring(slash + 1));
        String baseText = scheme + "://" + Text.lowerAscii(s.substring(authorityStart, authorityEnd))
                + trimSlashes(s.substring(authorityEnd, marker));
        URI base;
        try {
            base = validBase(new URI(baseText));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new CaptureFormatException("memento URL " + Text.quote(s) + " has an invalid archive base: "
                    + e.getMessage());
        }
        return new MementoUrl(base, baseText, timestamp, modifier, original);
    }

    /**
     * Builds a memento URL.
     *
     * @param base the Wayback service, an {@code http} or {@code https} URL without query,
     *     fragment or user information; a trailing {@code /} is ignored
     * @param timestamp the capture's timestamp (a short one asks the archive for the capture
     *     nearest its earliest instant)
     * @param modifier the replay modifier; {@link MementoModifier#ID} for the raw capture
     * @param original the archived URL, read as {@link MementoUrl described above}
     * @throws IllegalArgumentException if the base or the original is not acceptable
     */
    public static MementoUrl of(URI base, WaybackTimestamp timestamp, MementoModifier modifier, String original) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(modifier, "modifier");
        Objects.requireNonNull(original, "original");
        validBase(base);
        String baseText = Text.lowerAscii(base.getScheme()) + "://" + Text.lowerAscii(base.getRawAuthority())
                + trimSlashes(base.getRawPath() == null ? "" : base.getRawPath());
        String normalised;
        try {
            normalised = OriginalUrls.normalise(original.strip());
        } catch (CaptureFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new MementoUrl(URI.create(baseText), baseText, timestamp, modifier, normalised);
    }

    private static URI validBase(URI base) {
        String scheme = base.getScheme() == null ? "" : Text.lowerAscii(base.getScheme());
        if (!(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null || base.getHost().isEmpty()) {
            throw new IllegalArgumentException("the archive base must be an http or https URL with a host, got " + Text.quote(base.toString()));
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null || base.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the archive base must have no query, fragment or user information, got "
                    + Text.quote(base.toString()));
        }
        return base;
    }

    private static String trimSlashes(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    private static int firstOf(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The Wayback service, without a trailing slash, e.g. {@code https://web.archive.org}. */
    public URI base() {
        return base;
    }

    /** The capture's timestamp, with the precision written in the URL. */
    public WaybackTimestamp timestamp() {
        return timestamp;
    }

    /** The replay modifier; {@link MementoModifier#NONE} when the URL has none. */
    public MementoModifier modifier() {
        return modifier;
    }

    /** The archived URL, with its scheme restored, its query and its fragment. */
    public String original() {
        return original;
    }

    /** The same memento in its raw form ({@code id_}): the bytes as the archive stored them. */
    public MementoUrl raw() {
        return withModifier(MementoModifier.ID);
    }

    /** The same memento in its view form (no modifier). */
    public MementoUrl view() {
        return withModifier(MementoModifier.NONE);
    }

    /** The same memento with another modifier. */
    public MementoUrl withModifier(MementoModifier newModifier) {
        Objects.requireNonNull(newModifier, "newModifier");
        return newModifier == modifier ? this : new MementoUrl(base, baseText, timestamp, newModifier, original);
    }

    /**
     * This URL as a {@link URI} for an HTTP request: characters that a URI may not hold (spaces,
     * non-ASCII, a second {@code #}, ...) are percent-encoded as UTF-8; existing escapes are kept.
     * The original's fragment, if any, stays the URI's fragment.
     */
    public URI toUri() {
        return URI.create(baseText + OriginalUrls.encodeForUri(path()));
    }

    private String path() {
        return MARKER + timestamp.text() + modifier.code() + "/" + original;
    }

    /** {@code <base>/web/<timestamp><modifier>/<original>}. */
    @Override
    public String toString() {
        return baseText + path();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MementoUrl && ((MementoUrl) o).toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
