package dev.palimpsest.examples.cli;

import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.KeyStoreLoadException;
import dev.palimpsest.core.sign.SigningException;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.sign.TimestampClient;
import dev.palimpsest.pdf.PadesLevel;
import dev.palimpsest.pdf.PadesSigner;
import dev.palimpsest.pdf.PortfolioBuilder;
import dev.palimpsest.pdf.PortfolioException;
import dev.palimpsest.pdf.PortfolioItem;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code portfolio}: builds the PDF/A-3b portfolio of a bundle and signs it as PAdES; with
 * {@code --per-collection}, one portfolio per collection into a folder.
 */
@Command(name = "portfolio",
        mixinStandardHelpOptions = true,
        header = "Builds and signs the PDF/A-3b portfolio of a bundle.",
        description = {"Builds the PDF/A-3b portfolio of BUNDLE (every file of data/ with its provenance, plus"
                + " provenance/archive.json and its signature) and signs it as PAdES with the key in KEY.p12.",
            "Levels: B-B (signature only), B-T (with a signature timestamp from --tsa), B-LT (plus the"
                + " certificates and CRLs needed to validate it offline; give --crl for every CA-issued"
                + " certificate of the signer and the TSA), B-LTA (plus a document timestamp). Without --level:"
                + " B-T when --tsa is given, else B-B.",
            "Check the result with: pdfsig FILE.pdf; pdfdetach -saveall -o DIR FILE.pdf"},
        footerHeading = "%nExamples:%n",
        footer = {"  palimpsest portfolio removed-2017 --out archive.pdf --key me.p12 \\",
            "      --password-file pw.txt",
            "  palimpsest portfolio removed-2017 --out archive.pdf --key me.p12 \\",
            "      --password-env PW --level B-LTA --tsa https://tsa.example.org --crl ca.crl",
            "  palimpsest portfolio removed-2017 --out portfolios/ --per-collection \\",
            "      --key me.p12 --password-file pw.txt"})
