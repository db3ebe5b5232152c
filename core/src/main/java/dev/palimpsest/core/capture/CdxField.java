package dev.palimpsest.core.capture;

import java.util.List;
import java.util.Optional;

/**
 * The fields of the Wayback CDX server, by the names its {@code fl=} parameter and its JSON
 * header row use. {@link CdxRecord} holds those Palimpsest needs; {@link #REDIRECT} and
 * {@link #ROBOTFLAGS} are recognised so that their columns can be named, and are skipped.
 */
public enum CdxField {
    /** {@code urlkey}: the SURT key of the original URL (CDX legend letter {@code N}). */
    URLKEY("urlkey"),
    /** {@code timestamp}: the 14-digit capture time (legend {@code b}). */
    TIMESTAMP("timestamp"),
    /** {@code original}: the captured URL (legend {@code a}). */
    ORIGINAL("original"),
    /** {@code mimetype}: the response's media type, {@code warc/revisit} for revisits (legend {@code m}). */
    MIMETYPE("mimetype"),
    /** {@code statuscode}: the HTTP status, {@code -} when there is none (legend {@code s}). */
    STATUSCODE("statuscode"),
    /** {@code digest}: the SHA-1 of the payload as stored, usually Base32 (legend {@code k}). */
    DIGEST("digest"),
    /** {@code redirect}: the redirect target (legend {@code r}); not kept. */
    REDIRECT("redirect"),
    /** {@code robotflags}: the AIF meta tags (legend {@code M}); not kept. */
    ROBOTFLAGS("robotflags"),
    /** {@code length}: the compressed length of the WARC record (legend {@code S}). */
    LENGTH("length"),
    /** {@code offset}: the WARC record's offset in its file (legend {@code V}). */
    OFFSET("offset"),
    /** {@code filename}: the WARC or ARC file holding the record (legend {@code g}). */
    FILENAME("filename");

    private static final List<CdxField> DEFAULT_ORDER =
            List.of(URLKEY, TIMESTAMP, ORIGINAL, MIMETYPE, STATUSCODE, DIGEST, LENGTH);

    private final String apiName;

    CdxField(String apiName) {
        this.apiName = apiName;
    }

    /** The field's name in the CDX server API, e.g. {@code statuscode}. */
    public String apiName() {
        return apiName;
    }

    /**
     * The CDX server's default output order, used when no {@code fl=} is given:
     * {@code urlkey timestamp original mimetype statuscode digest length}.
     */
    public static List<CdxField> defaultOrder() {
        return DEFAULT_ORDER;
    }

    /**
     * The field with this API name, ignoring ASCII case; pywb's names {@code url}, {@code mime}
     * and {@code status} are accepted for {@link #ORIGINAL}, {@link #MIMETYPE} and
     * {@link #STATUSCODE}.
     *
     * @return the field, or empty for a name the CDX server does not define
     */
    public static Optional<CdxField> fromApiName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip();
        for (CdxField f : values()) {
            if (f.apiName.equalsIgnoreCase(wanted)) {
                return Optional.of(f);
            }
        }
        if (wanted.equalsIgnoreCase("url")) {
            return Optional.of(ORIGINAL);
        }
        if (wanted.equalsIgnoreCase("mime")) {
            return Optional.of(MIMETYPE);
        }
        if (wanted.equalsIgnoreCase("status")) {
            return Optional.of(STATUSCODE);
        }
        return Optional.empty();
    }

    /** The {@link #apiName()}. */
    @Override
    public String toString() {
        return apiName;
    }
}
