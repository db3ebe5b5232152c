package dev.palimpsest.core.sources;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.internal.sources.WarcHeaderGuard;
import dev.palimpsest.core.internal.sources.WarcImportEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Imports the captures held in WARC files (ISO 28500; gzip-compressed or not) as archive
 * entries, each with its capture record.
 *
 * <p>What becomes an entry:
 * <ul>
 *   <li>every {@code response} record holding an HTTP response whose status is one of
 *       {@link #statuses()} (by default every 2xx): the entry's file is the HTTP body as stored,
 *       with chunked transfer coding removed and content coding (gzip, ...) kept, which is what a
 *       CDX or WARC payload digest covers;
 *   <li>every {@code resource} record: the file is the record's block.
 * </ul>
 * Each file is written under the target directory at a path derived from the record's target
 * URI ({@code host/path/segments}, {@code index.html} for a URL ending in {@code /}, the query
 * kept in the name as {@code %3F...}, unsafe characters as {@code %XX}); a path that would collide
 * with one already used, in this import or on disk, gets a numeric suffix ({@code report~2.pdf}).
 * Paths depend only on the input, so the same WARCs give the same paths. Nothing on disk is
 * overwritten, and each file appears complete or not at all.
 *
 * <p>Every payload is hashed while it is written (SHA-256, SHA-1 and the {@link #digests()}
 * asked for, plus the algorithm of the record's payload digest) and compared with the record's
 * {@code WARC-Payload-Digest} (for a resource, its block digest when it has no payload digest),
 * whatever its label case or encoding (hex, Base32, Base64). A payload digest taken over the body
 * with its chunk framing, as some writers compute it, is recognised. The outcome is the entry's
 * capture check.
 *
 * <p>{@code revisit} records are resolved once every file has been read, to an original record
 * in any of the files: by {@code WARC-Refers-To}, else by payload digest and target URI (or
 * {@code WARC-Refers-To-Target-URI}), and only when the original's payload has the digest the
 * revisit claims. URLs are compared by their CDX url key (SURT), as web archives compare them:
 * {@code http} and {@code https}, a leading {@code www.} and the case of the host do not matter.
 * A revisit of the same URL adds no entry (its content is the original's entry); a revisit of
 * another URL gets an entry holding a copy of the original's payload. A revisit whose
 * original is not in the input is reported, never guessed.
 *
 * <p>Problems with the input (damaged or truncated files, unparsable records, digest mismatches,
 * unresolved revisits, a record header longer than {@link Builder#maxHeaderBytes(int)}) are collected in the result, each naming the file and offset; they never
 * stop the import of other records or files. Immutable and thread-safe.
 *
 * <pre>{@code
 * WarcImport result = WarcImporter.builder().build()
 *         .importTo(Path.of("bundle/data"), List.of(Path.of("crawl.warc.gz")));
 * result.problems().forEach(System.err::println);
 * }</pre>
 */
public final class WarcImporter {
    /** The default {@link #maxHeaderBytes()}: 1 MiB, far above any real WARC record header. */
    public static final int DEFAULT_MAX_HEADER_BYTES = WarcHeaderGuard.DEFAULT_MAX_HEADER_BYTES;
    private static final Set<Integer> SUCCESS = Collections.unmodifiableSet(
            IntStream.rangeClosed(200, 299).boxed().collect(Collectors.<Integer, TreeSet<Integer>>toCollection(TreeSet::new)));

    private final Set<Integer> statuses;
    private final Set<DigestAlgorithm> digests;
    private final int maxHeaderBytes;

    private WarcImporter(Builder b) {
        this.maxHeaderBytes = b.maxHeaderBytes;
        this.statuses = b.statuses;
        this.digests = Collections.unmodifiableSet(EnumSet.copyOf(b.digests));
    }

    /** A builder importing 2xx responses with SHA-256 and SHA-1 digests. */
    public static Builder builder() {
        return new Builder();
    }

    /** The HTTP statuses of the responses imported; by default 200 to 299. */
    public Set<Integer> statuses() {
        return statuses;
    }

    /** The digests every entry gets; always includes SHA-256 and SHA-1. */
    public Set<DigestAlgorithm> digests() {
        return digests;
    }

    /** The longest WARC record header read; a file with a longer one is not imported. */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /**
     * Imports the records of the WARC files, in order, writing each payload under
     * {@code targetDir} (created if missing) at its entry's path.
     *
     * @param targetDir the directory the files go under, e.g. a bundle's {@code data/}
     * @param warcs the WARC files, read in this order
     * @return the entries, the resolved revisits and every problem with the input
     * @throws IOException if writing under {@code targetDir} fails (files written before the
     *     failure stay, each complete); problems reading the WARC files are not thrown but reported
     */
    public WarcImport importTo(Path targetDir, List<Path> warcs) throws IOException {
        Objects.requireNonNull(targetDir, "targetDir");
        List<Path> files = List.copyOf(warcs);
        return new WarcImportEngine(targetDir, statuses, digests, maxHeaderBytes).run(files);
    }

    @Override
    public String toString() {
        return "WarcImporter[statuses=" + (statuses.equals(SUCCESS) ? "2xx" : statuses) + ", digests=" + digests + "]";
    }

    /** Options of a {@link WarcImporter}. Not thread-safe. */
    public static final class Builder {
        private Set<Integer> statuses = SUCCESS;
        private Set<DigestAlgorithm> digests = EnumSet.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA1);
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;

        private Builder() {
        }

        /**
         * The longest WARC record header read (default {@link #DEFAULT_MAX_HEADER_BYTES}). Each
         * file's headers are checked before its records are parsed, so that a damaged or hostile
         * file (a header line without an end, hundreds of megabytes long) cannot exhaust memory; a
         * file with a longer header is reported as {@link WarcImportProblem.Kind#UNREADABLE_WARC},
         * naming the record's offset, and nothing is imported from it.
         *
         * @throws IllegalArgumentException if below 1024
         */
        public Builder maxHeaderBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("the header limit must be at least 1024 bytes, got " + bytes);
            }
            this.maxHeaderBytes = bytes;
            return this;
        }

        /**
         * The HTTP statuses whose responses are imported, replacing the default (200 to 299);
         * e.g. add 302 to keep redirects.
         *
         * @throws IllegalArgumentException if empty or a status is not 100 to 999
         */
        public Builder statuses(Collection<Integer> values) {
            Objects.requireNonNull(values, "values");
            if (values.isEmpty()) {
                throw new IllegalArgumentException("at least one HTTP status is needed");
            }
            TreeSet<Integer> copy = new TreeSet<>();
            for (Integer status : values) {
                Objects.requireNonNull(status, "values contains null");
                if (status < 100 || status > 999) {
                    throw new IllegalArgumentException("an HTTP status is 100 to 999, got " + status);
                }
                copy.add(status);
            }
            this.statuses = Collections.unmodifiableSet(copy);
            return this;
        }

        /** The digests every entry gets besides SHA-256 and SHA-1, which are always computed. */
        public Builder digests(DigestAlgorithm... algorithms) {
            EnumSet<DigestAlgorithm> set = EnumSet.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA1);
            for (DigestAlgorithm algorithm : algorithms) {
                set.add(Objects.requireNonNull(algorithm, "algorithms contains null"));
            }
            this.digests = set;
            return this;
        }

        /** The importer. */
        public WarcImporter build() {
            return new WarcImporter(this);
        }
    }
}
