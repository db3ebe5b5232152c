package dev.palimpsest.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.palimpsest.core.capture.CaptureFormatException;
import dev.palimpsest.core.capture.CdxField;
import dev.palimpsest.core.capture.CdxFormat;
import dev.palimpsest.core.capture.CdxParseResult;
import dev.palimpsest.core.capture.CdxParser;
import dev.palimpsest.core.capture.CdxRecord;
import dev.palimpsest.core.capture.MementoModifier;
import dev.palimpsest.core.capture.MementoUrl;
import dev.palimpsest.core.capture.Surt;
import dev.palimpsest.core.capture.WaybackTimestamp;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The capture-provenance parsers on arbitrary text: CDX/CDXJ indexes, memento URLs, Wayback
 * timestamps and SURT keys, each read from UTF-8 bytes (as from a file). Seeds:
 * {@code CaptureFuzzTestInputs/<method>}.
 *
 * <p>Properties: the only failure is {@link CaptureFormatException} (an unchecked exception is a
 * bug); strict and lenient CDX parsing agree; and what the API writes parses back equal: a CDX
 * row's line, a memento URL's text, a timestamp's digits.
 */
class CaptureFuzzTest {
    private static final CdxParser CDX = CdxParser.create();
    private static final List<CdxField> WRITTEN_FIELDS = List.of(CdxField.URLKEY, CdxField.TIMESTAMP, CdxField.ORIGINAL,
            CdxField.MIMETYPE, CdxField.STATUSCODE, CdxField.DIGEST, CdxField.LENGTH, CdxField.OFFSET, CdxField.FILENAME);
    /** How {@link CdxRecord#toString()} writes a row with an offset or a file name. */
    private static final CdxParser WRITTEN_LONG = CdxParser.create().withFormat(CdxFormat.SPACE_SEPARATED)
            .withFields(WRITTEN_FIELDS);
    /** How it writes the others: the default fields. */
    private static final CdxParser WRITTEN_SHORT = CdxParser.create().withFormat(CdxFormat.SPACE_SEPARATED);

    @FuzzTest(maxDuration = "60s")
    void cdxLines(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<CdxRecord> strict;
        try {
            strict = CDX.parse(new StringReader(text));
        } catch (CaptureFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            strict = null;
        }
        CdxParseResult lenient = CDX.parseLenient(new StringReader(text));
        if (strict != null) {
            assertThat(lenient.records()).isEqualTo(strict);
            assertThat(lenient.problems()).isEmpty();
            for (CdxRecord record : strict) {
                assertRoundTrip(record);
            }
        } else {
            assertThat(lenient.problems()).isNotEmpty();
        }
    }

    private static void assertRoundTrip(CdxRecord record) throws IOException {
        if (record.original().chars().anyMatch(Character::isWhitespace)
                || record.filename().filter(f -> f.chars().anyMatch(Character::isWhitespace)).isPresent()
                || record.mimetype().filter(m -> m.chars().anyMatch(Character::isWhitespace)).isPresent()) {
            // JSON rows (CDXJ, Wayback JSON) may hold a URL with a space; a space-separated line cannot
            // (see core/src/test/FUZZING.md, finding 5): only the other rows must round-trip.
            return;
        }
        List<CdxRecord> again;
        try {
            CdxParser parser = record.offset().isPresent() || record.filename().isPresent() ? WRITTEN_LONG : WRITTEN_SHORT;
            again = parser.parse(new StringReader(record.toString()));
        } catch (CaptureFormatException e) {
            throw new AssertionError("the line written for " + record + " does not parse: " + e.getMessage(), e);
        }
        assertThat(again).containsExactly(record);
    }

    @FuzzTest(maxDuration = "60s")
    void mementoUrl(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        MementoUrl url;
        try {
            url = MementoUrl.parse(text);
        } catch (CaptureFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(reparse(url)).isEqualTo(url);
        assertThat(reparse(url.raw())).isEqualTo(url.raw());
        assertThat(url.toUri()).isNotNull();
    }

    @FuzzTest(maxDuration = "60s")
    void mementoUrlBuilt(FuzzedDataProvider data) {
        String base = data.pickValue(List.of("https://web.archive.org", "http://wayback.example.org/archive/",
                "https://arquivo.pt/wayback", "http://[::1]:8080/"));
        WaybackTimestamp timestamp = WaybackTimestamp.of(Instant.ofEpochSecond(
                data.consumeLong(Instant.parse("1996-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("9999-12-31T23:59:59Z").getEpochSecond())));
        MementoModifier modifier = data.pickValue(MementoModifier.values());
        String original = data.consumeRemainingAsString();
        MementoUrl url;
        try {
            url = MementoUrl.of(URI.create(base), timestamp, modifier, original);
        } catch (IllegalArgumentException e) {
            // documented: the original is not acceptable
            return;
        }
        assertThat(url.timestamp()).isEqualTo(timestamp);
        assertThat(url.modifier()).isEqualTo(modifier);
        assertThat(reparse(url)).isEqualTo(url);
    }

    private static MementoUrl reparse(MementoUrl url) {
        try {
            return MementoUrl.parse(url.toString());
        } catch (CaptureFormatException e) {
            throw new AssertionError("the text of " + url + " does not parse: " + e.getMessage(), e);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void waybackTimestamp(byte[] bytes) throws CaptureFormatException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        WaybackTimestamp timestamp;
        try {
            timestamp = WaybackTimestamp.parse(text);
        } catch (CaptureFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(WaybackTimestamp.parse(timestamp.text())).isEqualTo(timestamp);
        WaybackTimestamp full = WaybackTimestamp.parse(timestamp.fourteenDigits());
        assertThat(full.instant()).isEqualTo(timestamp.instant());
        assertThat(WaybackTimestamp.of(timestamp.instant())).isEqualTo(full);
    }

    @FuzzTest(maxDuration = "60s")
    void surt(byte[] bytes) throws CaptureFormatException {
        String url = new String(bytes, StandardCharsets.UTF_8);
        String key;
        try {
            key = Surt.of(url);
        } catch (CaptureFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(key).isNotEmpty();
        assertThat(Surt.matches(key, url)).isTrue();
        // A key is a canonical form: computing it is deterministic.
        assertThat(Surt.of(url)).isEqualTo(key);
    }
}
