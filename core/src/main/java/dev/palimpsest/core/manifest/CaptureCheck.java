package dev.palimpsest.core.manifest;

/**
 * The outcome of comparing a file with the digest a web archive independently holds for the
 * capture it was recovered from (the CDX or WARC payload digest, SHA-1 in Base32).
 *
 * <p>A capture check is evidence, not a verdict: a {@link #MISMATCH} alone never makes an
 * archive invalid, because the archive hashes the HTTP body as stored (transfer encoding
 * removed, content encoding kept), which need not be the bytes a raw download returns.
 */
public enum CaptureCheck {
    /** The file's SHA-1 equals the digest the web archive holds for the capture. */
    MATCH,
    /**
     * The digests differ. Reported as a warning with an explanation, since the archive may hold
     * the content-encoded body.
     */
    MISMATCH,
    /**
     * No comparison is possible: the capture is a revisit, the archive holds no digest, or the
     * capture was stored content-encoded or chunked.
     */
    NOT_COMPARABLE
}
