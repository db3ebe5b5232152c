package dev.palimpsest.pdf.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.pdf.PortfolioBuilder;
import dev.palimpsest.pdf.PortfolioItem;
import dev.palimpsest.pdf.PortfolioMetadata;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;

/** veraPDF, an independent implementation, judges every kind of portfolio PDF/A-3b compliant. */
class PdfAComplianceTest {
    @Test
    void theSamplePortfolioIsPdfA3b() throws Exception {
        assertCompliant(Fixtures.build(Fixtures.sample()));
    }

    @Test
    void aMinimalPortfolioWithoutFilesSignatureOrOptionalMetadataIsPdfA3b() throws Exception {
        PortfolioMetadata bare = PortfolioMetadata.builder("Empty", Fixtures.CREATED).build();
        assertCompliant(Fixtures.build(PortfolioBuilder.of(bare, Fixtures.MANIFEST)));
    }

    @Test
    void aMultiPagePortfolioWithManyFilesAndHostileTextIsPdfA3b() throws Exception {
        List<PortfolioItem> items = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            byte[] bytes = ("<p>" + i + "</p>").getBytes(StandardCharsets.UTF_8);
            items.add(Fixtures.item("c" + (i % 4) + "/файл " + i + ".html", "text/html", bytes)
                    .title("Title <&> \"" + i + "\" \u0007 tab\there \u200B zero-width \uFFFD 中文 \uD83D\uDE00")
                    .collection("c" + (i % 4))
                    .originalUrl("https://example.org/" + "x".repeat(300) + "?q=" + i)
                    .captured(Instant.parse("2017-06-01T00:00:00Z").plusSeconds(i))
                    .created(Instant.parse("2016-01-01T00:00:00Z"))
                    .build());
        }
        PortfolioMetadata metadata = PortfolioMetadata.builder("Hostile <title> & \u0001 \"quotes\" 中文", Fixtures.CREATED)
                .creator("O'Brien & <Sons>").description("line one\nline two\r\nline three").build();
        assertCompliant(Fixtures.build(PortfolioBuilder.of(metadata, Fixtures.MANIFEST)
                .withManifestSignature(Fixtures.SIGNATURE).withItems(items)));
    }

    @Test
    void theJudgeRejectsAPlainPdf() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            doc.save(out);
        }
        assertThat(VeraPdf.failuresPdfA3b(out.toByteArray())).isNotEmpty();
    }

    private static void assertCompliant(byte[] pdf) throws Exception {
        List<String> failures = VeraPdf.failuresPdfA3b(pdf);
        assertThat(failures).as("veraPDF PDF/A-3b failed rules").isEmpty();
    }
}
