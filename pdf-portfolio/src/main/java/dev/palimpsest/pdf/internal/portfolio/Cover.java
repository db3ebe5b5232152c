package dev.palimpsest.pdf.internal.portfolio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * The cover document: the portfolio's own pages. A header with the archive's metadata, then a
 * table of every file with its provenance, flowing over as many A4 landscape pages as needed,
 * with the column headings repeated on each page and "page i of n" in the footer. Laid out in
 * one pass into positioned text and rules, then drawn, so the page count is known when the
 * footers are written.
 */
final class Cover {
    /** One key/value line of the header. */
    record Field(String label, String value) {
    }

    /** One row of the file table; empty strings for what is unknown. */
    record Row(String title, String path, String originalUrl, String captured, String mementoUrl, String sha256,
            String captureCheck) {
    }

    static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    private static final float MARGIN = 40;
    private static final float TITLE_SIZE = 17;
    private static final float BODY_SIZE = 9;
    private static final float TABLE_SIZE = 8;
    private static final float FOOTER_SIZE = 7;
    private static final float PAD = 3;
    private static final String[] HEADINGS = {"#", "Title and archive path", "Original URL", "Captured (UTC)",
        "Archive copy (memento URL)", "SHA-256", "Capture check"};
    private static final float[] WIDTHS = {20, 150, 154, 100, 154, 122, 62};

    private sealed interface Op permits Text, Rule, Fill {
    }

    private record Text(float x, float y, boolean bold, float size, String text) implements Op {
    }

    private record Rule(float x1, float y1, float x2, float y2) implements Op {
    }

    private record Fill(float x, float y, float w, float h) implements Op {
    }

    private final CoverFont regular;
    private final CoverFont bold;
    private final List<List<Op>> pages = new ArrayList<>();
    private List<Op> page;
    private float y;

    Cover(CoverFont regular, CoverFont bold) {
        this.regular = regular;
        this.bold = bold;
    }

    /** Lays out and draws the cover into {@code document}, adding its pages. */
    void render(PDDocument document, String title, List<Field> fields, String note, List<Row> rows, String footer)
            throws IOException {
        newPage();
        float width = PAGE.getWidth() - 2 * MARGIN;
        for (String line : TextWrap.wrap(bold, TITLE_SIZE, bold.showable(title), width)) {
            page.add(new Text(MARGIN, y - TITLE_SIZE, true, TITLE_SIZE, line));
            y -= TITLE_SIZE * 1.25f;
        }
        y -= 6;
        float labelWidth = 150;
        for (Field field : fields) {
            List<String> lines = TextWrap.wrap(regular, BODY_SIZE, regular.showable(field.value()), width - labelWidth);
            for (int i = 0; i < lines.size(); i++) {
                ensureRoom(BODY_SIZE * 1.3f);
                if (i == 0) {
                    page.add(new Text(MARGIN, y - BODY_SIZE, true, BODY_SIZE, bold.showable(field.label())));
                }
                page.add(new Text(MARGIN + labelWidth, y - BODY_SIZE, false, BODY_SIZE, lines.get(i)));
                y -= BODY_SIZE * 1.3f;
            }
        }
        y -= 6;
        for (String line : TextWrap.wrap(regular, BODY_SIZE, regular.showable(note), width)) {
            ensureRoom(BODY_SIZE * 1.3f);
            page.add(new Text(MARGIN, y - BODY_SIZE, false, BODY_SIZE, line));
            y -= BODY_SIZE * 1.3f;
        }
        y -= 10;
        table(rows);
        draw(document, footer);
    }

    private void table(List<Row> rows) {
        float leading = TABLE_SIZE * 1.25f;
        List<List<String>> heading = new ArrayList<>();
        for (int c = 0; c < HEADINGS.length; c++) {
            heading.add(TextWrap.wrap(bold, TABLE_SIZE, bold.showable(HEADINGS[c]), WIDTHS[c] - 2 * PAD));
        }
        float headingHeight = height(heading, leading);
        ensureRoom(headingHeight + leading + 2 * PAD);
        drawRow(heading, 0, maxLines(heading), leading, true);
        int number = 1;
        for (Row row : rows) {
            List<List<String>> cells = cells(number++, row);
            int total = maxLines(cells);
            int from = 0;
            while (from < total) {
                if (y - MARGIN - 20 < leading + 2 * PAD) {
                    newPage();
                    drawRow(heading, 0, maxLines(heading), leading, true);
                }
                // As many lines as fit on this page; a row taller than a page continues on the next.
                int fit = (int) Math.floor((y - MARGIN - 20 - 2 * PAD) / leading);
                int count = Math.min(total - from, Math.max(1, fit));
                if (from == 0 && count < total && total * leading + 2 * PAD <= usableHeight() - headingHeight) {
                    newPage();
                    drawRow(heading, 0, maxLines(heading), leading, true);
                    continue;
                }
                drawRow(cells, from, count, leading, false);
                from += count;
            }
        }
    }

