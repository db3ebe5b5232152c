package dev.palimpsest.core.internal.bag;

import dev.palimpsest.core.digest.DigestAlgorithm;
import java.util.List;
import java.util.Optional;

/**
 * A payload manifest ({@code manifest-<algorithm>.txt}) or tag manifest
 * ({@code tagmanifest-<algorithm>.txt}), with its well-formed, safe lines. Lines that were
 * malformed or unsafe have been reported and are not here.
 */
public final class Manifest {
    private final String file;
    private final boolean tag;
    private final String label;
    private final DigestAlgorithm algorithm;
    private final List<ManifestEntry> entries;

    Manifest(String file, boolean tag, String label, DigestAlgorithm algorithm, List<ManifestEntry> entries) {
        this.file = file;
        this.tag = tag;
        this.label = label;
        this.algorithm = algorithm;
        this.entries = List.copyOf(entries);
    }

    /** The manifest's file name, e.g. {@code manifest-sha256.txt}. */
    public String file() {
        return file;
    }

    /** Whether this is a tag manifest. */
    public boolean isTag() {
        return tag;
    }

    /** The algorithm label as the file name spells it. */
    public String label() {
        return label;
    }

    /** The algorithm; absent when Palimpsest does not support it. */
    public Optional<DigestAlgorithm> algorithm() {
        return Optional.ofNullable(algorithm);
    }

    /** The lines, in file order. */
    public List<ManifestEntry> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return file;
    }
}
