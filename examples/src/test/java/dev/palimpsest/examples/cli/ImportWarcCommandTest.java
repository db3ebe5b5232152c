package dev.palimpsest.examples.cli;

import static dev.palimpsest.core.sources.TestWarcs.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.bundle.BundleReader;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.sources.TestWarcs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import-warc}, as a user runs it. */
class ImportWarcCommandTest {
    private static final String REPORT_URL = "https://www.example.gov/foia/report.pdf";
    private static final String TABLE_URL = "https://www.example.gov/foia/requests.csv";
    private static final byte[] REPORT = utf8("%PDF-1.4 the report\n");
    private static final byte[] TABLE = utf8("year,requests\n2016,1204\n");

    @TempDir
    Path dir;
    Path passwordFile;
    Path crawl;

    @BeforeEach
    void setUp() throws Exception {
        passwordFile = Files.writeString(dir.resolve("pw.txt"), "pw\n");
        crawl = TestWarcs.write(dir.resolve("crawl.warc.gz"), true,
                TestWarcs.response(REPORT_URL, 1, "application/pdf", REPORT),
                TestWarcs.response(TABLE_URL, 2, "text/csv", TABLE));
    }

    private Path keygen(String name) {
        Path key = dir.resolve(name + ".p12");
        CliHarness r = CliHarness.run("keygen", "--out", key.toString(), "--name", name, "--password-file",
                passwordFile.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        return key;
    }

    private static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Arrays.toString(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    @Test
    void importsIntoANewBundleWithCaptureRecordsThatVerifies() throws Exception {
        Path bundle = dir.resolve("bundle");
        CliHarness r = CliHarness.run("import-warc", bundle.toString(), crawl.toString(), "--title", "Crawl");

        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out).startsWith("Created " + bundle + ": 2 files from 1 WARC file, ").contains("unsigned");
        assertThat(r.err).isEmpty();
        ArchiveManifest manifest = BundleReader.readManifest(bundle);
        assertThat(manifest.title()).contains("Crawl");
        ManifestEntry report = manifest.entry("www.example.gov/foia/report.pdf").orElseThrow();
        CaptureRecord capture = report.capture().orElseThrow();
        assertThat(capture.originalUrl()).isEqualTo(REPORT_URL);
        assertThat(capture.check()).contains(CaptureCheck.MATCH);
        assertThat(capture.warc().orElseThrow().filename()).hasValueSatisfying(f -> assertThat(f).endsWith("crawl.warc.gz"));
        assertThat(capture.warc().orElseThrow().offset()).isPresent();
        assertThat(Files.readAllBytes(bundle.resolve("data/www.example.gov/foia/report.pdf"))).isEqualTo(REPORT);
        try (Stream<Path> names = Files.list(dir)) {
            assertThat(names.map(p -> p.getFileName().toString())).as("no staging folder left")
                    .noneMatch(n -> n.startsWith(".palimpsest-tmp"));
        }
        CliHarness verify = CliHarness.run("verify", bundle.toString());
        assertThat(verify.exitCode).as(verify.toString()).isEqualTo(ExitCode.OK);
        assertThat(verify.out).startsWith("VALID  ");
    }

    @Test
    void addsToAnExistingSignedBundleKeepingItsEntriesAndDroppingItsSignature() throws Exception {
        Path key = keygen("archivist");
        Path in = Files.createDirectories(dir.resolve("recovered"));
        Files.writeString(in.resolve("notes.txt"), "retrieved in 2017\n");
        Path bundle = dir.resolve("bundle");
        CliHarness create = CliHarness.run("create", bundle.toString(), "--from", in.toString(), "--title", "Old",
                "--key", key.toString(), "--password-file", passwordFile.toString());
        assertThat(create.exitCode).as(create.toString()).isEqualTo(ExitCode.OK);

        CliHarness r = CliHarness.run("import-warc", bundle.toString(), crawl.toString());

        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out).startsWith("Added 2 files from 1 WARC file to " + bundle + ", now 3 files, ")
                .contains("unsigned");
        assertThat(r.err).contains("palimpsest: warning: the signature of " + bundle
                + " covered the old manifest only and was removed; sign the bundle again");
        ArchiveManifest manifest = BundleReader.readManifest(bundle);
        assertThat(manifest.title()).as("kept").contains("Old");
        assertThat(manifest.entries()).extracting(e -> e.path().toString()).containsExactlyInAnyOrder("notes.txt",
                "www.example.gov/foia/report.pdf", "www.example.gov/foia/requests.csv");
        assertThat(BundleReader.isSigned(bundle)).isFalse();

        // With --key the new manifest is signed in the same step.
        Path more = TestWarcs.write(dir.resolve("more.warc"), false,
                TestWarcs.response("https://www.example.gov/foia/memo.txt", 3, "text/plain", utf8("memo\n")));
        CliHarness signed = CliHarness.run("import-warc", bundle.toString(), more.toString(), "--key", key.toString(),
                "--password-file", passwordFile.toString());
        assertThat(signed.exitCode).as(signed.toString()).isEqualTo(ExitCode.OK);
        assertThat(signed.out).contains("now 4 files").contains("signed by CN=archivist");
        assertThat(signed.err).isEmpty();
        CliHarness verify = CliHarness.run("verify", bundle.toString(), "--trust", dir.resolve("archivist.pem").toString());
        assertThat(verify.exitCode).as(verify.toString()).isEqualTo(ExitCode.OK);
        assertThat(verify.out).startsWith("TRUSTED  ");
    }

