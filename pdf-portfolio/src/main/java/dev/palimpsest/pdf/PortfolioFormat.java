package dev.palimpsest.pdf;

/**
 * Constants of the portfolio format described in {@code pdf-portfolio/FORMAT.md}: the names of
 * the provenance attachments and the keys of the collection schema, which are also the keys of
 * each file specification's {@code /CI} collection item.
 */
public final class PortfolioFormat {
    /** The file name under which the signed archive manifest is embedded in a portfolio. */
    public static final String MANIFEST_NAME = "archive.json";
    /** The file name under which the manifest's detached CMS signature is embedded. */
    public static final String MANIFEST_SIGNATURE_NAME = "archive.json.p7s";

    /** Schema field of subtype {@code /F}: the attachment's file name (its archive path). */
    public static final String FIELD_FILE = "file";
    /** Schema field of subtype {@code /Desc}: the file specification's {@code /Desc}, the file's title. */
    public static final String FIELD_TITLE = "title";
    /** Schema and {@code /CI} text field: the file's collection. */
    public static final String FIELD_COLLECTION = "collection";
    /** Schema and {@code /CI} date field: when the archived copy was captured. */
    public static final String FIELD_CAPTURED = "captured";
    /** Schema and {@code /CI} text field: the URL the file was originally published at. */
    public static final String FIELD_ORIGINAL_URL = "originalUrl";
    /** Schema and {@code /CI} text field: the URL of the archived copy (memento, URI-M). */
    public static final String FIELD_ARCHIVE_URL = "archiveUrl";
    /** Schema and {@code /CI} text field: the file's SHA-256, lower-case hex. */
    public static final String FIELD_SHA256 = "sha256";
    /** Schema field of subtype {@code /Size}: the embedded file's {@code /Params /Size}. */
    public static final String FIELD_SIZE = "size";
    /** Schema and {@code /CI} text field: the capture check outcome ({@code MATCH}, {@code MISMATCH}, {@code NOT_COMPARABLE}). */
    public static final String FIELD_CAPTURE_CHECK = "captureCheck";

    private PortfolioFormat() {
    }
}
