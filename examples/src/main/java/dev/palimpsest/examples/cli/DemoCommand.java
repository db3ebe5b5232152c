package dev.palimpsest.examples.cli;

import dev.palimpsest.core.sign.SigningException;
import dev.palimpsest.examples.demo.Demo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the whole flow, offline, on the sample documents in the jar (see {@link Demo}).
 * Writes only inside its output folder, which must be new or empty.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        header = "Runs the whole flow offline on bundled sample documents.",
        description = {"Runs the whole flow offline on sample documents that ship with Palimpsest: a fresh signing"
                + " identity, a signed bundle timestamped by a demo time-stamping authority on loopback, a signed PDF"
                + " portfolio, and the verification of both. Prints what it made, the signer's fingerprint, the"
                + " verdicts, and the commands that check the results with openssl, pdfsig, pdfdetach and qpdf.",
            "Everything it makes is written inside the output folder; the signing key is never written at all."},
        footerHeading = "%nExamples:%n",
        footer = {"  palimpsest demo",
            "  palimpsest demo --out /tmp/palimpsest-demo"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:the bundle and the portfolio both verify TRUSTED",
            " 1:either is INVALID",
            " 2:either is only VALID",
            "64:--out exists and is not an empty folder",
            "70:internal error"})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The folder to write into: a new or empty one (default: a new palimpsest-demo-<n> folder"
                    + " in the current directory).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path folder = out == null ? Demo.createDefaultFolder(Path.of("")) : prepare(out);
        try {
            return Demo.run(folder, spec.commandLine().getOut());
        } catch (SigningException e) {
            throw new CliException(ExitCode.INTERNAL, "the demo could not sign: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(ExitCode.INTERNAL, "the demo could not write into '" + folder + "': "
                    + e.getMessage(), e);
        }
    }

    /** A new or empty folder at {@code dir}; anything else is refused so that nothing is overwritten. */
    private static Path prepare(Path dir) throws IOException, CliException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                if (children.findAny().isPresent()) {
                    throw CliException.usage("--out '" + dir + "' is not empty; the demo writes only into a new or"
                            + " empty folder (omit --out for a new palimpsest-demo-<n> folder)");
                }
            }
            return dir;
        }
        if (Files.exists(dir)) {
            throw CliException.usage("--out '" + dir + "' is a file; give a new or empty folder");
        }
        return Files.createDirectories(dir);
    }
}
