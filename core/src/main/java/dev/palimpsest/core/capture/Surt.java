package dev.palimpsest.core.capture;

import dev.palimpsest.core.internal.capture.SurtKeys;
import java.util.Objects;

/**
 * CDX url keys: the SURT (Sort-friendly URI Reordering Transform) form of a URL, as the Wayback
 * CDX server writes it in the {@code urlkey} field, e.g. {@code http://www.Example.com/a?b=1}
 * has the key {@code com,example)/a?b=1}.
 *
 * <p>The rules follow the CDX server's default canonicalisation: the scheme, user information
 * and fragment are dropped; percent-escapes are decoded until none is left, then control
 * characters, space, {@code %}, {@code #} and non-ASCII bytes are escaped again; the host is
 * lower-cased, converted to IDNA ASCII, stripped of extra dots and of a leading
 * {@code www}/{@code wwwN} label, and its labels reversed and joined with commas (a host given
 * as one decimal number becomes a dotted IPv4 address); the default port (80 for http, 443 for
 * https) is dropped; the path has {@code .}/{@code ..} segments resolved and empty segments
 * removed, is lower-cased and loses a trailing slash (except {@code /} itself); the query is
 * lower-cased, its arguments sorted by name then value, and dropped when empty. URLs without a
 * host ({@code dns:example.com}, {@code filedesc:...}) are their own key.
 *
 * <p>Not done: the CDX server also strips some session identifiers (jsessionid, PHPSESSID,
 * ASP.NET cookies in the path) from its keys; a URL carrying one may get a different key here.
 */
public final class Surt {
    private Surt() {
    }

    /**
     * The url key of a URL. A URL without a scheme is read as {@code http://}.
     *
     * @throws CaptureFormatException if the URL is empty, longer than 65,536 characters, has a
     *     control character, no host, or an invalid port
     */
    public static String of(String url) throws CaptureFormatException {
        Objects.requireNonNull(url, "url");
        return SurtKeys.of(url);
    }

    /**
     * Whether a CDX row's url key is the key of {@code url}: the key computed by
     * {@link #of(String)} equals {@code urlkey}, ignoring ASCII case (old indexes differ in the
     * case of escapes) and surrounding whitespace.
     *
     * @throws CaptureFormatException if {@code url} has no key (see {@link #of(String)})
     */
    public static boolean matches(String urlkey, String url) throws CaptureFormatException {
        Objects.requireNonNull(urlkey, "urlkey");
        return of(url).equalsIgnoreCase(urlkey.strip());
    }
}
