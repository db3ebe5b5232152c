package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.capture.CaptureCheckResult;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.bag.Bag;
import dev.palimpsest.core.internal.bag.BagChecker;
import dev.palimpsest.core.internal.bag.BagEntry;
import dev.palimpsest.core.internal.bag.BagOptions;
import dev.palimpsest.core.internal.bag.BagPaths;
import dev.palimpsest.core.internal.bag.BagVerification;
import dev.palimpsest.core.internal.bag.Manifest;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.manifest.ManifestException;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.verify.ArchiveFormat;
import dev.palimpsest.core.verify.EntryResult;
import dev.palimpsest.core.verify.EntryStatus;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Verifies a Palimpsest bundle into a {@code palimpsest-bundle} report: everything the BagIt
 * verifier checks; the signature(s) over {@code provenance/archive.json} and the signers' trust;
 * that the signed manifest and the BagIt manifests list the same files with the same digests, and
 * that every file has the size and digests the signed manifest records (algorithms no BagIt
 * manifest has are computed in the same read); and the capture check of every file that has a
 * capture record.
 */
public final class BundleVerification {
    private static final Set<String> PINNED = Set.of(TagFiles.ARCHIVE_JSON, TagFiles.ARCHIVE_SIGNATURE);

    private final Path input;
    private final BagOptions options;
    private final TrustPolicy policy;
    private final ManifestCodec codec;
    private final VerificationReport.Builder report;
    /** Signatures and their problems, found while the bag is read, reported after the BagIt problems. */
    private final VerificationReport.Builder signatureReport;
    private final boolean keepBag;
    private ArchiveManifest manifest;
    private String manifestProblem;
    private boolean manifestBytesRead;
    private Bag bag;

    private BundleVerification(Path input, BagOptions options, TrustPolicy policy, ManifestCodec codec,
            boolean keepBag) {
        this.input = input;
        this.keepBag = keepBag;
        this.signatureReport = VerificationReport.builder(ArchiveFormat.PALIMPSEST_BUNDLE, input.toString());
        this.options = options;
        this.policy = policy;
        this.codec = codec;
        this.report = VerificationReport.builder(ArchiveFormat.PALIMPSEST_BUNDLE, input.toString());
    }

    /**
     * The report on the bundle at {@code input}.
     *
     * @throws java.nio.file.NoSuchFileException if {@code input} does not exist
     * @throws java.io.InterruptedIOException if interrupted while hashing
     */
    public static VerificationReport verify(Path input, BagOptions options, TrustPolicy policy, ManifestCodec codec)
            throws IOException {
        return new BundleVerification(input, options, policy, codec, false).run();
    }

    /**
     * The outcome of a verification with what was read: the bag (with the exact bytes of its tag
     * files and of the pinned manifest and signature) and the parsed manifest, for an operation
     * that goes on to change the bundle, such as adding a signature.
     *
     * @param report the report
     * @param bag the bag as read; null when the input could not be read as a bag
     * @param manifest the signed manifest as parsed; null when missing or invalid
     */
    public record Verified(VerificationReport report, Bag bag, ArchiveManifest manifest) {
    }

    /** Verifies like {@link #verify} and keeps what was read. */
    public static Verified verifyKeeping(Path input, BagOptions options, TrustPolicy policy, ManifestCodec codec)
            throws IOException {
        BundleVerification verification = new BundleVerification(input, options, policy, codec, true);
        VerificationReport report = verification.run();
        return new Verified(report, verification.bag, verification.manifest);
    }

    private VerificationReport run() throws IOException {
        Optional<BagOutcome> outcome = checkBag();
        if (outcome.isPresent()) {
            entries(outcome.get());
        }
        return report.sortEntries().build();
    }

    /**
     * What the entries are built from once the bag itself is no longer needed: large bags hold
     * a million manifest lines and every tag file's bytes, which can then be released.
     *
     * @param digests the digests computed, by path
     * @param payloadFiles the payload files found, by path
     * @param bagEntries the entries of the BagIt checks, by path; consumed while building the report
     * @param ignoredSystemFiles unlisted operating-system files, which the BagIt checks ignored
     * @param unsignedExpected the BagIt manifests' digests of paths the signed manifest does not list
     */
    private record BagOutcome(Map<String, Map<DigestAlgorithm, DigestValue>> digests, Map<String, BagEntry> payloadFiles,
            Map<String, EntryResult> bagEntries, Set<String> ignoredSystemFiles,
            Map<String, List<DigestValue>> unsignedExpected) {
    }

