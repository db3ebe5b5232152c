package dev.palimpsest.pdf.internal.portfolio;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A font shipped with the library (DejaVu Sans, see {@code FORMAT.md} for its license), embedded
 * as a subset Type 0 font so any Unicode text it covers renders in every viewer. Text is
 * cleaned before use: characters the font has no glyph for become {@code ?}, because PDF/A
 * forbids showing {@code .notdef} and PDFBox would throw on them.
 */
final class CoverFont implements Closeable {
    private final TrueTypeFont ttf;
    private final CmapLookup cmap;
    private final PDType0Font font;
    private final Map<Integer, Float> widths = new HashMap<>();

    private CoverFont(TrueTypeFont ttf, PDType0Font font) throws IOException {
        this.ttf = ttf;
        this.cmap = ttf.getUnicodeCmapLookup();
        this.font = font;
    }

    static CoverFont load(PDDocument document, String resource) throws IOException {
        TrueTypeFont ttf;
        try (InputStream in = CoverFont.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font resource missing from the jar: " + resource);
            }
            ttf = new TTFParser().parse(new RandomAccessReadBuffer(in));
        }
        try {
            // PDFBox's content stream applies the font's GSUB ligatures (fi, fl) to any text it
            // shows; ligature glyphs extract as U+FB01 and the like, which breaks searching and
            // copying the cover's text. Without a GSUB table each character keeps its own glyph.
            ttf.getTableMap().remove("GSUB");
        } catch (UnsupportedOperationException e) {
            // a future FontBox with an immutable table map: ligatures then render, which is harmless
        }
        try {
            return new CoverFont(ttf, PDType0Font.load(document, ttf, true));
        } catch (IOException | RuntimeException e) {
            ttf.close();
            throw e;
        }
    }

    PDType0Font pdFont() {
        return font;
    }

    /**
     * {@code text} reduced to what this font can show: NFC is assumed; line breaks and tabs
     * become spaces, other control and format characters are dropped, and characters without a
     * glyph become {@code ?}.
     */
    String showable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (cp == '\n' || cp == '\r' || cp == '\t') {
                sb.append(' ');
            } else if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                // invisible or meaningless in print: drop
            } else if (cp == ' ' || cmap.getGlyphId(cp) > 0) {
                sb.appendCodePoint(cp);
            } else {
                sb.append('?');
            }
        });
        return sb.toString();
    }

    /** The advance width in points of one code point (which must be showable) at {@code size}. */
    float width(int codePoint, float size) {
        return widths.computeIfAbsent(codePoint, cp -> {
            try {
                return font.getStringWidth(new String(Character.toChars(cp))) / 1000f;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }) * size;
    }

    /** The width in points of showable {@code text} at {@code size}. */
    float width(String text, float size) {
        float w = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            w += width(cp, size);
            i += Character.charCount(cp);
        }
        return w;
    }

    @Override
    public void close() throws IOException {
        ttf.close();
    }
}
