package dev.palimpsest.core.internal.bag;

import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Opens a bag folder or a ZIP as a {@link BagSource}. */
public final class BagSources {
    private BagSources() {
    }

    /**
     * The source for {@code input}: a folder, or a file that starts like a ZIP. An input that
     * exists but cannot be read, or is neither, is reported to {@code report} and gives an empty
     * result.
     *
     * @throws NoSuchFileException if {@code input} does not exist
     */
    public static Optional<BagSource> open(Path input, BagOptions options, VerificationReport.Builder report)
            throws NoSuchFileException {
        if (!Files.exists(input)) {
            throw new NoSuchFileException(input.toString(), null, "no such bag folder or ZIP");
        }
        if (Files.isDirectory(input)) {
            if (!Files.isReadable(input)) {
                report.problem(ProblemCode.FILE_UNREADABLE, null, "the bag folder " + input + " cannot be read");
                return Optional.empty();
            }
            try {
                return Optional.of(FolderSource.open(input, report));
            } catch (IOException e) {
                report.problem(ProblemCode.FILE_UNREADABLE, null, "the bag folder " + input + " cannot be read: " + e);
                return Optional.empty();
            }
        }
        if (!Files.isRegularFile(input)) {
            report.problem(ProblemCode.FORMAT_UNRECOGNISED, null, input + " is neither a folder nor a file");
            return Optional.empty();
        }
        byte[] magic;
        try (InputStream in = Files.newInputStream(input)) {
            magic = in.readNBytes(4);
        } catch (IOException e) {
            report.problem(ProblemCode.FILE_UNREADABLE, null, input + " cannot be read: " + e);
            return Optional.empty();
        }
        boolean zip = magic.length == 4 && magic[0] == 'P' && magic[1] == 'K'
                && ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
        if (!zip) {
            report.problem(ProblemCode.FORMAT_UNRECOGNISED, null, input
                    + " is neither a bag folder nor a ZIP (it does not start with a ZIP signature)");
            return Optional.empty();
        }
        return ZipSource.open(input, options, report).map(s -> s);
    }
}
