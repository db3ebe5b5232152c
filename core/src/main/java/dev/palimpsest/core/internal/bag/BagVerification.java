package dev.palimpsest.core.internal.bag;

import dev.palimpsest.core.verify.ArchiveFormat;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

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
        Optional<BagSource> opened = BagSources.open(input, options, report);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        BagSource source = opened.get();
        try {
            Bag bag = BagReader.read(source, options, report, pinned);
            return Optional.of(BagChecker.check(bag, options, report));
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
