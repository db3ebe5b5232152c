package dev.palimpsest.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.pdf.ContentSource;
import dev.palimpsest.pdf.PortfolioBuilder;
import dev.palimpsest.pdf.PortfolioItem;
import dev.palimpsest.pdf.PortfolioMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify FILE.pdf} and {@code extract}: formats, verdicts, exit codes, files written. */
class PdfCommandsTest {
    static final TestPki PKI = TestPki.create("CLI Test Root");
    static final TestPki.Credential SIGNER = PKI.issue("CLI Archivist").build();
    static final String MARKER = "UNIQUE-PAYLOAD-0123456789";

    @TempDir
    Path dir;
    Path portfolio;
    Path rootPem;
    Map<String, byte[]> files = new LinkedHashMap<>();

    @BeforeEach
    void build() throws Exception {
        files.put("documents/a.bin", (MARKER + " first file").getBytes(StandardCharsets.US_ASCII));
        files.put("documents/b.bin", "second file".getBytes(StandardCharsets.US_ASCII));
        ArchiveManifest.Builder m = ArchiveManifest.builder().title("CLI test").created(Instant.parse("2020-01-01T00:00:00Z"));
        List<PortfolioItem> items = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            DigestValue sha = DigestValue.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(f.getValue()));
            m.entry(ManifestEntry.builder(ArchivePath.of(f.getKey())).size(f.getValue().length).digest(sha).build());
            items.add(PortfolioItem.builder(f.getKey()).size(f.getValue().length).sha256(sha)
                    .content(ContentSource.ofBytes(f.getValue())).build());
        }
        byte[] json = ManifestCodec.standard().toBytes(m.build());
        portfolio = dir.resolve("portfolio.pdf");
        PortfolioBuilder.of(PortfolioMetadata.builder("CLI test", Instant.parse("2020-01-01T00:00:00Z")).build(), json)
                .withManifestSignature(CmsSigner.builder(SIGNER.identity()).build().sign(json)).withItems(items)
                .build(portfolio);
        rootPem = TestPki.writePem(dir.resolve("root.pem"), PKI.root().certificate());
    }

    private Path tampered() throws Exception {
        byte[] pdf = Files.readAllBytes(portfolio);
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(MARKER);
        assertThat(at).as("the file is stored raw").isPositive();
        pdf[at] = 'X';
        Path p = dir.resolve("tampered.pdf");
        Files.write(p, pdf);
        return p;
    }

    @Test
    void verifyAPortfolio() throws Exception {
        CliHarness r = CliHarness.run("verify", "--json", portfolio.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertThat(json.get("format").asText()).isEqualTo("palimpsest-portfolio");
        assertThat(json.get("verdict").asText()).isEqualTo("VALID");
        assertThat(json.get("entries")).hasSize(2);
    }

    @Test
    void verifyWithTrustAnchorsIsTrusted() {
        CliHarness r = CliHarness.run("verify", "--require-trusted", "--trust", rootPem.toString(), portfolio.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out).startsWith("TRUSTED");
        CliHarness untrusted = CliHarness.run("verify", "--require-trusted", portfolio.toString());
        assertThat(untrusted.exitCode).as(untrusted.toString()).isEqualTo(ExitCode.UNTRUSTED);
    }

    @Test
    void verifyATamperedPortfolioExitsOne() throws Exception {
        CliHarness r = CliHarness.run("verify", tampered().toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.INVALID);
        assertThat(r.out).contains("FILE_MODIFIED").contains("documents/a.bin");
    }

    @Test
    void verifyAPlainPdf() throws Exception {
        Path plain = dir.resolve("plain.pdf");
        Files.writeString(plain, "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n0000000000 65535 f \n"
                + "0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n44\n%%EOF\n", StandardCharsets.ISO_8859_1);
        CliHarness r = CliHarness.run("verify", "--json", plain.toString());
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertThat(json.get("format").asText()).as(r.toString()).isEqualTo("pdf");
        assertThat(r.exitCode).isEqualTo(ExitCode.OK);
    }

    @Test
    void extractWritesTheFiles() throws Exception {
        Path out = dir.resolve("out");
        CliHarness r = CliHarness.run("extract", portfolio.toString(), "--out", out.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            assertThat(out.resolve(f.getKey())).hasBinaryContent(f.getValue());
        }
        assertThat(out.resolve("archive.json")).exists();
        assertThat(r.out).contains("Extracted 4 files");
    }

    @Test
    void extractRefusesAnInvalidPortfolioUnlessForced() throws Exception {
        Path bad = tampered();
        Path out = dir.resolve("out");
        CliHarness r = CliHarness.run("extract", bad.toString(), "--out", out.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err).contains("INVALID").contains("--force");
        assertThat(out).doesNotExist();
        CliHarness forced = CliHarness.run("extract", bad.toString(), "--out", out.toString(), "--force");
        assertThat(forced.exitCode).as(forced.toString()).isEqualTo(ExitCode.INVALID);
        assertThat(forced.out).contains("MISMATCH  documents/a.bin");
        assertThat(out.resolve("documents/b.bin")).hasBinaryContent(files.get("documents/b.bin"));
    }

    @Test
    void extractKeepsExistingFilesUnlessOverwriting() throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("documents"));
        Files.writeString(out.resolve("documents/a.bin"), "mine");
        CliHarness r = CliHarness.run("extract", portfolio.toString(), "--out", out.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err).contains("exists; nothing was extracted (use --overwrite to replace it)").containsOnlyOnce("overwrite");
        assertThat(out.resolve("documents/a.bin")).hasContent("mine");
        CliHarness again = CliHarness.run("extract", portfolio.toString(), "--out", out.toString(), "--overwrite");
        assertThat(again.exitCode).as(again.toString()).isEqualTo(ExitCode.OK);
        assertThat(out.resolve("documents/a.bin")).hasBinaryContent(files.get("documents/a.bin"));
    }

    @Test
    void extractWithUnestablishedTrustWritesNothing() {
        Path out = dir.resolve("out");
        CliHarness r = CliHarness.run("extract", portfolio.toString(), "--out", out.toString(), "--require-trusted");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.UNTRUSTED);
        assertThat(out).doesNotExist();
    }

    @Test
    void extractAMissingFileExits66() {
        CliHarness r = CliHarness.run("extract", dir.resolve("nope.pdf").toString(), "--out", dir.resolve("o").toString());
        assertThat(r.exitCode).isEqualTo(ExitCode.NO_INPUT);
        assertThat(r.err).contains("no such portfolio '" + dir.resolve("nope.pdf") + "'");
    }
}