final class PortfolioCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "BUNDLE", description = "The bundle folder (with data/ and provenance/archive.json).")
    Path bundle;

    @Option(names = "--out", required = true, paramLabel = "FILE.pdf",
            description = "The portfolio to write; with --per-collection, the folder for <collection>.pdf files.")
    Path out;

    @Option(names = "--key", required = true, paramLabel = "KEY.p12", description = "The signer's PKCS#12 key store.")
    Path key;

    @ArgGroup(exclusive = true, multiplicity = "1")
    PasswordOptions password;

    @Option(names = "--level", paramLabel = "LEVEL", converter = LevelConverter.class,
            description = "B-B, B-T, B-LT or B-LTA (default: B-T with --tsa, else B-B).")
    PadesLevel level;

    @Option(names = "--tsa", paramLabel = "URL", description = "The RFC 3161 time-stamping authority (B-T and above).")
    URI tsa;

    @Option(names = "--crl", paramLabel = "CRL", description = "A CRL file (PEM or DER) for B-LT and B-LTA; repeatable.")
    List<Path> crlFiles = new ArrayList<>();

    @Option(names = "--certify", description = "Make a certification signature that permits no changes (DocMDP P=1).")
    boolean certify;

    @Option(names = "--per-collection", description = "Write one portfolio per collection into the --out folder.")
    boolean perCollection;

    @Option(names = "--force", description = "Replace existing output files.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        PadesLevel chosen = level != null ? level : tsa != null ? PadesLevel.B_T : PadesLevel.B_B;
        if (chosen.needsTimestamps() && tsa == null) {
            throw CliException.usage(chosen.shortName() + " needs a time-stamping authority: give --tsa URL");
        }
        if (!chosen.needsTimestamps() && tsa != null) {
            throw CliException.usage("--tsa is used from B-T on; drop it or choose --level B-T, B-LT or B-LTA");
        }
        if (!Files.isDirectory(bundle)) {
            throw CliException.noInput(Files.exists(bundle) ? "'" + bundle + "' is not a bundle folder"
                    : "no such bundle '" + bundle + "'");
        }
        if (!perCollection && Files.isDirectory(out)) {
            throw CliException.usage("--out '" + out + "' is a folder; give the PDF to write (or use --per-collection)");
        }
        if (perCollection && Files.exists(out) && !Files.isDirectory(out)) {
            throw CliException.usage("--out '" + out + "' is a file; with --per-collection it is the folder to write into");
        }
        TimestampClient timestamps = null;
        if (tsa != null) {
            try {
                timestamps = TimestampClient.of(tsa);
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--tsa: " + e.getMessage());
            }
        }
        List<X509CRL> crls = readCrls();

        Map<Path, PortfolioBuilder> work = new LinkedHashMap<>();
        try {
            if (perCollection) {
                for (Map.Entry<String, PortfolioBuilder> e : PortfolioBuilder.fromBundlePerCollection(bundle).entrySet()) {
                    work.put(out.resolve(e.getKey() + ".pdf"), e.getValue());
                }
            } else {
                work.put(out, PortfolioBuilder.fromBundle(bundle));
            }
        } catch (PortfolioException e) {
            throw new CliException(ExitCode.NO_INPUT, "bundle '" + bundle + "': " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.NO_INPUT, "no such file '" + e.getFile() + "'", e);
        }
        for (Path target : work.keySet()) {
            if (Files.exists(target) && !force) {
                throw CliException.usage("'" + target + "' exists; use --force to replace it");
            }
        }

        SigningIdentity identity = SigningKeys.load(key, password);
        PadesSigner signer;
        try {
            PadesSigner.Builder b = PadesSigner.builder(identity).level(chosen).crls(crls).certify(certify);
            if (timestamps != null) {
                b.timestampClient(timestamps);
            }
            signer = b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw CliException.usage(e.getMessage() + (chosen.needsValidationData() ? " (give it with --crl)" : ""));
        }

        if (perCollection) {
            Files.createDirectories(out);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (work.isEmpty()) {
            stdout.println("The bundle has no files, so there is no collection to write.");
        }
        for (Map.Entry<Path, PortfolioBuilder> e : work.entrySet()) {
            // The builder reports no progress: show the size to embed and the time taken so far.
            Progress progress = Progress.forCommand(spec, "embedding and signing " + e.getKey().getFileName(), false);
            if (progress != null) {
                long bytes = 0;
                for (PortfolioItem item : e.getValue().items()) {
                    bytes += Math.max(0, item.size());
                }
                progress.totals(bytes, e.getValue().items().size()).ticking();
            }
            try {
                e.getValue().buildSigned(e.getKey(), signer);
            } catch (PortfolioException ex) {
                throw new CliException(ExitCode.NO_INPUT, "bundle '" + bundle + "': " + ex.getMessage(), ex);
            } catch (SigningException ex) {
                throw new CliException(ExitCode.NO_INPUT, "cannot sign '" + e.getKey() + "': " + ex.getMessage(), ex);
            } catch (IOException ex) {
                throw new CliException(ExitCode.NO_INPUT, "cannot write '" + e.getKey() + "': " + ex.getMessage(), ex);
            } finally {
                if (progress != null) {
                    progress.done();
                }
            }
            int files = e.getValue().items().size();
            stdout.println("Wrote " + e.getKey() + ": " + files + (files == 1 ? " file, " : " files, ")
                    + chosen.baselineName() + (certify ? " certification" : "") + " signature by " + identity.subject()
                    + " (SHA-256 " + identity.certificateSha256().hex() + ")" + (tsa != null ? ", timestamps from " + tsa : ""));
        }
        stdout.flush();
        return ExitCode.OK;
    }

    private List<X509CRL> readCrls() throws CliException {
        List<X509CRL> crls = new ArrayList<>();
        for (Path file : crlFiles) {
            try {
                crls.addAll(Certificates.readCrls(file));
            } catch (NoSuchFileException e) {
                throw CliException.noInput("no such CRL file '" + file + "'");
            } catch (KeyStoreLoadException | IOException e) {
                throw new CliException(ExitCode.NO_INPUT, "cannot read CRL file '" + file + "': " + e.getMessage(), e);
            }
        }
        return crls;
    }

    /** Reads {@code B-LT} and the other level names. */
    static final class LevelConverter implements ITypeConverter<PadesLevel> {
        @Override
        public PadesLevel convert(String value) {
            try {
                return PadesLevel.fromName(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
