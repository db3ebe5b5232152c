package dev.palimpsest.pdf;

/**
 * Constants of the portfolio format described in {@code pdf-portfolio/FORMAT.md}.
 */
public final class PortfolioFormat {
    /** The file name under which the signed archive manifest is embedded in a portfolio. */
    public static final String MANIFEST_NAME = "archive.json";
    /** The file name under which the manifest's detached CMS signature is embedded. */
    public static final String MANIFEST_SIGNATURE_NAME = "archive.json.p7s";

    private PortfolioFormat() {
    }
}
