package dev.palimpsest.core.internal.bag;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.verify.EntryResult;
import dev.palimpsest.core.verify.EntryStatus;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Severity;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Verifies a {@link Bag} into a report builder: completeness (every listed file present, every
 * payload file listed in every payload manifest), fixity for every algorithm of every manifest
 * and tag manifest — each file read once for all of them, several files at a time — and
 * Payload-Oxum. Every problem is reported; nothing stops the check early.
 */
public final class BagChecker {
    private static final Pattern OXUM = Pattern.compile("([0-9]{1,18})\\.([0-9]{1,18})");

    private final Bag bag;
    private final BagOptions options;
    private final VerificationReport.Builder report;
    private final Map<String, List<String>> byNfc = new HashMap<>();
    /** Expected digests by the path of the file found, from payload and tag manifests. */
    private final Map<String, List<Expectation>> expectations = new TreeMap<>();
    private final Map<String, BagEntry> missingSystemFiles = new TreeMap<>();
    private final Map<String, BagEntry> ignoredSystemFiles = new TreeMap<>();
    private final Map<String, Map<DigestAlgorithm, DigestValue>> computed = new TreeMap<>();
    /** Digests a caller wants beyond those the manifests list, by path (see {@link #check(Bag, BagOptions, VerificationReport.Builder, Map)}). */
    private final Map<String, Set<DigestAlgorithm>> extraDigests;
    /** Whether entries carry their expected and actual digests (a caller building its own entries may not need them). */
    private final boolean entryDigests;

    /** A manifest line and the manifest it is in. */
    private record Expectation(Manifest manifest, ManifestEntry entry) {
        DigestValue digest() {
            return entry.digest();
        }

        String where() {
            return manifest.file() + " line " + entry.line();
        }
    }

    /** The digests computed by a verification, by path, for verifiers that build on a bag. */
    public record Result(Bag bag, Map<String, Map<DigestAlgorithm, DigestValue>> digests) {
    }

    private BagChecker(Bag bag, BagOptions options, VerificationReport.Builder report,
            Map<String, Set<DigestAlgorithm>> extraDigests, boolean entryDigests) {
        this.bag = bag;
        this.options = options;
        this.report = report;
        this.extraDigests = extraDigests;
        this.entryDigests = entryDigests;
    }

    /**
     * Checks {@code bag}, adding problems and one entry per payload file to {@code report}.
     *
     * @return the digests computed, by path (files whose digests could not be computed are absent)
     * @throws InterruptedIOException if the thread is interrupted while files are hashed
     */
    public static Result check(Bag bag, BagOptions options, VerificationReport.Builder report)
            throws InterruptedIOException {
        return check(bag, options, report, Map.of(), true);
    }

    /**
     * Checks {@code bag} like {@link #check(Bag, BagOptions, VerificationReport.Builder)} and also
     * computes, in the same read of each file, the {@code extraDigests} a verifier built on BagIt
     * needs (e.g. the algorithms of a signed manifest that no BagIt manifest uses). Paths that are
     * not files of the bag are ignored; a file listed in no manifest is read only for its extras.
     *
     * @param entryDigests whether the report's entries carry their expected and actual digests; a
     *     caller that builds its own entries from the result saves the memory when it does not
     * @return the digests computed, manifest and extra algorithms together, by path
     * @throws InterruptedIOException if the thread is interrupted while files are hashed
     */
    public static Result check(Bag bag, BagOptions options, VerificationReport.Builder report,
            Map<String, Set<DigestAlgorithm>> extraDigests, boolean entryDigests) throws InterruptedIOException {
        return new BagChecker(bag, options, report, Collections.unmodifiableMap(extraDigests), entryDigests).check();
    }

    private Result check() throws InterruptedIOException {
        List<BagEntry> payload = bag.entries().values().stream().filter(e -> e.isFile() && e.inPayload())
                .collect(Collectors.toList());
        checkPayloadDirectory();
        checkPayloadCollisions(payload);
        Map<Manifest, Set<String>> listed = resolvePayloadManifests();
        checkCompleteness(payload, listed);
        resolveTagManifests();
        hashAndCompare();
        checkPayloadOxum(payload);
        checkAlgorithms();
        return new Result(bag, Collections.unmodifiableMap(computed));
    }

