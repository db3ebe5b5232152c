package dev.palimpsest.pdf.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.pdf.PortfolioBuilder;
import dev.palimpsest.pdf.PortfolioItem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The cover document as a reader sees it: its text, pages and fonts. */
class CoverTest {
    @Test
    void coverShowsTheMetadataAndEveryFileWithItsProvenance() throws Exception {
        byte[] pdf = Fixtures.build(Fixtures.sample());
        try (PDDocument doc = Pdfs.load(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            String joined = text.replaceAll("\\s+", "");
            assertThat(text).contains(Fixtures.metadata().title(), "Jane Archivist", "2017-10-20 09:30:00Z",
                    "3 files", "archive.json.p7s", "Memorandum of agreement, 2016", "documents/memo-2016.pdf",
                    "MATCH", "MISMATCH", "2017-03-04 05:06:07Z", "Page 1 of 1");
            assertThat(joined)
                    .as("long URLs and hashes wrap across lines but lose no character")
                    .contains("https://www.agency.example/foia/reading-room/documents/memo-2016.pdf")
                    .contains("https://web.archive.org/web/20170102030405id_/https://www.agency.example/foia/stats/"
                            + "requests.csv?format=csv&year=all")
                    .contains(Fixtures.sampleItems().get(0).sha256().hex())
                    .contains(Fixtures.metadata().signerFingerprint().orElseThrow());
            assertThat(text.replaceAll("\\s+", " "))
                    .as("Greek and Cyrillic render; CJK and emoji, which the font lacks, become '?'")
                    .contains("Ünïcödé memorandum — Ελληνικά Кириллица ?? ?")
                    .doesNotContain("東京");
            assertThat(text).as("no ligature glyphs in extracted text").doesNotContain("\uFB01");
        }
    }

    @Test
    void fontsAreEmbeddedSubsetsOfDejaVuSans() throws Exception {
        try (PDDocument doc = Pdfs.load(Fixtures.build(Fixtures.sample()))) {
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    assertThat(font.getName()).matches("[A-Z]{6}\\+DejaVuSans(-Bold)?");
                }
            }
        }
    }

    @Test
    void aLongTableFlowsOverPagesWithEveryRowAndNumberedFooters() throws Exception {
        List<PortfolioItem> items = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            byte[] bytes = ("document " + i).getBytes(StandardCharsets.UTF_8);
            items.add(Fixtures.item("docs/d" + i + ".pdf", "application/pdf", bytes)
                    .title("Document number " + i)
                    .originalUrl("https://www.agency.example/" + "very-long-segment/".repeat(i % 7) + "d" + i + ".pdf")
                    .captured(Instant.parse("2017-01-01T00:00:00Z").plusSeconds(3600L * i))
                    .build());
        }
        // One title far too long for a page: the row must continue on the next page, not vanish.
        byte[] huge = "huge".getBytes(StandardCharsets.UTF_8);
        items.add(Fixtures.item("docs/huge.txt", "text/plain", huge).title("word ".repeat(3000) + "THE-END").build());
        byte[] pdf = Fixtures.build(PortfolioBuilder.of(Fixtures.metadata(), Fixtures.MANIFEST).withItems(items));
        try (PDDocument doc = Pdfs.load(pdf)) {
            int pages = doc.getNumberOfPages();
            assertThat(pages).isGreaterThan(5);
            String text = new PDFTextStripper().getText(doc);
            for (int i = 1; i <= 120; i++) {
                assertThat(text).contains("Document number " + i + "\n");
            }
            assertThat(text).contains("THE-END", "Page 1 of " + pages, "Page " + pages + " of " + pages);
            PDFTextStripper lastPage = new PDFTextStripper();
            lastPage.setStartPage(pages);
            lastPage.setEndPage(pages);
            assertThat(lastPage.getText(doc)).as("headings repeat on every page").contains("Original URL");
        }
    }
}
