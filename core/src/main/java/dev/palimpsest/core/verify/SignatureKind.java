package dev.palimpsest.core.verify;

/** The kind of a signature in a report; {@link #label()} is the report's {@code kind} value. */
public enum SignatureKind {
    /** A detached CMS signature over the archive manifest. */
    CMS("cms"),
    /** A PAdES (or other CMS-based) PDF signature. */
    PADES("pades"),
    /** A PDF document timestamp ({@code ETSI.RFC3161}). */
    DOCUMENT_TIMESTAMP("document-timestamp"),
    /** A WACZ signature (anonymous or domain identity). */
    WACZ("wacz");

    private final String label;

    SignatureKind(String label) {
        this.label = label;
    }

    /** The stable name used in JSON reports. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