    private void checkPayloadDirectory() {
        Optional<BagEntry> data = bag.entry("data");
        if (data.isEmpty()) {
            report.problem(ProblemCode.PAYLOAD_DIRECTORY_MISSING, "data",
                    "the payload directory data/ is missing; every bag has one, even when it is empty");
        } else if (data.get().kind() == BagEntry.Kind.FILE || data.get().kind() == BagEntry.Kind.OTHER) {
            report.problem(ProblemCode.PAYLOAD_DIRECTORY_MISSING, "data", "data is not a directory");
        }
    }

    private void checkPayloadCollisions(List<BagEntry> payload) {
        Map<String, String> seen = new HashMap<>();
        for (BagEntry e : payload) {
            String earlier = seen.putIfAbsent(BagPaths.collisionKey(e.path()), e.path());
            if (earlier != null) {
                report.problem(ProblemCode.PATH_COLLISION, e.path(), "the payload holds both '"
                        + BagPaths.printable(earlier) + "' and '" + BagPaths.printable(e.path())
                        + "': " + BagPaths.collisionKind(earlier, e.path())
                        + ", so a copy on macOS or Windows keeps only one of them");
            }
        }
    }

    /** The file a manifest or fetch path names: exactly, or else the one file whose name has the same NFC form. */
    private BagEntry resolve(String path, String where) {
        BagEntry exact = bag.entries().get(path);
        if (exact != null) {
            return exact;
        }
        if (byNfc.isEmpty()) {
            // Built on the first path that is not found exactly: most bags never need it.
            for (BagEntry e : bag.entries().values()) {
                if (e.isFile()) {
                    byNfc.computeIfAbsent(BagPaths.nfc(e.path()), k -> new ArrayList<>(1)).add(e.path());
                }
            }
        }
        List<String> same = byNfc.get(BagPaths.nfc(path));
        if (same != null && same.size() == 1) {
            String found = same.get(0);
            report.problem(Problem.builder(ProblemCode.PATH_NORMALISED).path(found)
                    .message(where + " writes '" + BagPaths.printable(path) + "' in a different Unicode normalisation"
                            + " form than the file's name; matched to the file")
                    .expected(BagPaths.printable(path)).actual(BagPaths.printable(found)).build());
            return bag.entries().get(found);
        }
        return null;
    }

    // --- payload manifests ----------------------------------------------------------------------

