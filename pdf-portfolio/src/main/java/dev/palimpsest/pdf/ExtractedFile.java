package dev.palimpsest.pdf;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file written by a {@link PortfolioExtractor}.
 *
 * @param path the archive path (or {@code archive.json}, {@code archive.json.p7s})
 * @param file where it was written, inside the output folder
 * @param size its length in bytes
 * @param matches whether the bytes written have the digests and size the signed manifest (or,
 *     for the manifest and its signature, the verification) recorded; false only when extraction
 *     was {@linkplain PortfolioExtractor#withForce(boolean) forced}
 */
public record ExtractedFile(String path, Path file, long size, boolean matches) {
    /** Checks the fields. */
    public ExtractedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(file, "file");
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
    }
}
