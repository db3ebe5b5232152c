package dev.palimpsest.pdf.internal.verify;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestSet;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.ArchivePathException;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.manifest.ManifestException;
import dev.palimpsest.core.sign.CmsVerifier;
import dev.palimpsest.core.sign.MalformedSignatureException;
import dev.palimpsest.core.sign.SignatureTimestamp;
import dev.palimpsest.core.sign.SignatureVerification;
import dev.palimpsest.core.sign.SignerResult;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.sign.TrustResult;
import dev.palimpsest.core.verify.EntryResult;
import dev.palimpsest.core.verify.EntryStatus;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Severity;
import dev.palimpsest.core.verify.SignatureKind;
import dev.palimpsest.core.verify.SignatureResult;
import dev.palimpsest.core.verify.TimestampInfo;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The contents of a Palimpsest portfolio (pdf-portfolio/FORMAT.md) in one view: its embedded
 * files name tree, the manifest and its signature, and each attachment checked against the
 * signed manifest.
 */
public final class PortfolioContents {
    /** The manifest's attachment name. */
    public static final String MANIFEST = "archive.json";
    /** The manifest signature's attachment name. */
    public static final String SIGNATURE = "archive.json.p7s";
    private static final int MAX_TREE_DEPTH = 32;
    private static final int MAX_ATTACHMENTS = 1_000_000;

    /** One name in the embedded files tree: its file specification and stream, or why they are unusable. */
    public record Attachment(String name, PdfValue.Dict spec, PdfValue.Stream stream, String problem) {
    }

    private final PdfFile.View view;
    private final Map<String, Attachment> attachments = new LinkedHashMap<>();
    private final List<String> treeProblems = new ArrayList<>();
    private final Map<String, DigestValue> verifiedProvenance = new HashMap<>();
    private final Map<String, RangeHasher.Region> queued = new HashMap<>();
    private final boolean collection;

    private PortfolioContents(PdfFile.View view, boolean collection) {
        this.view = view;
        this.collection = collection;
    }

    /** Reads the embedded files of {@code view}; problems with the tree are kept, not thrown. */
    public static PortfolioContents read(PdfFile.View view) throws IOException {
        boolean collection = false;
        PortfolioContents c;
        try {
            PdfValue.Dict catalog = view.catalog();
            collection = view.resolve(catalog.get("Collection")) instanceof PdfValue.Dict;
            c = new PortfolioContents(view, collection);
            PdfValue names = view.resolve(catalog.get("Names"));
            if (names instanceof PdfValue.Dict) {
                c.walk(((PdfValue.Dict) names).get("EmbeddedFiles"), 0, new HashSet<>());
            }
        } catch (PdfSyntaxException e) {
            c = new PortfolioContents(view, collection);
            c.treeProblems.add("the embedded files cannot be read: " + e.getMessage());
        }
        return c;
    }

    /** Whether this is a Palimpsest portfolio: a collection with an {@code archive.json} attachment. */
    public boolean isPortfolio() {
        return collection && attachments.containsKey(MANIFEST);
    }

    /** The attachments by name, in name tree order. */
    public Map<String, Attachment> attachments() {
        return attachments;
    }

    /** Problems with the name tree. */
    public List<String> treeProblems() {
        return treeProblems;
    }

