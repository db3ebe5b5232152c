package dev.palimpsest.pdf.internal.portfolio;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.apache.pdfbox.cos.COSString;

/**
 * Dates in the two forms a PDF/A file must keep equal: PDF date strings (Info dictionary,
 * {@code /Params}, {@code /CI}) and XMP dates. Always UTC with an explicit offset, to the
 * second, so the two forms compare equal and the output does not depend on the default zone.
 */
final class PdfDates {
    private static final DateTimeFormatter PDF = DateTimeFormatter.ofPattern("'D:'yyyyMMddHHmmss'+00''00'''")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter XMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter COVER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private PdfDates() {
    }

    static COSString pdf(Instant instant) {
        return new COSString(PDF.format(instant.truncatedTo(ChronoUnit.SECONDS)));
    }

    static String xmp(Instant instant) {
        return XMP.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    static String cover(Instant instant) {
        return COVER.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
