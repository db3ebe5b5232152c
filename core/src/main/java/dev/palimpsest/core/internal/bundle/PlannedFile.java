package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.ManifestEntry;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One file to copy into a bundle.
 *
 * @param source the file to read (for a followed link, the file it resolves to)
 * @param path where it goes under {@code data/}
 * @param template the caller's entry for it, whose size and digests the copy must match; or null
 * @param description what the caller knows about the file, applied to a new entry; or null
 * @param display how messages name the input (the path the caller gave)
 */
public record PlannedFile(Path source, ArchivePath path, ManifestEntry template,
        Consumer<ManifestEntry.Builder> description, String display) {
}
