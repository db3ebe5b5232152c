package dev.palimpsest.core.internal.bag;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.verify.ArchiveFormat;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Verifies a plain BagIt bag, folder or ZIP, into a {@code bagit} report: open the source, read
 * the bag, check it.
 */
public final class BagVerification {
    private BagVerification() {
    }

    /**
     * The report on the bag at {@code input}.
     *
     * @throws java.nio.file.NoSuchFileException if {@code input} does not exist
     * @throws java.io.InterruptedIOException if interrupted while hashing
     * @throws IOException only those two; every other failure is a problem in the report
     */
    public static VerificationReport verify(Path input, BagOptions options) throws IOException {
        VerificationReport.Builder report = VerificationReport.builder(ArchiveFormat.BAGIT, input.toString());
        verifyInto(input, options, report, Set.of());
        return report.sortEntries().build();
    }

    /**
     * Verifies the bag at {@code input} into {@code report} — for verifiers of formats built on
     * BagIt, which add their own checks to the same report. The source is closed on return; the
     * bytes of the parsed and {@code pinned} tag files stay available on the result's bag.
     *
     * @return the bag and the digests computed; empty when the input could not be opened as a
     *     bag at all (the reason is in the report)
     * @throws java.nio.file.NoSuchFileException if {@code input} does not exist
     * @throws java.io.InterruptedIOException if interrupted while hashing
     */
    public static Optional<BagChecker.Result> verifyInto(Path input, BagOptions options,
            VerificationReport.Builder report, Set<String> pinned) throws IOException {
        return verifyInto(input, options, report, pinned, bag -> Map.of(), true);
    }

    /**
     * Verifies like {@link #verifyInto(Path, BagOptions, VerificationReport.Builder, Set)}, and
     * between reading the bag and checking it asks {@code extraDigests} which digests to compute
     * besides those the manifests list — so that a verifier can parse a pinned file (a signed
     * manifest) and have the algorithms it records computed in the same read of each file.
     *
     * @param extraDigests given the bag as read, the extra algorithms by path; called once
     * @param entryDigests whether the report's entries carry digests (see {@link BagChecker#check(Bag,
     *     BagOptions, VerificationReport.Builder, Map, boolean)})
     */
    public static Optional<BagChecker.Result> verifyInto(Path input, BagOptions options,
            VerificationReport.Builder report, Set<String> pinned,
            Function<Bag, Map<String, Set<DigestAlgorithm>>> extraDigests, boolean entryDigests) throws IOException {
        Optional<BagSource> opened = BagSources.open(input, options, report);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        BagSource source = opened.get();
        try {
            Bag bag = BagReader.read(source, options, report, pinned);
            return Optional.of(BagChecker.check(bag, options, report, extraDigests.apply(bag), entryDigests));
        } finally {
            closeQuietly(source);
        }
    }

    private static void closeQuietly(BagSource source) {
        try {
            source.close();
        } catch (IOException ignored) {
            // only read from; closing cannot lose anything
        }
    }
}
