package dev.palimpsest.core.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.capture.CaptureFormatException;
import org.junit.jupiter.api.Test;

/** {@link WaybackClient#archivePath}: where a recovered capture goes in an archive. */
class WaybackArchivePathTest {
    @Test
    void aUrlGivesHostThenPathAndAFolderUrlGivesIndexHtml() throws Exception {
        assertThat(WaybackClient.archivePath("https://www.example.gov/foia/report.pdf"))
                .hasToString("www.example.gov/foia/report.pdf");
        assertThat(WaybackClient.archivePath("https://www.example.gov/foia/reading-room/"))
                .hasToString("www.example.gov/foia/reading-room/index.html");
        assertThat(WaybackClient.archivePath("http://www.example.gov:8080/a.txt#part"))
                .hasToString("www.example.gov+8080/a.txt");
        assertThat(WaybackClient.archivePath("https://www.example.gov/search?q=foia").toString())
                .startsWith("www.example.gov/search%3F");
    }

    @Test
    void aMementoUrlGivesThePathOfItsOriginal() throws Exception {
        assertThat(WaybackClient.archivePath(
                "https://web.archive.org/web/20171003120000id_/https://www.example.gov/foia/report.pdf"))
                .isEqualTo(WaybackClient.archivePath("https://www.example.gov/foia/report.pdf"));
    }

    @Test
    void somethingThatIsNotAUrlIsRefused() {
        assertThatThrownBy(() -> WaybackClient.archivePath("https://")).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("has no host");
        assertThatThrownBy(() -> WaybackClient.archivePath(" ")).isInstanceOf(CaptureFormatException.class);
    }
}
