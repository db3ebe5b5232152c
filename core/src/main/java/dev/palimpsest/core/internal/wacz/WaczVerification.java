package dev.palimpsest.core.internal.wacz;

import dev.palimpsest.core.capture.CaptureFormatException;
import dev.palimpsest.core.capture.Surt;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.wacz.DataPackage.Resource;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.verify.ArchiveFormat;
import dev.palimpsest.core.verify.EntryResult;
import dev.palimpsest.core.verify.EntryStatus;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.SignatureKind;
import dev.palimpsest.core.verify.SignatureResult;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Verifies one WACZ file: the ZIP in place, {@code datapackage.json} and every file it lists, the
 * digest file and its signature, the pages, the indexes, and every indexed WARC record. Each
 * file in the ZIP is read once; what parses it (pages, CDXJ, WARC records) reads the same bytes
 * that are hashed.
 */
public final class WaczVerification {
    private static final String ARCHIVE = "archive/";
    private static final String INDEXES = "indexes/";
    private static final String PAGES = "pages/";
    private static final String MAIN_PAGES = "pages/pages.jsonl";
    /** After this many record mismatches, the rest are counted in one last problem. */
    private static final int MAX_LISTED_RECORD_PROBLEMS = 1000;

    /** What reading one file gave: its digest and length, or nothing when it could not be read. */
    private record FileRead(DigestValue digest, long length) {
    }

    /** Reads a file's content while it is hashed. */
    private interface Parser {
        void parse(TrackingStream in) throws IOException;
    }

    private final WaczZip zip;
    private final WaczOptions options;
    private final VerificationReport.Builder report;
    private final Map<String, FileRead> reads = new HashMap<>();
    private final Set<String> unreadable = new HashSet<>();
    private DataPackage dataPackage;
    private byte[] packageBytes;
    private DigestValue digestFileHash;
    private final List<Page> pages = new ArrayList<>();
    private final Set<String> pageUrls = new HashSet<>();
    private final Set<String> pageKeys = new HashSet<>();
    private final Map<String, List<IndexEntry>> entriesByWarc = new TreeMap<>();
    private int keptEntries;
    private long skippedEntries;

    private WaczVerification(WaczZip zip, WaczOptions options, VerificationReport.Builder report) {
        this.zip = zip;
        this.options = options;
        this.report = report;
    }

