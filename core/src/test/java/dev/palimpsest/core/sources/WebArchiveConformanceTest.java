package dev.palimpsest.core.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.palimpsest.core.capture.CaptureCheckResult;
import dev.palimpsest.core.capture.CaptureEvidence;
import dev.palimpsest.core.capture.CdxParser;
import dev.palimpsest.core.capture.CdxRecord;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.manifest.WarcSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * Real web archives written by other tools as the judge: pywb's sample WARCs with the CDX
 * indexes pywb made for them, and the WARC specification primer's hello-world capture.
 *
 * <p>Runs only when the system property {@code palimpsest.corpus} names the shared corpus folder
 * (the one holding {@code web-archive/}); fails when it is set but the data is missing. An unset
 * property reaches the test as empty or as the literal {@code ${palimpsest.corpus}}, both
 * treated as unset. Nothing is copied from the corpus into the project: files are read in place
 * and imported into a temporary directory.
 */
class WebArchiveConformanceTest {
    private static Path webArchive;

    @TempDir
    Path target;

    @BeforeAll
    static void corpus() {
        String corpus = System.getProperty("palimpsest.corpus");
        org.junit.jupiter.api.Assumptions.assumeTrue(corpus != null && !corpus.isBlank() && !corpus.startsWith("${"),
                "palimpsest.corpus is not set; the web-archive conformance tests are not run");
        webArchive = Path.of(corpus).resolve("web-archive");
        for (String needed : List.of("pywb/iana.warc.gz", "pywb/iana.cdx", "pywb/dupes.warc.gz", "pywb/dupes.cdx",
                "warc-spec/hello-world.warc", "warc-spec/hello-world.warc.cdx", "warc-spec/hello-world.txt")) {
            if (!Files.isRegularFile(webArchive.resolve(needed))) {
                fail("palimpsest.corpus is set to " + corpus + ", but " + webArchive.resolve(needed) + " is missing");
            }
        }
    }

    @Test
    void ianaEveryResponsePayloadHasItsRecordedSha1AndMatchesItsCdxRow() throws Exception {
        Path warc = webArchive.resolve("pywb/iana.warc.gz");
        List<CdxRecord> rows = CdxParser.create().parse(webArchive.resolve("pywb/iana.cdx"));
        List<CdxRecord> responseRows = rows.stream().filter(r -> !r.isRevisit()).collect(Collectors.toList());
        assertThat(responseRows).hasSize(48);
        Set<Integer> statuses = responseRows.stream().map(r -> r.status().getAsInt()).collect(Collectors.toSet());

        WarcImport result = WarcImporter.builder().statuses(statuses).build().importTo(target, List.of(warc));

        assertThat(result.problems()).isEmpty();
        assertThat(result.entries()).hasSize(48);
        Map<Long, ManifestEntry> byOffset = new HashMap<>();
        for (ManifestEntry entry : result.entries()) {
            WarcSource source = entry.capture().orElseThrow().warc().orElseThrow();
            // The WARC's own payload digest, computed independently of the importer: the SHA-1
            // of the file written equals the digest the record holds.
            DigestValue recorded = source.payloadDigestValue().orElseThrow();
            assertThat(sha1(target.resolve(entry.path().toString()))).as(entry.path().toString()).isEqualTo(recorded);
            assertThat(entry.digest(DigestAlgorithm.SHA1)).contains(recorded);
            assertThat(entry.capture().orElseThrow().check()).as(entry.path().toString()).contains(CaptureCheck.MATCH);
            byOffset.put(source.offset().orElseThrow(), entry);
        }
        for (CdxRecord row : responseRows) {
            ManifestEntry entry = byOffset.get(row.offset().orElseThrow());
            assertThat(entry).as("an entry for the record at offset %s", row.offset()).isNotNull();
            assertThat(entry.capture().orElseThrow().originalUrl()).isEqualTo(row.original());
            CaptureCheckResult check = CaptureEvidence.of(row).check(entry.digest(DigestAlgorithm.SHA1).orElseThrow());
            assertThat(check.outcome()).as("%s: %s", row, check.explanation()).isEqualTo(CaptureCheck.MATCH);
        }
        // The 123 revisits all refer to responses in the same file; 11 of them are of https URLs
        // whose originals were captured over http (the same CDX url key).
        assertThat(result.revisits()).hasSize(rows.size() - responseRows.size());
        assertThat(result.revisits()).allSatisfy(r -> assertThat(r.newEntry()).isFalse());
    }

