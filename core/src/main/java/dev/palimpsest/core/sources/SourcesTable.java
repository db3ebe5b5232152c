package dev.palimpsest.core.sources;

import dev.palimpsest.core.capture.CaptureCheckResult;
import dev.palimpsest.core.capture.CaptureFormatException;
import dev.palimpsest.core.capture.MementoUrl;
import dev.palimpsest.core.capture.Surt;
import dev.palimpsest.core.capture.WaybackTimestamp;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.capture.OriginalUrls;
import dev.palimpsest.core.internal.capture.Text;
import dev.palimpsest.core.internal.sources.CsvLines;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.ArchivePathException;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.CdxRecord;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.manifest.ManifestException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A sources table: a CSV file that says, for files being archived, where each came from and how
 * to describe it. {@code create --sources SOURCES.csv} reads one.
 *
 * <p>The first row names the columns (it is required). Known columns, matched ignoring case:
 * <table>
 *   <caption>Columns of a sources table</caption>
 *   <tr><th>column</th><th>holds</th></tr>
 *   <tr><td>{@code path}</td><td>required: the file's path relative to the folder being archived,
 *       following {@link ArchivePath}'s rules; each path once (also after case folding)</td></tr>
 *   <tr><td>{@code original_url}</td><td>the URL the file was published at: {@code http} or
 *       {@code https}, with a host</td></tr>
 *   <tr><td>{@code memento_url}</td><td>the web-archive copy it was recovered from, a Wayback
 *       memento URL ({@code https://web.archive.org/web/20171003120000/https://...}); its original
 *       must be the same URL as {@code original_url} when both are given</td></tr>
 *   <tr><td>{@code title}</td><td>the file's title</td></tr>
 *   <tr><td>{@code collection}</td><td>a collection id, which the manifest must declare</td></tr>
 *   <tr><td>{@code media_type}</td><td>e.g. {@code application/pdf}</td></tr>
 *   <tr><td>{@code capture_time}</td><td>when the archive captured it: an RFC 3339 time
 *       ({@code 2017-10-03T12:00:00Z}) or a 14-digit Wayback timestamp; when empty, taken from a
 *       {@code memento_url} with a 14-digit timestamp</td></tr>
 *   <tr><td>{@code cdx_digest}</td><td>the digest the archive's CDX index holds, usually
 *       Base32 SHA-1 (hex, Base64 and {@code sha1:...} are accepted); compared with the file's
 *       SHA-1 by {@link SourceRow#applyTo(ManifestEntry.Builder, DigestValue)}</td></tr>
 * </table>
 * Other columns are kept, by their name as written, as the entry's metadata. Empty cells are
 * absent values; surrounding spaces are trimmed. {@code capture_time} and {@code cdx_digest}
 * need an {@code original_url} or {@code memento_url}.
 *
 * <p>The file is UTF-8 (a byte order mark is skipped), comma-separated, with RFC 4180 quoting;
 * lines may end in CRLF, LF or CR; blank lines are skipped. Reading is strict: the first
 * malformed row stops it with a {@link SourcesTableException} naming the file, the line the row
 * starts on, and what is wrong (a wrong number of fields, a bad URL, a memento URL that is not
 * one, a path that breaks the rules, a path listed twice, bad quoting, text that is not UTF-8).
 *
 * <p>Immutable.
 * <pre>{@code
 * SourcesTable sources = SourcesTable.read(Path.of("sources.csv"));
 * sources.row(ArchivePath.of("documents/report.pdf"))
 *         .ifPresent(row -> row.applyTo(entryBuilder, sha1OfTheFile));
 * }</pre>
 */
public final class SourcesTable {
    /** The largest table read, in bytes (64 MiB). */
    public static final long MAX_BYTES = 64L * 1024 * 1024;
    /** The columns a sources table defines, in the order the documentation lists them. */
    public static final List<String> KNOWN_COLUMNS = List.of("path", "original_url", "memento_url", "title",
            "collection", "media_type", "capture_time", "cdx_digest");

    private static final DigestValue PLACEHOLDER_SHA256 = DigestValue.of(DigestAlgorithm.SHA256, new byte[32]);

    private final String source;
    private final List<String> columns;
    private final Map<ArchivePath, SourceRow> rows;

    private SourcesTable(String source, List<String> columns, Map<ArchivePath, SourceRow> rows) {
        this.source = source;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * Reads a sources table file.
     *
     * @throws SourcesTableException naming the file and line, if the table breaks a rule
     * @throws IOException if the file cannot be read
     */
    public static SourcesTable read(Path csv) throws IOException {
        Objects.requireNonNull(csv, "csv");
        try (InputStream in = Files.newInputStream(csv)) {
            return read(in, csv.toString());
        }
    }

    /**
     * Reads a sources table from a stream, which is read to its end and not closed.
     *
     * @param sourceName the name used in error messages, e.g. the file name
     * @throws SourcesTableException naming {@code sourceName} and the line, if the table breaks a rule
     * @throws IOException if reading fails
     */
    public static SourcesTable read(InputStream in, String sourceName) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        List<CsvLines.Row> lines = CsvLines.read(in, sourceName, MAX_BYTES);
        if (lines.isEmpty()) {
            throw new SourcesTableException(sourceName, 0, "is empty; its first row must name the columns ("
                    + String.join(", ", KNOWN_COLUMNS) + ")");
        }
        RowReader reader = new RowReader(sourceName, lines.get(0));
        Map<ArchivePath, SourceRow> rows = new LinkedHashMap<>();
        Map<String, SourceRow> byCollisionKey = new HashMap<>();
        for (CsvLines.Row line : lines.subList(1, lines.size())) {
            if (line.fields().stream().allMatch(String::isBlank)) {
                continue;
            }
            SourceRow row = reader.row(line);
            SourceRow earlier = byCollisionKey.putIfAbsent(row.path().collisionKey(), row);
            if (earlier != null) {
                throw new SourcesTableException(sourceName, row.line(), earlier.path().equals(row.path())
                        ? "path " + Text.quote(row.path().toString()) + " is listed again (first on line "
                                + earlier.line() + ")"
                        : "path " + Text.quote(row.path().toString()) + " collides with "
                                + Text.quote(earlier.path().toString()) + " on line " + earlier.line()
                                + " (the same file on a case-insensitive or normalising file system)");
            }
            rows.put(row.path(), row);
        }
        return new SourcesTable(sourceName, reader.columns, Collections.unmodifiableMap(rows));
    }

    /** The name the table was read from (for a file, its path). */
    public String source() {
        return source;
    }

    /** The column names of the header row, trimmed, in order. */
    public List<String> columns() {
        return columns;
    }

    /** Every row, by path, in the order of the file. */
    public Map<ArchivePath, SourceRow> rows() {
        return rows;
    }

    /** The row for a path, if the table has one. */
    public Optional<SourceRow> row(ArchivePath path) {
        return Optional.ofNullable(rows.get(Objects.requireNonNull(path, "path")));
    }

    /** The source and the number of rows, for diagnostics. */
    @Override
    public String toString() {
        return "SourcesTable[" + source + ", " + rows.size() + " rows]";
    }

    static CaptureRecord withCheck(CaptureRecord capture, CaptureCheckResult check) {
        try {
            return capture.toBuilder().check(check.outcome()).checkExplanation(check.explanation()).build();
        } catch (ManifestException e) {
            throw new IllegalStateException("a valid capture record with a check cannot be invalid", e);
        }
    }

    /** Interprets rows against the header. */
    private static final class RowReader {
        private final String source;
        private final List<String> columns = new ArrayList<>();
        private final Map<String, Integer> known = new HashMap<>();
        private final Map<Integer, String> extra = new TreeMap<>();

        RowReader(String source, CsvLines.Row header) throws SourcesTableException {
            this.source = source;
            List<String> fields = header.fields();
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                String name = fields.get(i).strip();
                if (name.isEmpty()) {
                    throw error(header.line(), "column " + (i + 1) + " of the header row has no name");
                }
                String folded = name.toLowerCase(Locale.ROOT);
                Integer earlier = seen.putIfAbsent(folded, i);
                if (earlier != null) {
                    throw error(header.line(), "column " + Text.quote(name) + " is named twice in the header row"
                            + " (columns " + (earlier + 1) + " and " + (i + 1) + ")");
                }
                columns.add(name);
                if (KNOWN_COLUMNS.contains(folded)) {
                    known.put(folded, i);
                } else {
                    try {
                        entryBuilder().metadata(name, "x").build();
                    } catch (ManifestException e) {
                        throw error(header.line(), "column name " + Text.quote(name)
                                + " cannot be a metadata key: " + e.getMessage());
                    }
                    extra.put(i, name);
                }
            }
            if (!known.containsKey("path")) {
                throw error(header.line(), "the header row has no 'path' column; the first row must name the"
                        + " columns (" + String.join(", ", KNOWN_COLUMNS) + ", and any others as metadata)");
            }
        }

        SourceRow row(CsvLines.Row line) throws SourcesTableException {
            long n = line.line();
            List<String> fields = line.fields();
            if (fields.size() != columns.size()) {
                throw error(n, fields.size() + (fields.size() == 1 ? " field" : " fields") + ", but the header row has "
                        + columns.size() + " columns");
            }
            String pathText = cell(fields, "path");
            if (pathText == null) {
                throw error(n, "the path is empty");
            }
            ArchivePath path;
            try {
                path = ArchivePath.of(pathText);
            } catch (ArchivePathException e) {
                throw error(n, e.getMessage());
            }
            String originalUrl = cell(fields, "original_url");
            if (originalUrl != null) {
                checkUrl(n, originalUrl);
            }
            MementoUrl memento = null;
            String mementoText = cell(fields, "memento_url");
            if (mementoText != null) {
                try {
                    memento = MementoUrl.parse(mementoText);
                } catch (CaptureFormatException e) {
                    throw error(n, "memento_url " + Text.quote(mementoText) + " is not a memento URL: " + e.detail());
                }
                if (originalUrl != null && !sameUrl(originalUrl, memento.original())) {
                    throw error(n, "original_url " + Text.quote(originalUrl) + " and the original in memento_url, "
                            + Text.quote(memento.original()) + ", are not the same URL");
                }
            }
            Instant captureTime = captureTime(n, cell(fields, "capture_time"), memento);
            String cdxDigest = cell(fields, "cdx_digest");
            if (cdxDigest != null) {
                checkDigest(n, cdxDigest);
            }
            if (originalUrl == null && memento == null && (cdxDigest != null || cell(fields, "capture_time") != null)) {
                throw error(n, (cdxDigest != null ? "cdx_digest" : "capture_time")
                        + " is given, but neither original_url nor memento_url says what was captured");
            }
            Map<String, String> metadata = new TreeMap<>();
            extra.forEach((index, name) -> {
                String value = fields.get(index).strip();
                if (!value.isEmpty()) {
                    metadata.put(name, value);
                }
            });
            String title = cell(fields, "title");
            String collection = cell(fields, "collection");
            String mediaType = cell(fields, "media_type");
            CaptureRecord capture = null;
            String original = originalUrl != null ? originalUrl : memento == null ? null : memento.original();
            try {
                if (original != null) {
                    CaptureRecord.Builder b = CaptureRecord.builder().originalUrl(original).captureTime(captureTime);
                    if (memento != null) {
                        b.archive(archiveName(memento)).mementoUrl(memento.view().toString())
                                .rawMementoUrl(memento.raw().toString());
                    }
                    if (cdxDigest != null) {
                        b.cdx(CdxRecord.builder().digest(cdxDigest).build());
                    }
                    capture = b.build();
                }
                // The manifest's own rules decide what a title, collection id, media type or
                // metadata value may be; checking them here names the line.
                ManifestEntry.Builder probe = entryBuilder().path(path).title(title).collection(collection)
                        .mediaType(mediaType).capture(capture);
                metadata.forEach(probe::metadata);
                probe.build();
            } catch (ManifestException e) {
                throw error(n, e.getMessage());
            }
            return new SourceRow(n, path, original, memento, title, collection, mediaType, captureTime, cdxDigest,
                    Collections.unmodifiableMap(metadata), capture);
        }

        private String cell(List<String> fields, String column) {
            Integer index = known.get(column);
            if (index == null) {
                return null;
            }
            String value = fields.get(index).strip();
            return value.isEmpty() ? null : value;
        }

        private void checkUrl(long n, String url) throws SourcesTableException {
            String lower = url.toLowerCase(Locale.ROOT);
            if (!(lower.startsWith("http://") || lower.startsWith("https://"))) {
                throw error(n, "original_url " + Text.quote(url) + " is not an http:// or https:// URL");
            }
            if (url.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw error(n, "original_url " + Text.quote(url) + " has a space or control character; write it"
                        + " percent-encoded (%20)");
            }
            try {
                URI uri = new URI(OriginalUrls.encodeForUri(url));
                if (uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
                    throw error(n, "original_url " + Text.quote(url) + " has no host");
                }
            } catch (URISyntaxException e) {
                throw error(n, "original_url " + Text.quote(url) + " is not a URL: " + Text.clean(e.getReason()));
            }
        }

        private Instant captureTime(long n, String text, MementoUrl memento) throws SourcesTableException {
            if (text == null) {
                return memento != null && memento.timestamp().precision() == ChronoUnit.SECONDS
                        ? memento.timestamp().instant() : null;
            }
            if (text.length() == 14 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                try {
                    return WaybackTimestamp.parse(text).instant();
                } catch (CaptureFormatException e) {
                    throw error(n, "capture_time " + e.detail());
                }
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw error(n, "capture_time " + Text.quote(text) + " is neither an RFC 3339 time"
                        + " (2017-10-03T12:00:00Z) nor a 14-digit timestamp (20171003120000)");
            }
        }

        private void checkDigest(long n, String text) throws SourcesTableException {
            try {
                if (text.indexOf(':') > 0) {
                    DigestValue.parseLabelled(text);
                } else {
                    DigestValue.parse(DigestAlgorithm.SHA1, text);
                }
            } catch (IllegalArgumentException e) {
                throw error(n, "cdx_digest " + Text.quote(text) + " is not a digest: " + e.getMessage());
            }
        }

        private SourcesTableException error(long line, String detail) {
            return new SourcesTableException(source, line, detail);
        }
    }

    /** Whether two URLs name the same resource, as a web archive's index sees it. */
    private static boolean sameUrl(String a, String b) {
        try {
            return Surt.of(a).equalsIgnoreCase(Surt.of(b));
        } catch (CaptureFormatException e) {
            return a.equals(b);
        }
    }

    static String archiveName(MementoUrl memento) {
        URI base = memento.base();
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        return base.getRawAuthority() + path;
    }

    private static ManifestEntry.Builder entryBuilder() {
        return ManifestEntry.builder().path(ArchivePathHolder.PROBE).size(0).digest(PLACEHOLDER_SHA256);
    }

    /** A fixed valid path for entries built only to check values against the manifest's rules. */
    private static final class ArchivePathHolder {
        static final ArchivePath PROBE = probe();

        private static ArchivePath probe() {
            try {
                return ArchivePath.of("probe");
            } catch (ArchivePathException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
