package dev.palimpsest.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.core.bundle.BundleContent;
import dev.palimpsest.core.bundle.BundleWriter;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.testing.TestTsa;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** create, sign (bundle form), verify (bundle branch) and inspect, as a user runs them. */
class BundleCommandsTest {
    static TestTsa tsa;

    @TempDir
    Path dir;
    Path in;
    Path passwordFile;

    @BeforeAll
    static void startTsa() {
        tsa = TestTsa.start();
    }

    @AfterAll
    static void stopTsa() {
        tsa.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        passwordFile = Files.writeString(dir.resolve("pw.txt"), "pw\n");
        in = Files.createDirectories(dir.resolve("recovered/documents"));
        Files.writeString(in.resolve("report-2016.pdf"), "%PDF-1.7 report");
        Files.writeString(in.getParent().resolve("requests.csv"), "year,requests\n2016,1204\n");
        in = in.getParent();
    }

    private Path keygen(String name) {
        Path key = dir.resolve(name + ".p12");
        CliHarness r = CliHarness.run("keygen", "--out", key.toString(), "--name", name, "--password-file",
                passwordFile.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        return key;
    }

    private CliHarness run(String... args) {
        return CliHarness.run(args);
    }

    @Test
    void createThenVerifyAnUnsignedBundle() {
        Path bundle = dir.resolve("out/removed-2017");
        CliHarness create = run("create", bundle.toString(), "--from", in.toString(), "--title", "Removed documents");
        assertThat(create.exitCode).as(create.toString()).isEqualTo(ExitCode.OK);
        assertThat(create.out).startsWith("Created " + bundle + ": 2 files, ").contains("sha256+sha512, unsigned");
        assertThat(create.err).as("no progress without a terminal, no warnings").isEmpty();
        assertThat(bundle.resolve("provenance/archive.json")).exists();

        CliHarness verify = run("verify", bundle.toString());
        assertThat(verify.exitCode).as(verify.toString()).isEqualTo(ExitCode.OK);
        assertThat(verify.out).startsWith("VALID  ").contains("palimpsest-bundle").contains("SIGNATURE_MISSING");
        assertThat(run("verify", "--require-trusted", bundle.toString()).exitCode).isEqualTo(ExitCode.UNTRUSTED);
    }

    @Test
    void createSignedAndTimestampedThenVerifyWithTrust() throws Exception {
        Path author = keygen("author");
        Path bundle = dir.resolve("b");
        CliHarness create = run("create", bundle.toString(), "--from", in.toString(), "--key", author.toString(),
                "--password-file", passwordFile.toString(), "--tsa", tsa.url().toString(), "--digest", "sha512,sha3-256");
        assertThat(create.exitCode).as(create.toString()).isEqualTo(ExitCode.OK);
        assertThat(create.out).contains("sha256+sha512+sha3-256").contains("signed by CN=author")
                .contains("timestamped by " + tsa.url());

        CliHarness verify = run("verify", "--json", "--trust", dir.resolve("author.pem").toString(), bundle.toString());
        assertThat(verify.exitCode).as(verify.toString()).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(verify.out);
        assertThat(json.get("verdict").asText()).isEqualTo("TRUSTED");
        assertThat(json.get("format").asText()).isEqualTo("palimpsest-bundle");
        assertThat(json.get("signatures").get(0).get("signer").asText()).isEqualTo("CN=author");
        assertThat(json.get("signatures").get(0).get("timestamp").get("valid").asBoolean()).isTrue();
        assertThat(json.get("entries")).hasSize(2);

        CliHarness stranger = run("verify", "--trust-fingerprint", "00".repeat(32), bundle.toString());
        assertThat(stranger.exitCode).as(stranger.toString()).isEqualTo(ExitCode.UNTRUSTED);
        assertThat(stranger.out).contains("SIGNER_UNTRUSTED");
    }

    @Test
    void signLaterThenCountersignAFolderAndAZip() throws Exception {
        Path author = keygen("author");
        Path witness = keygen("witness");
        for (String name : new String[] {"b", "b.zip"}) {
            Path bundle = dir.resolve(name);
            assertThat(run("create", bundle.toString(), "--from", in.toString()).exitCode).isEqualTo(ExitCode.OK);
            CliHarness sign = run("sign", bundle.toString(), "--key", author.toString(), "--password-file",
                    passwordFile.toString());
            assertThat(sign.exitCode).as(sign.toString()).isEqualTo(ExitCode.OK);
            assertThat(sign.out).startsWith("Signed " + bundle).contains("1 signature)");
            CliHarness counter = run("sign", bundle.toString(), "--key", witness.toString(), "--password-file",
                    passwordFile.toString());
            assertThat(counter.exitCode).as(counter.toString()).isEqualTo(ExitCode.OK);
            assertThat(counter.out).startsWith("Countersigned " + bundle).contains("2 signatures)");

            CliHarness verify = run("verify", "--json", "--trust", dir.resolve("author.pem").toString(), bundle.toString());
            assertThat(verify.exitCode).as(verify.toString()).isEqualTo(ExitCode.OK);
            assertThat(new ObjectMapper().readTree(verify.out).get("signatures")).hasSize(2);
        }
        assertThat(Files.exists(dir.resolve("b/provenance/archive.json.p7s"))).isTrue();
        assertThat(Files.exists(dir.resolve("b.p7s"))).isFalse();
    }

    @Test
    void aTamperedBundleFailsVerificationAndIsNotSigned() throws Exception {
        Path author = keygen("author");
        Path bundle = dir.resolve("b");
        assertThat(run("create", bundle.toString(), "--from", in.toString()).exitCode).isEqualTo(ExitCode.OK);
        Files.writeString(bundle.resolve("data/requests.csv"), "year,requests\n2016,9999\n");
        CliHarness verify = run("verify", bundle.toString());
        assertThat(verify.exitCode).isEqualTo(ExitCode.INVALID);
        assertThat(verify.out).startsWith("INVALID  ").contains("FILE_MODIFIED  data/requests.csv");
        CliHarness sign = run("sign", bundle.toString(), "--key", author.toString(), "--password-file",
                passwordFile.toString());
        assertThat(sign.exitCode).as(sign.toString()).isEqualTo(ExitCode.INVALID);
        assertThat(sign.err).startsWith("palimpsest: ").contains("does not verify").contains("data/requests.csv")
                .doesNotContain("Exception");
        assertThat(bundle.resolve("provenance/archive.json.p7s")).doesNotExist();
    }

    @Test
    void createRefusesAnExistingTargetUnlessForcedAndRefusesLinks() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("b"));
        CliHarness exists = run("create", bundle.toString(), "--from", in.toString());
        assertThat(exists.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(exists.err).contains("already exists").contains("--force");
        assertThat(run("create", bundle.toString(), "--from", in.toString(), "--force").exitCode).isEqualTo(ExitCode.OK);

        Files.createSymbolicLink(in.resolve("link.csv"), in.resolve("requests.csv"));
        CliHarness link = run("create", dir.resolve("c").toString(), "--from", in.toString());
        assertThat(link.exitCode).isEqualTo(ExitCode.NO_INPUT);
        assertThat(link.err).contains("link.csv is a symbolic link").doesNotContain("Exception");
        assertThat(run("create", dir.resolve("c").toString(), "--from", in.toString(), "--follow-links").exitCode)
                .isEqualTo(ExitCode.OK);

        Files.writeString(in.resolve(".hidden"), "x");
        CliHarness hidden = run("create", dir.resolve("d").toString(), "--from", in.toString(), "--follow-links");
        assertThat(hidden.exitCode).isEqualTo(ExitCode.OK);
        assertThat(hidden.err).startsWith("palimpsest: warning: 1 hidden file or folder was left out").contains(".hidden");
    }

