/**
 * Palimpsest PDF portfolios: archival PDF/A-3 portfolios with PAdES signatures, and the
 * verification of signed PDFs. Only {@code dev.palimpsest.pdf} is exported.
 */
module dev.palimpsest.pdf {
    requires transitive dev.palimpsest.core;
    requires org.apache.pdfbox;
    requires org.apache.pdfbox.io;
    requires org.apache.fontbox;

    exports dev.palimpsest.pdf;
}
