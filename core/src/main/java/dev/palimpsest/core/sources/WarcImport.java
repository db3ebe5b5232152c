package dev.palimpsest.core.sources;

import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.verify.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link WarcImporter} did: the entries it made (their files written under
 * {@link #targetDir()} at their paths), the revisit records it resolved, and every problem.
 *
 * @param targetDir the directory the files were written under
 * @param entries one entry per imported record, in the order of the WARC files and of the
 *     records in them (then entries made for revisits of other URLs); each has SHA-256, SHA-1 and
 *     the requested digests, a capture record with its {@link dev.palimpsest.core.manifest.WarcSource}
 *     and a capture check against the record's payload digest
 * @param revisits the revisit records that were resolved, in input order
 * @param problems every problem, in input order
 */
public record WarcImport(Path targetDir, List<ManifestEntry> entries, List<ResolvedRevisit> revisits,
        List<WarcImportProblem> problems) {
    /** Copies the lists. */
    public WarcImport {
        Objects.requireNonNull(targetDir, "targetDir");
        entries = List.copyOf(entries);
        revisits = List.copyOf(revisits);
        problems = List.copyOf(problems);
    }

    /** Whether any problem is an {@link Severity#ERROR}. */
    public boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }
}
