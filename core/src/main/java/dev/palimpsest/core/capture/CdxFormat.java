package dev.palimpsest.core.capture;

/** The CDX index formats {@link CdxParser} reads. */
public enum CdxFormat {
    /**
     * The Wayback CDX server's {@code output=json}: one JSON array whose first row names the
     * fields ({@code [["urlkey","timestamp",...],["com,example)/","20170101000000",...],...]}).
     * An empty row ends the data (the CDX server writes the resume key after one).
     */
    WAYBACK_JSON,
    /**
     * The CDX server's plain output: one capture per line, fields separated by single spaces,
     * in the {@linkplain CdxField#defaultOrder() default order} or in the order given to
     * {@link CdxParser#withFields(java.util.List)} (the request's {@code fl=}).
     */
    SPACE_SEPARATED,
    /**
     * A CDX file whose first line is a legend naming its fields by letter, e.g.
     * {@code  CDX N b a m s k r M S V g} (CDX11) or {@code  CDX N b a m s k r V g} (CDX9).
     * Letters other than {@code N b a m s k S V g} (and {@code v} for the offset when there is
     * no {@code V}) are skipped.
     */
    CDX_FILE,
    /**
     * CDXJ as pywb writes it: {@code <urlkey> <timestamp> <json>} with the JSON keys
     * {@code url}, {@code mime}, {@code status}, {@code digest}, {@code length},
     * {@code offset}, {@code filename}. Lines starting with {@code !} are metadata and are
     * skipped.
     */
    CDXJ,
    /** pywb's CDX server {@code output=json}: one JSON object per line, with the CDXJ keys plus {@code urlkey} and {@code timestamp}. */
    JSON_LINES
}
