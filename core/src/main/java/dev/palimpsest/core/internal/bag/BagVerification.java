package dev.palimpsest.core.internal.bag;

import dev.palimpsest.core.verify.ArchiveFormat;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

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
        Optional<BagSource> opened = BagSources.open(input, options, report);
        if (opened.isPresent()) {
            BagSource source = opened.get();
            try {
                Bag bag = BagReader.read(source, options, report);
                BagChecker.check(bag, options, report);
            } finally {
                closeQuietly(source);
            }
        }
        return report.sortEntries().build();
    }

    private static void closeQuietly(BagSource source) {
        try {
            source.close();
        } catch (IOException ignored) {
            // only read from; closing cannot lose anything
        }
    }
}
