package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.bundle.BundleContent;
import dev.palimpsest.core.bundle.BundleException;
import dev.palimpsest.core.bundle.BundleException.Reason;
import dev.palimpsest.core.bundle.BundleResult;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestSet;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.digest.ProgressTracker;
import dev.palimpsest.core.manifest.ArchiveCollection;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.manifest.ManifestException;
import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.SigningException;
import java.io.IOException;
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
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.getFileName() == null) {
            throw new IllegalArgumentException("the target must name a file or folder, not a root: " + target);
        }
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !settings.replace()) {
            throw Atomic.exists(target);
        }
        InputPlan plan = InputPlan.of(content, settings.followLinks(), settings.includeHidden());
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        checkOverlap(content, plan, parent.toRealPath().resolve(absolute.getFileName()), settings.replace());

        Instant now = settings.clock().instant();
        Path temp = Atomic.temporarySibling(absolute, settings.zip() ? ".zip" : "");
        try {
            ArchiveManifest manifest;
            int signatures;
            try (BundleOutput output = settings.zip()
                    ? ZipOutput.create(temp, topFolder(absolute), now, settings.bufferSize(), settings.durable())
                    : FolderOutput.create(temp, settings.parallelism(), settings.bufferSize(), settings.durable())) {
                output.tagFile("bagit.txt", TagFiles.BAGIT_TXT);
                ProgressTracker progress = new ProgressTracker(settings.listener());
                PayloadCopier copier = new PayloadCopier(settings.digests(), settings.bufferSize(), settings.parallelism());
                List<DigestSet> digests = output.payload(plan.files(), copier, progress);
                manifest = manifest(content, plan.files(), digests, now);
                byte[] json = ManifestCodec.standard().toBytes(manifest);
                byte[] signature = sign(settings.signers(), json);
                signatures = settings.signers().size();
                Map<String, byte[]> tagFiles = new TreeMap<>();
                tagFiles.put(TagFiles.ARCHIVE_JSON, json);
                if (signature != null) {
                    tagFiles.put(TagFiles.ARCHIVE_SIGNATURE, signature);
                }
                for (DigestAlgorithm algorithm : settings.digests()) {
                    List<Map.Entry<String, DigestValue>> lines = new ArrayList<>(plan.files().size());
                    for (int i = 0; i < plan.files().size(); i++) {
                        lines.add(new SimpleImmutableEntry<>("data/" + plan.files().get(i).path(),
                                digests.get(i).get(algorithm)));
                    }
                    tagFiles.put(TagFiles.manifestName(algorithm), TagFiles.manifest(lines));
                }
                long bytes = digests.stream().mapToLong(DigestSet::size).sum();
                tagFiles.put("bag-info.txt", bagInfo(settings, content, now, bytes, plan.files().size()));
                for (Map.Entry<String, byte[]> file : tagFiles.entrySet()) {
                    output.tagFile(file.getKey(), file.getValue());
                }
                tagFiles.put("bagit.txt", TagFiles.BAGIT_TXT);
                for (DigestAlgorithm algorithm : settings.digests()) {
                    output.tagFile(TagFiles.tagManifestName(algorithm), tagManifest(tagFiles, algorithm));
                }
                output.finish();
            }
            Atomic.moveIntoPlace(temp, absolute, settings.replace());
            return new BundleResult(target, manifest, signatures, plan.warnings());
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

    /** The digests of the tag files (every file outside {@code data/}) with one algorithm, sorted by name. */
    static byte[] tagManifest(Map<String, byte[]> tagFiles, DigestAlgorithm algorithm) {
        List<Map.Entry<String, DigestValue>> lines = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : new TreeMap<>(tagFiles).entrySet()) {
            lines.add(new SimpleImmutableEntry<>(file.getKey(),
                    DigestValue.of(algorithm, algorithm.newMessageDigest().digest(file.getValue()))));
        }
        return TagFiles.manifest(lines);
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
            Instant now) throws BundleException {
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
                manifest.entry(entry.build());
            }
            return manifest.build();
        } catch (ManifestException e) {
            throw new BundleException(Reason.MANIFEST_INVALID, e instanceof dev.palimpsest.core.manifest.ArchivePathException
                    ? ((dev.palimpsest.core.manifest.ArchivePathException) e).path() : null,
                    "the archive manifest cannot be built: " + e.getMessage(), e);
        }
    }

    private static byte[] sign(List<CmsSigner> signers, byte[] json) throws BundleException {
        byte[] signature = null;
        for (CmsSigner signer : signers) {
            try {
                signature = signature == null ? signer.sign(json) : signer.countersign(signature, json);
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