    /** Runs the BagIt checks, the signature check and the manifest agreement; empty when the input is not a bag. */
    private Optional<BagOutcome> checkBag() throws IOException {
        // The BagIt checks go to a report of their own, whose entries are then merged with the signed manifest's.
        VerificationReport.Builder bagReport = VerificationReport.builder(ArchiveFormat.PALIMPSEST_BUNDLE,
                input.toString());
        // The entries are rebuilt with the signed manifest's digests: the BagIt entries need only their status.
        Optional<BagChecker.Result> checked = BagVerification.verifyInto(input, options, bagReport, PINNED,
                this::readManifest, false);
        VerificationReport bagit = bagReport.build();
        bagit.problems().forEach(report::problem);
        if (checked.isEmpty()) {
            return Optional.empty();
        }
        Bag read = checked.get().bag();
        if (manifestProblem != null) {
            report.problem(manifest == null && read.entry(TagFiles.ARCHIVE_JSON).isEmpty()
                    ? ProblemCode.ARCHIVE_MANIFEST_MISSING : ProblemCode.ARCHIVE_MANIFEST_INVALID,
                    TagFiles.ARCHIVE_JSON, manifestProblem);
        }
        if (read.entry(TagFiles.ARCHIVE_SIGNATURE).isEmpty() && manifestBytesRead) {
            report.problem(ProblemCode.SIGNATURE_MISSING, TagFiles.ARCHIVE_SIGNATURE, "the bundle is not signed:"
                    + " there is no " + TagFiles.ARCHIVE_SIGNATURE + ", so nothing shows who assembled it, and"
                    + " anyone could have rewritten it together with its manifests");
        }
        VerificationReport signatures = signatureReport.build();
        signatures.signatures().forEach(report::signature);
        signatures.problems().forEach(report::problem);
        if (manifest != null) {
            checkManifestsAgree(read);
        }
        Map<String, BagEntry> payloadFiles = new HashMap<>();
        for (BagEntry e : read.entries().values()) {
            if (e.isFile() && e.inPayload()) {
                payloadFiles.put(e.path(), e);
            }
        }
        Map<String, EntryResult> bagEntries = new HashMap<>();
        bagit.entries().forEach(e -> bagEntries.put(e.path(), e));
        Set<String> ignoredSystemFiles = bagit.problems(ProblemCode.SYSTEM_FILE).stream()
                .filter(p -> p.path().isPresent() && bagEntries.containsKey(p.path().get())
                        && bagEntries.get(p.path().get()).status() == EntryStatus.EXTRA)
                .map(p -> p.path().get()).collect(Collectors.toSet());
        Map<String, List<DigestValue>> unsignedExpected = new HashMap<>();
        if (manifest != null) {
            for (Manifest m : read.payloadManifests()) {
                for (dev.palimpsest.core.internal.bag.ManifestEntry line : m.entries()) {
                    if (line.digest() != null && manifest.entry(line.path().substring("data/".length())).isEmpty()) {
                        unsignedExpected.computeIfAbsent(line.path(), k -> new ArrayList<>()).add(line.digest());
                    }
                }
            }
        }
        if (keepBag) {
            bag = read;
        }
        return Optional.of(new BagOutcome(checked.get().digests(), payloadFiles, bagEntries, ignoredSystemFiles,
                unsignedExpected));
    }

