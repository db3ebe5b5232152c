package dev.palimpsest.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WaybackTimestampTest {

    @ParameterizedTest
    @CsvSource({
        "2017,           2017-01-01T00:00:00Z, YEARS,   20170101000000",
        "201710,         2017-10-01T00:00:00Z, MONTHS,  20171001000000",
        "20171003,       2017-10-03T00:00:00Z, DAYS,    20171003000000",
        "2017100312,     2017-10-03T12:00:00Z, HOURS,   20171003120000",
        "201710031205,   2017-10-03T12:05:00Z, MINUTES, 20171003120500",
        "20171003120512, 2017-10-03T12:05:12Z, SECONDS, 20171003120512",
    })
    void shortTimestampMeansTheEarliestInstantItCoversAndKeepsItsPrecision(String text, String instant, ChronoUnit unit,
            String full) throws Exception {
        WaybackTimestamp t = WaybackTimestamp.parse(text);
        assertThat(t.instant()).isEqualTo(Instant.parse(instant));
        assertThat(t.precision()).isEqualTo(unit);
        assertThat(t.text()).isEqualTo(text);
        assertThat(t.toString()).isEqualTo(text);
        assertThat(t.fourteenDigits()).isEqualTo(full);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20160229", "20000229", "19961231235959", "00000101000000"})
    void acceptsValidCalendarDates(String text) throws Exception {
        assertThat(WaybackTimestamp.parse(text).text()).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({
        "20171301,       month 13 is not in 01-12",
        "201700,         month 00 is not in 01-12",
        "20171000,       day 00 is not in 01-31",
        "20171032,       day 32 is not in 01-31",
        "20170431,       day 31 is not in 01-30",
        "20170229,       day 29 is not in 01-28",
        "19000229,       day 29 is not in 01-28",
        "2017100324,     hour 24 is not in 00-23",
        "201710031260,   minute 60 is not in 00-59",
        "20171003120560, second 60 is not in 00-59",
    })
    void rejectsFieldsOutOfRange(String text, String message) {
        assertThatThrownBy(() -> WaybackTimestamp.parse(text))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "201", "20171", "2017100", "201710031205123", "2017100312051200"})
    void rejectsLengthsOtherThanEvenFourToFourteen(String text) {
        assertThatThrownBy(() -> WaybackTimestamp.parse(text))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("must have 4, 6, 8, 10, 12 or 14 digits, not " + text.length() + " characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2017-10-03", "2O17", "２０１７", "201710031205l2", "-2017"})
    void rejectsNonDigits(String text) {
        assertThatThrownBy(() -> WaybackTimestamp.parse(text))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("timestamp");
    }

    @Test
    void ofInstantIsFourteenDigitsWithoutFractions() throws Exception {
        WaybackTimestamp t = WaybackTimestamp.of(Instant.parse("2017-10-03T12:05:12.987654321Z"));
        assertThat(t.text()).isEqualTo("20171003120512");
        assertThat(t.instant()).isEqualTo(Instant.parse("2017-10-03T12:05:12Z"));
        assertThat(WaybackTimestamp.parse(t.text())).isEqualTo(t);
    }

    @Test
    void ofRejectsYearsThatDoNotFitFourDigits() {
        assertThatThrownBy(() -> WaybackTimestamp.of(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("four-digit year");
    }

    @Test
    void equalityIsByDigitsAndOrderIsByInstantThenPrecision() throws Exception {
        WaybackTimestamp year = WaybackTimestamp.parse("2017");
        WaybackTimestamp full = WaybackTimestamp.parse("20170101000000");
        WaybackTimestamp later = WaybackTimestamp.parse("20170101000001");
        assertThat(year.instant()).isEqualTo(full.instant());
        assertThat(year).isNotEqualTo(full);
        assertThat(year).isEqualTo(WaybackTimestamp.parse("2017")).hasSameHashCodeAs(WaybackTimestamp.parse("2017"));
        List<WaybackTimestamp> sorted = new ArrayList<>(List.of(later, full, year));
        Collections.sort(sorted);
        assertThat(sorted).containsExactly(year, full, later);
    }
}