    @Test
    void ianaPayloadDigestsAgreeWithJwarcsOwnHttpBodyDecoding() throws Exception {
        // An independent reading: jwarc's http().body() (chunked coding removed) hashed here.
        Path warc = webArchive.resolve("pywb/iana.warc.gz");
        WarcImport result = WarcImporter.builder().statuses(List.of(200, 302)).build().importTo(target, List.of(warc));
        Map<Long, ManifestEntry> byOffset = new HashMap<>();
        result.entries().forEach(e -> byOffset.put(e.capture().orElseThrow().warc().orElseThrow().offset().orElseThrow(), e));
        int compared = 0;
        try (WarcReader reader = new WarcReader(warc)) {
            for (WarcRecord record : reader) {
                if (record instanceof WarcResponse) {
                    long offset = reader.position();
                    MessageDigest md = MessageDigest.getInstance("SHA-1");
                    try (InputStream body = ((WarcResponse) record).http().body().stream()) {
                        md.update(body.readAllBytes());
                    }
                    assertThat(byOffset.get(offset).digest(DigestAlgorithm.SHA1))
                            .contains(DigestValue.of(DigestAlgorithm.SHA1, md.digest()));
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(48);
    }

    @Test
    void helloWorldCaptureMatchesItsCdxLineAndTheLiveFileDoesNot() throws Exception {
        Path warc = webArchive.resolve("warc-spec/hello-world.warc");
        CdxRecord row = CdxParser.create().parse(webArchive.resolve("warc-spec/hello-world.warc.cdx")).stream()
                .filter(r -> r.original().endsWith("hello-world.txt")).findFirst().orElseThrow();

        WarcImport result = WarcImporter.builder().build().importTo(target, List.of(warc));

        assertThat(result.problems()).isEmpty();
        ManifestEntry capture = result.entries().stream()
                .filter(e -> e.capture().orElseThrow().originalUrl().equals(row.original())).findFirst().orElseThrow();
        assertThat(capture.path().toString())
                .isEqualTo("iipc.github.io/warc-specifications/primers/web-archive-formats/hello-world.txt");
        assertThat(Files.readString(target.resolve(capture.path().toString()))).isEqualTo("Hello World\n\n");
        assertThat(capture.size()).isEqualTo(13);
        assertThat(capture.mediaType()).contains("text/plain");
        assertThat(capture.capture().orElseThrow().warc().orElseThrow().offset()).hasValue(row.offset().getAsLong());
        CaptureCheckResult match = CaptureEvidence.of(row).check(capture.digest(DigestAlgorithm.SHA1).orElseThrow());
        assertThat(match.outcome()).isEqualTo(CaptureCheck.MATCH);
        assertThat(match.explanation()).contains("sha1:XMABAYFTCASBJ5QATNBILSXH6PSZEMG4");

        // The file as it is today is not the capture.
        DigestValue live = sha1(webArchive.resolve("warc-spec/hello-world.txt"));
        CaptureCheckResult mismatch = CaptureEvidence.of(row).check(live);
        assertThat(mismatch.outcome()).isEqualTo(CaptureCheck.MISMATCH);
        assertThat(mismatch.explanation())
                .contains("sha1:" + live.base32())
                .contains("differs from the archive's sha1:XMABAYFTCASBJ5QATNBILSXH6PSZEMG4")
                .contains("not proof of tampering");

        // The wget metadata records are resource records: imported as they are, their block
        // digests (the CDX digests) matching.
        assertThat(result.entries()).extracting(e -> e.path().toString()).contains(
                "metadata/gnu.org/software/wget/warc/wget_arguments.txt",
                "metadata/gnu.org/software/wget/warc/wget.log");
        assertThat(result.entries()).allSatisfy(e -> assertThat(e.capture().orElseThrow().check())
                .as(e.path().toString()).contains(CaptureCheck.MATCH));
    }

    @Test
    void dupesRevisitsResolveWithinTheFileAndTheOthersAreReportedNotGuessed() throws Exception {
        Path dupes = webArchive.resolve("pywb/dupes.warc.gz");
        WarcImport alone = WarcImporter.builder().build().importTo(target.resolve("alone"), List.of(dupes));

        // example.com's revisit has its original (same URL and payload digest) in the file.
        assertThat(alone.revisits()).singleElement().satisfies(r -> {
            assertThat(r.revisit().targetUri()).contains("http://example.com");
            assertThat(r.entry().toString()).isEqualTo("example.com/index.html");
            assertThat(r.newEntry()).isFalse();
        });
        // The eight other revisits refer to captures in iana.warc.gz, which is not given.
        List<WarcImportProblem> unresolved = alone.problems().stream()
                .filter(p -> p.kind() == WarcImportProblem.Kind.REVISIT_UNRESOLVED).collect(Collectors.toList());
        assertThat(unresolved).hasSize(8);
        assertThat(alone.problems()).hasSize(8);
        assertThat(unresolved).anySatisfy(p -> assertThat(p.message())
                .contains("dupes.warc.gz at offset 2678")
                .contains("sha1:OSSAPWJ23L56IYVRW3GFEAR4MCJMGPTB")
                .contains("is not among the imported WARC files"));
        assertThat(alone.entries()).extracting(e -> e.path().toString())
                .containsExactly("example.com/index.html", "www.iana.org/_js/2013.1/iana.js");

        // With iana.warc.gz imported too, every revisit finds its original.
        WarcImport both = WarcImporter.builder().build().importTo(target.resolve("both"),
                List.of(dupes, webArchive.resolve("pywb/iana.warc.gz")));
        assertThat(both.problems()).isEmpty();
        assertThat(both.revisits()).hasSize(9 + 123);
        assertThat(both.revisits()).filteredOn(r -> r.revisit().filename().orElseThrow().equals("dupes.warc.gz"))
                .anySatisfy(r -> {
                    assertThat(r.revisit().offset()).hasValue(2678);
                    assertThat(r.entry().toString()).isEqualTo("www.iana.org/index.html");
                });
    }

    private static DigestValue sha1(Path file) throws IOException {
        try {
            return DigestValue.of(DigestAlgorithm.SHA1, MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
