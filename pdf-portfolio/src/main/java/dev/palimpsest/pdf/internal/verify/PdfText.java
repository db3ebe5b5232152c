package dev.palimpsest.pdf.internal.verify;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.cos.COSString;

/** PDF text strings and dates. */
public final class PdfText {
    private static final Pattern DATE = Pattern.compile(
            "D:(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(?:(Z)(?:00'?(?:00'?)?)?|([+-])(\\d{2})'?(?:(\\d{2})'?)?)?");

    private PdfText() {
    }

    /** The text of a string value (PDFDocEncoding, or UTF-16BE/UTF-8 with a byte order mark), else empty. */
    public static Optional<String> text(PdfValue v) {
        if (!(v instanceof PdfValue.Str)) {
            return Optional.empty();
        }
        // PDFBox knows the PDFDocEncoding table; decoding bytes involves none of its document model.
        return Optional.of(new COSString(((PdfValue.Str) v).bytes()).getString());
    }

    /** The instant of a PDF date string ({@code D:YYYYMMDDHHmmSSOHH'mm'}), else empty. */
    public static Optional<Instant> date(PdfValue v) {
        return text(v).flatMap(PdfText::date);
    }

    /** The instant of a PDF date text, else empty. */
    public static Optional<Instant> date(String s) {
        Matcher m = DATE.matcher(s.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(1)), group(m, 2, 1), group(m, 3, 1), group(m, 4, 0),
                    group(m, 5, 0), group(m, 6, 0));
            ZoneOffset offset = ZoneOffset.UTC;
            if (m.group(8) != null) {
                int h = Integer.parseInt(m.group(9));
                int min = m.group(10) == null ? 0 : Integer.parseInt(m.group(10));
                offset = ZoneOffset.ofHoursMinutes(m.group(8).equals("-") ? -h : h, m.group(8).equals("-") ? -min : min);
            }
            return Optional.of(t.toInstant(offset));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int group(Matcher m, int g, int fallback) {
        return m.group(g) == null ? fallback : Integer.parseInt(m.group(g));
    }
}