    /**
     * Parses the pinned manifest bytes, verifies the signature over them (so that the large
     * manifest is copied out of the bag once), and names the digests to compute with the BagIt
     * manifests' — those the signed manifest records and those its capture checks need.
     */
    private Map<String, Set<DigestAlgorithm>> readManifest(Bag bag) {
        Optional<byte[]> json = bag.tagFileBytes(TagFiles.ARCHIVE_JSON);
        if (json.isEmpty()) {
            manifestProblem = bag.entry(TagFiles.ARCHIVE_JSON).isEmpty()
                    ? "this is not a Palimpsest bundle: it has no " + TagFiles.ARCHIVE_JSON
                    : TagFiles.ARCHIVE_JSON + " could not be read (see the other problems)";
            return Map.of();
        }
        manifestBytesRead = true;
        Optional<byte[]> signature = bag.tagFileBytes(TagFiles.ARCHIVE_SIGNATURE);
        if (signature.isPresent()) {
            SignatureChecks.verify(signature.get(), json.get(), policy, signatureReport);
        }
        try {
            manifest = codec.read(json.get());
        } catch (ManifestException e) {
            manifestProblem = TagFiles.ARCHIVE_JSON + " is not a valid archive manifest: " + e.getMessage();
            return Map.of();
        }
        Map<String, Set<DigestAlgorithm>> extra = new HashMap<>();
        Map<Set<DigestAlgorithm>, Set<DigestAlgorithm>> shared = new HashMap<>();
        for (ManifestEntry entry : manifest.entries()) {
            Set<DigestAlgorithm> algorithms = EnumSet.copyOf(entry.digests().keySet());
            entry.capture().flatMap(CaptureChecks::algorithm).ifPresent(algorithms::add);
            String path = "data/" + entry.path();
            // keyed by the listing's own string, and with one set per combination, for large bundles
            extra.put(bag.entry(path).map(BagEntry::path).orElse(path), shared.computeIfAbsent(algorithms, a -> a));
        }
        return extra;
    }

    /**
     * The signed manifest and every supported BagIt payload manifest list the same paths with the
     * same digests (for the algorithms both have).
     */
    private void checkManifestsAgree(Bag bag) {
        Map<String, List<String>> missingFrom = new TreeMap<>();
        Map<String, List<String>> onlyIn = new TreeMap<>();
        for (Manifest m : bag.payloadManifests()) {
            if (m.algorithm().isEmpty()) {
                continue;
            }
            DigestAlgorithm algorithm = m.algorithm().get();
            Set<String> listed = new HashSet<>(m.entries().size() * 4 / 3 + 1);
            for (dev.palimpsest.core.internal.bag.ManifestEntry line : m.entries()) {
                if (!listed.add(line.path())) {
                    continue; // a duplicate line, reported by the BagIt checks
                }
                Optional<ManifestEntry> signed = line.path().startsWith("data/")
                        ? manifest.entry(line.path().substring("data/".length())) : Optional.empty();
                if (signed.isEmpty()) {
                    onlyIn.computeIfAbsent(line.path(), k -> new ArrayList<>()).add(m.file());
                    continue;
                }
                Optional<DigestValue> recorded = signed.get().digest(algorithm);
                if (recorded.isPresent() && line.digest() != null && !recorded.get().equals(line.digest())) {
                    report.problem(Problem.builder(ProblemCode.ARCHIVE_MANIFEST_MISMATCH).path(line.path())
                            .message(BagPaths.printable(line.path()) + ": the " + algorithm.label() + " digest in "
                                    + m.file() + " line " + line.line() + " is not the one the signed "
                                    + TagFiles.ARCHIVE_JSON + " records")
                            .expected(recorded.get().hex()).actual(line.digest().hex()).build());
                }
            }
            for (ManifestEntry e : manifest.entries()) {
                String path = "data/" + e.path();
                if (!listed.contains(path)) {
                    missingFrom.computeIfAbsent(path, k -> new ArrayList<>()).add(m.file());
                }
            }
        }
        missingFrom.forEach((path, files) -> report.problem(ProblemCode.ARCHIVE_MANIFEST_MISMATCH, path,
                BagPaths.printable(path) + " is in the signed " + TagFiles.ARCHIVE_JSON + " but not in "
                        + String.join(", ", files)));
        onlyIn.forEach((path, files) -> report.problem(ProblemCode.ARCHIVE_MANIFEST_MISMATCH, path,
                BagPaths.printable(path) + " is in " + String.join(", ", files) + " but not in the signed "
                        + TagFiles.ARCHIVE_JSON));
    }

    private Map<String, ManifestEntry> signedByBagPath() {
        Map<String, ManifestEntry> signed = new TreeMap<>();
        for (ManifestEntry e : manifest.entries()) {
            signed.put("data/" + e.path(), e);
        }
        return signed;
    }

