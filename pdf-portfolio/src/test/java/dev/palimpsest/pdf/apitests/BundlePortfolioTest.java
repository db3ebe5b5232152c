package dev.palimpsest.pdf.apitests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.testing.ExternalTool;
import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.pdf.PadesLevel;
import dev.palimpsest.pdf.PortfolioBuilder;
import dev.palimpsest.pdf.PortfolioException;
import dev.palimpsest.pdf.PortfolioFormat;
import dev.palimpsest.pdf.PortfolioItem;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Portfolios made from a bundle folder: what is mapped from the manifest, per-collection output, and bad bundles. */
class BundlePortfolioTest {
    @TempDir
    Path dir;

    TestPki pki;
    TestPki.Credential author;
    Path bundle;

    @BeforeEach
    void setUp() throws Exception {
        pki = TestPki.create("Bundle Test CA");
        author = pki.issue("A. Archivist").build();
        bundle = Bundles.write(dir.resolve("bundle"), author.identity());
    }

    @Test
    void everyEntryAndTheArchiveMetadataAreMapped() throws Exception {
        PortfolioBuilder builder = PortfolioBuilder.fromBundle(bundle);
        assertThat(builder.metadata().title()).isEqualTo("FOIA library documents removed in October 2017");
        assertThat(builder.metadata().description()).contains("Recovered from the Wayback Machine");
        assertThat(builder.metadata().creator()).contains("A. Archivist");
        assertThat(builder.metadata().created()).isEqualTo(Bundles.CREATED);
        assertThat(builder.metadata().signerFingerprint()).contains(Certificates.sha256(author.certificate()).hex());
        assertThat(builder.manifest()).isEqualTo(Files.readAllBytes(bundle.resolve("provenance/archive.json")));
        assertThat(builder.manifestSignature()).hasValueSatisfying(p7s -> assertThat(p7s)
                .isEqualTo(readUnchecked(bundle.resolve("provenance/archive.json.p7s"))));

        assertThat(builder.items()).extracting(PortfolioItem::path).containsExactly("documents/report-2016.pdf",
                "memorandums/moa-2015.html", "notes.txt", "statistics/requests.csv");
        PortfolioItem report = builder.items().get(0);
        assertThat(report.title()).isEqualTo("Annual report 2016");
        assertThat(report.mediaType()).isEqualTo("application/pdf");
        assertThat(report.collection()).contains("documents");
        assertThat(report.originalUrl()).contains("https://www.example.gov/foia/docs/report-2016.pdf");
        assertThat(report.captured()).contains(Instant.parse("2017-10-12T14:03:00Z"));
        assertThat(report.mementoUrl()).hasValueSatisfying(u -> assertThat(u).startsWith("https://web.archive.org/web/2017"));
        assertThat(report.captureCheck()).contains(CaptureCheck.MATCH);
        assertThat(report.sha256()).isEqualTo(Fixtures.digest(DigestAlgorithm.SHA256, Bundles.REPORT));
        assertThat(report.md5()).contains(Fixtures.digest(DigestAlgorithm.MD5, Bundles.REPORT));
        assertThat(report.size()).isEqualTo(Bundles.REPORT.length);
        PortfolioItem stats = builder.items().get(3);
        assertThat(stats.mediaType()).as("parameters dropped").isEqualTo("text/csv");
        assertThat(stats.title()).isEqualTo("requests.csv");
        assertThat(stats.captured()).isEmpty();
        assertThat(stats.md5()).isEmpty();
        PortfolioItem notes = builder.items().get(2);
        assertThat(notes.collection()).isEmpty();
        assertThat(notes.originalUrl()).isEmpty();
        assertThat(notes.mediaType()).isEqualTo("application/octet-stream");

        Path pdf = dir.resolve("portfolio.pdf");
        builder.build(pdf);
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            Map<String, PDComplexFileSpecification> attachments = Pdfs.attachments(doc);
            assertThat(attachments).hasSize(6);
            for (Map.Entry<String, byte[]> e : Bundles.files().entrySet()) {
                assertThat(attachments.get(e.getKey()).getEmbeddedFileUnicode().toByteArray()).as(e.getKey())
                        .isEqualTo(e.getValue());
            }
        }
        assertThat(VeraPdf.failuresPdfA3b(Files.readAllBytes(pdf))).isEmpty();
    }

    @Test
    void perCollectionPortfoliosHoldTheirFilesAndTheWholeSignedManifest() throws Exception {
        Map<String, PortfolioBuilder> builders = PortfolioBuilder.fromBundlePerCollection(bundle);
        assertThat(builders.keySet()).containsExactly("documents", "statistics", "memorandums", "_unassigned");
        byte[] manifest = Files.readAllBytes(bundle.resolve("provenance/archive.json"));
        byte[] p7s = Files.readAllBytes(bundle.resolve("provenance/archive.json.p7s"));
        for (PortfolioBuilder b : builders.values()) {
            assertThat(b.manifest()).isEqualTo(manifest);
            assertThat(b.manifestSignature()).hasValueSatisfying(s -> assertThat(s).isEqualTo(p7s));
        }
        assertThat(builders.get("documents").items()).extracting(PortfolioItem::path).containsExactly("documents/report-2016.pdf");
        assertThat(builders.get("statistics").items()).extracting(PortfolioItem::path).containsExactly("statistics/requests.csv");
        assertThat(builders.get("_unassigned").items()).extracting(PortfolioItem::path).containsExactly("notes.txt");
        assertThat(builders.get("documents").metadata().title())
                .isEqualTo("FOIA library documents removed in October 2017 — Documents");
        assertThat(builders.get("statistics").metadata().description()).contains("Request statistics");
        assertThat(builders.get("memorandums").metadata().title()).endsWith(" — memorandums");
        assertThat(builders.get("_unassigned").metadata().title()).endsWith(" — files in no collection");
    }

    @Test
    void theEmbeddedManifestSignatureVerifiesWithOpenssl() throws Exception {
        Path openssl = ExternalTool.require("openssl", "apt-get install openssl");
        Path pdf = dir.resolve("signed.pdf");
        try (SigningFixtures fixtures = new SigningFixtures()) {
            PortfolioBuilder.fromBundle(bundle).buildSigned(pdf, fixtures.signer(PadesLevel.B_T).build());
        }
        Path out = Files.createDirectories(dir.resolve("extracted"));
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            Map<String, PDComplexFileSpecification> attachments = Pdfs.attachments(doc);
            Files.write(out.resolve("archive.json"),
                    attachments.get(PortfolioFormat.MANIFEST_NAME).getEmbeddedFileUnicode().toByteArray());
            Files.write(out.resolve("archive.json.p7s"),
                    attachments.get(PortfolioFormat.MANIFEST_SIGNATURE_NAME).getEmbeddedFileUnicode().toByteArray());
        }
        TestPki.writePem(out.resolve("ca.pem"), pki.root().certificate());
        ExternalTool.Result r = ExternalTool.run(out, Map.of(), List.of(openssl.toString(), "cms", "-verify", "-binary",
                "-inform", "DER", "-in", "archive.json.p7s", "-content", "archive.json", "-CAfile", "ca.pem",
                "-purpose", "any", "-out", "/dev/null"));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("Verification successful");
    }

    @Test
    void anUnsignedBundleGivesAPortfolioWithoutSignerOrSignature() throws Exception {
        Path unsigned = Bundles.write(dir.resolve("unsigned"), null);
        PortfolioBuilder b = PortfolioBuilder.fromBundle(unsigned);
        assertThat(b.manifestSignature()).isEmpty();
        assertThat(b.metadata().signerFingerprint()).isEmpty();
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        Files.delete(bundle.resolve("data/notes.txt"));
        assertThatThrownBy(() -> PortfolioBuilder.fromBundle(bundle)).isInstanceOfSatisfying(PortfolioException.class,
                e -> assertThat(e.path()).isEqualTo("data/notes.txt")).hasMessageContaining("missing");
    }

    @Test
    void aFileOfTheWrongSizeIsNamed() throws Exception {
        Files.writeString(bundle.resolve("data/notes.txt"), "longer notes than declared\n");
        assertThatThrownBy(() -> PortfolioBuilder.fromBundle(bundle)).isInstanceOf(PortfolioException.class)
                .hasMessageContaining("data/notes.txt").hasMessageContaining("the manifest declares 12");
    }

    @Test
    void aFileWithOtherBytesOfTheSameSizeFailsWhileBuilding() throws Exception {
        Files.writeString(bundle.resolve("data/notes.txt"), "loose NOTES\n");
        PortfolioBuilder b = PortfolioBuilder.fromBundle(bundle);
        Path pdf = dir.resolve("never.pdf");
        assertThatThrownBy(() -> b.build(pdf)).isInstanceOf(PortfolioException.class)
                .hasMessageContaining("notes.txt").hasMessageContaining("sha256");
        assertThat(pdf).doesNotExist();
    }

    @Test
    void aSignatureOverOtherContentIsRefused() throws Exception {
        Path json = bundle.resolve("provenance/archive.json");
        Files.write(json, (new String(Files.readAllBytes(json), java.nio.charset.StandardCharsets.UTF_8) + " ")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> PortfolioBuilder.fromBundle(bundle)).isInstanceOfSatisfying(PortfolioException.class,
                e -> assertThat(e.path()).isEqualTo("provenance/archive.json.p7s")).hasMessageContaining("does not verify");
    }

    @Test
    void aSymbolicLinkOutOfTheDataFolderIsRefused() throws Exception {
        Path outside = Files.writeString(dir.resolve("secret.txt"), "loose notes\n");
        Files.delete(bundle.resolve("data/notes.txt"));
        try {
            Files.createSymbolicLink(bundle.resolve("data/notes.txt"), outside);
        } catch (UnsupportedOperationException | java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no symbolic links here: " + e);
        }
        assertThatThrownBy(() -> PortfolioBuilder.fromBundle(bundle)).isInstanceOf(PortfolioException.class)
                .hasMessageContaining("data/notes.txt").hasMessageContaining("outside");
    }

    @Test
    void aBundleWithoutManifestOrFolderIsRefused() throws Exception {
        Files.delete(bundle.resolve("provenance/archive.json"));
        assertThatThrownBy(() -> PortfolioBuilder.fromBundle(bundle)).isInstanceOfSatisfying(PortfolioException.class,
                e -> assertThat(e.path()).isEqualTo("provenance/archive.json")).hasMessageContaining("missing");
        assertThatThrownBy(() -> PortfolioBuilder.fromBundle(dir.resolve("nowhere"))).isInstanceOf(NoSuchFileException.class);
        Files.writeString(bundle.resolve("provenance/archive.json"), "{\"format\":\"something else\"}");
        assertThatThrownBy(() -> PortfolioBuilder.fromBundle(bundle)).isInstanceOf(PortfolioException.class)
                .hasMessageContaining("provenance/archive.json").hasMessageContaining("not a valid archive manifest");
    }

    private static byte[] readUnchecked(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
