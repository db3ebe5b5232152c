package dev.palimpsest.core.verify;

/** The kind of archive a report is about; {@link #label()} is the report's {@code format} value. */
public enum ArchiveFormat {
    /** A Palimpsest bundle: a BagIt bag with a signed {@code provenance/archive.json}. */
    PALIMPSEST_BUNDLE("palimpsest-bundle"),
    /** A Palimpsest PDF portfolio. */
    PALIMPSEST_PORTFOLIO("palimpsest-portfolio"),
    /** A plain BagIt bag (any version 0.93 to 1.0). */
    BAGIT("bagit"),
    /** A WACZ web archive (signed or not). */
    WACZ("wacz"),
    /** A signed PDF that is not a Palimpsest portfolio. */
    PDF("pdf");

    private final String label;

    ArchiveFormat(String label) {
        this.label = label;
    }

    /** The stable name used in JSON reports, e.g. {@code palimpsest-bundle}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