    private void walk(PdfValue node, int depth, Set<Integer> seen) throws IOException, PdfSyntaxException {
        if (depth > MAX_TREE_DEPTH) {
            throw new PdfSyntaxException("the embedded files name tree is deeper than " + MAX_TREE_DEPTH, true);
        }
        if (node instanceof PdfValue.Ref && !seen.add(((PdfValue.Ref) node).number())) {
            throw new PdfSyntaxException("the embedded files name tree refers to node " + node + " twice");
        }
        PdfValue v = view.resolve(node);
        if (!(v instanceof PdfValue.Dict)) {
            return;
        }
        PdfValue.Dict d = (PdfValue.Dict) v;
        PdfValue names = view.resolve(d.get("Names"));
        if (names instanceof PdfValue.Arr) {
            List<PdfValue> items = ((PdfValue.Arr) names).items();
            for (int i = 0; i + 1 < items.size(); i += 2) {
                Optional<String> key = PdfText.text(view.resolve(items.get(i)));
                if (key.isEmpty()) {
                    treeProblems.add("the embedded files name tree has a key that is not a string: " + items.get(i));
                    continue;
                }
                if (attachments.size() >= MAX_ATTACHMENTS) {
                    throw new PdfSyntaxException("more than " + MAX_ATTACHMENTS + " attachments", true);
                }
                if (attachments.containsKey(key.get())) {
                    treeProblems.add("the attachment name '" + key.get() + "' is listed twice");
                    continue;
                }
                attachments.put(key.get(), attachment(key.get(), items.get(i + 1)));
            }
        }
        PdfValue kids = view.resolve(d.get("Kids"));
        if (kids instanceof PdfValue.Arr) {
            for (PdfValue k : ((PdfValue.Arr) kids).items()) {
                walk(k, depth + 1, seen);
            }
        }
    }

    private Attachment attachment(String name, PdfValue value) throws IOException {
        try {
            PdfValue spec = view.resolve(value);
            if (!(spec instanceof PdfValue.Dict)) {
                return new Attachment(name, null, null, "its file specification is not a dictionary");
            }
            PdfValue.Dict s = (PdfValue.Dict) spec;
            PdfValue ef = view.resolve(s.get("EF"));
            if (!(ef instanceof PdfValue.Dict)) {
                return new Attachment(name, s, null, "its file specification has no /EF");
            }
            PdfValue.Dict efd = (PdfValue.Dict) ef;
            PdfValue uf = efd.get("UF");
            PdfValue f = efd.get("F");
            if (efd.has("UF") && efd.has("F") && !uf.equals(f)) {
                return new Attachment(name, s, null, "its /EF /F and /EF /UF are different streams (" + f + ", " + uf + ")");
            }
            PdfValue stream = view.resolve(efd.has("UF") ? uf : f);
            if (!(stream instanceof PdfValue.Stream)) {
                return new Attachment(name, s, null, "its /EF holds no embedded file stream");
            }
            return new Attachment(name, s, (PdfValue.Stream) stream, null);
        } catch (PdfSyntaxException e) {
            return new Attachment(name, null, null, "it cannot be read: " + e.getMessage());
        }
    }

    /**
     * Queues on {@code hasher} the digests of every attachment stored without a filter, so that
     * {@link #check} finds them computed in the pass over the signed bytes instead of reading
     * the attachment again. The algorithms are those the manifest records for any entry, plus
     * MD5 for {@code /CheckSum}; without a readable manifest nothing is queued (check reports
     * why). Filtered attachments are left to {@code check}, which must decode them anyway.
     */
    void queueDigests(RangeHasher hasher) throws IOException {
        Attachment m = attachments.get(MANIFEST);
        if (m == null || m.problem() != null) {
            return;
        }
        Set<DigestAlgorithm> algorithms = EnumSet.of(DigestAlgorithm.MD5);
        try {
            for (ManifestEntry e : ManifestCodec.standard().read(bytes(m, ManifestCodec.DEFAULT_MAX_DOCUMENT_BYTES)).entries()) {
                algorithms.addAll(e.digests().keySet());
            }
        } catch (PdfSyntaxException | ManifestException e) {
            return;
        }
        ByteSource src = view.file().source();
        Set<DigestAlgorithm> shared = Collections.unmodifiableSet(algorithms);
        for (Attachment a : attachments.values()) {
            if (a.problem() != null || a.name().equals(MANIFEST) || a.name().equals(SIGNATURE) || !storedRaw(a.stream())) {
                continue;
            }
            long start = a.stream().dataStart();
            long end = start + a.stream().length();
            if (src.isFile() && start >= 0 && end >= start && end <= src.length()) {
                queued.put(a.name(), hasher.addRegion(start, end, shared));
            }
        }
    }

