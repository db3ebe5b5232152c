package dev.palimpsest.pdf.internal.portfolio;

import java.util.ArrayList;
import java.util.List;

/**
 * Greedy line breaking for the cover. Breaks after spaces and after URL punctuation
 * ({@code / ? & = - _ . , ; : #}) so URLs wrap at readable points, and anywhere inside a
 * token too long for a line (hashes, very long path segments), so no text is ever cut off.
 */
final class TextWrap {
    private TextWrap() {
    }

    static List<String> wrap(CoverFont font, float size, String showable, float maxWidth) {
        List<String> lines = new ArrayList<>();
        int[] cps = showable.codePoints().toArray();
        int start = 0;
        while (start < cps.length) {
            while (start < cps.length && cps[start] == ' ') {
                start++;
            }
            if (start >= cps.length) {
                break;
            }
            float width = 0;
            int end = start;
            int lastBreak = -1;
            while (end < cps.length) {
                float w = font.width(cps[end], size);
                if (width + w > maxWidth && end > start) {
                    break;
                }
                width += w;
                if (isBreakAfter(cps[end])) {
                    lastBreak = end + 1;
                }
                end++;
            }
            if (end < cps.length && lastBreak > start) {
                end = lastBreak;
            }
            lines.add(new String(cps, start, end - start).stripTrailing());
            start = end;
        }
        if (lines.isEmpty()) {
            lines.add("");
        }
        return lines;
    }

    private static boolean isBreakAfter(int cp) {
        return cp == ' ' || cp == '/' || cp == '?' || cp == '&' || cp == '=' || cp == '-' || cp == '_' || cp == '.'
                || cp == ',' || cp == ';' || cp == ':' || cp == '#';
    }
}
