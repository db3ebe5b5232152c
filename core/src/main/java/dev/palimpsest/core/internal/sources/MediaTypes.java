package dev.palimpsest.core.internal.sources;

import java.util.Locale;
import java.util.regex.Pattern;

/** Media types taken from HTTP and WARC headers for an entry's {@code mediaType}. */
public final class MediaTypes {
    private static final Pattern TYPE_SUBTYPE = Pattern.compile(
            "[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");

    private MediaTypes() {
    }

    /**
     * The {@code type/subtype} of a {@code Content-Type} value, in lower case, without
     * parameters; null when the value has no such shape (so a garbled header never makes an
     * entry invalid).
     */
    public static String of(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String base = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return TYPE_SUBTYPE.matcher(base).matches() ? base : null;
    }
}
