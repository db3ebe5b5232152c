package dev.palimpsest.core.internal.json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** RFC 3339 date-times: written in UTC, read with any offset. */
public final class Rfc3339 {
    /**
     * RFC 3339 section 5.6, which is narrower than what {@link DateTimeFormatter} accepts: seconds
     * required, at most nine fraction digits, an offset of {@code Z} or {@code ±hh:mm}.
     */
    private static final Pattern SYNTAX = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})");

    private Rfc3339() {}

    /**
     * Parses an RFC 3339 date-time.
     *
     * @throws IllegalArgumentException saying what is wrong (leap seconds, which Java cannot
     *     represent, are rejected too)
     */
    public static Instant parse(String text) {
        if (!SYNTAX.matcher(text).matches()) {
            throw new IllegalArgumentException("not an RFC 3339 date-time (e.g. 2017-10-12T14:03:00Z)");
        }
        try {
            return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a valid date and time: " + e.getMessage(), e);
        }
    }

    /**
     * Formats an instant in UTC with {@code Z}, with as many fraction digits as needed in groups
     * of three (none for whole seconds), so that each instant has exactly one form.
     */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
