package dev.palimpsest.core.bundle;

import dev.palimpsest.core.manifest.ArchiveManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link BundleWriter#write} or {@link BundleSigner#sign} produced.
 *
 * @param path the bundle, as the caller named it
 * @param manifest the archive manifest written to {@code provenance/archive.json} (its entries
 *     carry the size and digests of every file as copied)
 * @param signatures how many signers the manifest's signature has (0 when unsigned)
 * @param warnings things the caller should know that did not stop the work, e.g. hidden files left
 *     out of an input folder, each naming the files
 */
public record BundleResult(Path path, ArchiveManifest manifest, int signatures, List<String> warnings) {
    /** Checks and copies. */
    public BundleResult {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(manifest, "manifest");
        if (signatures < 0) {
            throw new IllegalArgumentException("signatures must not be negative: " + signatures);
        }
        warnings = List.copyOf(warnings);
    }
}
