package dev.palimpsest.pdf.internal.portfolio;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The XMP metadata packet of a portfolio: the PDF/A-3b identification and the properties
 * PDF/A requires to equal the document information dictionary. Written from a fixed template
 * (no XMP library), so its bytes depend only on the values, and uses only predefined schemas,
 * so no PDF/A extension schema is needed.
 */
final class Xmp {
    static final String PRODUCER = "Palimpsest (Apache PDFBox 3)";
    static final String CREATOR_TOOL = "Palimpsest";

    private Xmp() {
    }

    static byte[] packet(String title, Optional<String> creator, Optional<String> description, Instant created,
            Instant modified) {
        StringBuilder x = new StringBuilder(2048);
        x.append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
        x.append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n");
        x.append(" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
        x.append("  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n");
        x.append("   <pdfaid:part>3</pdfaid:part>\n");
        x.append("   <pdfaid:conformance>B</pdfaid:conformance>\n");
        x.append("  </rdf:Description>\n");
        x.append("  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
        x.append("   <dc:format>application/pdf</dc:format>\n");
        x.append("   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(escape(title))
                .append("</rdf:li></rdf:Alt></dc:title>\n");
        creator.ifPresent(c -> x.append("   <dc:creator><rdf:Seq><rdf:li>").append(escape(c))
                .append("</rdf:li></rdf:Seq></dc:creator>\n"));
        description.ifPresent(d -> x.append("   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">")
                .append(escape(d)).append("</rdf:li></rdf:Alt></dc:description>\n"));
        x.append("  </rdf:Description>\n");
        x.append("  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
        x.append("   <xmp:CreateDate>").append(PdfDates.xmp(created)).append("</xmp:CreateDate>\n");
        x.append("   <xmp:ModifyDate>").append(PdfDates.xmp(modified)).append("</xmp:ModifyDate>\n");
        x.append("   <xmp:MetadataDate>").append(PdfDates.xmp(modified)).append("</xmp:MetadataDate>\n");
        x.append("   <xmp:CreatorTool>").append(CREATOR_TOOL).append("</xmp:CreatorTool>\n");
        x.append("  </rdf:Description>\n");
        x.append("  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
        x.append("   <pdf:Producer>").append(escape(PRODUCER)).append("</pdf:Producer>\n");
        x.append("  </rdf:Description>\n");
        x.append(" </rdf:RDF>\n");
        x.append("</x:xmpmeta>\n");
        x.append("<?xpacket end=\"r\"?>");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Escapes for XML character data. The values must stay equal to the Info dictionary's, so
     * the caller passes text already cleaned by {@link #clean}.
     */
    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\r' -> sb.append("&#13;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Text that XML 1.0 can carry: control characters other than tab, line feed and carriage
     * return, lone surrogates and U+FFFE/U+FFFF become spaces. Applied to a value before it goes
     * into both the Info dictionary and the XMP packet, so both hold the same text.
     */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (ok) {
                    sb.append(c).append(s.charAt(++i));
                    continue;
                }
            } else if (Character.isLowSurrogate(c)) {
                ok = false;
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            }
            sb.append(ok ? c : ' ');
        }
        return sb.toString();
    }
}
