package dev.palimpsest.core.digest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The digests of one file, as returned by {@link Hasher#hashAll(java.util.List)}.
 *
 * @param file the file, exactly as it was given to the hasher
 * @param digests its digests and size
 */
public record FileDigests(Path file, DigestSet digests) {
    /** @throws NullPointerException if either argument is null */
    public FileDigests {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(digests, "digests");
    }
}
