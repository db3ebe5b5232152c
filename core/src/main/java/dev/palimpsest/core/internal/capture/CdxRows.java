package dev.palimpsest.core.internal.capture;

import dev.palimpsest.core.capture.CaptureFormatException;
import dev.palimpsest.core.capture.CdxField;
import dev.palimpsest.core.capture.CdxRecord;
import dev.palimpsest.core.capture.Surt;
import dev.palimpsest.core.capture.WaybackTimestamp;
import java.util.Map;

/** Turns the text fields of one CDX row into a {@link CdxRecord}, saying which field is wrong. */
final class CdxRows {
    /** Longer numbers than this cannot be a length or offset (and would overflow a long). */
    private static final int MAX_NUMBER_DIGITS = 18;

    private CdxRows() {
    }

    /**
     * The record for the given field values ({@code -} or a missing field means absent). When
     * there is no url key, it is computed from the original URL.
     */
    static CdxRecord build(Map<CdxField, String> fields) throws CaptureFormatException {
        CdxRecord.Builder b = CdxRecord.builder();
        String timestamp = fields.get(CdxField.TIMESTAMP);
        if (absent(timestamp)) {
            throw new CaptureFormatException("the row has no timestamp");
        }
        b.timestamp(WaybackTimestamp.parse(timestamp));
        String original = fields.get(CdxField.ORIGINAL);
        if (absent(original)) {
            throw new CaptureFormatException("the row has no original URL");
        }
        try {
            b.original(original);
            String urlkey = fields.get(CdxField.URLKEY);
            if (absent(urlkey)) {
                urlkey = Surt.of(original);
            }
            b.urlkey(urlkey);
            b.mimetype(fields.get(CdxField.MIMETYPE));
            String status = fields.get(CdxField.STATUSCODE);
            if (!absent(status)) {
                if (status.length() != 3 || !Text.isDigits(status) || status.charAt(0) == '0') {
                    throw new CaptureFormatException("status " + Text.quote(status) + " is not an HTTP status code");
                }
                b.status(Integer.parseInt(status));
            }
            b.digest(fields.get(CdxField.DIGEST));
            String length = fields.get(CdxField.LENGTH);
            if (!absent(length)) {
                b.length(number("length", length));
            }
            String offset = fields.get(CdxField.OFFSET);
            if (!absent(offset)) {
                b.offset(number("offset", offset));
            }
            b.filename(fields.get(CdxField.FILENAME));
        } catch (IllegalArgumentException e) {
            throw new CaptureFormatException(e.getMessage());
        }
        return b.build();
    }

    private static boolean absent(String value) {
        return value == null || value.isEmpty() || value.equals("-");
    }

    private static long number(String name, String text) throws CaptureFormatException {
        if (!Text.isDigits(text) || text.length() > MAX_NUMBER_DIGITS) {
            throw new CaptureFormatException(name + " " + Text.quote(text) + " is not a non-negative integer");
        }
        return Long.parseLong(text);
    }
}
