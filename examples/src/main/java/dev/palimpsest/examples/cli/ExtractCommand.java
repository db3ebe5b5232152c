package dev.palimpsest.examples.cli;

import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.pdf.ExtractedFile;
import dev.palimpsest.pdf.ExtractionException;
import dev.palimpsest.pdf.ExtractionResult;
import dev.palimpsest.pdf.PortfolioExtractor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code extract}: verifies a portfolio, then writes its files under a folder (never outside it).
 * Exit codes: 0 extracted; 1 the portfolio is INVALID (refused without --force), has unsafe or
 * colliding names, or changed while extracted; 2 trust asked for and not established; 64 a file
 * exists (without --overwrite) or a usage error; 66 input missing, unreadable or not a portfolio.
 */
@Command(name = "extract",
        mixinStandardHelpOptions = true,
        header = "Verifies a portfolio and extracts its files into a folder.",
        description = {"Verifies a Palimpsest portfolio and writes its files under a folder, at their archive paths,"
                + " never outside it. An INVALID portfolio is refused unless --force; existing files are kept unless"
                + " --overwrite; every file's digests are checked while it is written."},
        footerHeading = "%nExamples:%n",
        footer = {"  palimpsest extract portfolio.pdf --out recovered/",
            "  palimpsest extract portfolio.pdf --out recovered/ --trust archivist.pem \\",
            "      --require-trusted"})
final class ExtractCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PORTFOLIO.pdf", description = "The portfolio to extract.")
    Path portfolio;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The folder to write into (created if needed).")
    Path out;

    @Option(names = "--force", description = "Extract even when verification says INVALID (unsafe names are still refused).")
    boolean force;

    @Option(names = "--overwrite", description = "Replace files that exist in DIR.")
    boolean overwrite;

    @Option(names = "--trust", paramLabel = "CERTS.pem",
            description = "Trust anchors: a PEM file of one or more certificates (repeatable).")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--trust-fingerprint", paramLabel = "SHA256",
            description = "Trust a certificate by its SHA-256 fingerprint, hex (repeatable).")
    List<String> trustFingerprints = new ArrayList<>();

    @Option(names = "--require-trusted", description = "Extract nothing and exit 2 unless the verdict is TRUSTED.")
    boolean requireTrusted;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(portfolio)) {
            throw CliException.noInput("no such portfolio '" + portfolio + "' (expected a PDF written by"
                    + " 'palimpsest portfolio')");
        }
        if (Files.isDirectory(portfolio)) {
            throw CliException.noInput("'" + portfolio + "' is a folder; extract takes a portfolio PDF");
        }
        if (!Files.isReadable(portfolio)) {
            throw CliException.noInput("cannot read portfolio '" + portfolio + "': permission denied");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw CliException.usage("--out '" + out + "' is a file; give the folder to extract into");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        TrustPolicy policy = trustPolicy();
        boolean trustAsked = requireTrusted || !trust.isEmpty() || !trustFingerprints.isEmpty();
        if (trustAsked) {
            // Trust is checked before anything is written: verify, and stop if not trusted.
            var report = dev.palimpsest.pdf.PdfVerifier.of(policy).verify(portfolio);
            if (report.verdict() == Verdict.VALID) {
                stdout.print(VerifyText.render(report, java.util.Map.of()));
                stdout.flush();
                spec.commandLine().getErr().println("palimpsest: the portfolio is VALID but not TRUSTED; nothing was"
                        + " extracted");
                return ExitCode.UNTRUSTED;
            }
        }
        ExtractionResult result;
        Progress progress = Progress.whileWorking(spec, "verifying and extracting", false, portfolio);
        try {
            result = PortfolioExtractor.of(policy).withForce(force).withOverwrite(overwrite).extract(portfolio, out);
        } catch (ExtractionException e) {
            if (progress != null) {
                progress.done();
            }
            e.report().ifPresent(r -> stdout.print(VerifyText.render(r, java.util.Map.of())));
            stdout.flush();
            switch (e.reason()) {
                case NOT_A_PORTFOLIO:
                    throw CliException.noInput(e.getMessage());
                case EXISTS:
                    // Name the option that allows it, in place of core's generic advice.
                    throw CliException.usage(e.getMessage().replace("(ask to overwrite to replace it)", "").strip()
                            + " (use --overwrite to replace it)");
                case INVALID:
                    throw new CliException(ExitCode.INVALID, e.getMessage() + " (use --force to extract anyway)");
                default:
                    throw new CliException(ExitCode.INVALID, e.getMessage());
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.NO_INPUT, "cannot extract '" + portfolio + "': " + e.getMessage(), e);
        } finally {
            if (progress != null) {
                progress.done();
            }
        }
        stdout.print(VerifyText.render(result.report(), java.util.Map.of()));
        long mismatched = result.files().stream().filter(f -> !f.matches()).count();
        stdout.println("Extracted " + result.files().size() + " files to " + out
                + (mismatched > 0 ? " (" + mismatched + " do NOT match the signed manifest)" : "") + ":");
        for (ExtractedFile f : result.files()) {
            stdout.println("  " + (f.matches() ? "OK        " : "MISMATCH  ") + f.path());
        }
        stdout.flush();
        return result.report().verdict() == Verdict.INVALID || mismatched > 0 ? ExitCode.INVALID : ExitCode.OK;
    }

    /** The trust policy from --trust and --trust-fingerprint; empty when neither is given. */
    private TrustPolicy trustPolicy() throws CliException {
        return TrustOptions.policy(trust, trustFingerprints);
    }
}