    @Test
    void createUsageAndInputErrors() throws Exception {
        assertThat(run("create", dir.resolve("b").toString(), "--from", dir.resolve("nope").toString()).exitCode)
                .isEqualTo(ExitCode.NO_INPUT);
        assertThat(run("create", dir.resolve("b").toString(), "--from", passwordFile.toString()).exitCode)
                .isEqualTo(ExitCode.NO_INPUT);
        CliHarness keyWithoutPassword = run("create", dir.resolve("b").toString(), "--from", in.toString(), "--key",
                dir.resolve("k.p12").toString());
        assertThat(keyWithoutPassword.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(keyWithoutPassword.err).contains("--key needs --password-file or --password-env");
        assertThat(run("create", dir.resolve("b").toString(), "--from", in.toString(), "--tsa", "http://x/").exitCode)
                .isEqualTo(ExitCode.USAGE);
        assertThat(run("create", dir.resolve("b").toString(), "--from", in.toString(), "--digest", "crc32").exitCode)
                .isEqualTo(ExitCode.USAGE);
        assertThat(run("create", dir.resolve("b").toString()).exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(dir.resolve("b")).doesNotExist();
    }

    @Test
    void createWithASourcesTableRecordsCapturesAndCollections() throws Exception {
        String pdfSha1 = new org.apache.commons.codec.binary.Base32().encodeAsString(java.security.MessageDigest
                .getInstance("SHA-1").digest("%PDF-1.7 report".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Path csv = Files.writeString(dir.resolve("sources.csv"), "path,original_url,title,collection,cdx_digest,agency_id\n"
                + "documents/report-2016.pdf,https://www.example.gov/foia/report-2016.pdf,Annual report,documents,"
                + pdfSha1 + ",FOIA-42\n"
                + "requests.csv,https://www.example.gov/foia/requests.csv,,statistics,UE4O73IIZQANRVJWDZCVVLC7G2C3YDLD,\n");
        Path bundle = dir.resolve("b");
        CliHarness create = run("create", bundle.toString(), "--from", in.toString(), "--sources", csv.toString());
        assertThat(create.exitCode).as(create.toString()).isEqualTo(ExitCode.OK);
        assertThat(create.err).contains("palimpsest: warning: capture check MISMATCH for requests.csv");

        JsonNode manifest = new ObjectMapper().readTree(run("inspect", "--json", bundle.toString()).out);
        assertThat(manifest.get("collections").findValuesAsText("id")).containsExactly("documents", "statistics");
        JsonNode pdf = manifest.get("entries").get(0);
        assertThat(pdf.get("title").asText()).isEqualTo("Annual report");
        assertThat(pdf.get("metadata").get("agency_id").asText()).isEqualTo("FOIA-42");
        assertThat(pdf.get("capture").get("check").asText()).isEqualTo("MATCH");

        CliHarness verify = run("verify", "--json", bundle.toString());
        assertThat(verify.exitCode).as(verify.toString()).isEqualTo(ExitCode.OK);
        JsonNode report = new ObjectMapper().readTree(verify.out);
        assertThat(report.get("entries").findValuesAsText("captureCheck")).containsExactly("MATCH", "MISMATCH");
        assertThat(report.get("problems").findValuesAsText("code")).contains("CAPTURE_MISMATCH");

        Path bad = Files.writeString(dir.resolve("bad.csv"), "original_url\nhttps://example.gov/\n");
        CliHarness refused = run("create", dir.resolve("c").toString(), "--from", in.toString(), "--sources", bad.toString());
        assertThat(refused.exitCode).isEqualTo(ExitCode.NO_INPUT);
        assertThat(refused.err).startsWith("palimpsest: cannot use the sources table: ").contains("bad.csv")
                .doesNotContain("Exception");
        assertThat(run("create", dir.resolve("c").toString(), "--from", in.toString(), "--sources",
                dir.resolve("none.csv").toString()).exitCode).isEqualTo(ExitCode.NO_INPUT);
        assertThat(dir.resolve("c")).doesNotExist();
    }

    @Test
    void inspectShowsTheManifestAndCaptureRecordsAndItsJson() throws Exception {
        Path bundle = dir.resolve("b.zip");
        CaptureRecord capture = CaptureRecord.builder().originalUrl("https://www.example.gov/foia/report-2016.pdf")
                .waybackTimestamp("20171012140300").check(CaptureCheck.MATCH)
                .checkExplanation("the file's SHA-1 equals the CDX digest").build();
        BundleWriter.builder().zip(true).build().write(BundleContent.builder().title("Removed documents")
                .file(in.resolve("documents/report-2016.pdf"), ArchivePath.of("documents/report-2016.pdf"),
                        e -> e.capture(capture).mediaType("application/pdf"))
                .file(in.resolve("requests.csv"), ArchivePath.of("statistics/requests.csv")).build(), bundle);

        CliHarness table = run("inspect", bundle.toString());
        assertThat(table.exitCode).as(table.toString()).isEqualTo(ExitCode.OK);
        assertThat(table.out).contains("Title:       Removed documents").contains("Files:       2, ")
                .contains("Signature:   none")
                .containsPattern("documents/report-2016\\.pdf +15 +application/pdf +2017-10-12T14:03:00Z +MATCH +"
                        + "https://www\\.example\\.gov/foia/report-2016\\.pdf")
                .containsPattern("statistics/requests\\.csv +24 +- +- +- +-")
                .contains("the file's SHA-1 equals the CDX digest");

        CliHarness json = run("inspect", "--json", bundle.toString());
        assertThat(json.exitCode).isEqualTo(ExitCode.OK);
        assertThat(new ObjectMapper().readTree(json.out).get("entries").get(0).get("capture").get("originalUrl").asText())
                .isEqualTo("https://www.example.gov/foia/report-2016.pdf");

        Path manifest = Files.write(dir.resolve("archive.json"), json.out.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(run("inspect", manifest.toString()).out).contains("Title:       Removed documents");
        CliHarness notABundle = run("inspect", in.toString());
        assertThat(notABundle.exitCode).isEqualTo(ExitCode.NO_INPUT);
        assertThat(notABundle.err).contains("is not a bundle");
        assertThat(run("inspect", dir.resolve("nope").toString()).exitCode).isEqualTo(ExitCode.NO_INPUT);
    }
}
