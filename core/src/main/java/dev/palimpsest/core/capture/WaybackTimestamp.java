package dev.palimpsest.core.capture;

import dev.palimpsest.core.internal.capture.Text;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A Wayback Machine timestamp: {@code yyyyMMddHHmmss} in UTC, possibly shortened to 4, 6, 8,
 * 10 or 12 digits.
 *
 * <p>A short timestamp stands for the earliest instant it covers ({@code 2017} is
 * 2017-01-01T00:00:00Z, {@code 201710} is 2017-10-01T00:00:00Z) and keeps its precision: two
 * timestamps are equal only when their digits are equal, so {@code 2017} and
 * {@code 20170101000000} are different values with the same {@link #instant()}. Ordering is by
 * instant, then coarser precision first. Instances are immutable.
 */
public final class WaybackTimestamp implements Comparable<WaybackTimestamp> {
    /** Digits that complete a short timestamp to its earliest instant: month 01, day 01, 00:00:00. */
    private static final String EARLIEST = "0101000000";

    private final String text;
    private final Instant instant;

    private WaybackTimestamp(String text, Instant instant) {
        this.text = text;
        this.instant = instant;
    }

    /**
     * Parses 4, 6, 8, 10, 12 or 14 digits. Month, day (with leap years), hour, minute and
     * second must be in range; a leap second ({@code 60}) is rejected.
     *
     * @throws CaptureFormatException naming what is wrong: a length other than those, a
     *     non-digit, or a field out of range
     */
    public static WaybackTimestamp parse(String text) throws CaptureFormatException {
        Objects.requireNonNull(text, "text");
        int n = text.length();
        if (n < 4 || n > 14 || n % 2 != 0) {
            throw new CaptureFormatException("timestamp " + Text.quote(text)
                    + " must have 4, 6, 8, 10, 12 or 14 digits, not " + n + " characters");
        }
        if (!Text.isDigits(text)) {
            throw new CaptureFormatException("timestamp " + Text.quote(text) + " has a character that is not a digit");
        }
        String full = text + EARLIEST.substring(n - 4);
        int year = Integer.parseInt(full.substring(0, 4));
        int month = field(text, full, 4, "month", 1, 12);
        int maxDay = month == 2 ? (Year.isLeap(year) ? 29 : 28)
                : (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
        int day = field(text, full, 6, "day", 1, maxDay);
        int hour = field(text, full, 8, "hour", 0, 23);
        int minute = field(text, full, 10, "minute", 0, 59);
        int second = field(text, full, 12, "second", 0, 59);
        Instant instant = LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        return new WaybackTimestamp(text, instant);
    }

    private static int field(String text, String full, int at, String name, int min, int max)
            throws CaptureFormatException {
        int value = Integer.parseInt(full.substring(at, at + 2));
        if (value < min || value > max) {
            throw new CaptureFormatException("timestamp " + Text.quote(text) + ": " + name + " " + full.substring(at, at + 2)
                    + " is not in " + String.format("%02d-%02d", min, max));
        }
        return value;
    }

    /**
     * The full 14-digit timestamp of an instant; fractions of a second are dropped.
     *
     * @throws IllegalArgumentException if the instant's year (UTC) is not 0000 to 9999
     */
    public static WaybackTimestamp of(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
        ZonedDateTime t = seconds.atZone(ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            throw new IllegalArgumentException("a Wayback timestamp has a four-digit year; " + instant + " is outside 0000-9999");
        }
        String text = String.format("%04d%02d%02d%02d%02d%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
        return new WaybackTimestamp(text, seconds);
    }

    /** The digits as parsed (or the 14 digits built by {@link #of(Instant)}). */
    public String text() {
        return text;
    }

    /** The 14-digit form of {@link #instant()}; equal to {@link #text()} at full precision. */
    public String fourteenDigits() {
        return text + EARLIEST.substring(text.length() - 4);
    }

    /** The earliest instant the timestamp covers. */
    public Instant instant() {
        return instant;
    }

    /**
     * The smallest unit the timestamp gives: {@link ChronoUnit#YEARS}, {@code MONTHS},
     * {@code DAYS}, {@code HOURS}, {@code MINUTES} or {@code SECONDS} (for 14 digits).
     */
    public ChronoUnit precision() {
        switch (text.length()) {
            case 4:
                return ChronoUnit.YEARS;
            case 6:
                return ChronoUnit.MONTHS;
            case 8:
                return ChronoUnit.DAYS;
            case 10:
                return ChronoUnit.HOURS;
            case 12:
                return ChronoUnit.MINUTES;
            default:
                return ChronoUnit.SECONDS;
        }
    }

    /** By instant, then the coarser precision first (so {@code 2017} sorts before {@code 20170101000000}). */
    @Override
    public int compareTo(WaybackTimestamp other) {
        int byInstant = instant.compareTo(other.instant);
        return byInstant != 0 ? byInstant : Integer.compare(text.length(), other.text.length());
    }

    /** Equal when the digits are equal (same instant and same precision). */
    @Override
    public boolean equals(Object o) {
        return o instanceof WaybackTimestamp && ((WaybackTimestamp) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The digits, as {@link #text()}. */
    @Override
    public String toString() {
        return text;
    }
}
