package dev.palimpsest.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MementoUrlTest {

    @Test
    void parsesAWaybackMachineViewUrl() throws Exception {
        MementoUrl m = MementoUrl.parse("https://web.archive.org/web/20171003120512/https://www.example.gov/foia/doc1.pdf");
        assertThat(m.base()).isEqualTo(MementoUrl.WAYBACK_MACHINE);
        assertThat(m.timestamp().instant()).isEqualTo(Instant.parse("2017-10-03T12:05:12Z"));
        assertThat(m.modifier()).isEqualTo(MementoModifier.NONE);
        assertThat(m.original()).isEqualTo("https://www.example.gov/foia/doc1.pdf");
        assertThat(m.raw().toString()).isEqualTo("https://web.archive.org/web/20171003120512id_/https://www.example.gov/foia/doc1.pdf");
        assertThat(m.view()).isSameAs(m);
    }

    @Test
    void rawAndViewFormsComeFromEitherForm() throws Exception {
        MementoUrl raw = MementoUrl.parse("https://web.archive.org/web/20171003120512id_/http://example.com/a");
        assertThat(raw.modifier()).isEqualTo(MementoModifier.ID);
        assertThat(raw.view().toString()).isEqualTo("https://web.archive.org/web/20171003120512/http://example.com/a");
        assertThat(raw.view().raw()).isEqualTo(raw);
        MementoUrl frame = MementoUrl.parse("https://web.archive.org/web/20171003120512if_/http://example.com/a");
        assertThat(frame.raw()).isEqualTo(raw);
        assertThat(frame.view()).isEqualTo(raw.view());
    }

    @ParameterizedTest
    @EnumSource(MementoModifier.class)
    void everyModifierRoundTrips(MementoModifier modifier) throws Exception {
        String text = "https://web.archive.org/web/20171003120512" + modifier.code() + "/http://example.com/style.css";
        MementoUrl m = MementoUrl.parse(text);
        assertThat(m.modifier()).isEqualTo(modifier);
        assertThat(m.toString()).isEqualTo(text);
        assertThat(MementoModifier.fromCode(modifier.code())).contains(modifier);
    }

    @Test
    void otherWaybackHostsAndBasesWithAPath() throws Exception {
        MementoUrl local = MementoUrl.parse("http://127.0.0.1:8080/web/2017id_/http://example.com/");
        assertThat(local.base()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(local.timestamp().precision()).isEqualTo(ChronoUnit.YEARS);
        assertThat(local.original()).isEqualTo("http://example.com/");

        MementoUrl inPath = MementoUrl.parse("https://Archive.Example.ORG/wayback/web/20171003/example.com/a?b=1&c=2#part-3");
        assertThat(inPath.base()).isEqualTo(URI.create("https://archive.example.org/wayback"));
        assertThat(inPath.timestamp().text()).isEqualTo("20171003");
        assertThat(inPath.original()).isEqualTo("http://example.com/a?b=1&c=2#part-3");
        assertThat(inPath.raw().toString()).isEqualTo("https://archive.example.org/wayback/web/20171003id_/http://example.com/a?b=1&c=2#part-3");
    }

    @Test
    void theOriginalKeepsItsOwnQueryEvenWhenItHoldsAnotherMementoPath() throws Exception {
        MementoUrl m = MementoUrl.parse(
                "https://web.archive.org/web/20090517140029/http://example.com/r?u=/web/2008/http://x.example/&n=1");
        assertThat(m.timestamp().text()).isEqualTo("20090517140029");
        assertThat(m.original()).isEqualTo("http://example.com/r?u=/web/2008/http://x.example/&n=1");
    }

    @ParameterizedTest
    @CsvSource({
        "example.com/a,                     http://example.com/a",
        "example.com:8080/a,                http://example.com:8080/a",
        "http:/example.com/a,               http://example.com/a",
        "https:/example.com/a,              https://example.com/a",
        "HTTP://Example.com/A,              http://Example.com/A",
        "//example.com/a,                   http://example.com/a",
        "http://user@example.com/a?x=1#top, http://user@example.com/a?x=1#top",
    })
    void originalsAreNormalisedTheWayTheArchiveReadsThem(String written, String original) throws Exception {
        MementoUrl m = MementoUrl.parse("https://web.archive.org/web/20171003120512/" + written);
        assertThat(m.original()).isEqualTo(original);
    }

    @Test
    void buildsFromParts() throws Exception {
        WaybackTimestamp t = WaybackTimestamp.parse("20171003120512");
        MementoUrl m = MementoUrl.of(URI.create("https://archive.example.org/wayback/"), t, MementoModifier.ID, "example.gov/doc.pdf");
        assertThat(m.toString()).isEqualTo("https://archive.example.org/wayback/web/20171003120512id_/http://example.gov/doc.pdf");
        assertThat(MementoUrl.parse(m.toString())).isEqualTo(m).hasSameHashCodeAs(m);
        assertThat(MementoUrl.of(MementoUrl.WAYBACK_MACHINE, t, MementoModifier.NONE, "http://example.gov/").toString())
                .isEqualTo("https://web.archive.org/web/20171003120512/http://example.gov/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://archive.example.org", "https://user:pw@archive.example.org", "https://archive.example.org?x=1",
        "https://archive.example.org#f", "/relative/base"})
    void ofRejectsUnusableBases(String base) throws Exception {
        WaybackTimestamp t = WaybackTimestamp.parse("2017");
        assertThatThrownBy(() -> MementoUrl.of(URI.create(base), t, MementoModifier.ID, "http://example.com/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("archive base");
    }

    @Test
    void ofRejectsAnOriginalWithoutHost() throws Exception {
        WaybackTimestamp t = WaybackTimestamp.parse("2017");
        assertThatThrownBy(() -> MementoUrl.of(MementoUrl.WAYBACK_MACHINE, t, MementoModifier.ID, "http:///path"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no host");
    }

    @Test
    void toUriEncodesWhatAUriCannotHoldAndKeepsExistingEscapes() throws Exception {
        MementoUrl m = MementoUrl.parse("https://web.archive.org/web/2017id_/http://example.com/a file|ü%20x%zz.pdf?q=[1]#f#g");
        URI uri = m.toUri();
        assertThat(uri.toString()).isEqualTo(
                "https://web.archive.org/web/2017id_/http://example.com/a%20file%7C%C3%BC%20x%25zz.pdf?q=%5B1%5D#f%23g");
        assertThat(uri.getHost()).isEqualTo("web.archive.org");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "https://example.com/foia/doc1.pdf                          | has no /web/<timestamp>/ path",
        "https://web.archive.org/web/*/example.com/*                | has no /web/<timestamp>/ path",
        "https://web.archive.org/web/2017*/example.com              | has a wildcard after the timestamp",
        "https://web.archive.org/web/20171003120512xx_/example.com  | unknown modifier 'xx_'",
        "https://web.archive.org/web/20171003120512ID_/example.com  | unknown modifier 'ID_'",
        "https://web.archive.org/web/20171003120512abcdefghij/x.com | expected a modifier such as id_",
        "https://web.archive.org/web/20171301000000/example.com     | month 13 is not in 01-12",
        "https://web.archive.org/web/20171/example.com              | must have 4, 6, 8, 10, 12 or 14 digits",
        "https://web.archive.org/web/201710031205121/example.com    | must have 4, 6, 8, 10, 12 or 14 digits",
        "https://web.archive.org/web/20171003120512/                | the original URL is empty",
        "https://web.archive.org/web/20171003120512                 | no original URL after the timestamp",
        "https://web.archive.org/web/20171003120512/http://         | has no host",
        "ftp://web.archive.org/web/20171003120512/example.com       | does not start with http:// or https://",
        "web.archive.org/web/20171003120512/example.com             | does not start with http:// or https://",
        "https://web.archive.org/x?q=/web/2017/example.com          | has no /web/<timestamp>/ path",
    })
    void rejectsWhatIsNotOneMemento(String text, String message) {
        assertThatThrownBy(() -> MementoUrl.parse(text))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsControlCharactersAndOverlongUrls() {
        assertThatThrownBy(() -> MementoUrl.parse("https://web.archive.org/web/2017/http://example.com/\u0000x"))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("control character")
                .hasMessageContaining("\\u0000");
        String huge = "https://web.archive.org/web/2017/http://example.com/" + "a".repeat(70_000);
        assertThatThrownBy(() -> MementoUrl.parse(huge))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("longer than 65536 characters");
    }
}
