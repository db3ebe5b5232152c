package dev.palimpsest.core.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.capture.CaptureCheckResult;
import dev.palimpsest.core.capture.CdxParser;
import dev.palimpsest.core.capture.CdxRecord;
import dev.palimpsest.core.capture.MementoUrl;
import dev.palimpsest.core.capture.ProvenanceHeaders;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.manifest.CaptureRecord;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureRecordsTest {
    private static final String LEGEND = " CDX N b a m s k r M S V g\n";

    private static CdxRecord row(String line) throws Exception {
        return CdxParser.create().parse(new StringReader(LEGEND + line + "\n")).get(0);
    }

    @Test
    void aCdxRowIsStoredAsTheIndexWroteIt() throws Exception {
        CdxRecord row = row("io,github,iipc)/hello-world.txt 20150708215513 http://iipc.github.io/hello-world.txt"
                + " text/plain 200 sha1:XMABAYFTCASBJ5QATNBILSXH6PSZEMG4 - - 1085 1260 hello-world.warc");

        dev.palimpsest.core.manifest.CdxRecord stored = CaptureRecords.toManifest(row);

        assertThat(stored.urlkey()).contains("io,github,iipc)/hello-world.txt");
        assertThat(stored.timestamp()).contains("20150708215513");
        assertThat(stored.original()).contains("http://iipc.github.io/hello-world.txt");
        assertThat(stored.mimetype()).contains("text/plain");
        assertThat(stored.status()).contains("200");
        assertThat(stored.digest()).contains("sha1:XMABAYFTCASBJ5QATNBILSXH6PSZEMG4");
        assertThat(stored.length()).contains("1085");
        assertThat(stored.offset()).contains("1260");
        assertThat(stored.filename()).contains("hello-world.warc");
        assertThat(stored.digestValue()).isEqualTo(row.digest());
    }

    @Test
    void whatTheIndexDoesNotKnowIsLeftOut() throws Exception {
        CdxRecord row = row("com,example)/ 20140127171251 http://example.com warc/revisit - - - - 553 11875 dupes.warc.gz");
        dev.palimpsest.core.manifest.CdxRecord stored = CaptureRecords.toManifest(row);
        assertThat(stored.mimetype()).contains("warc/revisit");
        assertThat(stored.status()).isEmpty();
        assertThat(stored.digest()).isEmpty();
    }

    @Test
    void aCaptureRecordFromARowAMementoAndTheResponseHeaders() throws Exception {
        CdxRecord row = row("gov,example)/r.pdf 20171003120512 https://www.example.gov/r.pdf application/pdf 200"
                + " XMABAYFTCASBJ5QATNBILSXH6PSZEMG4 - - 100 0 a.warc.gz");
        MementoUrl memento = MementoUrl.parse("https://web.archive.org/web/20171003120512if_/https://www.example.gov/r.pdf");
        ProvenanceHeaders headers = ProvenanceHeaders.select(List.of(
                Map.entry("Memento-Datetime", "Tue, 03 Oct 2017 12:05:13 GMT"),
                Map.entry("X-Archive-Orig-ETag", "\"abc\""),
                Map.entry("Server", "not kept")));
        CaptureCheckResult check = new CaptureCheckResult(CaptureCheck.MATCH, "equal");

        CaptureRecord capture = CaptureRecords.from(row, memento, headers, check).build();

        assertThat(capture.originalUrl()).isEqualTo("https://www.example.gov/r.pdf");
        assertThat(capture.captureTime()).as("the archive's Memento-Datetime describes the bytes returned")
                .contains(Instant.parse("2017-10-03T12:05:13Z"));
        assertThat(capture.archive()).contains("web.archive.org");
        assertThat(capture.mementoUrl()).contains("https://web.archive.org/web/20171003120512/https://www.example.gov/r.pdf");
        assertThat(capture.rawMementoUrl())
                .contains("https://web.archive.org/web/20171003120512id_/https://www.example.gov/r.pdf");
        assertThat(capture.cdx()).contains(CaptureRecords.toManifest(row));
        assertThat(capture.responseHeaders()).containsOnlyKeys("memento-datetime", "x-archive-orig-etag");
        assertThat(capture.check()).contains(CaptureCheck.MATCH);
        assertThat(capture.checkExplanation()).contains("equal");
    }

    @Test
    void withoutAMementoDatetimeTheRowGivesTheTimeWhenItHasAllFourteenDigits() throws Exception {
        MementoUrl memento = MementoUrl.parse("http://127.0.0.1:8080/web/2017id_/example.gov/r.pdf");
        CdxRecord full = row("gov,example)/r.pdf 20171003120512 http://example.gov/r.pdf - 200 - - - - - -");
        CdxRecord shortRow = row("gov,example)/r.pdf 2017 http://example.gov/r.pdf - 200 - - - - - -");
        ProvenanceHeaders malformed = ProvenanceHeaders.select(List.of(Map.entry("Memento-Datetime", "yesterday")));

        assertThat(CaptureRecords.from(full, memento, ProvenanceHeaders.empty()).build().captureTime())
                .contains(Instant.parse("2017-10-03T12:05:12Z"));
        assertThat(CaptureRecords.from(full, memento, malformed).build().captureTime())
                .contains(Instant.parse("2017-10-03T12:05:12Z"));
        assertThat(CaptureRecords.from(shortRow, memento, ProvenanceHeaders.empty()).build().captureTime()).isEmpty();
        assertThat(CaptureRecords.from(full, memento, ProvenanceHeaders.empty()).build().archive())
                .contains("127.0.0.1:8080");
    }
}
