package dev.palimpsest.core.sources;

import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.WarcSource;
import java.util.Objects;

/**
 * A WARC revisit record whose original record was among the imported WARCs: the revisit says
 * "same payload as that earlier capture", and {@link #entry()} is the archive entry holding
 * that payload.
 *
 * @param revisit the revisit record (its payload digest is the one it claims)
 * @param entry the entry that holds the payload: the original's entry when the revisit is of the
 *     same URL, or an entry made for the revisit's own URL, holding a copy of the original's
 *     payload, when it is of another URL
 * @param newEntry whether {@link #entry()} was made for this revisit (another URL) rather than
 *     being the original's
 */
public record ResolvedRevisit(WarcSource revisit, ArchivePath entry, boolean newEntry) {
    /** Validates the components. */
    public ResolvedRevisit {
        Objects.requireNonNull(revisit, "revisit");
        Objects.requireNonNull(entry, "entry");
    }
}