    private Map<Manifest, Set<String>> resolvePayloadManifests() {
        Map<String, FetchItem> fetch = new HashMap<>();
        for (FetchItem item : bag.fetchItems()) {
            fetch.putIfAbsent(item.path(), item);
        }
        Map<String, List<Expectation>> missing = new TreeMap<>();
        Map<Manifest, Set<String>> listed = new HashMap<>();
        for (Manifest m : bag.payloadManifests()) {
            Set<String> found = new HashSet<>();
            List<ManifestEntry> unresolved = new ArrayList<>();
            List<ManifestEntry> resolved = new ArrayList<>();
            for (ManifestEntry e : m.entries()) {
                BagEntry file = resolve(e.path(), m.file() + " line " + e.line());
                if (file == null) {
                    unresolved.add(e);
                } else if (file.kind() == BagEntry.Kind.DIRECTORY) {
                    report.problem(ProblemCode.FILE_NOT_REGULAR, file.path(), m.file() + " line " + e.line()
                            + " lists " + BagPaths.printable(file.path()) + ", which is a directory, not a file");
                } else if (file.isFile()) {
                    found.add(file.path());
                    resolved.add(e);
                    if (e.digest() != null) {
                        expectations.computeIfAbsent(file.path(), k -> new ArrayList<>()).add(new Expectation(m, e));
                    }
                }
                // links and special files were reported when the bag was listed; they are never read
            }
            // Only needed to excuse a missing name whose twin is present; built only when a name is missing.
            Map<String, List<ManifestEntry>> foundByKey = new HashMap<>();
            if (!unresolved.isEmpty()) {
                for (ManifestEntry e : resolved) {
                    foundByKey.computeIfAbsent(BagPaths.collisionKey(e.path()), k -> new ArrayList<>()).add(e);
                }
            }
            for (ManifestEntry e : unresolved) {
                // Two names that one file system keeps apart and another merges (case, Unicode form):
                // when the one present has the digest listed for both, both lines are satisfied.
                List<ManifestEntry> partners = foundByKey.getOrDefault(BagPaths.collisionKey(e.path()), List.of());
                if (partners.stream().anyMatch(p -> p.sameDigest(e))) {
                    continue;
                }
                missing.computeIfAbsent(e.path(), k -> new ArrayList<>()).add(new Expectation(m, e));
            }
            listed.put(m, found);
        }
        for (Map.Entry<String, List<Expectation>> miss : missing.entrySet()) {
            String path = miss.getKey();
            List<Expectation> lines = miss.getValue();
            String where = lines.stream().map(Expectation::where).collect(Collectors.joining(", "));
            FetchItem item = fetch.get(path);
            if (item != null) {
                report.problem(ProblemCode.FETCH_ITEM_NOT_PRESENT, path, BagPaths.printable(path)
                        + " is listed in fetch.txt line " + item.line() + " (" + item.url() + ") and in " + where
                        + ", but has not been fetched: the bag is incomplete");
            } else if (BagPaths.isSystemFile(path)) {
                missingSystemFiles.put(path, null);
                report.problem(ProblemCode.SYSTEM_FILE_MISSING, path, BagPaths.printable(path)
                        + " is listed in " + where + " but is missing; it is operating-system metadata, which copying"
                        + " tools routinely drop, not content");
                continue;
            } else {
                report.problem(ProblemCode.FILE_MISSING, path, BagPaths.printable(path) + " is listed in " + where
                        + " but is missing");
            }
            EntryResult.Builder entry = EntryResult.builder(path, EntryStatus.MISSING);
            if (entryDigests) {
                lines.stream().filter(x -> x.digest() != null).forEach(x -> entry.expected(x.digest()));
            }
            report.entry(entry.build());
        }
        return listed;
    }

    private void checkCompleteness(List<BagEntry> payload, Map<Manifest, Set<String>> listed) {
        List<Manifest> manifests = bag.payloadManifests();
        if (manifests.isEmpty()) {
            if (bag.payloadManifestFiles() == 0) {
                report.problem(ProblemCode.MANIFEST_MISSING, null,
                        "the bag has no payload manifest (manifest-<algorithm>.txt)");
            }
            for (BagEntry e : payload) {
                report.entry(EntryResult.builder(e.path(), EntryStatus.EXTRA).build());
            }
            return;
        }
        for (BagEntry e : payload) {
            List<Manifest> without = manifests.stream().filter(m -> !listed.get(m).contains(e.path()))
                    .collect(Collectors.toList());
            boolean system = BagPaths.isSystemFile(e.path());
            if (without.size() == manifests.size()) {
                report.entry(EntryResult.builder(e.path(), EntryStatus.EXTRA).build());
                if (system) {
                    ignoredSystemFiles.put(e.path(), e);
                    report.problem(ProblemCode.SYSTEM_FILE, e.path(), BagPaths.printable(e.path())
                            + " is operating-system metadata, not content, and no manifest lists it; it is ignored");
                } else {
                    report.problem(ProblemCode.FILE_NOT_IN_MANIFEST, e.path(), BagPaths.printable(e.path())
                            + " is in the payload but not listed in any payload manifest");
                }
                continue;
            }
            if (system) {
                report.problem(ProblemCode.SYSTEM_FILE, e.path(), BagPaths.printable(e.path())
                        + " is operating-system metadata rather than content");
            }
            for (Manifest m : without) {
                report.problem(ProblemCode.FILE_NOT_IN_MANIFEST, e.path(), BagPaths.printable(e.path())
                        + " is in the payload but not listed in " + m.file());
            }
        }
        for (FetchItem item : bag.fetchItems()) {
            for (Manifest m : manifests) {
                if (m.entries().stream().noneMatch(x -> x.path().equals(item.path()))) {
                    report.problem(ProblemCode.FILE_NOT_IN_MANIFEST, item.path(), BagPaths.printable(item.path())
                            + " is listed in fetch.txt line " + item.line() + " but not in " + m.file());
                }
            }
        }
    }

