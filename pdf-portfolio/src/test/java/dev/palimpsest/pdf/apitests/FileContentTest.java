package dev.palimpsest.pdf.apitests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.pdf.ContentSource;
import dev.palimpsest.pdf.PortfolioBuilder;
import dev.palimpsest.pdf.PortfolioException;
import dev.palimpsest.pdf.PortfolioItem;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files given with {@link ContentSource#ofFile} are copied from disk into the PDF as it is
 * written, their digests checked on the way: the copy is byte for byte, and a file whose bytes
 * differ from the declared digests when it is copied (e.g. it changed after it was first read)
 * fails the build.
 */
class FileContentTest {
    @TempDir
    Path dir;

    private PortfolioBuilder portfolioOf(Path file, byte[] bytes) {
        PortfolioItem item = PortfolioItem.builder("documents/report.pdf").mediaType("application/pdf")
                .size(bytes.length).sha256(Fixtures.digest(DigestAlgorithm.SHA256, bytes))
                .content(ContentSource.ofFile(file)).build();
        return PortfolioBuilder.of(Fixtures.metadata(), Fixtures.MANIFEST).withItems(List.of(item));
    }

    @Test
    void aFileIsEmbeddedByteForByte() throws Exception {
        byte[] bytes = new byte[700_000]; // more than one read-ahead buffer
        new java.util.Random(7).nextBytes(bytes);
        Path file = Files.write(dir.resolve("report.pdf"), bytes);
        byte[] pdf = Fixtures.build(portfolioOf(file, bytes));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(Pdfs.attachments(doc).get("documents/report.pdf").getEmbeddedFileUnicode().toByteArray())
                    .isEqualTo(bytes);
        }
    }

    @Test
    void aFileChangedAfterItWasHashedFailsTheBuild() throws Exception {
        byte[] bytes = "%PDF-1.4 original\n".getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(dir.resolve("report.pdf"), bytes);
        PortfolioBuilder portfolio = portfolioOf(file, bytes);
        // The PDF's header is written after the files were hashed and before they are copied:
        // change the file (same size) right then.
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        FilterOutputStream tampering = new FilterOutputStream(sink) {
            boolean changed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (!changed) {
                    changed = true;
                    Files.write(file, "%PDF-1.4 ALTERED!\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write(b, off, len);
            }
        };
        assertThatThrownBy(() -> portfolio.build(tampering))
                .isInstanceOf(PortfolioException.class)
                .hasMessageContaining("documents/report.pdf")
                .hasMessageContaining("sha256 is " + Fixtures.digest(DigestAlgorithm.SHA256,
                        "%PDF-1.4 ALTERED!\n".getBytes(StandardCharsets.US_ASCII)).hex());
    }

    @Test
    void aDeclaredMd5IsCheckedToo() throws Exception {
        byte[] bytes = "%PDF-1.4 original\n".getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(dir.resolve("report.pdf"), bytes);
        PortfolioItem item = PortfolioItem.builder("documents/report.pdf").mediaType("application/pdf")
                .size(bytes.length).sha256(Fixtures.digest(DigestAlgorithm.SHA256, bytes))
                .md5(Fixtures.digest(DigestAlgorithm.MD5, "other bytes".getBytes(StandardCharsets.US_ASCII)))
                .content(ContentSource.ofFile(file)).build();
        PortfolioBuilder portfolio = PortfolioBuilder.of(Fixtures.metadata(), Fixtures.MANIFEST).withItems(List.of(item));
        assertThatThrownBy(() -> Fixtures.build(portfolio))
                .isInstanceOf(PortfolioException.class)
                .hasMessageContaining("documents/report.pdf")
                .hasMessageContaining("md5 is " + Fixtures.digest(DigestAlgorithm.MD5, bytes).hex());
    }

    @Test
    void theDeclaredOrComputedMd5IsTheCheckSum() throws Exception {
        byte[] bytes = "%PDF-1.4 checksum\n".getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(dir.resolve("report.pdf"), bytes);
        for (boolean declared : new boolean[] {true, false}) {
            PortfolioItem.Builder b = PortfolioItem.builder("documents/report.pdf").mediaType("application/pdf")
                    .size(bytes.length).sha256(Fixtures.digest(DigestAlgorithm.SHA256, bytes))
                    .content(ContentSource.ofFile(file));
            if (declared) {
                b.md5(Fixtures.digest(DigestAlgorithm.MD5, bytes));
            }
            byte[] pdf = Fixtures.build(PortfolioBuilder.of(Fixtures.metadata(), Fixtures.MANIFEST).withItems(List.of(b.build())));
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                COSDictionary params = Pdfs.attachments(doc).get("documents/report.pdf").getEmbeddedFileUnicode()
                        .getCOSObject().getCOSDictionary(COSName.PARAMS);
                COSString checkSum = (COSString) params.getDictionaryObject(COSName.getPDFName("CheckSum"));
                assertThat(checkSum.getBytes()).as(declared ? "declared" : "computed")
                        .isEqualTo(Fixtures.digest(DigestAlgorithm.MD5, bytes).bytes());
            }
        }
    }
}
