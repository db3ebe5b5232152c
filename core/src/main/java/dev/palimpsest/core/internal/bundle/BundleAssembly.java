package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.bundle.BundleContent;
import dev.palimpsest.core.bundle.BundleException;
import dev.palimpsest.core.bundle.BundleException.Reason;
import dev.palimpsest.core.bundle.BundleResult;
import dev.palimpsest.core.capture.CaptureCheckResult;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestSet;
import dev.palimpsest.core.internal.digest.ProgressTracker;
import dev.palimpsest.core.manifest.ArchiveCollection;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.manifest.ManifestException;
import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.SigningException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;

/**
 * Writes a bundle: plan the inputs, copy and hash the payload into a temporary sibling of the
 * target, write and sign the archive manifest, write the BagIt tag files, and move the result
 * into place. On any failure the temporary data is removed and nothing appears at the target.
 */
public final class BundleAssembly {
    private BundleAssembly() {
    }

    /** Writes {@code content} to {@code target}; see {@code BundleWriter#write}. */
    public static BundleResult write(BundleContent content, Path target, WriterSettings settings) throws IOException {
        return write(content, target, settings, false);
    }

    /**
     * Writes like {@link #write(BundleContent, Path, WriterSettings)}; with {@code inputsInTarget}
     * set, single input files may lie inside the target being replaced (adding to a bundle copies
     * its own files: they are read before the new bundle is moved into place).
     */
    public static BundleResult write(BundleContent content, Path target, WriterSettings settings,
            boolean inputsInTarget) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.getFileName() == null) {
            throw new IllegalArgumentException("the target must name a file or folder, not a root: " + target);
        }
        // Before looking at the target: a writer killed while replacing it may have left it aside.
        StaleTemps.clean(absolute);
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !settings.replace()) {
            throw Atomic.exists(target);
        }
        InputPlan plan = InputPlan.of(content, settings.followLinks(), settings.includeHidden());
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        checkOverlap(content, plan, parent.toRealPath().resolve(absolute.getFileName()),
                settings.replace() && !inputsInTarget);

        Instant now = settings.clock().instant();
        List<String> warnings = new ArrayList<>(plan.warnings());
        Path temp = Atomic.temporarySibling(absolute, settings.zip() ? ".zip" : "");
        try {
            ArchiveManifest manifest;
            try (BundleOutput output = settings.zip()
                    ? ZipOutput.create(temp, topFolder(absolute), now, settings.bufferSize(), settings.durable())
                    : FolderOutput.create(temp, settings.parallelism(), settings.bufferSize(), settings.durable())) {
                output.tagFile("bagit.txt", ChunkedBytes.of(TagFiles.BAGIT_TXT));
                manifest = payload(output, plan, content, settings, now, warnings);
                // From here on the manifest holds every path and digest: the plan (sources, paths,
                // digest sets), a good part of the memory for a hundred thousand files, can go.
                plan = null;
                tagFiles(output, manifest, content, settings, now);
                output.finish();
            }
            Atomic.moveIntoPlace(temp, absolute, settings.replace());
            return new BundleResult(target, manifest, settings.signers().size(), warnings);
        } catch (CancellationException | ClosedByInterruptException e) {
            // The engine stops on an interrupt, and file channels close themselves on one.
            Thread.interrupted();
            InterruptedIOException interrupted = new InterruptedIOException("writing " + target + " was interrupted");
            interrupted.initCause(e);
            Atomic.deleteQuietly(temp, interrupted);
            Thread.currentThread().interrupt();
            throw interrupted;
        } catch (IOException | RuntimeException | Error e) {
            Atomic.deleteQuietly(temp, e);
            throw e;
        }
    }

    /** Copies and hashes the payload, and builds the archive manifest from what was copied. */
    private static ArchiveManifest payload(BundleOutput output, InputPlan plan, BundleContent content,
            WriterSettings settings, Instant now, List<String> warnings) throws IOException {
        ProgressTracker progress = new ProgressTracker(settings.listener());
        PayloadCopier copier = new PayloadCopier(settings.digests(), settings.bufferSize(), settings.parallelism());
        List<DigestSet> digests = output.payload(plan.files(), copier, progress);
        return manifest(content, plan.files(), digests, now, warnings);
    }

    /**
     * Writes {@code provenance/archive.json} and its signature, the payload manifests,
     * {@code bag-info.txt} and the tag manifests.
     */
    private static void tagFiles(BundleOutput output, ArchiveManifest manifest, BundleContent content,
            WriterSettings settings, Instant now) throws IOException {
        Map<String, ChunkedBytes> tagFiles = new TreeMap<>();
        ChunkedBytes json = new ChunkedBytes();
        ManifestCodec.standard().write(manifest, json);
        tagFiles.put(TagFiles.ARCHIVE_JSON, json);
        byte[] signature = sign(settings.signers(), json);
        if (signature != null) {
            tagFiles.put(TagFiles.ARCHIVE_SIGNATURE, ChunkedBytes.of(signature));
        }
        for (DigestAlgorithm algorithm : settings.digests()) {
            ChunkedBytes lines = new ChunkedBytes();
            for (ManifestEntry entry : manifest.entries()) {
                TagFiles.manifestLine(lines, entry.digest(algorithm).orElseThrow(), "data/" + entry.path());
            }
            tagFiles.put(TagFiles.manifestName(algorithm), lines);
        }
        long bytes = manifest.entries().stream().mapToLong(ManifestEntry::size).sum();
        tagFiles.put("bag-info.txt", ChunkedBytes.of(bagInfo(settings, content, now, bytes, manifest.entries().size())));
        for (Map.Entry<String, ChunkedBytes> file : tagFiles.entrySet()) {
            output.tagFile(file.getKey(), file.getValue());
        }
        tagFiles.put("bagit.txt", ChunkedBytes.of(TagFiles.BAGIT_TXT));
        for (DigestAlgorithm algorithm : settings.digests()) {
            ChunkedBytes tagManifest = new ChunkedBytes();
            for (Map.Entry<String, ChunkedBytes> file : tagFiles.entrySet()) {
                TagFiles.manifestLine(tagManifest, file.getValue().digest(algorithm), file.getKey());
            }
            output.tagFile(TagFiles.tagManifestName(algorithm), tagManifest);
        }
    }

    private static String topFolder(Path zip) {
        String name = zip.getFileName().toString();
        String stem = name.regionMatches(true, Math.max(0, name.length() - 4), ".zip", 0, 4) && name.length() > 4
                ? name.substring(0, name.length() - 4) : name;
        return stem;
    }

    /**
     * Refuses a target inside an input folder (writing would change the input, and a second run
     * would bundle the first bundle), and, when replacing, an input inside the target (replacing
     * would delete it).
     */
    private static void checkOverlap(BundleContent content, InputPlan plan, Path realTarget, boolean replace)
            throws IOException {
        for (Path folder : content.folders()) {
            Path real = folder.toRealPath();
            if (realTarget.startsWith(real)) {
                throw new BundleException(Reason.TARGET_OVERLAPS_INPUT, realTarget.toString(), "the target "
                        + realTarget + " is inside the input folder " + folder + "; write the bundle elsewhere", null);
            }
            if (real.startsWith(realTarget)) {
                throw new BundleException(Reason.TARGET_OVERLAPS_INPUT, realTarget.toString(), "the input folder "
                        + folder + " is inside the target " + realTarget, null);
            }
        }
        if (replace && Files.exists(realTarget, LinkOption.NOFOLLOW_LINKS)) {
            for (PlannedFile f : plan.files()) {
                if (f.source().toRealPath().startsWith(realTarget)) {
                    throw new BundleException(Reason.TARGET_OVERLAPS_INPUT, f.display(), "the input " + f.display()
                            + " is inside the target " + realTarget + ", which would be replaced", null);
                }
            }
        }
    }

    private static ArchiveManifest manifest(BundleContent content, List<PlannedFile> files, List<DigestSet> digests,
            Instant now, List<String> warnings) throws BundleException {
        ArchiveManifest.Builder manifest = ArchiveManifest.builder()
                .title(content.title().orElse(null))
                .description(content.description().orElse(null))
                .creator(content.creator().orElse(null))
                .created(content.created().orElse(now.truncatedTo(ChronoUnit.SECONDS)));
        for (ArchiveCollection collection : content.collections()) {
            manifest.collection(collection);
        }
        try {
            for (int i = 0; i < files.size(); i++) {
                PlannedFile file = files.get(i);
                DigestSet set = digests.get(i);
                ManifestEntry.Builder entry = file.template() != null ? file.template().toBuilder()
                        : ManifestEntry.builder(file.path());
                if (file.description() != null) {
                    file.description().accept(entry);
                    entry.path(file.path());
                    for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
                        entry.removeDigest(algorithm);
                    }
                }
                entry.size(set.size());
                set.asMap().values().forEach(entry::digest);
                manifest.entry(withCaptureCheck(entry.build(), set, warnings));
            }
            return manifest.build();
        } catch (ManifestException e) {
            throw new BundleException(Reason.MANIFEST_INVALID, e instanceof dev.palimpsest.core.manifest.ArchivePathException
                    ? ((dev.palimpsest.core.manifest.ArchivePathException) e).path() : null,
                    "the archive manifest cannot be built: " + e.getMessage(), e);
        }
    }

    /**
     * The entry with the capture check recorded in its capture record, when the record holds the
     * web archive's digest for the capture and no check yet; a mismatch becomes a warning (it is
     * evidence to explain, not an error).
     */
    private static ManifestEntry withCaptureCheck(ManifestEntry entry, DigestSet digests, List<String> warnings)
            throws ManifestException {
        Optional<CaptureRecord> capture = entry.capture();
        if (capture.isEmpty() || capture.get().check().isPresent()
                || CaptureChecks.algorithm(capture.get()).flatMap(digests::find).isEmpty()) {
            return entry;
        }
        Optional<CaptureCheckResult> check = CaptureChecks.check(capture.get(), digests.asMap());
        if (check.isEmpty()) {
            return entry;
        }
        if (check.get().outcome() == CaptureCheck.MISMATCH) {
            warnings.add("capture check MISMATCH for " + entry.path() + ": " + check.get().explanation());
        }
        return entry.toBuilder().capture(capture.get().toBuilder().check(check.get().outcome())
                .checkExplanation(check.get().explanation()).build()).build();
    }

    private static byte[] sign(List<CmsSigner> signers, ChunkedBytes json) throws IOException {
        byte[] signature = null;
        for (CmsSigner signer : signers) {
            try (InputStream content = json.stream()) {
                signature = signature == null ? signer.sign(content) : signer.countersign(signature, content);
            } catch (SigningException e) {
                throw new BundleException(Reason.SIGNING_FAILED, TagFiles.ARCHIVE_SIGNATURE, "signing "
                        + TagFiles.ARCHIVE_JSON + " with " + signer.certificate().getSubjectX500Principal().getName()
                        + " failed: " + e.getMessage(), e);
            }
        }
        return signature;
    }

    private static byte[] bagInfo(WriterSettings settings, BundleContent content, Instant now, long bytes, int files) {
        List<Map.Entry<String, String>> elements = new ArrayList<>(settings.bagInfo());
        content.title().ifPresent(t -> elements.add(new SimpleImmutableEntry<>("External-Description", t)));
        elements.add(new SimpleImmutableEntry<>("Bagging-Date", LocalDate.ofInstant(now, ZoneOffset.UTC).toString()));
        elements.add(new SimpleImmutableEntry<>("Payload-Oxum", bytes + "." + files));
        elements.add(new SimpleImmutableEntry<>("Bag-Software-Agent", softwareAgent()));
        return TagFiles.bagInfo(elements);
    }

    /** {@code Palimpsest <version> (<url>)}, without a version in development builds. */
    public static String softwareAgent() {
        String version = BundleAssembly.class.getPackage() == null ? null
                : BundleAssembly.class.getPackage().getImplementationVersion();
        return "Palimpsest" + (version != null ? " " + version : "") + " (https://palimpsest.dev)";
    }
}