    /**
     * Verifies the WACZ at {@code file}; every problem with its content is in the report.
     *
     * @throws NoSuchFileException if nothing exists at {@code file}
     * @throws InterruptedIOException if the thread is interrupted (the flag is set again)
     */
    public static VerificationReport verify(Path file, WaczOptions options) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        VerificationReport.Builder report = VerificationReport.builder(ArchiveFormat.WACZ, file.toString());
        if (Files.isDirectory(file)) {
            report.problem(ProblemCode.FORMAT_UNRECOGNISED, null, file.getFileName() + " is a folder; a WACZ is a ZIP file");
            return report.build();
        }
        WaczZip zip;
        try {
            zip = WaczZip.open(file, options, report).orElse(null);
        } catch (IOException e) {
            report.problem(ProblemCode.FILE_UNREADABLE, null, file.getFileName() + " could not be read: " + e.getMessage());
            return report.build();
        }
        if (zip == null) {
            return report.build();
        }
        try (zip) {
            new WaczVerification(zip, options, report).run();
        }
        return report.build();
    }

    private void run() throws IOException {
        DigestValue packageSha256 = readDataPackage();
        readDigestFile(packageSha256);
        checkLayout();
        readPages();
        readIndexes();
        scanWarcs();
        for (String path : zip.files().keySet()) {
            if (!reads.containsKey(path) && !unreadable.contains(path)) {
                read(path, List.of(), null);
            }
        }
        fileEntries();
        checkRecords();
        pageEntries();
    }

    // --- datapackage.json and datapackage-digest.json ------------------------------------------

    private DigestValue readDataPackage() throws IOException {
        if (!zip.has(DataPackage.PATH)) {
            report.problem(ProblemCode.WACZ_DATAPACKAGE_MISSING, DataPackage.PATH, "the WACZ has no " + DataPackage.PATH
                    + " at its root: nothing lists its files and their digests, so none can be checked");
            return null;
        }
        byte[] bytes = readSmall(DataPackage.PATH);
        if (bytes == null) {
            return null;
        }
        DigestValue sha256 = DigestValue.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(bytes));
        reads.put(DataPackage.PATH, new FileRead(sha256, bytes.length));
        packageBytes = bytes;
        dataPackage = DataPackage.read(bytes, report);
        return sha256;
    }

    private void readDigestFile(DigestValue packageSha256) throws IOException {
        if (!zip.has(DigestFile.PATH)) {
            report.problem(ProblemCode.SIGNATURE_MISSING, null, "the WACZ is unsigned: it has no " + DigestFile.PATH
                    + ", so nothing vouches for " + DataPackage.PATH + " itself");
            return;
        }
        byte[] bytes = readSmall(DigestFile.PATH);
        if (bytes == null) {
            return;
        }
        reads.put(DigestFile.PATH, new FileRead(DigestValue.of(DigestAlgorithm.SHA256,
                DigestAlgorithm.SHA256.newMessageDigest().digest(bytes)), bytes.length));
        DigestFile digestFile = DigestFile.read(bytes, report);
        if (digestFile.hash().isPresent() && packageSha256 != null) {
            digestFileHash = digestFile.hash().get();
            DigestAlgorithm algorithm = digestFileHash.algorithm();
            DigestValue actual = DigestValue.of(algorithm, algorithm.newMessageDigest().digest(packageBytes));
            reads.put(DataPackage.PATH, new FileRead(actual, packageBytes.length));
            if (!digestFileHash.equals(actual)) {
                report.problem(Problem.builder(ProblemCode.WACZ_DATAPACKAGE_DIGEST_MISMATCH).path(DataPackage.PATH)
                        .message(DataPackage.PATH + " does not match the digest " + DigestFile.PATH + " gives for it:"
                                + " the package manifest was altered after it was digested")
                        .expected(digestFileHash.labelledHex()).actual(actual.labelledHex()).build());
            }
        }
        if (digestFile.signedData().isPresent() && packageSha256 != null) {
            WaczSignature.check(digestFile.signedData().get(), packageSha256,
                    dataPackage == null ? null : dataPackage.created().orElse(null), options.trustPolicy(), report);
        } else if (digestFile.signed()) {
            // malformed (reported by DigestFile), or over a datapackage.json that could not be read
            report.signature(SignatureResult.builder(SignatureKind.WACZ).valid(false).build());
            if (packageSha256 == null) {
                report.problem(ProblemCode.SIGNATURE_INVALID, DigestFile.PATH, "the signature covers " + DataPackage.PATH
                        + ", which could not be read, so it cannot be checked");
            }
        } else {
            report.problem(ProblemCode.SIGNATURE_MISSING, DigestFile.PATH, "the WACZ is unsigned: " + DigestFile.PATH
                    + " has no signedData");
        }
    }

    private byte[] readSmall(String path) throws IOException {
        if (zip.isRefused(path)) {
            unreadable.add(path); // reported when the ZIP was listed
            return null;
        }
        try {
            return zip.readAll(path, options.maxMetadataBytes());
        } catch (WaczProblemException e) {
            unreadable(path, e);
            return null;
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            unreadable(path, e);
            return null;
        }
    }

    // --- layout ---------------------------------------------------------------------------------

    private void checkLayout() {
        boolean warc = false;
        boolean index = false;
        for (String path : zip.files().keySet()) {
            String lower = path.toLowerCase(Locale.ROOT);
            if (path.startsWith(ARCHIVE)) {
                if (isWarc(lower)) {
                    warc = true;
                    compressedEntry(path, "a WARC file");
                } else {
                    unexpected(path, "archive/ holds only WARC files (.warc, .warc.gz)");
                }
            } else if (path.startsWith(INDEXES)) {
                if (isCdx(lower)) {
                    index = true;
                    if (lower.endsWith(".gz")) {
                        compressedEntry(path, "a compressed index");
                    }
                } else if (!lower.endsWith(".idx")) {
                    unexpected(path, "indexes/ holds CDXJ indexes (.cdx, .cdxj, .cdx.gz) and ZipNum .idx files");
                }
            } else if (path.startsWith(PAGES) && !lower.endsWith(".jsonl")) {
                unexpected(path, "pages/ holds JSON lines files (.jsonl)");
            }
        }
        if (!warc) {
            missingPart("no WARC file (.warc or .warc.gz) in archive/");
        }
        if (!index) {
            missingPart("no CDXJ index (.cdx, .cdxj or .cdx.gz) in indexes/");
        }
        if (!zip.has(MAIN_PAGES)) {
            missingPart("no " + MAIN_PAGES);
        }
    }

    private void compressedEntry(String path, String what) {
        if (!zip.isStored(path)) {
            report.problem(ProblemCode.WACZ_ENTRY_COMPRESSED, path, path + " is " + what + " stored DEFLATE-compressed"
                    + " in the ZIP; WACZ stores these uncompressed so that replay can read records in place");
        }
    }

    private void unexpected(String path, String rule) {
        report.problem(ProblemCode.WACZ_UNEXPECTED_FILE, path, path + " is not a file the WACZ specification puts"
                + " there: " + rule);
    }

    private void missingPart(String what) {
        report.problem(ProblemCode.WACZ_REQUIRED_PART_MISSING, null, "the WACZ has " + what
                + ", which every WACZ must have");
    }

    private static boolean isWarc(String lower) {
        return lower.endsWith(".warc") || lower.endsWith(".warc.gz");
    }

    private static boolean isCdx(String lower) {
        return lower.endsWith(".cdx") || lower.endsWith(".cdxj") || lower.endsWith(".cdx.gz") || lower.endsWith(".cdxj.gz");
    }

    // --- pages and indexes ----------------------------------------------------------------------

    private void readPages() throws IOException {
        List<String> files = new ArrayList<>();
        if (zip.has(MAIN_PAGES)) {
            files.add(MAIN_PAGES);
        }
        for (String path : zip.files().keySet()) {
            if (path.startsWith(PAGES) && path.toLowerCase(Locale.ROOT).endsWith(".jsonl") && !path.equals(MAIN_PAGES)) {
                files.add(path);
            }
        }
        long[] leftOut = {0};
        for (String file : files) {
            read(file, List.of(), in -> leftOut[0] += Pages.read(file, in, pages, options.maxIndexEntries(), report));
        }
        if (leftOut[0] > 0) {
            report.problem(ProblemCode.WACZ_INDEX_NOT_CHECKED, null, leftOut[0] + " pages beyond the limit of "
                    + options.maxIndexEntries() + " were not checked against the index and the WARC records");
        }
        for (Page page : pages) {
            pageUrls.add(page.url());
            String key = surt(page.url());
            if (key != null) {
                pageKeys.add(key);
            }
        }
    }

    private void readIndexes() throws IOException {
        Map<String, ZipNumIndex> zipNum = new LinkedHashMap<>();
        for (String path : zip.files().keySet()) {
            if (path.startsWith(INDEXES) && path.toLowerCase(Locale.ROOT).endsWith(".idx")) {
                read(path, List.of(), in -> {
                    ZipNumIndex idx = ZipNumIndex.read(path, in, report);
                    for (String file : idx.files()) {
                        if (!zip.has(file)) {
                            report.problem(ProblemCode.WACZ_INDEX_BLOCK_MISMATCH, path, path + " describes the blocks"
                                    + " of " + file + ", which the WACZ does not hold");
                        } else {
                            zipNum.put(file, idx);
                        }
                    }
                });
            }
        }
        for (String path : zip.files().keySet()) {
            String lower = path.toLowerCase(Locale.ROOT);
            if (!path.startsWith(INDEXES) || !isCdx(lower)) {
                continue;
            }
            ZipNumIndex idx = zipNum.get(path);
            List<TrackingStream.Range> blocks = idx == null ? List.of() : idx.ranges(path);
            FileRead read = read(path, blocks, in -> readCdxj(path, in));
            if (idx != null && read != null) {
                idx.check(path, read.length(), report);
            }
        }
        if (skippedEntries > 0) {
            report.problem(ProblemCode.WACZ_INDEX_NOT_CHECKED, null, skippedEntries + " index entries beyond the limit of "
                    + options.maxIndexEntries() + " (other than those of listed pages) were not checked against their"
                    + " WARC records");
        }
    }

    private void readCdxj(String path, TrackingStream in) throws IOException {
        InputStream text = new BufferedInputStream(in, 64 * 1024);
        text.mark(2);
        boolean gzip = text.read() == 0x1f && text.read() == 0x8b;
        text.reset();
        if (path.toLowerCase(Locale.ROOT).endsWith(".gz") && !gzip) {
            report.problem(ProblemCode.WACZ_INDEX_INVALID, path, path + " is named .gz but is not gzip-compressed;"
                    + " it is read as plain CDXJ");
        }
        try {
            InputStream lines = gzip ? new InflationGuard(new GZIPInputStream(text, 64 * 1024), in, path,
                    options.maxZipCompressionRatio()) : text;
            CdxjIndex.read(path, lines, this::keep, report);
        } catch (WaczProblemException e) {
            if (!e.inContent()) {
                throw e;
            }
            report.problem(e.code(), path, e.getMessage());
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            report.problem(ProblemCode.WACZ_INDEX_INVALID, path, path + " cannot be decompressed: " + e.getMessage()
                    + "; entries after that point are not checked");
        }
    }

    /** Keeps an index entry for the record checks, unless over the limit and no page's capture. */
    private void keep(IndexEntry entry) {
        boolean page = entry.url != null && pageUrls.contains(entry.url) || pageKeys.contains(entry.urlkey);
        if (keptEntries >= options.maxIndexEntries() && !page) {
            skippedEntries++;
            return;
        }
        keptEntries++;
        entriesByWarc.computeIfAbsent(entry.warc, k -> new ArrayList<>()).add(entry);
    }

    // --- WARC records ---------------------------------------------------------------------------

    private void scanWarcs() throws IOException {
        Set<String> warcs = new TreeSet<>(entriesByWarc.keySet());
        for (String path : zip.files().keySet()) {
            if (path.startsWith(ARCHIVE) && isWarc(path.toLowerCase(Locale.ROOT))) {
                warcs.add(path);
            }
        }
        for (String path : warcs) {
            List<IndexEntry> entries = entriesByWarc.getOrDefault(path, List.of());
            if (!zip.has(path)) {
                report.problem(ProblemCode.WACZ_RECORD_MISMATCH, path, entries.size() + (entries.size() == 1
                        ? " index entry points" : " index entries point") + " into " + path + " (first: "
                        + entries.get(0).index + " line " + entries.get(0).line + "), which the WACZ does not hold");
                entries.forEach(e -> {
                    e.warcUnavailable = true;
                    e.mismatch("its WARC file is not in the WACZ");
                });
                continue;
            }
            List<TrackingStream.Range> ranges = new ArrayList<>();
            Map<IndexEntry, TrackingStream.Range> recordRanges = new IdentityHashMap<>();
            for (IndexEntry e : entries) {
                if (e.recordDigest != null) {
                    TrackingStream.Range range = new TrackingStream.Range(e.offset, e.length, 0, e.recordDigest.algorithm());
                    recordRanges.put(e, range);
                    ranges.add(range);
                }
            }
            read(path, ranges, in -> {
                for (WaczProblemException failure : WarcScan.scan(in, path, options.maxZipCompressionRatio(), entries)) {
                    report.problem(failure.code(), path, failure.getMessage());
                }
            });
            for (IndexEntry e : entries) {
                TrackingStream.Range range = recordRanges.remove(e);
                if (range != null && range.complete()) {
                    e.actualRecordDigest = DigestValue.of(range.algorithm, range.digest());
                } else if (range != null) {
                    e.recordTruncated = true;
                }
            }
        }
    }

    private void checkRecords() {
        long listed = 0;
        long unlisted = 0;
        for (List<IndexEntry> entries : entriesByWarc.values()) {
            for (IndexEntry e : entries) {
                evaluate(e);
                if (e.mismatches.isEmpty() || e.warcUnavailable) {
                    continue;
                }
                if (++listed > MAX_LISTED_RECORD_PROBLEMS) {
                    unlisted++;
                    continue;
                }
                Problem.Builder p = Problem.builder(ProblemCode.WACZ_RECORD_MISMATCH).path(e.warc)
                        .message(e.index + " line " + e.line + " (" + (e.url == null ? e.urlkey : WaczPaths.printable(e.url))
                                + " at " + e.timestamp + ") points to " + e.location() + ", but "
                                + String.join("; ", e.mismatches));
                if (e.recordDigest != null && e.actualRecordDigest != null && !e.recordDigest.equals(e.actualRecordDigest)) {
                    p.expected(e.recordDigest.labelledHex()).actual(e.actualRecordDigest.labelledHex());
                }
                report.problem(p.build());
            }
        }
        if (unlisted > 0) {
            report.problem(ProblemCode.WACZ_RECORD_MISMATCH, null, unlisted + " more index entries do not match their"
                    + " WARC records; they are not listed");
        }
    }

    /** Compares an entry with what the scan found at its offset. */
    private void evaluate(IndexEntry e) {
        if (e.warcUnavailable) {
            return;
        }
        if (unreadable.contains(e.warc)) {
            e.warcUnavailable = true;
            e.mismatch(e.warc + " could not be read");
            return;
        }
        if (!e.found) {
            e.mismatch(e.unreadable != null ? "the record is not readable (" + e.unreadable + ")"
                    : "no WARC record starts at that offset");
            return;
        }
        if (e.actualLength != e.length) {
            e.mismatch("the record is " + e.actualLength + " bytes long and the index says " + e.length);
        }
        if (e.actualRecordDigest != null && !e.recordDigest.equals(e.actualRecordDigest)) {
            e.mismatch("the record's bytes hash to " + e.actualRecordDigest.labelledHex()
                    + " and the index gives recordDigest " + e.recordDigest.labelledHex());
        } else if (e.recordTruncated) {
            e.mismatch("the file ends before the " + e.length + " bytes the index gives the record");
        }
        if (e.url != null && e.recordUrl != null && !e.url.equals(e.recordUrl) && !e.url.startsWith(e.recordUrl + "?")
                && !e.url.startsWith(e.recordUrl + "&")) {
            // pywb appends a POST body to the URL as a query; anything else is another capture
            e.mismatch("the record is of " + WaczPaths.printable(e.recordUrl));
        }
        if (e.recordDate == null) {
            e.mismatch("the record has no readable WARC-Date");
        } else if (!e.recordDate.fourteenDigits().startsWith(e.timestamp.text())) {
            e.mismatch("the record was captured at " + e.recordDate.fourteenDigits());
        }
        boolean revisit = "revisit".equals(e.recordType);
        if (e.isRevisit() != revisit) {
            e.mismatch("the record is a " + e.recordType + " record and the index says "
                    + (e.isRevisit() ? "a revisit" : "not a revisit"));
        }
        payload(e, revisit);
    }

    private void payload(IndexEntry e, boolean revisit) {
        if (e.digest == null) {
            e.captureCheck = CaptureCheck.NOT_COMPARABLE;
            return;
        }
        DigestValue header = e.recordPayloadHeader;
        boolean headerDisagrees = header != null && header.algorithm() == e.digest.algorithm() && !header.equals(e.digest);
        if (headerDisagrees) {
            e.mismatch("the record's WARC-Payload-Digest is " + show(header) + " and the index gives " + show(e.digest));
        }
        if (revisit || e.payloadRaw == null) {
            // a revisit has no payload of its own; a block without a complete HTTP header has none to hash
            e.captureCheck = headerDisagrees ? CaptureCheck.MISMATCH : CaptureCheck.NOT_COMPARABLE;
            return;
        }
        if (e.digest.equals(e.payloadRaw) || e.digest.equals(e.payloadDecoded)) {
            e.captureCheck = headerDisagrees ? CaptureCheck.MISMATCH : CaptureCheck.MATCH;
            return;
        }
        e.captureCheck = CaptureCheck.MISMATCH;
        if (!headerDisagrees) {
            DigestValue computed = e.payloadDecoded != null ? e.payloadDecoded : e.payloadRaw;
            report.problem(Problem.builder(ProblemCode.CAPTURE_MISMATCH).path(e.warc)
                    .message(e.location() + " (" + WaczPaths.printable(String.valueOf(e.url)) + "): the record's payload"
                            + (e.chunked ? " (chunked; both with and without the chunk framing)" : "")
                            + " does not hash to the digest the index" + (header != null ? " and the record's header" : "")
                            + " give; the record's bytes are covered by the WARC file's digest, so this is the"
                            + " writer's digest convention or a wrong digest, not proof of tampering")
                    .expected(show(e.digest)).actual(show(computed)).build());
        }
    }

    private static String show(DigestValue d) {
        return d.algorithm() == DigestAlgorithm.SHA1 ? "sha1:" + d.base32() : d.labelledHex();
    }

    // --- entries --------------------------------------------------------------------------------

    private void fileEntries() {
        Map<String, Resource> resources = dataPackage == null ? Map.of() : dataPackage.resources();
        Set<String> paths = new TreeSet<>(zip.files().keySet());
        paths.addAll(resources.keySet());
        for (String path : paths) {
            Resource resource = resources.get(path);
            FileRead read = reads.get(path);
            if (!zip.has(path)) {
                EntryResult.Builder entry = EntryResult.builder(path, EntryStatus.MISSING);
                if (resource.hash() != null) {
                    entry.expected(resource.hash());
                }
                report.entry(entry.build());
                report.problem(ProblemCode.FILE_MISSING, path, DataPackage.PATH + " lists " + WaczPaths.printable(path)
                        + ", which the WACZ does not hold");
                continue;
            }
            if (path.equals(DataPackage.PATH)) {
                report.entry(metadataEntry(path, digestFileHash, read));
                continue;
            }
            if (path.equals(DigestFile.PATH)) {
                report.entry(metadataEntry(path, null, read));
                continue;
            }
            if (resource == null) {
                EntryResult.Builder entry = EntryResult.builder(path, EntryStatus.EXTRA);
                if (read != null) {
                    entry.actual(read.digest());
                }
                report.entry(entry.build());
                if (dataPackage != null) {
                    report.problem(ProblemCode.FILE_NOT_IN_MANIFEST, path, WaczPaths.printable(path) + " is in the WACZ"
                            + " but not listed in " + DataPackage.PATH + ", so nothing vouches for it");
                }
                continue;
            }
            report.entry(resourceEntry(path, resource, read));
        }
    }

    private EntryResult metadataEntry(String path, DigestValue expected, FileRead read) {
        boolean ok = read != null && (expected == null || expected.equals(read.digest()));
        EntryResult.Builder entry = EntryResult.builder(path, ok ? EntryStatus.OK : EntryStatus.MODIFIED);
        if (expected != null) {
            entry.expected(expected);
        }
        if (read != null) {
            entry.actual(read.digest());
        }
        return entry.build();
    }

    private EntryResult resourceEntry(String path, Resource resource, FileRead read) {
        DigestValue expected = resource.hash();
        if (read == null || expected == null) {
            // unreadable, or listed without a usable hash: both reported already; never OK unchecked
            EntryResult.Builder entry = EntryResult.builder(path, EntryStatus.MODIFIED);
            if (expected != null) {
                entry.expected(expected);
            }
            if (read != null) {
                entry.actual(read.digest());
            }
            return entry.build();
        }
        boolean sizeDiffers = resource.bytes() >= 0 && resource.bytes() != read.length();
        boolean digestDiffers = !expected.equals(read.digest());
        if (sizeDiffers || digestDiffers) {
            String size = sizeDiffers ? " is " + read.length() + " bytes where " + DataPackage.PATH + " says "
                    + resource.bytes() : "";
            String digest = digestDiffers ? (sizeDiffers ? ", and its " : " has a ") + expected.algorithm().label()
                    + " that differs from the one " + DataPackage.PATH + " gives" : "";
            report.problem(Problem.builder(ProblemCode.FILE_MODIFIED).path(path)
                    .message(WaczPaths.printable(path) + size + digest)
                    .expected(digestDiffers ? expected.hex() : resource.bytes() + " bytes")
                    .actual(digestDiffers ? read.digest().hex() : read.length() + " bytes").build());
        }
        return EntryResult.builder(path, sizeDiffers || digestDiffers ? EntryStatus.MODIFIED : EntryStatus.OK)
                .expected(expected).actual(read.digest()).build();
    }

    private void pageEntries() {
        Map<String, List<IndexEntry>> byUrl = new HashMap<>();
        Map<String, List<IndexEntry>> byKey = new HashMap<>();
        for (List<IndexEntry> entries : entriesByWarc.values()) {
            for (IndexEntry e : entries) {
                if (e.url != null && pageUrls.contains(e.url)) {
                    byUrl.computeIfAbsent(e.url, k -> new ArrayList<>()).add(e);
                }
                if (pageKeys.contains(e.urlkey)) {
                    byKey.computeIfAbsent(e.urlkey, k -> new ArrayList<>()).add(e);
                }
            }
        }
        long listed = 0;
        for (Page page : pages) {
            List<IndexEntry> candidates = byUrl.get(page.url());
            if (candidates == null) {
                String key = surt(page.url());
                candidates = key == null ? null : byKey.get(key);
            }
            IndexEntry best = null;
            if (candidates != null) {
                long bestDistance = Long.MAX_VALUE;
                for (IndexEntry e : candidates) {
                    long distance = Math.abs(Duration.between(e.timestamp.instant(), page.timestamp()).getSeconds());
                    // a revisit is a capture too, but the original one tells more
                    if (distance < bestDistance || (distance == bestDistance && best.isRevisit() && !e.isRevisit())) {
                        best = e;
                        bestDistance = distance;
                    }
                }
            }
            if (best == null) {
                report.entry(EntryResult.builder(page.file() + "#" + page.line(), EntryStatus.MISSING)
                        .url(page.url()).timestamp(page.timestamp()).build());
                if (++listed <= MAX_LISTED_RECORD_PROBLEMS) {
                    report.problem(ProblemCode.WACZ_PAGE_NOT_IN_INDEX, page.file(), page.file() + " line " + page.line()
                            + " lists the page " + WaczPaths.printable(page.url()) + " (" + page.timestamp()
                            + "), but no index of the WACZ has a capture of it");
                }
                continue;
            }
            EntryResult.Builder entry = EntryResult.builder(best.location(),
                    best.mismatches.isEmpty() ? EntryStatus.OK : EntryStatus.MODIFIED)
                    .url(page.url()).timestamp(best.timestamp.instant());
            if (best.digest != null) {
                entry.expected(best.digest);
            }
            if (best.recordDigest != null) {
                entry.expected(best.recordDigest);
            }
            DigestValue payload = best.digest != null && best.digest.equals(best.payloadRaw) ? best.payloadRaw
                    : best.payloadDecoded != null ? best.payloadDecoded : best.payloadRaw;
            if (payload != null) {
                entry.actual(payload);
            }
            if (best.actualRecordDigest != null) {
                entry.actual(best.actualRecordDigest);
            }
            if (best.captureCheck != null) {
                entry.captureCheck(best.captureCheck);
            }
            report.entry(entry.build());
        }
        if (listed > MAX_LISTED_RECORD_PROBLEMS) {
            report.problem(ProblemCode.WACZ_PAGE_NOT_IN_INDEX, null, (listed - MAX_LISTED_RECORD_PROBLEMS)
                    + " more pages have no capture in the index; they are not listed");
        }
    }

    // --- reading --------------------------------------------------------------------------------

    /**
     * Reads a file once: hashes it (with the algorithm {@code datapackage.json} gives it, SHA-256
     * otherwise) and the given ranges, while {@code parser} reads it. Failures are reported.
     *
     * @return what was read, or null when the file could not be read
     */
    private FileRead read(String path, List<TrackingStream.Range> ranges, Parser parser) throws IOException {
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while verifying " + path);
        }
        if (zip.isRefused(path)) {
            unreadable.add(path); // reported when the ZIP was listed
            return null;
        }
        Resource resource = dataPackage == null ? null : dataPackage.resources().get(path);
        DigestAlgorithm algorithm = resource != null && resource.hash() != null ? resource.hash().algorithm()
                : DigestAlgorithm.SHA256;
        MessageDigest digest = algorithm.newMessageDigest();
        try (InputStream raw = zip.open(path); TrackingStream in = new TrackingStream(raw, digest, ranges)) {
            if (parser != null) {
                parser.parse(in);
            }
            long length = in.drain();
            FileRead read = new FileRead(DigestValue.of(algorithm, digest.digest()), length);
            reads.put(path, read);
            return read;
        } catch (WaczProblemException e) {
            unreadable(path, e);
            return null;
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            unreadable(path, e);
            return null;
        }
    }

    private void unreadable(String path, IOException e) {
        unreadable.add(path);
        ProblemCode code = e instanceof WaczProblemException ? ((WaczProblemException) e).code() : ProblemCode.FILE_UNREADABLE;
        String message = e instanceof WaczProblemException ? e.getMessage() : path + " could not be read: " + e.getMessage();
        report.problem(code, path, message);
    }

    /**
     * Stops a gzipped index that inflates beyond the compression-ratio limit: the ZIP stores it
     * uncompressed, so the ZIP's own guard never sees the expansion.
     */
    private static final class InflationGuard extends FilterInputStream {
        private final TrackingStream compressed;
        private final String path;
        private final int maxRatio;
        private long inflated;

        InflationGuard(InputStream in, TrackingStream compressed, String path, int maxRatio) {
            super(in);
            this.compressed = compressed;
            this.path = path;
            this.maxRatio = maxRatio;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                inflated += n;
                long from = Math.max(1, compressed.position());
                if (inflated > WaczOptions.RATIO_FLOOR_BYTES && inflated / from > maxRatio) {
                    throw new WaczProblemException(ProblemCode.ZIP_LIMIT_EXCEEDED, path + " inflates from " + from
                            + " to more than " + inflated + " bytes, a ratio above the limit of " + maxRatio
                            + "; the rest of it is not read", true);
                }
            }
            return n;
        }
    }

    private static String surt(String url) {
        try {
            return Surt.of(url);
        } catch (CaptureFormatException | RuntimeException e) {
            return null;
        }
    }
}
