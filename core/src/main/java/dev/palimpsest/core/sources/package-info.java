/**
 * Capture sources, the acquiring half of capture provenance: where recovered files come from
 * and how they get their capture records.
 *
 * <ul>
 *   <li>{@link dev.palimpsest.core.sources.SourcesTable}: a CSV table mapping files to their
 *       original URL, memento URL, title, collection and CDX digest
 *       ({@code create --sources}); each {@link dev.palimpsest.core.sources.SourceRow} applies to
 *       a manifest entry.
 *   <li>{@link dev.palimpsest.core.sources.WarcImporter}: the response and resource records of
 *       WARC files as entries, payloads checked against their WARC digests, revisits resolved
 *       ({@code import-warc}); the outcome is a {@link dev.palimpsest.core.sources.WarcImport}.
 *   <li>{@link dev.palimpsest.core.sources.WaybackClient}: captures found in a Wayback
 *       service's CDX index and downloaded raw, politely ({@code recover}); each is a
 *       {@link dev.palimpsest.core.sources.RecoveredCapture}.
 *   <li>{@link dev.palimpsest.core.sources.CaptureRecords}: parsed CDX rows, memento URLs and
 *       provenance headers as a manifest capture record.
 * </ul>
 *
 * <p>Files are hashed while they are written and appear at their final path complete or not at
 * all; existing files are never overwritten. Bad input is a checked exception or a reported
 * problem naming the file, line or offset.
 */
package dev.palimpsest.core.sources;
