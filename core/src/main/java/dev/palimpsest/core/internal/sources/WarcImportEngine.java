package dev.palimpsest.core.internal.sources;

import dev.palimpsest.core.capture.CaptureCheckResult;
import dev.palimpsest.core.capture.CaptureEvidence;
import dev.palimpsest.core.capture.CaptureFormatException;
import dev.palimpsest.core.capture.Surt;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestSet;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.digest.Hasher;
import dev.palimpsest.core.internal.capture.Text;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.manifest.ManifestException;
import dev.palimpsest.core.manifest.WarcSource;
import dev.palimpsest.core.sources.ResolvedRevisit;
import dev.palimpsest.core.sources.WarcImport;
import dev.palimpsest.core.sources.WarcImportProblem;
import dev.palimpsest.core.sources.WarcImportProblem.Kind;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/**
 * One run of a WARC import: reads the WARC files in order, writes each accepted payload under
 * the target directory while hashing it, and resolves revisits once every file has been read (an
 * original may come after its revisit, or in a later file). Single-threaded; used once.
 */
public final class WarcImportEngine {
    /** Headers of the stored response kept in the capture record, as the original server sent them. */
    private static final List<String> KEPT_HEADERS = List.of("Content-Type", "Content-Encoding", "Transfer-Encoding",
            "Content-Length", "Content-Disposition", "Last-Modified", "ETag", "Date", "Location");
    /** The prefix under which a capture record keeps the original server's headers (the Wayback convention). */
    private static final String ORIGINAL_PREFIX = "x-archive-orig-";
    private static final int BUFFER = 64 * 1024;

    private final Path targetDir;
    private final Set<Integer> statuses;
    private final Set<DigestAlgorithm> entryAlgorithms;
    private final PathAllocator paths = new PathAllocator();
    private final List<ManifestEntry> entries = new ArrayList<>();
    private final List<ResolvedRevisit> resolved = new ArrayList<>();
    private final List<WarcImportProblem> problems = new ArrayList<>();
    private final Map<String, Imported> byRecordId = new HashMap<>();
    private final Map<String, Imported> byUriAndDigest = new HashMap<>();
    private final List<Revisit> revisits = new ArrayList<>();

    /**
     * @param targetDir where the files go
     * @param statuses the HTTP statuses whose responses are imported
     * @param entryAlgorithms the digests every entry gets (SHA-256 and SHA-1 among them)
     * @param maxHeaderBytes the longest WARC record header read (see {@link WarcHeaderGuard})
     */
    public WarcImportEngine(Path targetDir, Set<Integer> statuses, Set<DigestAlgorithm> entryAlgorithms,
            int maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.targetDir = targetDir;
        this.statuses = statuses;
        this.entryAlgorithms = entryAlgorithms;
    }

    private final int maxHeaderBytes;

    /** An imported record: its entry, its target URI and every digest computed over its payload. */
    private static final class Imported {
        final ManifestEntry entry;
        final String targetUri;
        final Map<DigestAlgorithm, DigestValue> digests;

        Imported(ManifestEntry entry, String targetUri, Map<DigestAlgorithm, DigestValue> digests) {
            this.entry = entry;
            this.targetUri = targetUri;
            this.digests = digests;
        }
    }

    /** A revisit record, kept until every file has been read. */
    private static final class Revisit {
        final Where where;
        final WarcSource source;
        final String refersTo;
        final String refersToTarget;
        final String digestText;
        final DigestValue digest;

        Revisit(Where where, WarcSource source, String refersTo, String refersToTarget, String digestText,
                DigestValue digest) {
            this.where = where;
            this.source = source;
            this.refersTo = refersTo;
            this.refersToTarget = refersToTarget;
            this.digestText = digestText;
            this.digest = digest;
        }
    }

    /** Where a record is, for messages. */
    private static final class Where {
        final String file;
        final long offset;
        final String recordId;
        final String targetUri;

        Where(String file, long offset, String recordId, String targetUri) {
            this.file = file;
            this.offset = offset;
            this.recordId = recordId;
            this.targetUri = targetUri;
        }

