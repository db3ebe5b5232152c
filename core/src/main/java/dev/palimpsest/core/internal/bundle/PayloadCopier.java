package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.bundle.BundleException;
import dev.palimpsest.core.bundle.BundleException.Reason;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestSet;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.digest.ByteSink;
import dev.palimpsest.core.internal.digest.HashControl;
import dev.palimpsest.core.internal.digest.HashEngine;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.manifest.ManifestException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies one input file to a sink while hashing it, in a single read: every requested digest, plus
 * those the file's manifest entry already records (so that they can be checked) and the one its
 * capture check needs, is computed from the same buffers that are written. The file's size and modification time are compared before
 * and after, so a file that changed while it was copied is an error rather than a digest of
 * bytes that were never on disk together.
 */
final class PayloadCopier {
    private static final DigestValue PLACEHOLDER = DigestValue.of(DigestAlgorithm.SHA256, new byte[32]);
    private final Set<DigestAlgorithm> requested;
    private final int bufferSize;
    private final int parallelism;
    private final Map<Set<DigestAlgorithm>, HashEngine> engines = new ConcurrentHashMap<>();

    PayloadCopier(Set<DigestAlgorithm> requested, int bufferSize, int parallelism) {
        this.requested = EnumSet.copyOf(requested);
        this.bufferSize = bufferSize;
        this.parallelism = parallelism;
    }

    /** The size the source has now, refusing anything but a regular file. */
    static BasicFileAttributes attributes(PlannedFile file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file.source(), BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new BundleException(Reason.INPUT_REFUSED, file.display(), file.display()
                    + " is no longer a regular file", null);
        }
        return attributes;
    }

    /**
     * Copies {@code file} to {@code sink}.
     *
     * @param before the attributes read before the sink was opened ({@link #attributes})
     * @param buffer a buffer to reuse, or null
     * @param mayFanOut whether one thread per digest may be started for a large file
     * @throws BundleException {@code INPUT_CHANGED} if the file changed meanwhile,
     *     {@code INPUT_MISMATCH} if it does not match its manifest entry
     */
    DigestSet copy(PlannedFile file, BasicFileAttributes before, ByteSink sink, byte[] buffer, HashControl control,
            boolean mayFanOut) throws IOException {
        Set<DigestAlgorithm> algorithms = EnumSet.copyOf(requested);
        if (file.template() != null) {
            algorithms.addAll(file.template().digests().keySet());
        }
        captureRecord(file).flatMap(CaptureChecks::algorithm).ifPresent(algorithms::add);
        HashEngine engine = engines.computeIfAbsent(algorithms, a -> new HashEngine(a, bufferSize, parallelism,
                HashEngine.DEFAULT_FAN_OUT_THRESHOLD, false));
        DigestSet digests;
        try (InputStream in = new FileInputStream(file.source().toFile())) {
            digests = engine.digest(in::read, before.size(), buffer, sink, control, mayFanOut);
        }
        BasicFileAttributes after = Files.readAttributes(file.source(), BasicFileAttributes.class);
        if (digests.size() != before.size() || after.size() != before.size()
                || !after.lastModifiedTime().equals(before.lastModifiedTime())) {
            throw new BundleException(Reason.INPUT_CHANGED, file.display(), file.display()
                    + " changed while it was being copied (size " + before.size() + " bytes before, " + digests.size()
                    + " read, " + after.size() + " after; modified " + before.lastModifiedTime() + " before, "
                    + after.lastModifiedTime() + " after)", null);
        }
        if (file.template() != null) {
            check(file, digests);
        }
        return digests;
    }

    /**
     * The capture record the file's entry will have, if any: so that the digest its capture check
     * needs (usually SHA-1) is computed in the same read. A description is tried on a scratch
     * entry; if it fails there, it fails again, reported, when the real entry is built.
     */
    static Optional<CaptureRecord> captureRecord(PlannedFile file) {
        if (file.template() != null) {
            return file.template().capture();
        }
        if (file.description() == null) {
            return Optional.empty();
        }
        try {
            ManifestEntry.Builder probe = ManifestEntry.builder(file.path());
            file.description().accept(probe);
            return probe.size(0).digest(PLACEHOLDER).build().capture();
        } catch (ManifestException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void check(PlannedFile file, DigestSet digests) throws BundleException {
        long recorded = file.template().size();
        if (recorded != digests.size()) {
            throw new BundleException(Reason.INPUT_MISMATCH, file.display(), file.display() + " is " + digests.size()
                    + " bytes, but its manifest entry for " + file.path() + " records " + recorded, null);
        }
        for (DigestValue expected : file.template().digests().values()) {
            DigestValue actual = digests.get(expected.algorithm());
            if (!expected.equals(actual)) {
                throw new BundleException(Reason.INPUT_MISMATCH, file.display(), file.display() + " has "
                        + expected.algorithm().label() + " " + actual.hex() + ", but its manifest entry for "
                        + file.path() + " records " + expected.hex(), null);
            }
        }
    }
}
