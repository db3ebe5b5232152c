package dev.palimpsest.pdf.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.pdf.ExtractedFile;
import dev.palimpsest.pdf.ExtractionException;
import dev.palimpsest.pdf.ExtractionResult;
import dev.palimpsest.pdf.PortfolioExtractor;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction: verify first, write under the folder only, never overwrite unless asked, check digests. */
class ExtractionTest {
    @TempDir
    static Path shared;
    static Path signed;
    static TrustPolicy trust;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() throws Exception {
        trust = TestPortfolios.trust();
        signed = Pades.sign(TestPortfolios.portfolio(shared.resolve("unsigned.pdf")), shared.resolve("signed.pdf"),
                TestPortfolios.SIGNER.identity(), null);
    }

    @Test
    void writesEveryFileAtItsManifestPathWithItsBytes() throws Exception {
        Path out = dir.resolve("out");
        ExtractionResult result = PortfolioExtractor.of(trust).extract(signed, out);
        assertThat(result.report().verdict()).isEqualTo(Verdict.TRUSTED);
        assertThat(result.files()).extracting(ExtractedFile::path).containsExactlyInAnyOrder("documents/memo-2016.pdf",
                "statistics/requests.csv", "documents/notice.txt", "archive.json", "archive.json.p7s");
        assertThat(result.files()).allMatch(ExtractedFile::matches);
        for (Map.Entry<String, byte[]> e : TestPortfolios.files().entrySet()) {
            assertThat(out.resolve(e.getKey())).hasBinaryContent(e.getValue());
        }
        try (var listing = Files.list(out.resolve("documents"))) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("memo-2016.pdf", "notice.txt");
        }
    }

    @Test
    void refusesAnInvalidPortfolioUnlessForced() throws Exception {
        Path tampered = AttackTestSupport.replaceAttachmentAfterSigning(signed, dir.resolve("tampered.pdf"));
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> PortfolioExtractor.of(trust).extract(tampered, out))
                .isInstanceOfSatisfying(ExtractionException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ExtractionException.Reason.INVALID);
                    assertThat(e.report()).isPresent();
                    assertThat(e.getMessage()).contains("PDF_MODIFIED_AFTER_SIGNATURE");
                });
        assertThat(out).doesNotExist();
        ExtractionResult forced = PortfolioExtractor.of(trust).withForce(true).extract(tampered, out);
        // Forced extraction reads the revision the signature covers: the signed bytes, not the forgery.
        assertThat(out.resolve("documents/notice.txt")).hasBinaryContent(TestPortfolios.TEXT);
        assertThat(forced.report().verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void neverOverwritesUnlessAsked() throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("statistics"));
        Files.writeString(out.resolve("statistics/requests.csv"), "mine");
        assertThatThrownBy(() -> PortfolioExtractor.of(trust).extract(signed, out))
                .isInstanceOfSatisfying(ExtractionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ExtractionException.Reason.EXISTS));
        assertThat(out.resolve("statistics/requests.csv")).hasContent("mine");
        assertThat(out.resolve("documents")).doesNotExist();
        PortfolioExtractor.of(trust).withOverwrite(true).extract(signed, out);
        assertThat(out.resolve("statistics/requests.csv")).hasBinaryContent(TestPortfolios.CSV);
    }

    @Test
    void neverFollowsASymbolicLinkOutOfTheFolder() throws Exception {
        Path out = dir.resolve("out");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve("documents"), elsewhere);
        assertThatThrownBy(() -> PortfolioExtractor.of(trust).extract(signed, out))
                .isInstanceOfSatisfying(ExtractionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ExtractionException.Reason.UNSAFE_PATH));
        try (var listing = Files.list(elsewhere)) {
            assertThat(listing).isEmpty();
        }
    }

    private Path withExtraAttachment(String name) throws Exception {
        Path out = dir.resolve("extra.pdf");
        try (PDDocument doc = Loader.loadPDF(shared.resolve("unsigned.pdf").toFile())) {
            PDEmbeddedFilesNameTreeNode tree = doc.getDocumentCatalog().getNames().getEmbeddedFiles();
            Map<String, PDComplexFileSpecification> names = new HashMap<>(tree.getNames());
            PDComplexFileSpecification spec = new PDComplexFileSpecification();
            spec.setFileUnicode(name);
            spec.setFile(name);
            PDEmbeddedFile ef = new PDEmbeddedFile(doc, new java.io.ByteArrayInputStream(
                    "escaped".getBytes(StandardCharsets.UTF_8)));
            spec.setEmbeddedFileUnicode(ef);
            spec.setEmbeddedFile(ef);
            names.put(name, spec);
            tree.setNames(names);
            try (OutputStream os = Files.newOutputStream(out)) {
                doc.save(os);
            }
        }
        return out;
    }

    @Test
    void refusesNamesThatEscapeTheFolder() throws Exception {
        for (String name : new String[] {"../escape.txt", "/etc/escape.txt", "documents/../../escape.txt"}) {
            Path pdf = withExtraAttachment(name);
            Path out = dir.resolve("out");
            assertThatThrownBy(() -> PortfolioExtractor.of(trust).extract(pdf, out))
                    .isInstanceOfSatisfying(ExtractionException.class,
                            e -> assertThat(e.reason()).isEqualTo(ExtractionException.Reason.INVALID));
            assertThatThrownBy(() -> PortfolioExtractor.of(trust).withForce(true).extract(pdf, out))
                    .isInstanceOfSatisfying(ExtractionException.class,
                            e -> assertThat(e.reason()).isEqualTo(ExtractionException.Reason.UNSAFE_PATH));
            assertThat(dir.resolve("escape.txt")).doesNotExist();
            assertThat(out).satisfiesAnyOf(o -> assertThat(o).doesNotExist(), o -> assertThat(o).isEmptyDirectory());
        }
    }

    @Test
    void refusesNamesThatCollideAfterCaseFolding() throws Exception {
        Path pdf = withExtraAttachment("documents/NOTICE.txt");
        assertThatThrownBy(() -> PortfolioExtractor.of(trust).withForce(true).extract(pdf, dir.resolve("out")))
                .isInstanceOfSatisfying(ExtractionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ExtractionException.Reason.COLLISION));
    }

    @Test
    void aPlainPdfIsNotAPortfolio() throws Exception {
        Path plain = dir.resolve("plain.pdf");
        Files.write(plain, MalformedPdfTest.pdf("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"));
        assertThatThrownBy(() -> PortfolioExtractor.of(trust).extract(plain, dir.resolve("out")))
                .isInstanceOfSatisfying(ExtractionException.class,
                        e -> assertThat(e.reason()).isEqualTo(ExtractionException.Reason.NOT_A_PORTFOLIO));
    }
}
