package dev.palimpsest.core.sources;

import dev.palimpsest.core.capture.CaptureCheckResult;
import dev.palimpsest.core.capture.CdxRecord;
import dev.palimpsest.core.capture.MementoUrl;
import dev.palimpsest.core.capture.ProvenanceHeaders;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestEntry;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A capture fetched from a Wayback service by {@link WaybackClient#recover}: the file written,
 * its size and digests (computed while it was written), the CDX row it was chosen by, the raw
 * memento URL it was fetched from, the provenance headers of the response, the capture check,
 * and the capture record holding all of that. Immutable.
 */
public final class RecoveredCapture {
    private final Path file;
    private final long size;
    private final Map<DigestAlgorithm, DigestValue> digests;
    private final CdxRecord cdx;
    private final MementoUrl memento;
    private final ProvenanceHeaders headers;
    private final CaptureCheckResult check;
    private final CaptureRecord capture;
    private final String mediaType;

    RecoveredCapture(Path file, long size, Map<DigestAlgorithm, DigestValue> digests, CdxRecord cdx,
            MementoUrl memento, ProvenanceHeaders headers, CaptureCheckResult check, CaptureRecord capture,
            String mediaType) {
        this.file = file;
        this.size = size;
        this.digests = digests;
        this.cdx = cdx;
        this.memento = memento;
        this.headers = headers;
        this.check = check;
        this.capture = capture;
        this.mediaType = mediaType;
    }

    /** The file the capture was written to. */
    public Path file() {
        return file;
    }

    /** The file's size in bytes. */
    public long size() {
        return size;
    }

    /** The file's digests, by algorithm: SHA-256, SHA-1 and any others the client was asked for. */
    public Map<DigestAlgorithm, DigestValue> digests() {
        return digests;
    }

    /** The CDX row the capture was chosen by. */
    public CdxRecord cdx() {
        return cdx;
    }

    /** The raw ({@code id_}) memento URL the bytes were fetched from. */
    public MementoUrl memento() {
        return memento;
    }

    /** The provenance headers of the archive's response ({@code Memento-Datetime}, {@code Link}, {@code X-Archive-Orig-*}). */
    public ProvenanceHeaders headers() {
        return headers;
    }

    /** The file's SHA-1 compared with the digest the CDX row holds. */
    public CaptureCheckResult check() {
        return check;
    }

    /** The capture record: original URL, capture time, archive, memento URLs, CDX row, headers, retrieval, check. */
    public CaptureRecord capture() {
        return capture;
    }

    /** The media type: the CDX row's, else the response's {@code Content-Type}, when either is one. */
    public Optional<String> mediaType() {
        return Optional.ofNullable(mediaType);
    }

    /**
     * An entry builder for the file at {@code path} in an archive: size, every digest, media
     * type and capture record set; the caller may add a title or collection before building.
     */
    public ManifestEntry.Builder toEntry(ArchivePath path) {
        Objects.requireNonNull(path, "path");
        ManifestEntry.Builder b = ManifestEntry.builder(path).size(size).mediaType(mediaType).capture(capture);
        digests.values().forEach(b::digest);
        return b;
    }

    /** The file, the memento and the check, for diagnostics. */
    @Override
    public String toString() {
        return "RecoveredCapture[" + file + " <- " + memento + ", " + check.outcome() + "]";
    }
}
