package dev.palimpsest.core.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.palimpsest.core.capture.CaptureCheckResult;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestEntry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourcesTableTest {
    /** SHA-1 of "Hello World\n\n", as the WARC primer's CDX line holds it. */
    private static final String HELLO_CDX = "XMABAYFTCASBJ5QATNBILSXH6PSZEMG4";
    private static final byte[] HELLO = "Hello World\n\n".getBytes(StandardCharsets.UTF_8);
    private static final DigestValue SHA256_ZERO = DigestValue.of(DigestAlgorithm.SHA256, new byte[32]);

    @TempDir
    Path dir;

    private SourcesTable read(String text) throws Exception {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private SourcesTable read(byte[] bytes) throws Exception {
        Path csv = Files.write(dir.resolve("sources.csv"), bytes);
        return SourcesTable.read(csv);
    }

    private SourcesTableException failure(String text) {
        return catchThrowableOfType(SourcesTableException.class, () -> read(text));
    }

    @Test
    void aFullTableWithByteOrderMarkCrlfQuotingAndExtraColumns() throws Exception {
        String table = "\uFEFFPath,original_url,memento_url,Title,collection,media_type,capture_time,cdx_digest,Agency Ref\r\n"
                + "documents/report.pdf,https://www.example.gov/foia/report.pdf,"
                + "https://web.archive.org/web/20171003120512/https://www.example.gov/foia/report.pdf,"
                + "\"Report, final\",documents,application/pdf,,\"" + HELLO_CDX + "\",FOIA-17-001\r\n"
                + "\r\n"
                + "statistics/2016.xlsx,,https://web.archive.org/web/2017id_/http://www.example.gov/stats/2016.xlsx,"
                + "\"Statistics\n(two lines)\",statistics,,2017-10-02T08:00:00+02:00,,\r\n"
                + ",,,,,,,,\r\n"
                + "notes/readme.txt,,,Just a title,,,,,\r\n";
        SourcesTable sources = read(table);

        assertThat(sources.source()).endsWith("sources.csv");
        assertThat(sources.columns()).containsExactly("Path", "original_url", "memento_url", "Title", "collection",
                "media_type", "capture_time", "cdx_digest", "Agency Ref");
        assertThat(sources.rows().keySet()).extracting(ArchivePath::toString)
                .containsExactly("documents/report.pdf", "statistics/2016.xlsx", "notes/readme.txt");

        SourceRow report = sources.row(ArchivePath.of("documents/report.pdf")).orElseThrow();
        assertThat(report.line()).isEqualTo(2);
        assertThat(report.originalUrl()).contains("https://www.example.gov/foia/report.pdf");
        assertThat(report.title()).contains("Report, final");
        assertThat(report.collection()).contains("documents");
        assertThat(report.mediaType()).contains("application/pdf");
        assertThat(report.captureTime()).contains(Instant.parse("2017-10-03T12:05:12Z"));
        assertThat(report.cdxDigest()).contains(HELLO_CDX);
        assertThat(report.metadata()).isEqualTo(Map.of("Agency Ref", "FOIA-17-001"));
        CaptureRecord capture = report.capture().orElseThrow();
        assertThat(capture.archive()).contains("web.archive.org");
        assertThat(capture.mementoUrl())
                .contains("https://web.archive.org/web/20171003120512/https://www.example.gov/foia/report.pdf");
        assertThat(capture.rawMementoUrl())
                .contains("https://web.archive.org/web/20171003120512id_/https://www.example.gov/foia/report.pdf");
        assertThat(capture.cdx().orElseThrow().digest()).contains(HELLO_CDX);
        assertThat(capture.check()).isEmpty();

        SourceRow stats = sources.row(ArchivePath.of("statistics/2016.xlsx")).orElseThrow();
        assertThat(stats.line()).isEqualTo(4);
        assertThat(stats.originalUrl()).contains("http://www.example.gov/stats/2016.xlsx");
        assertThat(stats.title()).contains("Statistics\n(two lines)");
        assertThat(stats.captureTime()).as("the capture_time column wins over a short memento timestamp")
                .contains(Instant.parse("2017-10-02T06:00:00Z"));
        assertThat(stats.metadata()).isEmpty();

        SourceRow notes = sources.row(ArchivePath.of("notes/readme.txt")).orElseThrow();
        assertThat(notes.line()).as("after a multi-line cell and an all-empty row").isEqualTo(7);
        assertThat(notes.capture()).isEmpty();
        assertThat(notes.title()).contains("Just a title");
    }

    @Test
    void applyingARowSetsTheEntryFieldsAndTheCaptureCheck() throws Exception {
        SourcesTable sources = read("path,original_url,title,collection,media_type,capture_time,cdx_digest,ref\n"
                + "a/hello.txt,http://iipc.github.io/hello-world.txt,Hello,docs,text/plain,20150708215513,"
                + HELLO_CDX + ",r-1\n");
        SourceRow row = sources.rows().values().iterator().next();
        DigestValue sha1 = TestWarcs.sha1(HELLO);

        ManifestEntry entry = row.applyTo(ManifestEntry.builder(row.path()).size(HELLO.length).digest(SHA256_ZERO), sha1)
                .build();

        assertThat(entry.title()).contains("Hello");
        assertThat(entry.collection()).contains("docs");
        assertThat(entry.mediaType()).contains("text/plain");
        assertThat(entry.metadata()).containsExactly(Map.entry("ref", "r-1"));
        CaptureRecord capture = entry.capture().orElseThrow();
        assertThat(capture.originalUrl()).isEqualTo("http://iipc.github.io/hello-world.txt");
        assertThat(capture.waybackTimestamp()).contains("20150708215513");
        assertThat(capture.check()).contains(CaptureCheck.MATCH);
        assertThat(capture.checkExplanation().orElseThrow()).contains("sha1:" + HELLO_CDX);

        DigestValue other = TestWarcs.sha1("Hello World, today\n".getBytes(StandardCharsets.UTF_8));
        CaptureCheckResult mismatch = row.check(other).orElseThrow();
        assertThat(mismatch.outcome()).isEqualTo(CaptureCheck.MISMATCH);
        assertThat(row.applyTo(ManifestEntry.builder(row.path()).size(1).digest(SHA256_ZERO), other).build()
                .capture().orElseThrow().check()).contains(CaptureCheck.MISMATCH);

        ManifestEntry withoutCheck = row.applyTo(ManifestEntry.builder(row.path()).size(1).digest(SHA256_ZERO)).build();
        assertThat(withoutCheck.capture().orElseThrow().check()).isEmpty();
    }

    @Test
    void aRowWithoutCdxDigestHasNoCheckAndLeavesOtherFieldsAlone() throws Exception {
        SourceRow row = read("path,original_url\nx.pdf,https://example.org/x.pdf\n").rows().values().iterator().next();
        assertThat(row.check(TestWarcs.sha1(HELLO))).isEmpty();
        ManifestEntry entry = row.applyTo(ManifestEntry.builder(row.path()).size(1).digest(SHA256_ZERO).title("Kept"),
                TestWarcs.sha1(HELLO)).build();
        assertThat(entry.title()).contains("Kept");
        assertThat(entry.capture().orElseThrow().check()).isEmpty();
    }

    @Test
    void loneCarriageReturnsEndLinesToo() throws Exception {
        SourcesTable sources = read("path,title\ra.txt,A\rb.txt,B\r");
        assertThat(sources.rows().values()).extracting(SourceRow::line).containsExactly(2L, 3L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        no path column           | title,original_url\\nx,http://e.org/ | 1 | no 'path' column
        empty column name        | path,,title\\nx,,y | 1 | column 2 of the header row has no name
        column named twice       | path,Title,TITLE\\nx,a,b | 1 | 'TITLE' is named twice in the header row (columns 2 and 3)
        bad metadata column      | path,a\u0001b\\nx,y | 1 | cannot be a metadata key
        too few fields           | path,title\\na.txt,A\\nb.txt | 3 | 1 field, but the header row has 2 columns
        too many fields          | path,title\\na.txt,A,extra | 2 | 3 fields, but the header row has 2 columns
        empty path               | path,title\\n,A | 2 | the path is empty
        dot-dot path             | path\\n../etc/passwd | 2 | path '../etc/passwd'
        absolute path            | path\\n/etc/passwd | 2 | [ABSOLUTE]
        backslash path           | path\\na\\\\b.txt | 2 | [BACKSLASH]
        listed twice             | path\\na.txt\\nb.txt\\na.txt | 4 | path 'a.txt' is listed again (first on line 2)
        case collision           | path\\nDocs/A.txt\\ndocs/a.TXT | 3 | collides with 'Docs/A.txt' on line 2
        ftp url                  | path,original_url\\na,ftp://e.org/a | 2 | original_url 'ftp://e.org/a' is not an http:// or https:// URL
        url with space           | path,original_url\\na,http://e.org/a b | 2 | has a space or control character
        url without host         | path,original_url\\na,http:///a | 2 | has no host
        not a memento            | path,memento_url\\na,https://example.org/a.pdf | 2 | memento_url 'https://example.org/a.pdf' is not a memento URL
        memento wildcard         | path,memento_url\\na,https://web.archive.org/web/*/example.org/a | 2 | is not a memento URL
        memento of another url   | path,original_url,memento_url\\na,https://e.org/a,https://web.archive.org/web/20170101000000/https://e.org/b | 2 | are not the same URL
        bad capture time         | path,original_url,capture_time\\na,http://e.org/a,yesterday | 2 | capture_time 'yesterday' is neither an RFC 3339 time
        bad 14 digits            | path,original_url,capture_time\\na,http://e.org/a,20171332120000 | 2 | capture_time timestamp '20171332120000': month 13
        bad digest               | path,original_url,cdx_digest\\na,http://e.org/a,NOTADIGEST | 2 | cdx_digest 'NOTADIGEST' is not a digest
        digest without url       | path,cdx_digest\\na,XMABAYFTCASBJ5QATNBILSXH6PSZEMG4 | 2 | cdx_digest is given, but neither original_url nor memento_url
        time without url         | path,capture_time\\na,20170101000000 | 2 | capture_time is given, but neither
        bad media type           | path,media_type\\na,pdf | 2 | is not a media type
        bad quoting              | path,title\\na,"unterminated\\nb,c | 3 | is not valid CSV
        stray quote              | path,title\\na,"x"y | 2 | is not valid CSV
        """)
    void malformedTablesNameTheLineAndTheProblem(String name, String table, long line, String message) {
        SourcesTableException e = failure(table.replace("\\n", "\n"));
        assertThat(e).as(name).isNotNull();
        assertThat(e.line()).as(name).hasValue(line);
        assertThat(e.detail()).as(name).contains(message);
        assertThat(e.getMessage()).startsWith(dir.resolve("sources.csv") + ":" + line + ": ");
        assertThat(e.source()).isEqualTo(dir.resolve("sources.csv").toString());
    }

    @Test
    void aPathNotInNfcIsRefusedNotNormalised() {
        SourcesTableException e = failure("path\nCafe\u0301.txt\n");
        assertThat(e.line()).hasValue(2);
        assertThat(e.detail()).contains("[NOT_NFC]");
    }

    @Test
    void anEmptyFileAndAHeaderOnlyFile() throws Exception {
        SourcesTableException empty = failure("");
        assertThat(empty.line()).isEmpty();
        assertThat(empty.detail()).contains("is empty").contains("path, original_url, memento_url");
        assertThat(read("path,title\r\n").rows()).isEmpty();
    }

    @Test
    void textThatIsNotUtf8NamesTheLine() throws Exception {
        byte[] latin1 = "path,title\na.txt,ok\nb.txt,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        SourcesTableException e = catchThrowableOfType(SourcesTableException.class, () -> read(latin1));
        assertThat(e.line()).hasValue(3);
        assertThat(e.detail()).contains("is not UTF-8").contains("byte 0xE9");

        byte[] utf16 = "\uFEFFpath\na\n".getBytes(StandardCharsets.UTF_16LE);
        SourcesTableException u = catchThrowableOfType(SourcesTableException.class, () -> read(utf16));
        assertThat(u.detail()).contains("UTF-16");
    }

    @Test
    void readingFromAStreamUsesTheGivenName() throws Exception {
        SourcesTable table = SourcesTable.read(new ByteArrayInputStream("path\nx\n".getBytes(StandardCharsets.UTF_8)),
                "upload.csv");
        assertThat(table.source()).isEqualTo("upload.csv");
        SourcesTableException e = catchThrowableOfType(SourcesTableException.class, () -> SourcesTable.read(
                new ByteArrayInputStream("path\n../x\n".getBytes(StandardCharsets.UTF_8)), "upload.csv"));
        assertThat(e.getMessage()).startsWith("upload.csv:2: ");
    }

    @Test
    void digestsInOtherEncodingsAndLabelledAreAccepted() throws Exception {
        DigestValue sha1 = TestWarcs.sha1(HELLO);
        SourcesTable sources = read("path,original_url,cdx_digest\n"
                + "a,http://e.org/a," + sha1.hex() + "\n"
                + "b,http://e.org/b," + sha1.base64() + "\n"
                + "c,http://e.org/c,sha1:" + HELLO_CDX.toLowerCase(java.util.Locale.ROOT) + "\n");
        assertThat(sources.rows().values()).allSatisfy(row ->
                assertThat(row.check(sha1).orElseThrow().outcome()).isEqualTo(CaptureCheck.MATCH));
    }

    @Test
    void aMementoWithoutOriginalUrlGivesTheOriginalAndTheTime() throws Exception {
        SourceRow row = read("path,memento_url\nr.pdf,http://127.0.0.1:8080/wayback/web/20171003120512id_/example.gov/r.pdf\n")
                .rows().values().iterator().next();
        assertThat(row.originalUrl()).contains("http://example.gov/r.pdf");
        assertThat(row.captureTime()).contains(Instant.parse("2017-10-03T12:05:12Z"));
        CaptureRecord capture = row.capture().orElseThrow();
        assertThat(capture.archive()).contains("127.0.0.1:8080/wayback");
        assertThat(capture.mementoUrl()).contains("http://127.0.0.1:8080/wayback/web/20171003120512/http://example.gov/r.pdf");
        assertThat(row.toString()).contains("line 2").contains("r.pdf");
        SourceRow again = read("path,memento_url\nr.pdf,http://127.0.0.1:8080/wayback/web/20171003120512id_/example.gov/r.pdf\n")
                .rows().values().iterator().next();
        assertThat(again).isEqualTo(row).hasSameHashCodeAs(row);
    }
}