    @Test
    void aPathAlreadyInTheBundleIsRefusedNamingBothAndTheBundleIsUntouched() throws Exception {
        Path bundle = dir.resolve("bundle");
        assertThat(CliHarness.run("import-warc", bundle.toString(), crawl.toString()).exitCode).isEqualTo(ExitCode.OK);
        Map<String, String> before = snapshot(bundle);
        Path again = TestWarcs.write(dir.resolve("again.warc"), false,
                TestWarcs.response("https://WWW.EXAMPLE.GOV/foia/REPORT.pdf", 7, "application/pdf", utf8("other\n")));

        CliHarness r = CliHarness.run("import-warc", bundle.toString(), again.toString());

        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.NO_INPUT);
        assertThat(r.err).startsWith("palimpsest: ").contains(bundle.resolve("data/www.example.gov/foia/report.pdf")
                .toString()).contains("www.example.gov/foia/REPORT.pdf").contains("case folding");
        assertThat(snapshot(bundle)).isEqualTo(before);
    }

    @Test
    void badWarcFilesAreClearErrorsAndLeaveTheBundleUntouched() throws Exception {
        Path bundle = dir.resolve("bundle");
        assertThat(CliHarness.run("import-warc", bundle.toString(), crawl.toString()).exitCode).isEqualTo(ExitCode.OK);
        Map<String, String> before = snapshot(bundle);
        Path plain = TestWarcs.write(dir.resolve("plain.warc"), false,
                TestWarcs.response("https://www.example.gov/a.txt", 4, "text/plain", utf8("a\n")),
                TestWarcs.response("https://www.example.gov/b.txt", 5, "text/plain", utf8("b\n")));
        byte[] bytes = Files.readAllBytes(plain);
        Path truncated = Files.write(dir.resolve("truncated.warc"), Arrays.copyOf(bytes, bytes.length - 10));
        Path notAWarc = Files.writeString(dir.resolve("notes.warc"), "these are my notes, not a WARC\n");
        byte[] garbage = new byte[4096];
        new java.util.Random(5).nextBytes(garbage);
        garbage[0] = 0x1f;
        garbage[1] = (byte) 0x8b;
        Path gzipGarbage = Files.write(dir.resolve("garbage.warc.gz"), garbage);

        for (Path bad : new Path[] {truncated, notAWarc, gzipGarbage}) {
            CliHarness r = CliHarness.run("import-warc", bundle.toString(), bad.toString());
            assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.NO_INPUT);
            assertThat(r.err).as(r.toString()).contains("palimpsest: warning: ERROR ")
                    .contains("palimpsest: nothing written to '" + bundle + "': " + bad)
                    .contains("(--force imports what can be read)");
            assertThat(snapshot(bundle)).as(bad.toString()).isEqualTo(before);
        }
        CliHarness missing = CliHarness.run("import-warc", bundle.toString(), dir.resolve("nope.warc").toString());
        assertThat(missing.exitCode).isEqualTo(ExitCode.NO_INPUT);
        assertThat(missing.err).isEqualTo("palimpsest: no such WARC file '" + dir.resolve("nope.warc") + "'\n");

        // --force imports what can be read, and says with exit code 1 that something was left out.
        CliHarness forced = CliHarness.run("import-warc", bundle.toString(), truncated.toString(), "--force");
        assertThat(forced.exitCode).as(forced.toString()).isEqualTo(ExitCode.INVALID);
        assertThat(forced.err).contains("TRUNCATED_WARC");
        assertThat(BundleReader.readManifest(bundle).entry("www.example.gov/a.txt")).isPresent();
        assertThat(BundleReader.readManifest(bundle).entry("www.example.gov/b.txt")).isEmpty();
    }

    @Test
    void aPayloadThatDisagreesWithItsRecordedDigestIsImportedWithExitCodeOne() throws Exception {
        Path bundle = dir.resolve("bundle");
        Path warc = TestWarcs.write(dir.resolve("altered.warc"), false, TestWarcs.response(REPORT_URL, 1,
                TestWarcs.ok("application/pdf", utf8("%PDF-1.4 altered\n")), TestWarcs.sha1Base32(REPORT)));

        CliHarness r = CliHarness.run("import-warc", bundle.toString(), warc.toString());

        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err).contains("palimpsest: warning: ERROR PAYLOAD_DIGEST_MISMATCH: ").contains(warc.toString());
        ManifestEntry entry = BundleReader.readManifest(bundle).entry("www.example.gov/foia/report.pdf").orElseThrow();
        assertThat(entry.capture().orElseThrow().check()).contains(CaptureCheck.MISMATCH);
    }

    @Test
    void aZipBundleAndOtherUsageErrors() throws Exception {
        Path in = Files.createDirectories(dir.resolve("recovered"));
        Files.writeString(in.resolve("notes.txt"), "notes\n");
        Path zip = dir.resolve("bundle.zip");
        assertThat(CliHarness.run("create", zip.toString(), "--from", in.toString()).exitCode).isEqualTo(ExitCode.OK);

        CliHarness r = CliHarness.run("import-warc", zip.toString(), crawl.toString());
        assertThat(r.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(r.err).isEqualTo("palimpsest: '" + zip + "' is a ZIP bundle; files can only be added to a bundle"
                + " folder\n");

        assertThat(CliHarness.run("import-warc", dir.resolve("b").toString(), crawl.toString(), "--status", "42")
                .err).contains("--status").contains("100 to 999");
        assertThat(CliHarness.run("import-warc", dir.resolve("b").toString()).exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(CliHarness.run("import-warc", in.toString(), crawl.toString()).err)
                .contains("is not a Palimpsest bundle");
        assertThat(CliHarness.run("import-warc", dir.resolve("b").toString(), crawl.toString(), "--tsa",
                "http://127.0.0.1:1/").err).contains("--tsa needs --key");
    }
}
