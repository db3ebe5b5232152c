package dev.palimpsest.core.capture;

import dev.palimpsest.core.internal.capture.Text;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Objects;

/**
 * The date format of the {@code Memento-Datetime} header and the {@code datetime} link
 * parameter (RFC 7089): the RFC 1123 / IMF-fixdate form of HTTP, always in GMT, e.g.
 * {@code Tue, 03 Oct 2017 12:00:00 GMT}.
 */
public final class MementoDatetime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter
            .ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC)
            .withResolverStyle(ResolverStyle.STRICT);
    /** "Tue, 03 Oct 2017 12:00:00 GMT" has 29 characters; anything much longer is not a date. */
    private static final int MAX_LENGTH = 64;

    private MementoDatetime() {
    }

    /**
     * Parses an IMF-fixdate in GMT. The day of the week must agree with the date.
     *
     * @throws CaptureFormatException if the text is not such a date
     */
    public static Instant parse(String text) throws CaptureFormatException {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        if (s.length() <= MAX_LENGTH) {
            try {
                return FORMAT.parse(s, Instant::from);
            } catch (DateTimeException e) {
                // reported below with the expected form
            }
        }
        throw new CaptureFormatException("date " + Text.quote(s)
                + " is not an RFC 1123 date in GMT such as 'Tue, 03 Oct 2017 12:00:00 GMT'");
    }

    /**
     * Formats an instant (fractions of a second dropped) as an IMF-fixdate.
     *
     * @throws IllegalArgumentException if the instant's year is not 0000 to 9999
     */
    public static String format(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        int year = instant.atZone(ZoneOffset.UTC).getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("an HTTP date has a four-digit year; " + instant + " is outside 0000-9999");
        }
        return FORMAT.format(instant);
    }
}
