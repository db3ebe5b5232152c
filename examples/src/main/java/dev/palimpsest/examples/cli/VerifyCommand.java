package dev.palimpsest.examples.cli;

import dev.palimpsest.core.bag.BagVerifier;
import dev.palimpsest.core.bundle.BundleReader;
import dev.palimpsest.core.bundle.BundleVerifier;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.wacz.WaczVerifier;
import dev.palimpsest.pdf.PdfVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.ZipFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verify}: verifies a bundle or BagIt bag (folder or ZIP) and prints the report. The exit
 * code is the contract in DESIGN.md: 0 verified, 1 INVALID, 2 VALID but trust asked for and not
 * established, 66 input missing.
 */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        header = "Verifies a bundle, BagIt bag, portfolio or signed PDF, or WACZ.",
        description = {"Verifies an archive and reports every problem: a Palimpsest bundle or any BagIt bag (a folder,"
                + " or a ZIP holding one), a Palimpsest portfolio or any signed PDF, or a WACZ web archive. The"
                + " format is recognised from the content, not only the name.",
            "The report starts with a one-line verdict (TRUSTED, VALID or INVALID; the format; the input; the"
                + " counts), then the signatures, a table of the entries (path, size, status, capture check), and the"
                + " problems grouped by severity, errors first, each with its code.",
            "TRUSTED needs a signature by a certificate given with --trust or --trust-fingerprint; without them the"
                + " best verdict is VALID (exit 0). With --json, stdout holds only the JSON report (fields: verdict,"
                + " format, source, signatures, entries, problems); when no report can be made (e.g. the input is"
                + " missing) stdout stays empty and the error goes to stderr."},
        footerHeading = "%nExamples:%n",
        footer = {"  palimpsest verify removed-2017",
            "  palimpsest verify removed-2017.zip --trust archivist.pem",
            "  palimpsest verify portfolio.pdf --trust archivist.pem --require-trusted",
            "  palimpsest verify crawl.wacz --json | jq -r .verdict"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:TRUSTED, or VALID when no trust was asked for",
            " 1:INVALID",
            " 2:VALID, but --trust, --trust-fingerprint or --require-trusted was given",
            "64:usage error",
            "66:input missing or unreadable",
            "70:internal error",
        })
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "The archive: a bundle or BagIt bag folder, or a ZIP of one.")
    Path path;

    @Option(names = "--trust", paramLabel = "CERTS.pem",
            description = "Trust anchors: a PEM file of one or more certificates (repeatable).")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--trust-fingerprint", paramLabel = "SHA256",
            description = "Trust a certificate by its SHA-256 fingerprint, hex (repeatable).")
    List<String> trustFingerprints = new ArrayList<>();

    @Option(names = "--require-trusted", description = "Exit 2 unless the verdict is TRUSTED.")
    boolean requireTrusted;

    @Option(names = "--json", description = "Write only the JSON report to stdout (nothing on stdout when no report"
            + " can be made).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(path)) {
            throw CliException.noInput("no such bundle '" + path
                    + "' (expected a folder with bagit.txt, a .zip, a .pdf or a .wacz)");
        }
        if (!Files.isReadable(path)) {
            throw CliException.noInput("cannot read '" + path + "': permission denied");
        }
        TrustPolicy policy = trustPolicy();
        Progress progress = Progress.whileWorking(spec, "verifying", json, path);
        VerificationReport report;
        try {
            report = verify(path, policy);
        } finally {
            if (progress != null) {
                progress.done();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(report.toJson());
        } else {
            out.print(VerifyText.render(report, sizes(path)));
        }
        out.flush();
        return exitCode(report.verdict(), trustAsked());
    }

    /**
     * Chooses the verifier for the input. Each format is one branch; the detection looks at
     * what the input is (a folder, a ZIP's magic bytes, a PDF header), not only its name.
     */
    private VerificationReport verify(Path input, TrustPolicy policy) throws CliException {
        String name = input.getFileName() == null ? "" : input.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".wacz") || isWacz(input)) {
                return WaczVerifier.builder().trustPolicy(policy).build().verify(input);
            }
            if (BundleReader.isBundle(input)) {
                return BundleVerifier.builder().trustPolicy(policy).build().verify(input);
            }
            if (Files.isDirectory(input) || name.endsWith(".zip") || looksLikeZip(input)) {
                return BagVerifier.builder().build().verify(input);
            }
            if (Files.isRegularFile(input) && startsWithPdfHeader(input)) {
                return PdfVerifier.of(policy).verify(input);
            }
        } catch (NoSuchFileException e) {
            throw CliException.noInput("no such file '" + e.getFile() + "'");
        } catch (IOException e) {
            throw new CliException(ExitCode.NO_INPUT, "cannot verify '" + input + "': " + e.getMessage(), e);
        }
        throw CliException.noInput("'" + input + "' is not an archive Palimpsest verifies"
                + " (expected a folder with bagit.txt, a .zip, a .pdf or a .wacz)");
    }

    /** The trust policy from --trust and --trust-fingerprint; empty when neither is given. */
    private TrustPolicy trustPolicy() throws CliException {
        return TrustOptions.policy(trust, trustFingerprints);
    }

    /** The sizes a bundle's manifest records, by entry path; empty for other formats. */
    private static Map<String, Long> sizes(Path input) {
        Map<String, Long> sizes = new HashMap<>();
        try {
            if (BundleReader.isBundle(input)) {
                for (ManifestEntry e : BundleReader.readManifest(input).entries()) {
                    sizes.put(e.path().toString(), e.size());
                    sizes.put("data/" + e.path(), e.size());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the report says what is wrong with the manifest; the table shows no sizes
        }
        return sizes;
    }

    private boolean trustAsked() {
        return requireTrusted || !trust.isEmpty() || !trustFingerprints.isEmpty();
    }

    /** DESIGN.md's exit codes for a verdict. */
    static int exitCode(Verdict verdict, boolean trustAsked) {
        switch (verdict) {
            case TRUSTED:
                return ExitCode.OK;
            case VALID:
                return trustAsked ? ExitCode.UNTRUSTED : ExitCode.OK;
            default:
                return ExitCode.INVALID;
        }
    }

    /** A ZIP with {@code datapackage.json} at its root is a WACZ, whatever its name. */
    private static boolean isWacz(Path input) {
        if (Files.isDirectory(input) || !looksLikeZip(input)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(input.toFile())) {
            return zip.getEntry("datapackage.json") != null;
        } catch (IOException | RuntimeException e) {
            return false; // not a readable ZIP: the ZIP branch reports it
        }
    }

    private static boolean startsWithPdfHeader(Path input) {
        try (var in = Files.newInputStream(input)) {
            return new String(in.readNBytes(5), StandardCharsets.ISO_8859_1).equals("%PDF-");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean looksLikeZip(Path input) {
        try (var in = Files.newInputStream(input)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && new String(magic, StandardCharsets.ISO_8859_1).equals("PK\u0003\u0004");
        } catch (IOException e) {
            return false;
        }
    }
}
