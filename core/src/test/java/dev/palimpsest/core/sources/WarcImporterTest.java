package dev.palimpsest.core.sources;

import static dev.palimpsest.core.sources.TestWarcs.DATE;
import static dev.palimpsest.core.sources.TestWarcs.chunked;
import static dev.palimpsest.core.sources.TestWarcs.http;
import static dev.palimpsest.core.sources.TestWarcs.id;
import static dev.palimpsest.core.sources.TestWarcs.ok;
import static dev.palimpsest.core.sources.TestWarcs.resource;
import static dev.palimpsest.core.sources.TestWarcs.response;
import static dev.palimpsest.core.sources.TestWarcs.revisit;
import static dev.palimpsest.core.sources.TestWarcs.sha1;
import static dev.palimpsest.core.sources.TestWarcs.sha1Base32;
import static dev.palimpsest.core.sources.TestWarcs.utf8;
import static dev.palimpsest.core.sources.TestWarcs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.manifest.WarcSource;
import dev.palimpsest.core.sources.WarcImportProblem.Kind;
import dev.palimpsest.core.verify.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcTruncationReason;

class WarcImporterTest {
    private static final byte[] REPORT = utf8("%PDF-1.4 a recovered report\n");
    private static final byte[] PAGE = utf8("<html><body>Hello</body></html>\n");

    @TempDir
    Path dir;

    private final WarcImporter importer = WarcImporter.builder().build();

    private WarcImport importOne(boolean gzip, WarcRecord... records) throws IOException {
        Path warc = write(dir.resolve(gzip ? "in.warc.gz" : "in.warc"), gzip, records);
        return importer.importTo(dir.resolve("data"), List.of(warc));
    }

