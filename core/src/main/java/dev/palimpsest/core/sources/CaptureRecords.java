package dev.palimpsest.core.sources;

import dev.palimpsest.core.capture.CaptureCheckResult;
import dev.palimpsest.core.capture.CaptureFormatException;
import dev.palimpsest.core.capture.CdxRecord;
import dev.palimpsest.core.capture.MementoUrl;
import dev.palimpsest.core.capture.ProvenanceHeaders;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Conversions from the capture-parsing types ({@link dev.palimpsest.core.capture}) to the
 * manifest's capture record ({@link dev.palimpsest.core.manifest}).
 *
 * <p>The two {@code CdxRecord} types differ on purpose: {@link CdxRecord} is a parsed CDX row
 * (typed timestamp, status, decoded digest), {@link dev.palimpsest.core.manifest.CdxRecord} the
 * row as a manifest keeps it (text as the index wrote it).
 */
public final class CaptureRecords {
    private CaptureRecords() {
    }

    /**
     * A parsed CDX row as a manifest stores it: the url key, the timestamp's digits, the
     * original URL, and the media type, status, digest (verbatim), length, offset and file name
     * when the row has them.
     *
     * @throws ManifestException if a value is not acceptable in a manifest (e.g. invalid Unicode)
     */
    public static dev.palimpsest.core.manifest.CdxRecord toManifest(CdxRecord row) throws ManifestException {
        Objects.requireNonNull(row, "row");
        dev.palimpsest.core.manifest.CdxRecord.Builder b = dev.palimpsest.core.manifest.CdxRecord.builder()
                .urlkey(row.urlkey())
                .timestamp(row.timestamp().text())
                .original(row.original())
                .mimetype(row.mimetype().orElse(null))
                .status(row.status().isPresent() ? String.valueOf(row.status().getAsInt()) : null)
                .digest(row.digest().isPresent() ? row.digestText() : null)
                .filename(row.filename().orElse(null));
        row.length().ifPresent(length -> b.length(String.valueOf(length)));
        row.offset().ifPresent(offset -> b.offset(String.valueOf(offset)));
        return b.build();
    }

    /**
     * A capture record builder for a capture found in a CDX index and fetched from a Wayback
     * service, holding: the row's original URL; the capture time (the response's
     * {@code Memento-Datetime} when it has a valid one, else the row's timestamp when it has 14
     * digits); the archive ({@code host[:port][/path]} of the memento's base); the memento URL
     * (view form) and its raw {@code id_} form; the row; and the provenance headers. The caller
     * adds what only it knows: the retrieval time and tool, and the capture check (see
     * {@link #from(CdxRecord, MementoUrl, ProvenanceHeaders, CaptureCheckResult)}).
     *
     * @param row the capture's CDX row
     * @param memento the memento URL of the capture (any modifier)
     * @param headers the provenance headers of the archive's response, or {@link ProvenanceHeaders#empty()}
     * @throws ManifestException if a value is not acceptable in a manifest
     */
    public static CaptureRecord.Builder from(CdxRecord row, MementoUrl memento, ProvenanceHeaders headers)
            throws ManifestException {
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(memento, "memento");
        Objects.requireNonNull(headers, "headers");
        CaptureRecord.Builder b = CaptureRecord.builder()
                .originalUrl(row.original())
                .captureTime(captureTime(row, headers).orElse(null))
                .archive(SourcesTable.archiveName(memento))
                .mementoUrl(memento.view().toString())
                .rawMementoUrl(memento.raw().toString())
                .cdx(toManifest(row));
        for (Map.Entry<String, String> header : headers.entries()) {
            b.responseHeader(header.getKey(), header.getValue());
        }
        return b;
    }

    /**
     * As {@link #from(CdxRecord, MementoUrl, ProvenanceHeaders)}, with the capture check and its
     * explanation set.
     *
     * @throws ManifestException if a value is not acceptable in a manifest
     */
    public static CaptureRecord.Builder from(CdxRecord row, MementoUrl memento, ProvenanceHeaders headers,
            CaptureCheckResult check) throws ManifestException {
        Objects.requireNonNull(check, "check");
        return from(row, memento, headers).check(check.outcome()).checkExplanation(check.explanation());
    }

    private static Optional<Instant> captureTime(CdxRecord row, ProvenanceHeaders headers) {
        try {
            Optional<Instant> datetime = headers.mementoDatetime();
            if (datetime.isPresent()) {
                return datetime;
            }
        } catch (CaptureFormatException malformed) {
            // Kept verbatim among the headers as evidence; the row's timestamp gives the time.
        }
        return row.timestamp().precision() == ChronoUnit.SECONDS ? Optional.of(row.timestamp().instant())
                : Optional.empty();
    }
}