        @Override
        public String toString() {
            return file + (offset < 0 ? "" : " at offset " + offset) + (recordId == null ? "" : " (record " + Text.quote(recordId)
                    + (targetUri == null ? "" : ", " + Text.quote(targetUri)) + ")");
        }
    }

    /** The input (the WARC) failed while a payload was being copied. */
    private static final class InputFailure extends IOException {
        private static final long serialVersionUID = 1L;

        InputFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }

        IOException input() {
            return (IOException) getCause();
        }
    }

    /** A payload copied to a temporary file, with its digests. */
    private static final class Payload {
        final long size;
        final Map<DigestAlgorithm, DigestValue> digests;
        final DigestValue rawDigest;
        final long blockBytesRead;

        Payload(long size, Map<DigestAlgorithm, DigestValue> digests, DigestValue rawDigest, long blockBytesRead) {
            this.size = size;
            this.digests = digests;
            this.rawDigest = rawDigest;
            this.blockBytesRead = blockBytesRead;
        }
    }

    /** The file cannot be read further: the problem has been recorded. */
    private static final class StopFile extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Imports every WARC file, in order.
     *
     * @throws IOException only if writing under the target directory fails; problems with the
     *     WARC files are in the result
     */
    public WarcImport run(List<Path> warcs) throws IOException {
        Files.createDirectories(targetDir);
        paths.reserveExisting(targetDir);
        for (Path warc : warcs) {
            readWarc(warc);
        }
        for (Revisit revisit : revisits) {
            resolve(revisit);
        }
        return new WarcImport(targetDir, entries, resolved, problems);
    }

    private void readWarc(Path warc) throws IOException {
        String file = warc.toString();
        try {
            WarcHeaderGuard.check(warc, maxHeaderBytes);
        } catch (WarcHeaderGuard.HeaderTooLargeException e) {
            problem(Kind.UNREADABLE_WARC, new Where(file, -1, null, null), e.detail());
            return;
        } catch (IOException e) {
            // unreadable: the reader below says so in its own words
        }
        WarcReader reader;
        try {
            reader = new WarcReader(warc);
        } catch (IOException | RuntimeException e) {
            problem(Kind.UNREADABLE_WARC, new Where(file, 0, null, null), "cannot be read as a WARC file: " + message(e));
            return;
        }
        try {
            readRecords(reader, file, warc);
        } finally {
            try {
                reader.close();
            } catch (IOException ignored) {
                // only read from; everything it held has been handled
            }
        }
    }

    private void readRecords(WarcReader reader, String file, Path warc) throws IOException {
        boolean first = true;
        long previous = -1;
        while (true) {
            Optional<WarcRecord> next;
            try {
                next = reader.next();
            } catch (IOException | RuntimeException e) {
                // The reader's position still names the previous record: say "after" it.
                Where where = first ? new Where(file, 0, null, null) : new Where(file, -1, null, null);
                String after = "the record after the one at offset " + previous;
                if (first) {
                    problem(Kind.UNREADABLE_WARC, where, "is not a WARC file, or its first record is damaged: "
                            + message(e));
                } else if (e instanceof EOFException) {
                    problem(Kind.TRUNCATED_WARC, where, "the file ends inside " + after + ": " + message(e));
                } else {
                    problem(Kind.MALFORMED_RECORD, where, "the header of " + after + " is damaged, so the rest"
                            + " of the file is not read: " + message(e));
                }
                return;
            }
            if (next.isEmpty()) {
                if (first) {
                    problem(Kind.UNREADABLE_WARC, new Where(file, 0, null, null), "holds no WARC records");
                }
                return;
            }
            first = false;
            WarcRecord record = next.get();
            previous = reader.position();
            Where where = new Where(file, previous, header(record, "WARC-Record-ID"),
                    header(record, "WARC-Target-URI"));
            String type = header(record, "WARC-Type");
            if (type == null) {
                // jwarc's record.type() would throw NoSuchElementException for this damaged header.
                problem(Kind.UNUSABLE_RECORD, where, "has no WARC-Type header, so the record is skipped");
                continue;
            }
            try {
                switch (type) {
                    case "response":
                        importResponse(record, where, warc);
                        break;
                    case "resource":
                        importResource(record, where, warc);
                        break;
                    case "revisit":
                        keepRevisit(record, where, warc);
                        break;
                    default:
                        break; // warcinfo, request, metadata, conversion, continuation: no payload of their own
                }
            } catch (StopRecord skipped) {
                // the problem is recorded; the reader skips the rest of the record
            } catch (StopFile stop) {
                return;
            }
        }
    }

    private void importResponse(WarcRecord record, Where where, Path warc) throws IOException, StopFile {
        if (!isHttp(record)) {
            return; // e.g. Heritrix's dns: responses; only HTTP captures are documents
        }
        long blockSize = record.body().size();
        CountingInputStream block = new CountingInputStream(record.body().stream());
        BufferedInputStream in = new BufferedInputStream(block, BUFFER);
        byte[] head;
        try {
            head = HttpHead.read(in);
        } catch (HttpHead.MalformedHeadException e) {
            problem(Kind.MALFORMED_HTTP, where, "the stored HTTP response does not parse: " + message(e));
            return;
        } catch (IOException e) {
            throw truncatedOrMalformed(where, e);
        }
        HttpResponse http;
        try {
            http = HttpResponse.parse(Channels.newChannel(new ByteArrayInputStream(head)));
        } catch (IOException | RuntimeException e) {
            problem(Kind.MALFORMED_HTTP, where, "the stored HTTP response does not parse: " + message(e));
            return;
        }
        if (!statuses.contains(http.status())) {
            return;
        }
        List<Map.Entry<String, String>> headers = headerList(http);
        String transferEncoding = last(headers, "Transfer-Encoding");
        boolean declaredChunked = transferEncoding != null && lastCoding(transferEncoding).equals("chunked");
        String contentEncoding = last(headers, "Content-Encoding");
        String digestText = header(record, "WARC-Payload-Digest");
        Optional<DigestValue> declared = parseDigest(digestText);
        Payload payload;
        AtomicFiles.Temp<Payload> temp = copyPayload(where, in, block, declared, declaredChunked);
        try (temp) {
            payload = temp.value();
            if (payload.blockBytesRead < blockSize) {
                throw truncated(where, new EOFException("the record's block is " + blockSize + " bytes, the file holds "
                        + payload.blockBytesRead));
            }
            CaptureCheckResult check = checkPayload(where, digestText, declared, payload, contentEncoding);
            CaptureRecord.Builder capture = captureBuilder(record, where, warc, digestText, check);
            for (Map.Entry<String, String> h : headers) {
                for (String kept : KEPT_HEADERS) {
                    if (h.getKey().equalsIgnoreCase(kept)) {
                        capture.responseHeader(ORIGINAL_PREFIX + kept.toLowerCase(Locale.ROOT), h.getValue());
                    }
                }
            }
            add(record, where, temp, payload, capture, MediaTypes.of(first(headers, "Content-Type")));
        }
    }

    private void importResource(WarcRecord record, Where where, Path warc) throws IOException, StopFile {
        long blockSize = record.body().size();
        CountingInputStream block = new CountingInputStream(record.body().stream());
        BufferedInputStream in = new BufferedInputStream(block, BUFFER);
        // The block of a resource record is its payload: the payload digest, if any, else the block digest.
        String digestText = header(record, "WARC-Payload-Digest");
        if (digestText == null) {
            digestText = header(record, "WARC-Block-Digest");
        }
        Optional<DigestValue> declared = parseDigest(digestText);
        AtomicFiles.Temp<Payload> temp = copyPayload(where, in, block, declared, false);
        try (temp) {
            Payload payload = temp.value();
            if (payload.blockBytesRead < blockSize) {
                throw truncated(where, new EOFException("the record's block is " + blockSize + " bytes, the file holds "
                        + payload.blockBytesRead));
            }
            CaptureCheckResult check = checkPayload(where, digestText, declared, payload, null);
            // The WARC source keeps only a real WARC-Payload-Digest; a block digest is not one.
            CaptureRecord.Builder capture = captureBuilder(record, where, warc,
                    header(record, "WARC-Payload-Digest"), check);
            add(record, where, temp, payload, capture, MediaTypes.of(header(record, "Content-Type")));
        }
    }

    private void add(WarcRecord record, Where where, AtomicFiles.Temp<Payload> temp, Payload payload,
            CaptureRecord.Builder capture, String mediaType) throws IOException {
        String target = where.targetUri;
        if (target == null) {
            problem(Kind.UNUSABLE_RECORD, where, "the record has no WARC-Target-URI, so no path can be given to it");
            return;
        }
        CaptureRecord captureRecord;
        try {
            captureRecord = buildCapture(capture);
        } catch (ManifestException e) {
            problem(Kind.UNUSABLE_RECORD, where, "no capture record can be made from it: " + e.getMessage());
            return;
        }
        ManifestEntry entry;
        try {
            ArchivePath path = paths.allocate(UrlPaths.segments(target));
            entry = entry(path, payload, captureRecord, mediaType);
        } catch (ManifestException e) {
            problem(Kind.UNUSABLE_RECORD, where, "no archive entry can be made from it: " + e.getMessage());
            return;
        }
        temp.moveTo(targetDir.resolve(entry.path().toString()));
        entries.add(entry);
        String truncated = header(record, "WARC-Truncated");
        if (truncated != null) {
            problem(Kind.TRUNCATED_BY_WRITER, where, "the WARC writer truncated the record (WARC-Truncated: "
                    + Text.quote(truncated) + "); entry " + Text.quote(entry.path().toString())
                    + " holds only the part that was captured");
        }
        Imported imported = new Imported(entry, target, payload.digests);
        if (where.recordId != null) {
            byRecordId.putIfAbsent(recordKey(where.recordId), imported);
        }
        for (DigestValue d : payload.digests.values()) {
            byUriAndDigest.putIfAbsent(digestKey(urlKey(target), d), imported);
        }
    }

    private ManifestEntry entry(ArchivePath path, Payload payload, CaptureRecord capture, String mediaType)
            throws ManifestException {
        ManifestEntry.Builder b = ManifestEntry.builder(path).size(payload.size).capture(capture).mediaType(mediaType);
        for (DigestAlgorithm algorithm : entryAlgorithms) {
            b.digest(payload.digests.get(algorithm));
        }
        return b.build();
    }

    /** The capture record, without the response headers if one of them is not acceptable as evidence. */
    private static CaptureRecord buildCapture(CaptureRecord.Builder capture) throws ManifestException {
        try {
            return capture.build();
        } catch (ManifestException e) {
            return capture.clearResponseHeaders().build();
        }
    }

    private CaptureRecord.Builder captureBuilder(WarcRecord record, Where where, Path warc, String payloadDigest,
            CaptureCheckResult check) {
        Instant date = date(record, where);
        WarcSource.Builder source = WarcSource.builder().recordId(where.recordId).filename(fileName(warc))
                .offset(where.offset).targetUri(where.targetUri).date(date).payloadDigest(payloadDigest);
        WarcSource built;
        try {
            built = source.build();
        } catch (ManifestException e) {
            problem(Kind.UNUSABLE_RECORD, where, "its WARC fields are not usable: " + e.getMessage());
            throw new StopRecord();
        }
        return CaptureRecord.builder().originalUrl(where.targetUri).captureTime(date).warc(built)
                .check(check.outcome()).checkExplanation(check.explanation());
    }

    /** Skips one record; not an error of the file. */
    private static final class StopRecord extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopRecord() {
            super(null, null, false, false);
        }
    }

    private AtomicFiles.Temp<Payload> copyPayload(Where where, BufferedInputStream in, CountingInputStream block,
            Optional<DigestValue> declared, boolean declaredChunked) throws IOException, StopFile {
        Set<DigestAlgorithm> algorithms = EnumSet.copyOf(entryAlgorithms);
        declared.ifPresent(d -> algorithms.add(d.algorithm()));
        try {
            return AtomicFiles.write(targetDir, out -> {
                try {
                    OutputStream target = TargetWriteException.marking(out);
                    Hasher decoded = Hasher.of(algorithms.toArray(DigestAlgorithm[]::new));
                    if (!declaredChunked) {
                        DigestSet set = decoded.copy(in, target);
                        return new Payload(set.size(), set.asMap(), null, block.count());
                    }
                    // The digest of the body with its chunk framing is kept too: some WARC writers
                    // (warcio) compute the payload digest over it.
                    MessageDigest raw = declared.map(d -> d.algorithm().newMessageDigest()).orElse(null);
                    BufferedInputStream stored = new BufferedInputStream(raw == null ? in : new DigestInputStream(in, raw),
                            BUFFER);
                    ChunkedInputStream chunks = ChunkedInputStream.openIfChunked(stored);
                    DigestSet set = decoded.copy(chunks != null ? chunks : stored, target);
                    drain(stored);
                    DigestValue rawDigest = raw == null || chunks == null ? null
                            : DigestValue.of(declared.get().algorithm(), raw.digest());
                    return new Payload(set.size(), set.asMap(), rawDigest, block.count());
                } catch (TargetWriteException e) {
                    throw e.failure();
                } catch (IOException e) {
                    throw new InputFailure(e);
                }
            });
        } catch (InputFailure failure) {
            IOException e = failure.input();
            if (e instanceof ChunkedInputStream.MalformedChunkException) {
                problem(Kind.MALFORMED_HTTP, where, "the stored HTTP body's chunked coding is broken: " + message(e));
                throw new StopRecord();
            }
            throw truncatedOrMalformed(where, e);
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[BUFFER];
        while (in.read(buffer) >= 0) {
            // read to the end so that every stored byte is digested and counted
        }
    }

    private CaptureCheckResult checkPayload(Where where, String digestText, Optional<DigestValue> declared,
            Payload payload, String contentEncoding) {
        if (digestText == null) {
            return new CaptureCheckResult(CaptureCheck.NOT_COMPARABLE,
                    "the WARC record holds no payload digest, so the file cannot be compared with it");
        }
        if (declared.isEmpty()) {
            problem(Kind.PAYLOAD_DIGEST_UNREADABLE, where, "the payload digest " + Text.quote(digestText)
                    + " is not <algorithm>:<value> of a supported algorithm; the payload was not checked against it");
            return new CaptureCheckResult(CaptureCheck.NOT_COMPARABLE, "the WARC record's payload digest "
                    + Text.quote(digestText) + " is not readable, so the file cannot be compared with it");
        }
        DigestValue expected = declared.get();
        DigestValue actual = payload.digests.get(expected.algorithm());
        if (expected.equals(actual)) {
            return CaptureEvidence.builder().archiveDigest(digestText).contentEncoding(contentEncoding).build()
                    .check(actual);
        }
        if (expected.equals(payload.rawDigest)) {
            return new CaptureCheckResult(CaptureCheck.NOT_COMPARABLE, "the WARC record's payload digest "
                    + show(expected) + " is of the body with its chunked transfer coding, as some WARC writers compute"
                    + " it, and matches the stored bytes; the file is the body without that coding, so its digest "
                    + show(actual) + " differs, which does not show that the file was altered");
        }
        problem(Kind.PAYLOAD_DIGEST_MISMATCH, where, "the payload's " + expected.algorithm().label() + " is "
                + show(actual) + ", but the record's WARC-Payload-Digest is " + Text.quote(digestText)
                + ": the WARC record is damaged or was altered");
        return new CaptureCheckResult(CaptureCheck.MISMATCH, "the payload read from the WARC record has the digest "
                + show(actual) + ", but the record's own WARC-Payload-Digest is " + show(expected)
                + ": the record was damaged or altered after it was written");
    }

    private void keepRevisit(WarcRecord record, Where where, Path warc) throws IOException, StopFile {
        if (isHttp(record)) {
            try {
                // Not closed: closing a jwarc body stream would close the reader's channel.
                byte[] head = HttpHead.read(new BufferedInputStream(record.body().stream(), 8192));
                if (head.length > 4) {
                    int status = HttpResponse.parse(Channels.newChannel(new ByteArrayInputStream(head))).status();
                    if (!statuses.contains(status)) {
                        return;
                    }
                }
            } catch (EOFException e) {
                throw truncated(where, e);
            } catch (IOException | RuntimeException unparsable) {
                // The status only filters; a revisit without a readable one is still resolved.
            }
        }
        String digestText = header(record, "WARC-Payload-Digest");
        CaptureCheckResult unchecked = new CaptureCheckResult(CaptureCheck.NOT_COMPARABLE, "a revisit record");
        WarcSource source;
        try {
            source = captureBuilder(record, where, warc, digestText, unchecked).build().warc().orElseThrow();
        } catch (ManifestException e) {
            problem(Kind.UNUSABLE_RECORD, where, "the revisit's fields are not usable: " + e.getMessage());
            return;
        }
        revisits.add(new Revisit(where, source, header(record, "WARC-Refers-To"),
                header(record, "WARC-Refers-To-Target-URI"), digestText, parseDigest(digestText).orElse(null)));
    }

    private void resolve(Revisit revisit) throws IOException {
        Imported original = revisit.refersTo == null ? null : byRecordId.get(recordKey(revisit.refersTo));
        String originalUri = revisit.refersToTarget != null ? revisit.refersToTarget : revisit.where.targetUri;
        if (original == null && revisit.digest != null && originalUri != null) {
            original = byUriAndDigest.get(digestKey(urlKey(originalUri), revisit.digest));
        }
        if (original == null) {
            problem(Kind.REVISIT_UNRESOLVED, revisit.where, "the revisit's original record ("
                    + (revisit.refersTo != null ? "WARC-Refers-To " + Text.quote(revisit.refersTo) + ", " : "")
                    + (revisit.digest != null ? "payload " + show(revisit.digest) + " of " : "")
                    + (originalUri != null ? Text.quote(originalUri) : "an unnamed URI")
                    + ") is not among the imported WARC files; import the WARC that holds it with this one");
            return;
        }
        DigestValue held = revisit.digest == null ? null : original.digests.get(revisit.digest.algorithm());
        if (held != null && !held.equals(revisit.digest)) {
            problem(Kind.REVISIT_UNRESOLVED, revisit.where, "the revisit refers to the record of entry "
                    + Text.quote(original.entry.path().toString()) + ", whose payload is " + show(held)
                    + ", not the revisit's " + show(revisit.digest) + "; it is not resolved");
            return;
        }
        if (revisit.where.targetUri == null || urlKey(revisit.where.targetUri).equals(urlKey(original.targetUri))) {
            resolved.add(new ResolvedRevisit(revisit.source, original.entry.path(), false));
            return;
        }
        copyForRevisit(revisit, original);
    }

    /** A revisit of another URL: that URL gets its own entry, a copy of the original's payload. */
    private void copyForRevisit(Revisit revisit, Imported original) throws IOException {
        Set<DigestAlgorithm> algorithms = EnumSet.copyOf(entryAlgorithms);
        if (revisit.digest != null) {
            algorithms.add(revisit.digest.algorithm());
        }
        Path source = targetDir.resolve(original.entry.path().toString());
        Hasher hasher = Hasher.of(algorithms.toArray(DigestAlgorithm[]::new));
        AtomicFiles.Temp<DigestSet> temp = AtomicFiles.write(targetDir, out -> {
            try (InputStream in = Files.newInputStream(source)) {
                return hasher.copy(in, out);
            }
        });
        try (temp) {
            long size = temp.value().size();
            Map<DigestAlgorithm, DigestValue> digests = temp.value().asMap();
            DigestValue compared = digests.get(revisit.digest != null ? revisit.digest.algorithm() : DigestAlgorithm.SHA1);
            CaptureCheckResult check = CaptureEvidence.builder().archiveDigest(revisit.digestText).revisit(true).build()
                    .check(compared);
            CaptureRecord capture;
            ManifestEntry entry;
            try {
                capture = CaptureRecord.builder().originalUrl(revisit.where.targetUri)
                        .captureTime(revisit.source.date().orElse(null)).warc(revisit.source)
                        .check(check.outcome()).checkExplanation(check.explanation()).build();
                ArchivePath path = paths.allocate(UrlPaths.segments(revisit.where.targetUri));
                entry = entry(path, new Payload(size, digests, null, size), capture,
                        original.entry.mediaType().orElse(null));
            } catch (ManifestException e) {
                problem(Kind.UNUSABLE_RECORD, revisit.where, "no archive entry can be made for the revisit: "
                        + e.getMessage());
                return;
            }
            temp.moveTo(targetDir.resolve(entry.path().toString()));
            entries.add(entry);
            resolved.add(new ResolvedRevisit(revisit.source, entry.path(), true));
        }
    }

    private Instant date(WarcRecord record, Where where) {
        String text = header(record, "WARC-Date");
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            problem(Kind.UNUSABLE_RECORD, where, "its WARC-Date " + Text.quote(text) + " is not a valid date");
            throw new StopRecord();
        }
    }

    private StopFile truncated(Where where, Exception e) {
        problem(Kind.TRUNCATED_WARC, where, "the file ends inside this record (" + message(e)
                + "); it and any later records are not imported");
        return new StopFile();
    }

    private StopFile truncatedOrMalformed(Where where, IOException e) {
        if (e instanceof EOFException) {
            return truncated(where, e);
        }
        problem(Kind.MALFORMED_RECORD, where, "the record cannot be read (" + message(e)
                + "); it and any later records in the file are not imported");
        return new StopFile();
    }

    private void problem(Kind kind, Where where, String detail) {
        problems.add(new WarcImportProblem(kind, where.file,
                where.offset < 0 ? OptionalLong.empty() : OptionalLong.of(where.offset),
                Optional.ofNullable(where.recordId), Optional.ofNullable(where.targetUri), where + ": " + detail));
    }

    private static Optional<DigestValue> parseDigest(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(DigestValue.parseLabelled(text.strip()));
        } catch (IllegalArgumentException notLabelled) {
            return Optional.empty();
        }
    }

    private static boolean isHttp(WarcRecord record) {
        String type = header(record, "Content-Type");
        return type != null && type.strip().toLowerCase(Locale.ROOT).startsWith("application/http");
    }

    private static String header(WarcRecord record, String name) {
        return record.headers().first(name).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    private static List<Map.Entry<String, String>> headerList(HttpResponse http) {
        List<Map.Entry<String, String>> list = new ArrayList<>();
        for (Map.Entry<String, List<String>> h : http.headers().map().entrySet()) {
            for (String value : h.getValue()) {
                list.add(Map.entry(h.getKey(), value));
            }
        }
        return list;
    }

    private static String first(List<Map.Entry<String, String>> headers, String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    private static String last(List<Map.Entry<String, String>> headers, String name) {
        String value = null;
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                value = h.getValue();
            }
        }
        return value;
    }

    private static String lastCoding(String transferEncoding) {
        String[] codings = transferEncoding.split(",");
        return codings[codings.length - 1].strip().toLowerCase(Locale.ROOT);
    }

    private static String recordKey(String recordId) {
        String s = recordId.strip();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

    private static String digestKey(String urlKey, DigestValue digest) {
        return digest.algorithm().label() + ":" + digest.hex() + " " + urlKey;
    }

    /**
     * The URL's CDX url key (SURT), by which web archives decide that two captures are of the
     * same resource ({@code http} and {@code https}, {@code www.}, case of the host, order of
     * query arguments do not matter); a URL that has none is its own key.
     */
    private static String urlKey(String uri) {
        try {
            return Surt.of(uri).toLowerCase(Locale.ROOT);
        } catch (CaptureFormatException noKey) {
            return "raw " + uri; // a SURT key holds no space
        }
    }

    private static String show(DigestValue d) {
        return d.algorithm().label() + ":" + (d.algorithm() == DigestAlgorithm.SHA1 ? d.base32() : d.hex());
    }

    private static String fileName(Path warc) {
        Path name = warc.getFileName();
        return name == null ? warc.toString() : name.toString();
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return Text.clean(m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
    }
}
