package dev.palimpsest.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.ArchiveCollection;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.testing.TestTsa;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortfolioCommandTest {
    static TestTsa tsa;

    @TempDir
    Path dir;
    Path passwordFile;
    Path key;
    Path bundle;

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
        key = dir.resolve("archivist.p12");
        CliHarness r = CliHarness.run("keygen", "--out", key.toString(), "--name", "Archivist", "--password-file",
                passwordFile.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        bundle = writeBundle(dir.resolve("bundle"), SigningIdentity.loadPkcs12(key, "pw".toCharArray()));
    }

    /** A bundle made by hand in DESIGN.md's layout (data/, provenance/archive.json and .p7s). */
    private static Path writeBundle(Path folder, SigningIdentity signer) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("documents/report.pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        files.put("statistics/requests.csv", "year,requests\n2016,8301\n".getBytes(StandardCharsets.UTF_8));
        ArchiveManifest.Builder manifest = ArchiveManifest.builder().title("Recovered documents")
                .created(Instant.parse("2017-10-20T09:30:00Z"))
                .collection(ArchiveCollection.builder().id("documents").build())
                .collection(ArchiveCollection.builder().id("statistics").build());
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path file = folder.resolve("data").resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
            manifest.entry(ManifestEntry.builder(ArchivePath.of(e.getKey()))
                    .collection(e.getKey().substring(0, e.getKey().indexOf('/')))
                    .size(e.getValue().length)
                    .digest(DigestValue.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(e.getValue())))
                    .capture(CaptureRecord.builder().originalUrl("https://agency.example/" + e.getKey()).build())
                    .build());
        }
        byte[] json = ManifestCodec.standard().toBytes(manifest.build());
        Files.createDirectories(folder.resolve("provenance"));
        Files.write(folder.resolve("provenance/archive.json"), json);
        Files.write(folder.resolve("provenance/archive.json.p7s"), CmsSigner.builder(signer).build().sign(json));
        return folder;
    }

    private CliHarness portfolio(String... extra) {
        List<String> args = new ArrayList<>(List.of("portfolio", bundle.toString(), "--key", key.toString(),
                "--password-file", passwordFile.toString()));
        args.addAll(List.of(extra));
        return CliHarness.run(args.toArray(new String[0]));
    }

    private static List<String> subFilters(Path pdf) throws Exception {
        List<String> out = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            for (PDSignature s : doc.getSignatureDictionaries()) {
                out.add(s.getSubFilter());
            }
        }
        return out;
    }

    @Test
    void buildsAndSignsAPortfolio() throws Exception {
        Path pdf = dir.resolve("archive.pdf");
        CliHarness r = portfolio("--out", pdf.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out).contains("Wrote " + pdf).contains("2 files").contains("PAdES-BASELINE-B").contains("CN=Archivist");
        assertThat(subFilters(pdf)).containsExactly("ETSI.CAdES.detached");
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames()).hasSize(4);
        }
    }

    @Test
    void signsAtBltaWithATsaAndItsCrl() throws Exception {
        Path crl = dir.resolve("tsa.crl");
        Instant now = Instant.now();
        Files.write(crl, tsa.crl(now.minusSeconds(60), now.plus(Duration.ofDays(7))).getEncoded());
        Path pdf = dir.resolve("archive-lta.pdf");
        CliHarness r = portfolio("--out", pdf.toString(), "--level", "B-LTA", "--tsa", tsa.url().toString(),
                "--crl", crl.toString(), "--certify");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out).contains("PAdES-BASELINE-LTA certification signature");
        assertThat(subFilters(pdf)).containsExactly("ETSI.CAdES.detached", "ETSI.RFC3161");
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"))).isNotNull();
            assertThat(doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PERMS)).isNotNull();
        }
    }

    @Test
    void longTermLevelsWithoutTheTsaCrlFail() {
        Path pdf = dir.resolve("archive-lt.pdf");
        CliHarness r = portfolio("--out", pdf.toString(), "--level", "b-lt", "--tsa", tsa.url().toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.NO_INPUT);
        assertThat(r.err).contains("cannot sign").contains("no CRL given for the certificate of CN=Test TSA");
        assertThat(pdf).doesNotExist();
    }

    @Test
    void writesOnePortfolioPerCollection() throws Exception {
        Path folder = dir.resolve("portfolios");
        CliHarness r = portfolio("--out", folder.toString(), "--per-collection", "--tsa", tsa.url().toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out).contains("PAdES-BASELINE-T");
        for (String collection : List.of("documents", "statistics")) {
            Path pdf = folder.resolve(collection + ".pdf");
            assertThat(subFilters(pdf)).containsExactly("ETSI.CAdES.detached");
            try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                // its one file, the manifest and its signature
                assertThat(doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames()).hasSize(3)
                        .containsKey("archive.json").containsKey("archive.json.p7s")
                        .hasKeySatisfying(new org.assertj.core.api.Condition<>(k -> k.startsWith(collection + "/"), "in " + collection));
            }
        }
        CliHarness again = portfolio("--out", folder.toString(), "--per-collection");
        assertThat(again.exitCode).as(again.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(again.err).contains("documents.pdf").contains("--force");
    }

    @Test
    void refusesToOverwriteUnlessForced() throws Exception {
        Path pdf = Files.writeString(dir.resolve("existing.pdf"), "keep me");
        CliHarness r = portfolio("--out", pdf.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err).contains("exists").contains("--force");
        assertThat(Files.readString(pdf)).isEqualTo("keep me");
        CliHarness forced = portfolio("--out", pdf.toString(), "--force");
        assertThat(forced.exitCode).as(forced.toString()).isEqualTo(ExitCode.OK);
        assertThat(subFilters(pdf)).hasSize(1);
    }

    @Test
    void usageErrorsExit64() {
        Path pdf = dir.resolve("never.pdf");
        CliHarness noTsa = portfolio("--out", pdf.toString(), "--level", "B-T");
        assertThat(noTsa.exitCode).as(noTsa.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(noTsa.err).contains("B-T needs a time-stamping authority");
        CliHarness tsaAtBb = portfolio("--out", pdf.toString(), "--level", "B-B", "--tsa", tsa.url().toString());
        assertThat(tsaAtBb.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(tsaAtBb.err).contains("--tsa is used from B-T on");
        CliHarness badLevel = portfolio("--out", pdf.toString(), "--level", "B-X");
        assertThat(badLevel.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(badLevel.err).contains("unknown PAdES level 'B-X'");
        CliHarness noPassword = CliHarness.run("portfolio", bundle.toString(), "--out", pdf.toString(), "--key", key.toString());
        assertThat(noPassword.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(pdf).doesNotExist();
    }

    @Test
    void missingOrBrokenInputsExit66() throws Exception {
        Path pdf = dir.resolve("never.pdf");
        CliHarness noBundle = CliHarness.run("portfolio", dir.resolve("nowhere").toString(), "--out", pdf.toString(),
                "--key", key.toString(), "--password-file", passwordFile.toString());
        assertThat(noBundle.exitCode).as(noBundle.toString()).isEqualTo(ExitCode.NO_INPUT);
        assertThat(noBundle.err).contains("no such bundle");

        Files.writeString(dir.resolve("wrong.txt"), "wrong\n");
        CliHarness wrongPassword = CliHarness.run("portfolio", bundle.toString(), "--out", pdf.toString(), "--key",
                key.toString(), "--password-file", dir.resolve("wrong.txt").toString());
        assertThat(wrongPassword.exitCode).isEqualTo(ExitCode.NO_INPUT);
        assertThat(wrongPassword.err).contains("check --password-file");

        Files.delete(bundle.resolve("data/statistics/requests.csv"));
        CliHarness missingFile = portfolio("--out", pdf.toString());
        assertThat(missingFile.exitCode).as(missingFile.toString()).isEqualTo(ExitCode.NO_INPUT);
        assertThat(missingFile.err).contains("data/statistics/requests.csv").contains("missing");
        assertThat(pdf).doesNotExist();
    }
}
