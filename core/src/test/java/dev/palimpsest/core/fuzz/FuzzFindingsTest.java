package dev.palimpsest.core.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.bag.BagVerifier;
import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.manifest.ManifestException;
import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.KeyStoreLoadException;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.sources.WarcImport;
import dev.palimpsest.core.sources.WarcImportProblem;
import dev.palimpsest.core.sources.WarcImporter;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.wacz.TestWacz;
import dev.palimpsest.core.wacz.WaczVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain unit tests for what the fuzz tests found, each reproducing one finding through the public
 * API (the crashing inputs themselves replay from the fuzz tests' input folders).
 */
class FuzzFindingsTest {
    @Test
    void manifestDigestInMixedCaseHexIsAManifestExceptionNotAnIllegalArgumentException() {
        String sha256 = "E3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        String json = "{\"format\":\"palimpsest-archive\",\"version\":\"1.0\",\"entries\":[{\"path\":\"a.txt\",\"size\":0,"
                + "\"digests\":{\"sha256\":\"" + sha256 + "\"}}]}";
        assertThatThrownBy(() -> ManifestCodec.standard().read(json.getBytes(UTF_8)))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("/entries/0/digests/sha256")
                .hasMessageContaining("not a valid sha256 digest '" + sha256 + "'")
                .hasMessageContaining("mixes upper- and lower-case");
    }

    @Test
    void warcRecordWithoutWarcTypeIsReportedAndSkippedNotANoSuchElementException(@TempDir Path dir) throws Exception {
        String http = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
        String untyped = "WARC/1.0\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
                + "WARC-Date: 2017-10-03T12:00:00Z\r\nWARC-Target-URI: https://example.gov/a.txt\r\n"
                + "Content-Type: application/http;msgtype=response\r\nContent-Length: " + http.length() + "\r\n\r\n"
                + http + "\r\n\r\n";
        String typed = untyped.replace("00000001>", "00000002>").replace("/a.txt", "/b.txt")
                .replace("WARC-Date", "WARC-Type: response\r\nWARC-Date");
        Path warc = Files.writeString(dir.resolve("untyped.warc"), untyped + typed, UTF_8);

        WarcImport result = WarcImporter.builder().build().importTo(dir.resolve("out"), List.of(warc));

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(WarcImportProblem.Kind.UNUSABLE_RECORD);
            assertThat(p.recordId()).contains("<urn:uuid:00000000-0000-0000-0000-000000000001>");
            assertThat(p.message()).contains("no WARC-Type header");
        });
        assertThat(result.entries()).singleElement().satisfies(e -> assertThat(e.path().toString()).isEqualTo("example.gov/b.txt"));
    }

    @Test
    void waczDataPackageThatLooksLikeUtf32IsAProblemNotAnIllegalStateException(@TempDir Path dir) throws Exception {
        // Jackson's encoding detection reads these as UTF-32 / UCS-4 and fails with CharConversionException.
        byte[][] packages = {
            {0, 0, 0, 0, 4, 3, 0, 5, '\n', '\n'},
            {0, 8, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0x10, 'X', 'Y'},
        };
        for (int i = 0; i < packages.length; i++) {
            byte[] datapackage = packages[i];
            Path wacz = TestWacz.builder().page("https://example.gov/", Instant.parse("2017-10-03T12:00:00Z"), "<p>x</p>")
                    .tamper(files -> files.put("datapackage.json", datapackage)).write(dir.resolve(i + ".wacz"));

            VerificationReport report = WaczVerifier.builder().build().verify(wacz);

            assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
            assertThat(report.problems()).anySatisfy(p -> assertThat(p.path().orElse("") + ": " + p.message())
                    .contains("datapackage.json").contains("not valid JSON text"));
        }
    }

    @Test
    void bagManifestDigestInMixedCaseHexIsAProblemNotAnIllegalArgumentException(@TempDir Path bag) throws Exception {
        Files.writeString(bag.resolve("bagit.txt"), "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
        Files.createDirectories(bag.resolve("data"));
        Files.writeString(bag.resolve("data/a.txt"), "");
        Files.writeString(bag.resolve("manifest-sha256.txt"),
                "E3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  data/a.txt\n");

        VerificationReport report = BagVerifier.builder().parallelism(1).build().verify(bag);

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.problems(ProblemCode.MANIFEST_LINE_MALFORMED)).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("manifest-sha256.txt line 1: ")
                        .contains("mixes upper- and lower-case"));
    }

    @Test
    void pemCrlWithDamagedInnerAsn1IsCorruptNotAnAsn1ParsingException(@TempDir Path dir) throws Exception {
        // Bouncy Castle parses the CRL lazily; the damaged name (a SET with a bad inner length) fails
        // only when the holder is re-encoded.
        Path pem = Files.writeString(dir.resolve("damaged.pem"), String.join("\n",
                "-----BEGIN X509 CRL-----",
                "MIG3MF4CAQEwCgYIKoZIzj0EAwIwLzEZMBcGA1UECgwQUGFsaW1wc2VzdCBUZXN0",
                "czESMBAA1GUEAwwJRnV6eiBSb290Fw0yNjAxMDEwMDAwMDBaFw0yNzAxMDEwMDAw",
                "MDBaMAoGCCqGSM49BAMCA0kAMEYCIQCfz0U4EjfFKHqLgr7Wwta+NvbSWgYVZiga",
                "jTDA0x/9bwIhAL2ROno6J7f9a2/S4T6HoWgcVSbnvNhee0OZhA/e9+ST",
                "-----END X509 CRL-----", ""));

        assertThatThrownBy(() -> Certificates.readCrls(pem)).isInstanceOfSatisfying(KeyStoreLoadException.class,
                e -> assertThat(e.reason()).isEqualTo(KeyStoreLoadException.Reason.CORRUPT))
                .hasMessageContaining("PEM block 1 is not a valid X.509 CRL");
        assertThatThrownBy(() -> SigningIdentity.fromPem(pem, pem, null)).isInstanceOf(KeyStoreLoadException.class)
                .hasMessageContaining("PEM block 1 is not a valid X.509 CRL");
    }
}
