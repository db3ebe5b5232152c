package dev.palimpsest.core.sources;

import dev.palimpsest.core.capture.CaptureCheckResult;
import dev.palimpsest.core.capture.CaptureEvidence;
import dev.palimpsest.core.capture.MementoUrl;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestEntry;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a {@link SourcesTable}: where the file at {@link #path()} came from and how to
 * describe it. Every value has been checked against the manifest's rules when the table was
 * read, so {@link #applyTo(ManifestEntry.Builder)} never makes an entry invalid. Immutable.
 */
public final class SourceRow {
    private final long line;
    private final ArchivePath path;
    private final String originalUrl;
    private final MementoUrl mementoUrl;
    private final String title;
    private final String collection;
    private final String mediaType;
    private final Instant captureTime;
    private final String cdxDigest;
    private final Map<String, String> metadata;
    private final CaptureRecord capture;

    SourceRow(long line, ArchivePath path, String originalUrl, MementoUrl mementoUrl, String title, String collection,
            String mediaType, Instant captureTime, String cdxDigest, Map<String, String> metadata,
            CaptureRecord capture) {
        this.line = line;
        this.path = path;
        this.originalUrl = originalUrl;
        this.mementoUrl = mementoUrl;
        this.title = title;
        this.collection = collection;
        this.mediaType = mediaType;
        this.captureTime = captureTime;
        this.cdxDigest = cdxDigest;
        this.metadata = metadata;
        this.capture = capture;
    }

    /** The line of the table the row starts on (the header row is line 1). */
    public long line() {
        return line;
    }

    /** The {@code path} column: the file the row describes, relative to the folder being archived. */
    public ArchivePath path() {
        return path;
    }

    /**
     * The URL the file was published at: the {@code original_url} column, verbatim, or when
     * that is empty, the original URL inside the {@code memento_url}.
     */
    public Optional<String> originalUrl() {
        return Optional.ofNullable(originalUrl);
    }

    /** The {@code memento_url} column, parsed. */
    public Optional<MementoUrl> mementoUrl() {
        return Optional.ofNullable(mementoUrl);
    }

    /** The {@code title} column. */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** The {@code collection} column: a collection id, which the manifest must declare. */
    public Optional<String> collection() {
        return Optional.ofNullable(collection);
    }

    /** The {@code media_type} column, e.g. {@code application/pdf}. */
    public Optional<String> mediaType() {
        return Optional.ofNullable(mediaType);
    }

    /**
     * The capture time: the {@code capture_time} column, or when that is empty, the time in a
     * {@code memento_url} whose timestamp has all 14 digits.
     */
    public Optional<Instant> captureTime() {
        return Optional.ofNullable(captureTime);
    }

    /** The {@code cdx_digest} column, verbatim: the digest the web archive's index holds (usually Base32 SHA-1). */
    public Optional<String> cdxDigest() {
        return Optional.ofNullable(cdxDigest);
    }

    /** The values of the columns the table does not define, by column name; empty cells left out. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * The capture record the row describes, without a capture check; empty when the row gives
     * neither an original URL nor a memento URL.
     */
    public Optional<CaptureRecord> capture() {
        return Optional.ofNullable(capture);
    }

    /**
     * Compares a file's digest with the row's {@code cdx_digest}.
     *
     * @param fileDigest the file's digest, normally its SHA-1 (the CDX convention)
     * @return the outcome and its explanation; empty when the row has no {@code cdx_digest}
     */
    public Optional<CaptureCheckResult> check(DigestValue fileDigest) {
        Objects.requireNonNull(fileDigest, "fileDigest");
        return cdxDigest == null ? Optional.empty()
                : Optional.of(CaptureEvidence.builder().archiveDigest(cdxDigest).build().check(fileDigest));
    }

    /**
     * Sets, on an entry builder, the fields the row gives: title, collection, media type, each
     * metadata column, and the capture record. Fields the row leaves empty are not touched.
     *
     * @return {@code entry}
     */
    public ManifestEntry.Builder applyTo(ManifestEntry.Builder entry) {
        Objects.requireNonNull(entry, "entry");
        if (title != null) {
            entry.title(title);
        }
        if (collection != null) {
            entry.collection(collection);
        }
        if (mediaType != null) {
            entry.mediaType(mediaType);
        }
        metadata.forEach(entry::metadata);
        if (capture != null) {
            entry.capture(capture);
        }
        return entry;
    }

    /**
     * As {@link #applyTo(ManifestEntry.Builder)}, with the capture check against the row's
     * {@code cdx_digest} recorded in the capture record when the row has both.
     *
     * @param fileDigest the file's digest, normally its SHA-1
     * @return {@code entry}
     */
    public ManifestEntry.Builder applyTo(ManifestEntry.Builder entry, DigestValue fileDigest) {
        applyTo(entry);
        Optional<CaptureCheckResult> check = check(fileDigest);
        if (capture != null && check.isPresent()) {
            entry.capture(SourcesTable.withCheck(capture, check.get()));
        }
        return entry;
    }

    /** Equal when every column value and the line are equal. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SourceRow)) {
            return false;
        }
        SourceRow r = (SourceRow) o;
        return line == r.line && path.equals(r.path) && Objects.equals(originalUrl, r.originalUrl)
                && Objects.equals(mementoUrl, r.mementoUrl) && Objects.equals(title, r.title)
                && Objects.equals(collection, r.collection) && Objects.equals(mediaType, r.mediaType)
                && Objects.equals(captureTime, r.captureTime) && Objects.equals(cdxDigest, r.cdxDigest)
                && metadata.equals(r.metadata) && Objects.equals(capture, r.capture);
    }

    @Override
    public int hashCode() {
        return Objects.hash(line, path, originalUrl, mementoUrl, title, collection, mediaType, captureTime, cdxDigest,
                metadata, capture);
    }

    /** The line and path, for diagnostics. */
    @Override
    public String toString() {
        return "SourceRow[line " + line + ", " + path + (originalUrl == null ? "" : " <- " + originalUrl) + "]";
    }
}