    private static boolean storedRaw(PdfValue.Stream stream) {
        PdfValue f = stream.dict().get("Filter");
        return f == PdfValue.Null.INSTANCE || (f instanceof PdfValue.Arr && ((PdfValue.Arr) f).size() == 0);
    }

    /** The decoded bytes of a small attachment, at most {@code max} bytes. */
    byte[] bytes(Attachment a, long max) throws IOException, PdfSyntaxException {
        try (InputStream in = Streams.open(view.file().source(), a.stream())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) >= 0;) {
                out.write(buffer, 0, n);
                if (out.size() > max) {
                    throw new PdfSyntaxException("'" + a.name() + "' is larger than " + max + " bytes", true);
                }
            }
            return out.toByteArray();
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new PdfSyntaxException("'" + a.name() + "' is not valid Flate data: " + e.getMessage());
        }
    }

    private static DigestValue sha256(byte[] b) {
        return DigestValue.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(b));
    }

    /** The SHA-256 of the manifest or its signature as read when the portfolio was checked. */
    public Optional<DigestValue> verifiedProvenance(String name) {
        return Optional.ofNullable(verifiedProvenance.get(name));
    }

    /** A stream of an attachment's decoded bytes. */
    public InputStream open(Attachment a) throws PdfSyntaxException {
        return Streams.open(view.file().source(), a.stream());
    }

    /** The outcome of checking a portfolio: the manifest read, if it could be. */
    public record Checked(ArchiveManifest manifest, byte[] manifestBytes) {
    }

    /**
     * Checks the portfolio against its signed manifest, adding signatures, entries and problems
     * to {@code report}; {@code pdfSigners} are the SHA-256 fingerprints of the PDF signatures'
     * certificates, for the same-key check.
     */
    public Optional<Checked> check(TrustPolicy policy, Set<String> pdfSigners, VerificationReport.Builder report)
            throws IOException {
        for (String p : treeProblems) {
            report.problem(ProblemCode.PORTFOLIO_ATTACHMENT_INVALID, null, p);
        }
        Attachment m = attachments.get(MANIFEST);
        if (m == null || m.problem() != null) {
            report.problem(ProblemCode.ARCHIVE_MANIFEST_MISSING, MANIFEST, m == null ? "the portfolio has no " + MANIFEST
                    + " attachment" : MANIFEST + ": " + m.problem());
            return Optional.empty();
        }
        byte[] manifestBytes;
        ArchiveManifest manifest;
        try {
            manifestBytes = bytes(m, ManifestCodec.DEFAULT_MAX_DOCUMENT_BYTES);
            verifiedProvenance.put(MANIFEST, sha256(manifestBytes));
            manifest = ManifestCodec.standard().read(manifestBytes);
        } catch (PdfSyntaxException | ManifestException e) {
            report.problem(ProblemCode.ARCHIVE_MANIFEST_INVALID, MANIFEST, MANIFEST + " is not a valid archive manifest: "
                    + e.getMessage());
            return Optional.empty();
        }
        manifestSignature(policy, manifestBytes, pdfSigners, report);
        Map<String, String> folded = new HashMap<>();
        Set<ArchivePath> seen = new HashSet<>();
        Set<String> groupsPresent = new TreeSet<>();
        for (Attachment a : attachments.values()) {
            if (a.name().equals(MANIFEST) || a.name().equals(SIGNATURE)) {
                continue;
            }
            ArchivePath path;
            try {
                path = ArchivePath.of(a.name());
            } catch (ArchivePathException e) {
                report.problem(ProblemCode.PATH_UNSAFE, null, "the attachment name is not a safe archive path: "
                        + e.getMessage());
                continue;
            }
            String previous = folded.putIfAbsent(path.collisionKey(), a.name());
            if (previous != null) {
                report.problem(ProblemCode.PORTFOLIO_ATTACHMENT_INVALID, a.name(), "the attachment '" + a.name()
                        + "' collides with '" + previous + "' after Unicode normalisation and case folding");
                continue;
            }
            Optional<ManifestEntry> entry = manifest.entry(path);
            if (entry.isEmpty()) {
                report.entry(EntryResult.builder(a.name(), EntryStatus.EXTRA).build());
                report.problem(ProblemCode.FILE_NOT_IN_MANIFEST, a.name(), "'" + a.name()
                        + "' is attached to the portfolio but not listed in the signed " + MANIFEST);
                continue;
            }
            seen.add(path);
            groupsPresent.add(entry.get().collection().orElse(""));
            checkAttachment(a, entry.get(), report);
        }
        List<ManifestEntry> missing = new ArrayList<>();
        for (ManifestEntry e : manifest.entries()) {
            if (!seen.contains(e.path())) {
                missing.add(e);
            }
        }
        Set<String> groupsAbsent = new TreeSet<>();
        boolean subset = !groupsPresent.isEmpty();
        for (ManifestEntry e : missing) {
            if (groupsPresent.contains(e.collection().orElse(""))) {
                subset = false;
            }
            groupsAbsent.add(e.collection().orElse(""));
        }
        if (subset && !missing.isEmpty()) {
            report.problem(ProblemCode.PORTFOLIO_SUBSET, null, "the portfolio holds the files of " + names(groupsPresent)
                    + " only; the manifest's " + missing.size() + " entries of " + names(groupsAbsent)
                    + " are not in it (as in one portfolio per collection)");
        } else {
            for (ManifestEntry e : missing) {
                EntryResult.Builder b = EntryResult.builder(e.path().toString(), EntryStatus.MISSING);
                e.digests().values().forEach(b::expected);
                e.capture().flatMap(CaptureRecord::check).ifPresent(b::captureCheck);
                report.entry(b.build());
                report.problem(ProblemCode.FILE_MISSING, e.path().toString(), "'" + e.path()
                        + "' is listed in the signed " + MANIFEST + " but not attached to the portfolio");
            }
        }
        report.sortEntries();
        return Optional.of(new Checked(manifest, manifestBytes));
    }

    private static String names(Set<String> groups) {
        List<String> out = new ArrayList<>();
        for (String g : groups) {
            out.add(g.isEmpty() ? "no collection" : "collection '" + g + "'");
        }
        return String.join(", ", out);
    }

    private void manifestSignature(TrustPolicy policy, byte[] manifestBytes, Set<String> pdfSigners,
            VerificationReport.Builder report) throws IOException {
        Attachment s = attachments.get(SIGNATURE);
        if (s == null) {
            report.problem(ProblemCode.SIGNATURE_MISSING, SIGNATURE, "the manifest in the portfolio is not signed (no "
                    + SIGNATURE + " attachment)");
            return;
        }
        if (s.problem() != null) {
            report.problem(ProblemCode.SIGNATURE_MALFORMED, SIGNATURE, SIGNATURE + ": " + s.problem());
            return;
        }
        SignatureVerification verification;
        try {
            byte[] p7s = bytes(s, 16 * 1024 * 1024);
            verifiedProvenance.put(SIGNATURE, sha256(p7s));
            verification = CmsVerifier.of(policy).verify(p7s, manifestBytes);
        } catch (PdfSyntaxException | MalformedSignatureException e) {
            report.problem(ProblemCode.SIGNATURE_MALFORMED, SIGNATURE, SIGNATURE + " is not a CMS SignedData: "
                    + e.getMessage());
            return;
        }
        if (verification.signers().isEmpty()) {
            report.problem(ProblemCode.SIGNATURE_MALFORMED, SIGNATURE, SIGNATURE + " holds a SignedData without any signer");
            return;
        }
        Set<String> manifestSigners = new TreeSet<>();
        for (SignerResult signer : verification.signers()) {
            SignatureResult.Builder b = SignatureResult.builder(SignatureKind.CMS).valid(signer.valid())
                    .trusted(signer.trusted());
            signer.subject().ifPresent(b::signer);
            signer.certificateSha256().ifPresent(d -> {
                b.certificateSha256(d.hex());
                manifestSigners.add(d.hex());
            });
            signer.signingTime().ifPresent(b::signingTime);
            signer.timestamp().filter(t -> t.time().isPresent()).ifPresent(t -> b.timestamp(
                    TimestampInfo.of(t.time().get(), t.tsa().orElse("unnamed timestamp authority"), t.valid())));
            report.signature(b.build());
            signerProblems(signer, policy, report);
        }
        if (!pdfSigners.isEmpty() && manifestSigners.stream().noneMatch(pdfSigners::contains)) {
            report.problem(Problem.builder(ProblemCode.PORTFOLIO_SIGNER_MISMATCH).path(SIGNATURE)
                    .message("the manifest was signed with another certificate than the PDF signature")
                    .expected(String.join(", ", pdfSigners)).actual(String.join(", ", manifestSigners)).build());
        }
    }

    private static void signerProblems(SignerResult signer, TrustPolicy policy, VerificationReport.Builder report) {
        String who = "the manifest signature of signer " + (signer.index() + 1)
                + signer.subject().map(x -> " (" + x + ")").orElse("");
        for (SignerResult.Failure failure : signer.failures()) {
            ProblemCode code = failure.code() == SignerResult.Failure.Code.DIGEST_ALGORITHM_NOT_ALLOWED
                    ? ProblemCode.ALGORITHM_NOT_ALLOWED : ProblemCode.SIGNATURE_INVALID;
            report.problem(code, SIGNATURE, who + " is invalid: " + failure.message() + " [" + failure.code() + "]");
        }
        if (signer.valid() && !signer.trusted()) {
            TrustResult trust = signer.trust();
            String message = who + " is valid, but the signer is not trusted: " + trust.explanation()
                    + (policy.isEmpty() ? " (no trust anchor or pinned fingerprint was given)" : "");
            switch (trust.reason().orElse(TrustResult.Reason.NO_PATH)) {
                case EXPIRED:
                case NOT_YET_VALID:
                    report.problem(Problem.builder(ProblemCode.CERTIFICATE_EXPIRED).severity(Severity.WARNING)
                            .path(SIGNATURE).message(message).build());
                    break;
                case REVOKED:
                    report.problem(ProblemCode.CERTIFICATE_REVOKED, SIGNATURE, message);
                    break;
                case REVOCATION_UNKNOWN:
                    report.problem(ProblemCode.REVOCATION_UNKNOWN, SIGNATURE, message);
                    break;
                default:
                    report.problem(ProblemCode.SIGNER_UNTRUSTED, SIGNATURE, message);
            }
        }
        for (SignatureTimestamp t : signer.timestamps()) {
            if (!t.valid()) {
                report.problem(ProblemCode.TIMESTAMP_INVALID, SIGNATURE, "the timestamp on " + who + " is invalid: "
                        + t.failureMessage().orElse("unknown reason"));
            } else if (!t.trusted()) {
                report.problem(ProblemCode.TIMESTAMP_UNTRUSTED, SIGNATURE, "the timestamp on " + who + " is valid, but its"
                        + " authority is not trusted (" + t.trust().explanation() + ")");
            }
        }
    }

    private void checkAttachment(Attachment a, ManifestEntry entry, VerificationReport.Builder report) throws IOException {
        String path = a.name();
        if (a.problem() != null) {
            report.problem(ProblemCode.PORTFOLIO_ATTACHMENT_INVALID, path, "'" + path + "': " + a.problem());
            report.entry(entryResult(true, entry, Map.of()));
            return;
        }
        Map<DigestAlgorithm, DigestValue> actual = new EnumMap<>(DigestAlgorithm.class);
        long size = 0;
        String unreadable = null;
        RangeHasher.Region region = queued.get(path);
        DigestSet stored = region == null ? null : region.result();
        if (stored != null && stored.algorithms().containsAll(entry.digests().keySet())) {
            size = stored.size();
            actual.putAll(stored.asMap());
        } else {
            Map<DigestAlgorithm, MessageDigest> mds = new EnumMap<>(DigestAlgorithm.class);
            for (DigestAlgorithm alg : entry.digests().keySet()) {
                mds.put(alg, alg.newMessageDigest());
            }
            mds.putIfAbsent(DigestAlgorithm.MD5, DigestAlgorithm.MD5.newMessageDigest());
            try (InputStream in = open(a)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) >= 0;) {
                    size += n;
                    for (MessageDigest md : mds.values()) {
                        md.update(buffer, 0, n);
                    }
                    if (size > entry.size()) {
                        // Longer than signed: no need to inflate the rest (a decompression bomb stops here).
                        break;
                    }
                }
            } catch (PdfSyntaxException | java.util.zip.ZipException | java.io.EOFException e) {
                unreadable = e.getMessage();
            }
            mds.forEach((alg, md) -> actual.put(alg, DigestValue.of(alg, md.digest())));
        }
        boolean modified = false;
        if (unreadable != null) {
            report.problem(ProblemCode.PORTFOLIO_ATTACHMENT_INVALID, path, "'" + path + "' cannot be decoded: " + unreadable);
            modified = true;
        } else if (size != entry.size()) {
            report.problem(Problem.builder(ProblemCode.FILE_MODIFIED).path(path).message("'" + path + "' has "
                    + (size > entry.size() ? "more than " + entry.size() : size) + " bytes, the signed manifest says "
                    + entry.size()).expected(Long.toString(entry.size()))
                    .actual(size > entry.size() ? ">" + entry.size() : Long.toString(size)).build());
            modified = true;
        }
        if (unreadable == null && size == entry.size()) {
            for (Map.Entry<DigestAlgorithm, DigestValue> e : entry.digests().entrySet()) {
                DigestValue found = actual.get(e.getKey());
                if (!found.equals(e.getValue())) {
                    modified = true;
                    report.problem(Problem.builder(ProblemCode.FILE_MODIFIED).path(path).message("the " + e.getKey().label()
                            + " of '" + path + "' is not the one in the signed manifest").expected(e.getValue().hex())
                            .actual(found.hex()).build());
                }
            }
        }
        metadata(a, entry, actual.get(DigestAlgorithm.MD5), report);
        if (entry.capture().flatMap(CaptureRecord::check).filter(c -> c == CaptureCheck.MISMATCH).isPresent()) {
            report.problem(ProblemCode.CAPTURE_MISMATCH, path, "'" + path + "' differs from the digest the web archive"
                    + " holds for its capture" + entry.capture().flatMap(CaptureRecord::checkExplanation)
                            .map(x -> ": " + x).orElse(""));
        }
        report.entry(entryResult(modified, entry, unreadable == null && size == entry.size() ? actual : Map.of()));
    }

    private static EntryResult entryResult(boolean modified, ManifestEntry entry,
            Map<DigestAlgorithm, DigestValue> actual) {
        EntryResult.Builder b = EntryResult.builder(entry.path().toString(), modified ? EntryStatus.MODIFIED : EntryStatus.OK);
        entry.digests().values().forEach(b::expected);
        for (DigestAlgorithm alg : entry.digests().keySet()) {
            if (actual.containsKey(alg)) {
                b.actual(actual.get(alg));
            }
        }
        entry.capture().flatMap(CaptureRecord::check).ifPresent(b::captureCheck);
        return b.build();
    }

    /** Compares {@code /UF}, {@code /Params /Size}, {@code /CheckSum} and {@code /CI} with the manifest. */
    private void metadata(Attachment a, ManifestEntry entry, DigestValue md5, VerificationReport.Builder report)
            throws IOException {
        String path = a.name();
        List<String[]> wrong = new ArrayList<>();
        try {
            Optional<String> uf = PdfText.text(view.resolve(a.spec().get("UF")));
            if (uf.isPresent() && !uf.get().equals(path)) {
                wrong.add(new String[] {"/UF", path, uf.get()});
            }
            PdfValue params = view.resolve(a.stream().dict().get("Params"));
            PdfValue.Dict p = params instanceof PdfValue.Dict ? (PdfValue.Dict) params : new PdfValue.Dict(Map.of());
            PdfValue size = view.resolve(p.get("Size"));
            if (!(size instanceof PdfValue.Num) || !((PdfValue.Num) size).isInteger()
                    || ((PdfValue.Num) size).longValue() != entry.size()) {
                wrong.add(new String[] {"/Params /Size", Long.toString(entry.size()), String.valueOf(size)});
            }
            PdfValue checksum = view.resolve(p.get("CheckSum"));
            byte[] expectedMd5 = entry.digest(DigestAlgorithm.MD5).map(DigestValue::bytes).orElse(md5.bytes());
            if (checksum instanceof PdfValue.Str) {
                byte[] raw = ((PdfValue.Str) checksum).bytes();
                if (!MessageDigest.isEqual(raw, expectedMd5) || !MessageDigest.isEqual(raw, md5.bytes())) {
                    wrong.add(new String[] {"/Params /CheckSum", DigestValue.of(DigestAlgorithm.MD5, expectedMd5).hex(),
                        raw.length == 16 ? DigestValue.of(DigestAlgorithm.MD5, raw).hex() : raw.length + " bytes"});
                }
            } else if (checksum != PdfValue.Null.INSTANCE) {
                wrong.add(new String[] {"/Params /CheckSum", "a 16-byte string", String.valueOf(checksum)});
            }
            PdfValue ci = view.resolve(a.spec().get("CI"));
            PdfValue.Dict item = ci instanceof PdfValue.Dict ? (PdfValue.Dict) ci : new PdfValue.Dict(Map.of());
            Optional<CaptureRecord> capture = entry.capture();
            compareText(item, "sha256", Optional.of(entry.sha256().hex()), true, wrong);
            compareText(item, "collection", entry.collection(), false, wrong);
            compareText(item, "originalUrl", capture.map(CaptureRecord::originalUrl).filter(u -> !u.isBlank()), false, wrong);
            compareText(item, "archiveUrl", capture.flatMap(CaptureRecord::mementoUrl).filter(u -> !u.isBlank()), false,
                    wrong);
            compareText(item, "captureCheck", capture.flatMap(CaptureRecord::check).map(Enum::name), false, wrong);
            Optional<Instant> captured = capture.flatMap(CaptureRecord::captureTime).map(t -> t.truncatedTo(ChronoUnit.SECONDS));
            PdfValue cv = view.resolve(item.get("captured"));
            Optional<Instant> found = PdfText.date(cv);
            if (!captured.equals(found) && !(captured.isEmpty() && cv == PdfValue.Null.INSTANCE)) {
                wrong.add(new String[] {"/CI /captured", captured.map(Instant::toString).orElse("absent"),
                    cv == PdfValue.Null.INSTANCE ? "absent" : PdfText.text(cv).orElse(cv.toString())});
            }
        } catch (PdfSyntaxException e) {
            wrong.add(new String[] {"the attachment's dictionaries", "readable", e.getMessage()});
        }
        for (String[] w : wrong) {
            report.problem(Problem.builder(ProblemCode.PORTFOLIO_ATTACHMENT_MISMATCH).path(path)
                    .message(w[0] + " of '" + path + "' disagrees with the signed manifest").expected(w[1]).actual(w[2])
                    .build());
        }
    }

    private void compareText(PdfValue.Dict item, String key, Optional<String> expected, boolean caseless,
            List<String[]> wrong) throws IOException, PdfSyntaxException {
        PdfValue v = view.resolve(item.get(key));
        Optional<String> found = PdfText.text(v);
        boolean same = caseless
                ? expected.map(x -> x.toLowerCase(Locale.ROOT)).equals(found.map(x -> x.toLowerCase(Locale.ROOT)))
                : expected.equals(found);
        if (!same || (found.isEmpty() && v != PdfValue.Null.INSTANCE)) {
            wrong.add(new String[] {"/CI /" + key, expected.orElse("absent"), found.orElse(
                    v == PdfValue.Null.INSTANCE ? "absent" : v.toString())});
        }
    }
}