    /**
     * One entry per payload file and per signed entry: the BagIt status, made worse when the file
     * differs from the signed manifest, with the signed digests as expected values, the capture
     * record and the capture check.
     */
    private void entries(BagOutcome bagit) {
        Map<String, EntryResult> fromBag = bagit.bagEntries();
        Map<String, ManifestEntry> signed = manifest == null ? Map.of() : signedByBagPath();
        Set<String> paths = new TreeSet<>(fromBag.keySet());
        paths.addAll(signed.keySet());
        for (String path : paths) {
            EntryResult fromBagit = fromBag.remove(path);
            ManifestEntry recorded = signed.get(path);
            Optional<BagEntry> file = Optional.ofNullable(bagit.payloadFiles().get(path));
            Map<DigestAlgorithm, DigestValue> actual = bagit.digests().get(path);
            EntryStatus status = fromBagit != null ? fromBagit.status() : file.isPresent() ? EntryStatus.OK
                    : EntryStatus.MISSING;
            if (manifest == null) {
                EntryResult.Builder plain = EntryResult.builder(path, status);
                if (actual != null) {
                    actual.values().forEach(plain::actual);
                }
                report.entry(plain.build());
                continue;
            }
            if (recorded == null) {
                if (file.isPresent() && !bagit.ignoredSystemFiles().contains(path)) {
                    status = EntryStatus.EXTRA;
                }
            } else if (file.isEmpty()) {
                if (fromBagit == null || fromBagit.status() != EntryStatus.MISSING) {
                    report.problem(ProblemCode.FILE_MISSING, path, BagPaths.printable(path) + " is listed in the signed "
                            + TagFiles.ARCHIVE_JSON + " but is missing");
                }
                status = EntryStatus.MISSING;
            } else if (differs(path, recorded, file.get(), actual, status == EntryStatus.MODIFIED)) {
                status = EntryStatus.MODIFIED;
            }
            EntryResult.Builder entry = EntryResult.builder(path, status);
            if (recorded != null) {
                recorded.digests().values().forEach(entry::expected);
            } else {
                bagit.unsignedExpected().getOrDefault(path, List.of()).forEach(entry::expected);
            }
            if (actual != null) {
                actual.values().forEach(entry::actual);
            }
            if (recorded != null && recorded.capture().isPresent()) {
                entry.capture(recorded.capture().get());
                Optional<CaptureCheckResult> check = file.isPresent()
                        ? CaptureChecks.check(recorded.capture().get(), actual) : Optional.empty();
                if (check.isPresent()) {
                    entry.captureCheck(check.get().outcome());
                    if (check.get().outcome() == CaptureCheck.MISMATCH) {
                        report.problem(ProblemCode.CAPTURE_MISMATCH, path, BagPaths.printable(path) + ": "
                                + check.get().explanation());
                    }
                }
            }
            report.entry(entry.build());
        }
    }

    /**
     * Whether the file differs from what the signed manifest records (size, or a digest computed
     * here), reporting it as {@code FILE_MODIFIED} unless the BagIt checks already found the file
     * modified.
     */
    private boolean differs(String path, ManifestEntry recorded, BagEntry file, Map<DigestAlgorithm, DigestValue> actual,
            boolean alreadyReported) {
        boolean differs = false;
        if (file.size() != recorded.size()) {
            differs = true;
            if (!alreadyReported) {
                report.problem(Problem.builder(ProblemCode.FILE_MODIFIED).path(path)
                        .message(BagPaths.printable(path) + " is " + file.size() + " bytes; the signed "
                                + TagFiles.ARCHIVE_JSON + " records " + recorded.size())
                        .expected(Long.toString(recorded.size())).actual(Long.toString(file.size())).build());
                alreadyReported = true;
            }
        }
        if (actual == null) {
            return differs;
        }
        for (DigestValue expected : recorded.digests().values()) {
            DigestValue found = actual.get(expected.algorithm());
            if (found != null && !found.equals(expected)) {
                differs = true;
                if (!alreadyReported) {
                    report.problem(Problem.builder(ProblemCode.FILE_MODIFIED).path(path)
                            .message(BagPaths.printable(path) + " does not match its " + expected.algorithm().label()
                                    + " digest in the signed " + TagFiles.ARCHIVE_JSON)
                            .expected(expected.hex()).actual(found.hex()).build());
                }
            }
        }
        return differs;
    }
}