    // --- tag manifests --------------------------------------------------------------------------

    private void resolveTagManifests() {
        Set<String> reported = new HashSet<>();
        for (Manifest m : bag.tagManifests()) {
            for (ManifestEntry e : m.entries()) {
                String where = m.file() + " line " + e.line();
                BagEntry file = resolve(e.path(), where);
                if (file == null) {
                    if (reported.add(e.path())) {
                        report.problem(e.path().startsWith("data/") ? ProblemCode.FILE_MISSING
                                : ProblemCode.TAG_FILE_MISSING, e.path(), BagPaths.printable(e.path())
                                + " is listed in " + where + " but is missing");
                    }
                } else if (file.kind() == BagEntry.Kind.DIRECTORY) {
                    report.problem(ProblemCode.FILE_NOT_REGULAR, file.path(), where + " lists "
                            + BagPaths.printable(file.path()) + ", which is a directory, not a file");
                } else if (file.isFile() && e.digest() != null) {
                    expectations.computeIfAbsent(file.path(), k -> new ArrayList<>()).add(new Expectation(m, e));
                }
            }
        }
    }

    // --- fixity -------------------------------------------------------------------------------

    /** A file to hash and the algorithms it is listed with. */
    private record Job(BagEntry entry, Set<DigestAlgorithm> algorithms) {
    }

    /** The digests of one file, or why they could not be computed. */
    private record Outcome(Map<DigestAlgorithm, DigestValue> digests, ProblemCode code, String message) {
    }

    private void hashAndCompare() throws InterruptedIOException {
        Map<String, Set<DigestAlgorithm>> wanted = new TreeMap<>();
        for (Map.Entry<String, List<Expectation>> e : expectations.entrySet()) {
            Set<DigestAlgorithm> algorithms = wanted.computeIfAbsent(e.getKey(), k -> EnumSet.noneOf(DigestAlgorithm.class));
            e.getValue().forEach(x -> algorithms.add(x.digest().algorithm()));
        }
        for (Map.Entry<String, Set<DigestAlgorithm>> e : extraDigests.entrySet()) {
            BagEntry entry = bag.entries().get(e.getKey());
            if (entry != null && entry.isFile() && !e.getValue().isEmpty()) {
                wanted.computeIfAbsent(e.getKey(), k -> EnumSet.noneOf(DigestAlgorithm.class)).addAll(e.getValue());
            }
        }
        List<Job> jobs = new ArrayList<>();
        for (Map.Entry<String, Set<DigestAlgorithm>> e : wanted.entrySet()) {
            String path = e.getKey();
            Set<DigestAlgorithm> algorithms = e.getValue();
            byte[] cached = bag.cachedBytes(path);
            Map<DigestAlgorithm, DigestValue> precomputed = bag.precomputedDigests(path);
            if (cached != null) {
                computed.put(path, Digests.of(cached, algorithms));
            } else if (!precomputed.isEmpty() && precomputed.keySet().containsAll(algorithms)) {
                computed.put(path, precomputed);
            } else if (!bag.wasRead(path) || !precomputed.isEmpty()) {
                jobs.add(new Job(bag.entries().get(path), algorithms));
            }
            // a tag file the reader could not read (too large, unreadable) was reported then, and is not hashed
        }
        Outcome[] outcomes = hashAll(jobs);
        for (int i = 0; i < jobs.size(); i++) {
            Outcome o = outcomes[i];
            String path = jobs.get(i).entry().path();
            if (o.digests() != null) {
                computed.put(path, o.digests());
            } else {
                reportOnce(o.code(), path, o.message());
            }
        }
        for (Map.Entry<String, List<Expectation>> e : expectations.entrySet()) {
            String path = e.getKey();
            Map<DigestAlgorithm, DigestValue> actual = computed.get(path);
            if (actual == null) {
                continue;
            }
            boolean intact = true;
            for (Expectation x : e.getValue()) {
                DigestValue found = actual.get(x.digest().algorithm());
                if (!x.digest().equals(found)) {
                    intact = false;
                    boolean tagFile = x.manifest().isTag() && !path.startsWith("data/");
                    report.problem(Problem.builder(tagFile ? ProblemCode.TAG_FILE_MODIFIED : ProblemCode.FILE_MODIFIED)
                            .path(path)
                            .message(BagPaths.printable(path) + " does not match its " + x.digest().algorithm().label()
                                    + " digest in " + x.where())
                            .expected(x.digest().hex()).actual(Objects.requireNonNull(found).hex()).build());
                }
            }
            List<Expectation> fromPayloadManifests = e.getValue().stream().filter(x -> !x.manifest().isTag())
                    .collect(Collectors.toList());
            if (!fromPayloadManifests.isEmpty()) {
                boolean payloadIntact = fromPayloadManifests.stream()
                        .allMatch(x -> x.digest().equals(actual.get(x.digest().algorithm())));
                EntryResult.Builder entry = EntryResult.builder(path, payloadIntact && intact ? EntryStatus.OK
                        : EntryStatus.MODIFIED);
                Set<DigestAlgorithm> seen = EnumSet.noneOf(DigestAlgorithm.class);
                for (Expectation x : fromPayloadManifests) {
                    if (entryDigests && seen.add(x.digest().algorithm())) {
                        entry.expected(x.digest());
                        entry.actual(actual.get(x.digest().algorithm()));
                    }
                }
                report.entry(entry.build());
            }
        }
    }