    private Path data(ManifestEntry entry) {
        return dir.resolve("data").resolve(entry.path().toString());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aResponseBecomesAnEntryWithItsCaptureRecord(boolean gzip) throws Exception {
        WarcImport result = importOne(gzip,
                response("https://www.example.gov/foia/report.pdf", 1, "application/pdf", REPORT),
                response("https://www.example.gov/foia/", 2, "text/html; charset=UTF-8", PAGE));

        assertThat(result.problems()).isEmpty();
        assertThat(result.revisits()).isEmpty();
        assertThat(result.entries()).extracting(e -> e.path().toString())
                .containsExactly("www.example.gov/foia/report.pdf", "www.example.gov/foia/index.html");
        ManifestEntry report = result.entries().get(0);
        assertThat(Files.readAllBytes(data(report))).isEqualTo(REPORT);
        assertThat(report.size()).isEqualTo(REPORT.length);
        assertThat(report.sha256()).isEqualTo(TestWarcs.digest(DigestAlgorithm.SHA256, REPORT));
        assertThat(report.digest(DigestAlgorithm.SHA1)).contains(sha1(REPORT));
        assertThat(report.digests().keySet()).containsExactly(DigestAlgorithm.SHA256, DigestAlgorithm.SHA1);
        assertThat(report.mediaType()).contains("application/pdf");
        assertThat(result.entries().get(1).mediaType()).contains("text/html");

        CaptureRecord capture = report.capture().orElseThrow();
        assertThat(capture.originalUrl()).isEqualTo("https://www.example.gov/foia/report.pdf");
        assertThat(capture.captureTime()).contains(DATE.plusSeconds(1));
        assertThat(capture.waybackTimestamp()).contains("20171003120001");
        assertThat(capture.check()).contains(CaptureCheck.MATCH);
        assertThat(capture.checkExplanation().orElseThrow()).contains("sha1:" + sha1(REPORT).base32());
        assertThat(capture.responseHeaders()).containsEntry("x-archive-orig-content-type", List.of("application/pdf"))
                .containsEntry("x-archive-orig-content-length", List.of(String.valueOf(REPORT.length)));
        WarcSource source = capture.warc().orElseThrow();
        assertThat(source.recordId()).isEqualTo("<" + id(1) + ">");
        assertThat(source.filename()).contains(gzip ? "in.warc.gz" : "in.warc");
        assertThat(source.targetUri()).contains("https://www.example.gov/foia/report.pdf");
        assertThat(source.date()).contains(DATE.plusSeconds(1));
        assertThat(source.payloadDigest()).contains(sha1Base32(REPORT));
        List<Long> offsets = TestWarcs.offsets(dir.resolve(gzip ? "in.warc.gz" : "in.warc"));
        assertThat(result.entries()).extracting(e -> e.capture().orElseThrow().warc().orElseThrow().offset().getAsLong())
                .containsExactlyElementsOf(offsets);
        if (gzip) {
            assertThat(offsets.get(1)).as("a gzip member offset, not an offset in the inflated stream")
                    .isLessThan(offsets.get(0) + REPORT.length + 300L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hex", "HEX", "base32", "base32-lower", "base64", "SHA-1 label", "sha256"})
    void thePayloadDigestIsReadInAnyLabelCaseAndEncoding(String form) throws Exception {
        DigestValue sha1 = sha1(REPORT);
        String digest;
        switch (form) {
            case "hex": digest = "sha1:" + sha1.hex(); break;
            case "HEX": digest = "SHA1:" + sha1.hex().toUpperCase(java.util.Locale.ROOT); break;
            case "base32": digest = "sha1:" + sha1.base32(); break;
            case "base32-lower": digest = "sha1:" + sha1.base32().toLowerCase(java.util.Locale.ROOT); break;
            case "base64": digest = "sha1:" + sha1.base64(); break;
            case "SHA-1 label": digest = "SHA-1:" + sha1.base32(); break;
            default: digest = "sha256:" + TestWarcs.digest(DigestAlgorithm.SHA256, REPORT).hex(); break;
        }
        WarcImport result = importOne(false, response("http://example.com/r.pdf", 1, ok("application/pdf", REPORT), digest));

        assertThat(result.problems()).isEmpty();
        CaptureRecord capture = result.entries().get(0).capture().orElseThrow();
        assertThat(capture.check()).contains(CaptureCheck.MATCH);
        assertThat(capture.warc().orElseThrow().payloadDigest()).contains(digest);
    }

    @Test
    void aPayloadThatDoesNotMatchItsDigestIsAnErrorAndTheEntryRecordsTheMismatch() throws Exception {
        WarcImport result = importOne(false,
                response("http://example.com/r.pdf", 1, ok("application/pdf", REPORT), sha1Base32(PAGE)));

        assertThat(result.hasErrors()).isTrue();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.PAYLOAD_DIGEST_MISMATCH);
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
            assertThat(p.warcFile()).endsWith("in.warc");
            assertThat(p.offset()).hasValue(0);
            assertThat(p.recordId()).contains("<" + id(1) + ">");
            assertThat(p.targetUri()).contains("http://example.com/r.pdf");
            assertThat(p.message()).contains("in.warc at offset 0")
                    .contains("sha1:" + sha1(REPORT).base32())
                    .contains(sha1Base32(PAGE))
                    .contains("damaged or was altered");
        });
        CaptureRecord capture = result.entries().get(0).capture().orElseThrow();
        assertThat(capture.check()).contains(CaptureCheck.MISMATCH);
        assertThat(capture.checkExplanation().orElseThrow()).contains("own WARC-Payload-Digest");
    }

    @Test
    void anUnreadablePayloadDigestIsAWarningAndNotComparable() throws Exception {
        WarcImport result = importOne(false,
                response("http://example.com/r.pdf", 1, ok("application/pdf", REPORT), "md6:notadigest"));

        assertThat(result.hasErrors()).isFalse();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.PAYLOAD_DIGEST_UNREADABLE);
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.message()).contains("'md6:notadigest'");
        });
        assertThat(result.entries().get(0).capture().orElseThrow().check()).contains(CaptureCheck.NOT_COMPARABLE);
    }

    @Test
    void aResponseWithoutPayloadDigestIsImportedAndNotComparable() throws Exception {
        WarcImport result = importOne(false, response("http://example.com/r.pdf", 1, ok("application/pdf", REPORT), null));

        assertThat(result.problems()).isEmpty();
        CaptureRecord capture = result.entries().get(0).capture().orElseThrow();
        assertThat(capture.check()).contains(CaptureCheck.NOT_COMPARABLE);
        assertThat(capture.warc().orElseThrow().payloadDigest()).isEmpty();
    }

    @Test
    void aChunkedBodyIsStoredWithoutItsFramingAndMatchesADigestOfTheDecodedBody() throws Exception {
        byte[] body = utf8("a".repeat(5000) + "the end\n");
        byte[] stored = http(200, List.of("Content-Type: text/plain", "Transfer-Encoding: chunked"), chunked(body, 1000));
        WarcImport result = importOne(true, response("http://example.com/big.txt", 1, stored, sha1Base32(body)));

        assertThat(result.problems()).isEmpty();
        ManifestEntry entry = result.entries().get(0);
        assertThat(Files.readAllBytes(data(entry))).isEqualTo(body);
        assertThat(entry.capture().orElseThrow().check()).contains(CaptureCheck.MATCH);
        assertThat(entry.capture().orElseThrow().responseHeaders())
                .containsEntry("x-archive-orig-transfer-encoding", List.of("chunked"));
    }

    @Test
    void aDigestOverTheChunkFramingAsWarcioWritesItIsVerifiedButNotComparableWithTheFile() throws Exception {
        byte[] body = utf8("chunked content\n".repeat(100));
        byte[] framed = chunked(body, 300);
        byte[] stored = http(200, List.of("Content-Type: text/plain", "Transfer-Encoding: chunked"), framed);
        WarcImport result = importOne(false, response("http://example.com/c.txt", 1, stored, "sha1:" + sha1(framed).hex()));

        assertThat(result.problems()).isEmpty();
        ManifestEntry entry = result.entries().get(0);
        assertThat(Files.readAllBytes(data(entry))).isEqualTo(body);
        CaptureRecord capture = entry.capture().orElseThrow();
        assertThat(capture.check()).contains(CaptureCheck.NOT_COMPARABLE);
        assertThat(capture.checkExplanation().orElseThrow()).contains("chunked transfer coding")
                .contains("matches the stored bytes");
    }

    @Test
    void aBodyStoredDecodedDespiteAChunkedHeaderIsTakenAsItIs() throws Exception {
        byte[] stored = http(200, List.of("Content-Type: text/html", "Transfer-Encoding: chunked"), PAGE);
        WarcImport result = importOne(false, response("http://example.com/", 1, stored, sha1Base32(PAGE)));

        assertThat(result.problems()).isEmpty();
        assertThat(Files.readAllBytes(data(result.entries().get(0)))).isEqualTo(PAGE);
        assertThat(result.entries().get(0).capture().orElseThrow().check()).contains(CaptureCheck.MATCH);
    }

    @Test
    void brokenChunkedCodingSkipsTheRecordAndTheNextIsStillImported() throws Exception {
        byte[] broken = utf8("5\r\nhello\r\nZZ\r\n");
        WarcImport result = importOne(false,
                response("http://example.com/broken", 1, http(200, List.of("Transfer-Encoding: chunked"), broken), null),
                response("http://example.com/r.pdf", 2, "application/pdf", REPORT));

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.MALFORMED_HTTP);
            assertThat(p.message()).contains("chunked coding is broken").contains("bad chunk size line");
        });
        assertThat(result.entries()).extracting(e -> e.path().toString()).containsExactly("example.com/r.pdf");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aContentEncodedBodyIsKeptAsStoredAndMatches() throws Exception {
        byte[] gzipped = TestWarcs.gzip(PAGE);
        byte[] stored = http(200, List.of("Content-Type: text/html", "Content-Encoding: gzip",
                "Content-Length: " + gzipped.length), gzipped);
        WarcImport result = importOne(false, response("http://example.com/", 1, stored, sha1Base32(gzipped)));

        ManifestEntry entry = result.entries().get(0);
        assertThat(Files.readAllBytes(data(entry))).isEqualTo(gzipped);
        CaptureRecord capture = entry.capture().orElseThrow();
        assertThat(capture.check()).contains(CaptureCheck.MATCH);
        assertThat(capture.checkExplanation().orElseThrow()).contains("gzip-encoded");
        assertThat(capture.responseHeaders()).containsEntry("x-archive-orig-content-encoding", List.of("gzip"));
    }

    @Test
    void onlySuccessfulResponsesUnlessOtherStatusesAreAskedFor() throws Exception {
        Path warc = write(dir.resolve("s.warc"), false,
                response("http://example.com/ok", 1, "text/plain", utf8("ok")),
                response("http://example.com/moved", 2, http(302, List.of("Location: /ok", "Content-Length: 0"),
                        new byte[0]), sha1Base32(new byte[0])),
                response("http://example.com/gone", 3, http(404, List.of("Content-Length: 4"), utf8("gone")),
                        sha1Base32(utf8("gone"))),
                response("http://example.com/created", 4, http(201, List.of("Content-Length: 1"), utf8("c")),
                        sha1Base32(utf8("c"))));

        assertThat(importer.importTo(dir.resolve("a"), List.of(warc)).entries()).extracting(e -> e.path().toString())
                .containsExactly("example.com/ok", "example.com/created");
        WarcImport redirects = WarcImporter.builder().statuses(List.of(200, 302)).build()
                .importTo(dir.resolve("b"), List.of(warc));
        assertThat(redirects.entries()).extracting(e -> e.path().toString())
                .containsExactly("example.com/ok", "example.com/moved");
        assertThat(redirects.entries().get(1).capture().orElseThrow().responseHeaders())
                .containsEntry("x-archive-orig-location", List.of("/ok"));
    }

    @Test
    void resourceRecordsAreTheirBlockCheckedAgainstTheBlockDigest() throws Exception {
        byte[] log = utf8("a log file\n");
        WarcImport result = importOne(false,
                resource("metadata://gnu.org/software/wget/warc/wget.log", 1, "text/plain", log, "WARC-Block-Digest",
                        sha1Base32(log)),
                resource("file:///home/archivist/memo.pdf", 2, "application/pdf", REPORT, "WARC-Payload-Digest",
                        "sha1:" + sha1(REPORT).hex()),
                resource("urn:x-test:no-digest", 3, "application/octet-stream", REPORT, null, null));

        assertThat(result.problems()).isEmpty();
        assertThat(result.entries()).extracting(e -> e.path().toString()).containsExactly(
                "metadata/gnu.org/software/wget/warc/wget.log", "file/home/archivist/memo.pdf", "urn/x-test%3Ano-digest");
        assertThat(result.entries()).extracting(e -> e.capture().orElseThrow().check().orElseThrow())
                .containsExactly(CaptureCheck.MATCH, CaptureCheck.MATCH, CaptureCheck.NOT_COMPARABLE);
        assertThat(Files.readAllBytes(data(result.entries().get(0)))).isEqualTo(log);
        assertThat(result.entries().get(0).capture().orElseThrow().warc().orElseThrow().payloadDigest())
                .as("a block digest is not recorded as a payload digest").isEmpty();
        assertThat(result.entries().get(1).capture().orElseThrow().warc().orElseThrow().payloadDigest())
                .contains("sha1:" + sha1(REPORT).hex());
        assertThat(result.entries().get(1).mediaType()).contains("application/pdf");
    }

    @Test
    void aRecordTheWriterTruncatedIsImportedWithAWarning() throws Exception {
        WarcRecord record = new org.netpreserve.jwarc.WarcResponse.Builder("http://example.com/big.pdf").recordId(id(1))
                .date(DATE).body(org.netpreserve.jwarc.MediaType.HTTP_RESPONSE, ok("application/pdf", REPORT))
                .truncated(WarcTruncationReason.LENGTH).build();
        WarcImport result = importOne(false, record);

        assertThat(result.entries()).hasSize(1);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.TRUNCATED_BY_WRITER);
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.message()).contains("'length'").contains("example.com/big.pdf");
        });
    }

    // --- revisits ----------------------------------------------------------------------------

    @Test
    void aRevisitOfTheSameUrlResolvesToTheOriginalByDigestAndAddsNoEntry() throws Exception {
        WarcImport result = importOne(true,
                response("http://www.example.com/r.pdf", 1, "application/pdf", REPORT),
                revisit("https://example.com/r.pdf", 2, sha1Base32(REPORT), null, null));

        assertThat(result.problems()).isEmpty();
        assertThat(result.entries()).hasSize(1);
        assertThat(result.revisits()).singleElement().satisfies(r -> {
            assertThat(r.entry().toString()).isEqualTo("www.example.com/r.pdf");
            assertThat(r.newEntry()).isFalse();
            assertThat(r.revisit().recordId()).isEqualTo("<" + id(2) + ">");
            assertThat(r.revisit().date()).contains(DATE.plusSeconds(2));
            assertThat(r.revisit().payloadDigest()).contains(sha1Base32(REPORT));
        });
    }

    @Test
    void aRevisitBeforeItsOriginalAndInAnotherFileStillResolves() throws Exception {
        Path first = write(dir.resolve("1.warc.gz"), true, revisit("http://example.com/r.pdf", 2, sha1Base32(REPORT),
                id(1), "http://example.com/r.pdf"));
        Path second = write(dir.resolve("2.warc"), false, response("http://example.com/r.pdf", 1, "application/pdf", REPORT));

        WarcImport result = importer.importTo(dir.resolve("data"), List.of(first, second));

        assertThat(result.problems()).isEmpty();
        assertThat(result.revisits()).singleElement()
                .satisfies(r -> assertThat(r.revisit().filename()).contains("1.warc.gz"));
    }

    @Test
    void aRevisitOfAnotherUrlByRefersToGetsItsOwnEntryWithACopyOfThePayload() throws Exception {
        WarcImport result = importOne(false,
                response("http://example.com/a.pdf", 1, "application/pdf", REPORT),
                revisit("http://mirror.example.org/b.pdf", 2, "sha1:" + sha1(REPORT).hex(), id(1), null));

        assertThat(result.problems()).isEmpty();
        assertThat(result.entries()).extracting(e -> e.path().toString())
                .containsExactly("example.com/a.pdf", "mirror.example.org/b.pdf");
        ManifestEntry copy = result.entries().get(1);
        assertThat(Files.readAllBytes(data(copy))).isEqualTo(REPORT);
        assertThat(copy.sha256()).isEqualTo(result.entries().get(0).sha256());
        assertThat(copy.mediaType()).contains("application/pdf");
        CaptureRecord capture = copy.capture().orElseThrow();
        assertThat(capture.originalUrl()).isEqualTo("http://mirror.example.org/b.pdf");
        assertThat(capture.captureTime()).contains(DATE.plusSeconds(2));
        assertThat(capture.warc().orElseThrow().recordId()).isEqualTo("<" + id(2) + ">");
        assertThat(capture.check()).contains(CaptureCheck.MATCH);
        assertThat(capture.checkExplanation().orElseThrow()).contains("revisit");
        assertThat(result.revisits()).singleElement().satisfies(r -> {
            assertThat(r.entry()).isEqualTo(copy.path());
            assertThat(r.newEntry()).isTrue();
        });
    }

    @Test
    void aRevisitWhoseOriginalIsNotInTheInputIsReportedNotGuessed() throws Exception {
        WarcImport result = importOne(false,
                response("http://example.com/a.pdf", 1, "application/pdf", REPORT),
                // same digest, another URL, no WARC-Refers-To: not resolved by digest alone
                revisit("http://example.com/b.pdf", 2, sha1Base32(REPORT), null, null),
                // same URL, another digest
                revisit("http://example.com/a.pdf", 3, sha1Base32(PAGE), null, null));

        assertThat(result.entries()).hasSize(1);
        assertThat(result.revisits()).isEmpty();
        assertThat(result.problems()).hasSize(2).allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo(Kind.REVISIT_UNRESOLVED);
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.message()).contains("is not among the imported WARC files");
        });
        assertThat(result.problems().get(0).message()).contains("'http://example.com/b.pdf'");
    }

    @Test
    void aRevisitReferringToARecordWithAnotherPayloadIsNotResolved() throws Exception {
        WarcImport result = importOne(false,
                response("http://example.com/a.pdf", 1, "application/pdf", REPORT),
                revisit("http://example.com/a.pdf", 2, sha1Base32(PAGE), id(1), null));

        assertThat(result.revisits()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.REVISIT_UNRESOLVED);
            assertThat(p.message()).contains("whose payload is sha1:" + sha1(REPORT).base32())
                    .contains("not the revisit's sha1:" + sha1(PAGE).base32());
        });
    }

    // --- damaged input -----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aTruncatedWarcKeepsTheRecordsBeforeTheCutAndLeavesNoPartialFile(boolean gzip) throws Exception {
        byte[] big = new byte[200_000];
        new java.util.Random(7).nextBytes(big);
        Path whole = write(dir.resolve(gzip ? "whole.warc.gz" : "whole.warc"), gzip,
                response("http://example.com/first.pdf", 1, "application/pdf", REPORT),
                response("http://example.com/big.bin", 2, "application/octet-stream", big));
        List<Long> offsets = TestWarcs.offsets(whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve(gzip ? "cut.warc.gz" : "cut.warc"), Arrays.copyOf(bytes, bytes.length - 50_000));

        WarcImport result = importer.importTo(dir.resolve("data"), List.of(cut));

        assertThat(result.entries()).extracting(e -> e.path().toString()).containsExactly("example.com/first.pdf");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.TRUNCATED_WARC);
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
            assertThat(p.offset()).hasValue(offsets.get(1));
            assertThat(p.message()).contains("ends inside this record");
        });
        assertThat(leftovers()).isEmpty();
        assertThat(Files.exists(dir.resolve("data/example.com/big.bin"))).isFalse();
    }

    @Test
    void aDamagedRecordHeaderStopsTheFileAndSaysAfterWhichRecord() throws Exception {
        Path whole = write(dir.resolve("whole.warc"), false,
                response("http://example.com/first.pdf", 1, "application/pdf", REPORT),
                response("http://example.com/second.pdf", 2, "application/pdf", REPORT),
                response("http://example.com/third.pdf", 3, "application/pdf", REPORT));
        List<Long> offsets = TestWarcs.offsets(whole);
        byte[] bytes = Files.readAllBytes(whole);
        byte[] damaged = "WORC/1.0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(damaged, 0, bytes, offsets.get(1).intValue(), damaged.length);
        Path warc = Files.write(dir.resolve("damaged.warc"), bytes);

        WarcImport result = importer.importTo(dir.resolve("data"), List.of(warc));

        assertThat(result.entries()).extracting(e -> e.path().toString()).containsExactly("example.com/first.pdf");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.MALFORMED_RECORD);
            assertThat(p.offset()).isEmpty();
            assertThat(p.message()).contains("damaged.warc: the header of the record after the one at offset 0 is damaged");
        });
    }

    @Test
    void aFileThatIsNotAWarcIsReportedAndTheNextFileIsStillRead() throws Exception {
        Path notWarc = Files.write(dir.resolve("notes.txt"), utf8("just some text\nnot a WARC\n"));
        Path empty = Files.write(dir.resolve("empty.warc"), new byte[0]);
        Path missing = dir.resolve("missing.warc");
        Path good = write(dir.resolve("good.warc"), false, response("http://example.com/r.pdf", 1, "application/pdf", REPORT));

        WarcImport result = importer.importTo(dir.resolve("data"), List.of(notWarc, empty, missing, good));

        assertThat(result.entries()).hasSize(1);
        assertThat(result.problems()).extracting(WarcImportProblem::kind)
                .containsExactly(Kind.UNREADABLE_WARC, Kind.UNREADABLE_WARC, Kind.UNREADABLE_WARC);
        assertThat(result.problems().get(0).message()).contains("notes.txt").contains("not a WARC file");
        assertThat(result.problems().get(1).message()).contains("empty.warc").contains("holds no WARC records");
        assertThat(result.problems().get(2).message()).contains("missing.warc").contains("cannot be read");
    }

    @Test
    void aResponseWhoseHttpHeadDoesNotParseIsSkipped() throws Exception {
        byte[] garbage = utf8("this is not an HTTP response\r\n\r\nbody");
        WarcImport result = importOne(false,
                response("http://example.com/bad", 1, garbage, null),
                response("http://example.com/r.pdf", 2, "application/pdf", REPORT));

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Kind.MALFORMED_HTTP);
            assertThat(p.message()).contains("does not parse");
        });
        assertThat(result.entries()).hasSize(1);
    }

    @Test
    void aTargetDirectoryThatCannotBeWrittenIsAnIOExceptionNotAProblem() throws Exception {
        Path warc = write(dir.resolve("in.warc"), false, response("http://example.com/r.pdf", 1, "application/pdf", REPORT));
        Path file = Files.write(dir.resolve("a-file"), new byte[1]);

        assertThatThrownBy(() -> importer.importTo(file, List.of(warc))).isInstanceOf(IOException.class);
    }

    // --- paths -------------------------------------------------------------------------------

    @Test
    void pathsAreDerivedReadablyAndSafelyFromTheTargetUri() throws Exception {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("http://example.com", "example.com/index.html");
        expected.put("HTTPS://Docs.Example.COM:443/a/b/", "docs.example.com/a/b/index.html");
        expected.put("http://example.com:8080/x.pdf", "example.com+8080/x.pdf");
        expected.put("http://user:pw@example.net/y.pdf#page=2", "example.net/y.pdf");
        expected.put("http://example.com/search?q=a/b&x=1", "example.com/search%3Fq=a%2Fb&x=1");
        expected.put("http://example.com/?page=2", "example.com/index.html%3Fpage=2");
        expected.put("http://example.com/caf%C3%A9%20menu.pdf", "example.com/café menu.pdf");
        expected.put("http://example.com/a%2Fb.pdf", "example.com/a%2Fb.pdf");
        expected.put("http://example.com/p/../q/./r.txt", "example.com/q/r.txt");
        expected.put("http://example.com/%2e%2e/up.txt", "example.com/up.txt");
        expected.put("http://example.com/bad%FFbyte.txt", "example.com/bad%FFbyte.txt");
        expected.put("http://example.com/win:do*ws%3C%3E%22%7C.txt", "example.com/win%3Ado%2Aws%3C%3E%22%7C.txt");
        expected.put("http://example.com/CON.txt", "example.com/%43ON.txt");
        expected.put("http://example.com/trailing./dots.", "example.com/trailing%2E/dots%2E");
        expected.put("http://example.com/evil%E2%80%AEfdp.exe", "example.com/evil%E2%80%AEfdp.exe");
        expected.put("http://example.com/100%25.txt", "example.com/100%25.txt");
        expected.put("http://example.com//double//slash", "example.com/double/slash");
        expected.put("http://example.com/e%CC%81t%C3%A9", "example.com/été");
        expected.put("http://[2001:db8::1]/v6.txt", "[2001%3Adb8%3A%3A1]/v6.txt");
        expected.put("dns:example.org", "dns/example.org");
        WarcRecord[] records = new WarcRecord[expected.size()];
        int n = 0;
        for (String uri : expected.keySet()) {
            records[n] = resource(uri, n, "text/plain", utf8(uri), null, null);
            n++;
        }
        WarcImport result = importOne(false, records);

        assertThat(result.problems()).isEmpty();
        assertThat(result.entries()).extracting(e -> e.path().toString()).containsExactlyElementsOf(expected.values());
        for (ManifestEntry entry : result.entries()) {
            assertThat(Files.readString(data(entry))).isEqualTo(entry.capture().orElseThrow().originalUrl());
        }
    }

    @Test
    void anOverlongNameIsShortenedWithAHashAndKeepsItsExtension() throws Exception {
        String longName = "x".repeat(400);
        WarcImport result = importOne(false,
                resource("http://example.com/" + longName + ".pdf", 1, "application/pdf", REPORT, null, null),
                resource("http://example.com/" + longName + "y.pdf", 2, "application/pdf", REPORT, null, null),
                resource("http://example.com/" + "d/".repeat(3000) + "deep.pdf", 3, "application/pdf", REPORT, null, null));

        assertThat(result.problems()).isEmpty();
        List<String> names = result.entries().stream().map(e -> e.path().fileName()).collect(Collectors.toList());
        assertThat(names.get(0)).startsWith("xxxx").endsWith(".pdf").matches("x+~[0-9a-f]{16}\\.pdf");
        assertThat(names.get(0).length()).isLessThanOrEqualTo(240);
        assertThat(names.get(1)).isNotEqualTo(names.get(0));
        assertThat(result.entries().get(2).path().toString()).matches("example\\.com/long-[0-9a-f]{32}\\.pdf");
    }

    @Test
    void collidingPathsGetNumericSuffixesInInputOrder() throws Exception {
        WarcImport result = importOne(false,
                resource("http://example.com/a.pdf", 1, "application/pdf", utf8("1"), null, null),
                resource("http://example.com/a.pdf", 2, "application/pdf", utf8("2"), null, null),
                resource("http://example.com/A.PDF", 3, "application/pdf", utf8("3"), null, null),
                resource("http://example.com/docs", 4, "text/plain", utf8("4"), null, null),
                resource("http://example.com/docs/b.pdf", 5, "application/pdf", utf8("5"), null, null),
                resource("http://example.com/docs/c.pdf", 6, "application/pdf", utf8("6"), null, null),
                resource("http://example.com/e/f.pdf", 7, "application/pdf", utf8("7"), null, null),
                resource("http://example.com/e", 8, "text/plain", utf8("8"), null, null),
                resource("http://example.com/noext", 9, "text/plain", utf8("9"), null, null),
                resource("http://example.com/noext", 10, "text/plain", utf8("10"), null, null));

        assertThat(result.entries()).extracting(e -> e.path().toString()).containsExactly(
                "example.com/a.pdf", "example.com/a~2.pdf", "example.com/A~3.PDF",
                "example.com/docs", "example.com/docs~2/b.pdf", "example.com/docs~2/c.pdf",
                "example.com/e/f.pdf", "example.com/e~2",
                "example.com/noext", "example.com/noext~2");
        // Every file holds its own record's payload.
        for (ManifestEntry entry : result.entries()) {
            assertThat(Files.readString(data(entry)))
                    .isEqualTo(entry.capture().orElseThrow().warc().orElseThrow().recordId().replaceAll(".*-0*([0-9a-f]+)>", "$1")
                            .transform(hex -> String.valueOf(Integer.parseInt(hex, 16))));
        }
        // The manifest's own rules accept every path together.
        ArchiveManifest.Builder manifest = ArchiveManifest.builder();
        result.entries().forEach(manifest::entry);
        assertThat(manifest.build().entries()).hasSize(10);
    }

    @Test
    void filesAlreadyInTheTargetAreNeverOverwritten() throws Exception {
        Path existing = dir.resolve("data/example.com/index.html");
        Files.createDirectories(existing.getParent());
        Files.writeString(existing, "already here");
        Files.createDirectories(dir.resolve("data/example.com/R.pdf"));

        WarcImport result = importOne(false,
                response("http://example.com/", 1, "text/html", PAGE),
                response("http://example.com/r.pdf", 2, "application/pdf", REPORT));

        assertThat(Files.readString(existing)).isEqualTo("already here");
        assertThat(result.entries()).extracting(e -> e.path().toString())
                .containsExactly("example.com/index~2.html", "example.com/r~2.pdf");
    }

    @Test
    void theSameInputGivesTheSamePaths() throws Exception {
        Path warc = write(dir.resolve("in.warc"), false,
                response("http://example.com/a", 1, "text/plain", utf8("a")),
                response("http://example.com/a/b", 2, "text/plain", utf8("b")),
                response("http://example.com/a", 3, "text/plain", utf8("c")));
        List<String> first = paths(importer.importTo(dir.resolve("one"), List.of(warc)));
        List<String> second = paths(importer.importTo(dir.resolve("two"), List.of(warc)));
        assertThat(first).isEqualTo(second).containsExactly("example.com/a", "example.com/a~2/b", "example.com/a~3");
    }

    @Test
    void extraDigestsAreComputedInTheSamePass() throws Exception {
        Path warc = write(dir.resolve("in.warc"), false, response("http://example.com/r.pdf", 1, "application/pdf", REPORT));
        WarcImport result = WarcImporter.builder().digests(DigestAlgorithm.SHA512, DigestAlgorithm.MD5).build()
                .importTo(dir.resolve("data"), List.of(warc));

        ManifestEntry entry = result.entries().get(0);
        assertThat(entry.digests().keySet()).containsExactly(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512,
                DigestAlgorithm.SHA1, DigestAlgorithm.MD5);
        assertThat(entry.digest(DigestAlgorithm.MD5).orElseThrow().hex())
                .isEqualTo(HexFormat.of().formatHex(TestWarcs.md("MD5").digest(REPORT)));
    }

    @Test
    void builderRejectsNonsense() {
        assertThatThrownBy(() -> WarcImporter.builder().statuses(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WarcImporter.builder().statuses(List.of(99))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("99");
        assertThat(WarcImporter.builder().build().statuses()).hasSize(100).contains(200, 299).doesNotContain(300);
    }

    private static List<String> paths(WarcImport result) {
        return result.entries().stream().map(e -> e.path().toString()).collect(Collectors.toList());
    }

    private List<Path> leftovers() throws IOException {
        if (!Files.exists(dir.resolve("data"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).collect(Collectors.toList());
        }
    }
}
