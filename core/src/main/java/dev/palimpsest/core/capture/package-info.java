/**
 * Capture provenance, the parsing half: where a recovered file came from and what the web
 * archive independently holds about it.
 *
 * <ul>
 *   <li>{@link dev.palimpsest.core.capture.MementoUrl}: Wayback memento URLs (URI-M), their raw
 *       ({@code id_}) and view forms, with {@link dev.palimpsest.core.capture.WaybackTimestamp}.
 *   <li>{@link dev.palimpsest.core.capture.CdxParser}: CDX indexes (Wayback CDX server JSON and
 *       plain output, CDX files with a legend, CDXJ) into
 *       {@link dev.palimpsest.core.capture.CdxRecord} rows; {@link dev.palimpsest.core.capture.Surt}
 *       url keys.
 *   <li>{@link dev.palimpsest.core.capture.ProvenanceHeaders},
 *       {@link dev.palimpsest.core.capture.MementoLinks} and
 *       {@link dev.palimpsest.core.capture.MementoDatetime}: the Memento headers of an archive's
 *       response.
 *   <li>{@link dev.palimpsest.core.capture.CaptureEvidence}: the capture check of a file's digest
 *       against the archive's, giving a {@link dev.palimpsest.core.capture.CaptureCheckResult}.
 * </ul>
 *
 * <p>Every parser treats its input as hostile: lengths are bounded, scans are linear, and bad
 * input is a {@link dev.palimpsest.core.capture.CaptureFormatException} that says where and what.
 */
package dev.palimpsest.core.capture;