    private void reportOnce(ProblemCode code, String path, String message) {
        boolean known = report.problems().stream().anyMatch(p -> p.code() == code
                && p.path().equals(Optional.of(path)) && p.message().equals(message));
        if (!known) {
            report.problem(code, path, message);
        }
    }

    private Outcome[] hashAll(List<Job> jobs) throws InterruptedIOException {
        Outcome[] outcomes = new Outcome[jobs.size()];
        if (jobs.isEmpty()) {
            return outcomes;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean();
        Runnable worker = () -> {
            // One buffer per worker: a bag of many small files would otherwise allocate gigabytes.
            byte[] buffer = Digests.newBuffer();
            for (int i = next.getAndIncrement(); i < jobs.size() && !cancelled.get(); i = next.getAndIncrement()) {
                outcomes[i] = hash(jobs.get(i), buffer);
            }
        };
        int workers = Math.min(options.parallelism(), jobs.size());
        if (workers == 1 && options.executor() == null) {
            worker.run();
            return outcomes;
        }
        ExecutorService own = options.executor() == null ? Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "palimpsest-bag-hash");
            t.setDaemon(true);
            return t;
        }) : null;
        Executor executor = own != null ? own : options.executor();
        try {
            CompletableFuture<?>[] running = new CompletableFuture<?>[workers];
            for (int w = 0; w < workers; w++) {
                running[w] = CompletableFuture.runAsync(worker, executor);
            }
            CompletableFuture.allOf(running).get();
            return outcomes;
        } catch (InterruptedException e) {
            cancelled.set(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the bag's files");
        } catch (ExecutionException e) {
            cancelled.set(true);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } finally {
            if (own != null) {
                own.shutdownNow();
            }
        }
    }

    private Outcome hash(Job job, byte[] buffer) {
        String path = job.entry().path();
        try (InputStream in = bag.source().open(job.entry())) {
            return new Outcome(Digests.of(in, job.algorithms(), buffer), null, null);
        } catch (BagProblemException e) {
            return new Outcome(null, e.code(), e.getMessage());
        } catch (IOException e) {
            return new Outcome(null, ProblemCode.FILE_UNREADABLE, BagPaths.printable(path) + " could not be read: " + e);
        }
    }

    // --- Payload-Oxum and algorithms ------------------------------------------------------------

    private void checkPayloadOxum(List<BagEntry> payload) {
        if (bag.metadata().isEmpty()) {
            if (!bag.entries().containsKey("bag-info.txt") && !bag.entries().containsKey("package-info.txt")) {
                report.problem(ProblemCode.PAYLOAD_OXUM_MISSING, null,
                        "the bag has no bag-info.txt, so no Payload-Oxum to check the payload's size against");
            }
            return;
        }
        TagMetadata metadata = bag.metadata().get();
        List<String> values = metadata.values("Payload-Oxum");
        if (values.isEmpty()) {
            report.problem(ProblemCode.PAYLOAD_OXUM_MISSING, metadata.file(), metadata.file()
                    + " has no Payload-Oxum to check the payload's size against");
            return;
        }
        if (new LinkedHashSet<>(values).size() > 1) {
            report.problem(ProblemCode.PAYLOAD_OXUM_MALFORMED, metadata.file(), metadata.file()
                    + " gives Payload-Oxum " + values.size() + " times, with different values: " + values);
            return;
        }
        Matcher m = OXUM.matcher(values.get(0));
        if (!m.matches()) {
            report.problem(Problem.builder(ProblemCode.PAYLOAD_OXUM_MALFORMED).path(metadata.file())
                    .message(metadata.file() + ": Payload-Oxum '" + BagPaths.printable(values.get(0))
                            + "' is not <octets>.<file count>")
                    .actual(BagPaths.printable(values.get(0))).build());
            return;
        }
        long declaredBytes = Long.parseLong(m.group(1));
        long declaredFiles = Long.parseLong(m.group(2));
        long bytes = payload.stream().mapToLong(BagEntry::size).sum();
        long files = payload.size();
        if (bytes == declaredBytes && files == declaredFiles) {
            return;
        }
        // Operating-system metadata that appeared or vanished after bagging explains a difference.
        long ignoredBytes = ignoredSystemFiles.values().stream().mapToLong(BagEntry::size).sum();
        long adjustedFiles = files - ignoredSystemFiles.size() + missingSystemFiles.size();
        long adjustedBytes = bytes - ignoredBytes;
        boolean explained = (!ignoredSystemFiles.isEmpty() || !missingSystemFiles.isEmpty())
                && adjustedFiles == declaredFiles
                && (missingSystemFiles.isEmpty() ? adjustedBytes == declaredBytes : adjustedBytes <= declaredBytes);
        report.problem(Problem.builder(ProblemCode.PAYLOAD_OXUM_MISMATCH)
                .severity(explained ? Severity.WARNING : Severity.ERROR).path(metadata.file())
                .message(metadata.file() + " declares a payload of " + declaredBytes + " bytes in " + declaredFiles
                        + (declaredFiles == 1 ? " file" : " files") + "; the payload has " + bytes + " bytes in " + files
                        + (files == 1 ? " file" : " files")
                        + (explained ? ", a difference due only to operating-system metadata files" : ""))
                .expected(declaredBytes + "." + declaredFiles).actual(bytes + "." + files).build());
    }

    private void checkAlgorithms() {
        List<Manifest> supported = bag.payloadManifests().stream().filter(m -> m.algorithm().isPresent())
                .collect(Collectors.toList());
        if (supported.isEmpty()) {
            if (!bag.payloadManifests().isEmpty()) {
                report.problem(ProblemCode.MANIFEST_MISSING, null, "no payload manifest uses an algorithm Palimpsest"
                        + " supports, so the payload cannot be checked");
            }
            return;
        }
        if (supported.stream().noneMatch(m -> m.algorithm().get().isIntegrityGrade())) {
            String which = supported.stream().map(Manifest::file).collect(Collectors.joining(", "));
            report.problem(ProblemCode.WEAK_ALGORITHM, null, "the payload is protected only by " + which
                    + "; MD5 and SHA-1 no longer resist deliberate tampering, only accidental damage");
        }
    }
}