    private List<List<String>> cells(int number, Row row) {
        String[] text = {Integer.toString(number), null, row.originalUrl(), row.captured(), row.mementoUrl(),
            row.sha256(), row.captureCheck()};
        List<List<String>> cells = new ArrayList<>();
        for (int c = 0; c < text.length; c++) {
            float w = WIDTHS[c] - 2 * PAD;
            if (c == 1) {
                List<String> lines = new ArrayList<>(TextWrap.wrap(regular, TABLE_SIZE, regular.showable(row.title()), w));
                lines.addAll(TextWrap.wrap(regular, TABLE_SIZE, regular.showable(row.path()), w));
                cells.add(lines);
            } else {
                cells.add(TextWrap.wrap(regular, TABLE_SIZE, regular.showable(text[c]), w));
            }
        }
        return cells;
    }

    private void drawRow(List<List<String>> cells, int from, int count, float leading, boolean header) {
        float height = count * leading + 2 * PAD;
        float tableWidth = 0;
        for (float w : WIDTHS) {
            tableWidth += w;
        }
        if (header) {
            page.add(new Fill(MARGIN, y - height, tableWidth, height));
        }
        float x = MARGIN;
        for (int c = 0; c < cells.size(); c++) {
            List<String> lines = cells.get(c);
            for (int i = from; i < Math.min(lines.size(), from + count); i++) {
                float baseline = y - PAD - (i - from) * leading - TABLE_SIZE;
                page.add(new Text(x + PAD, baseline, header, TABLE_SIZE, lines.get(i)));
            }
            x += WIDTHS[c];
        }
        page.add(new Rule(MARGIN, y - height, MARGIN + tableWidth, y - height));
        y -= height;
    }

    private static int maxLines(List<List<String>> cells) {
        int max = 1;
        for (List<String> lines : cells) {
            max = Math.max(max, lines.size());
        }
        return max;
    }

    private static float height(List<List<String>> cells, float leading) {
        return maxLines(cells) * leading + 2 * PAD;
    }

    private static float usableHeight() {
        return PAGE.getHeight() - 2 * MARGIN - 20;
    }

    private void ensureRoom(float needed) {
        if (y - needed < MARGIN + 20) {
            newPage();
        }
    }

    private void newPage() {
        page = new ArrayList<>();
        pages.add(page);
        y = PAGE.getHeight() - MARGIN;
    }

    private void draw(PDDocument document, String footer) throws IOException {
        String footerText = regular.showable(footer);
        float footerMax = PAGE.getWidth() - 2 * MARGIN - 100;
        List<String> footerLines = TextWrap.wrap(regular, FOOTER_SIZE, footerText, footerMax);
        String footerLine = footerLines.size() == 1 ? footerLines.get(0) : footerLines.get(0) + " …";
        for (int p = 0; p < pages.size(); p++) {
            PDPage pdPage = new PDPage(PAGE);
            document.addPage(pdPage);
            try (PDPageContentStream cs = new PDPageContentStream(document, pdPage)) {
                cs.setNonStrokingColor(0.9f, 0.9f, 0.9f);
                for (Op op : pages.get(p)) {
                    if (op instanceof Fill f) {
                        cs.addRect(f.x(), f.y(), f.w(), f.h());
                        cs.fill();
                    }
                }
                cs.setStrokingColor(0.6f, 0.6f, 0.6f);
                cs.setLineWidth(0.5f);
                for (Op op : pages.get(p)) {
                    if (op instanceof Rule r) {
                        cs.moveTo(r.x1(), r.y1());
                        cs.lineTo(r.x2(), r.y2());
                        cs.stroke();
                    }
                }
                cs.setNonStrokingColor(0f, 0f, 0f);
                for (Op op : pages.get(p)) {
                    if (op instanceof Text t && !t.text().isEmpty()) {
                        text(cs, t.bold() ? bold : regular, t.size(), t.x(), t.y(), t.text());
                    }
                }
                cs.setNonStrokingColor(0.3f, 0.3f, 0.3f);
                text(cs, regular, FOOTER_SIZE, MARGIN, MARGIN - 14, footerLine);
                String number = "Page " + (p + 1) + " of " + pages.size();
                text(cs, regular, FOOTER_SIZE, PAGE.getWidth() - MARGIN - regular.width(number, FOOTER_SIZE),
                        MARGIN - 14, number);
            }
        }
    }

    private static void text(PDPageContentStream cs, CoverFont font, float size, float x, float y, String text)
            throws IOException {
        cs.beginText();
        cs.setFont(font.pdFont(), size);
        cs.newLineAtOffset(x, y);
        // TJ rather than showText: showText applies the font's GSUB ligatures (fi, fl), whose
        // glyphs extract as U+FB01 and break searching and copying the text.
        cs.showTextWithPositioning(new Object[] {text});
        cs.endText();
    }
}
