package dev.palimpsest.examples.cli;

import dev.palimpsest.core.bundle.BundleException;
import dev.palimpsest.core.bundle.BundleReader;
import dev.palimpsest.core.bundle.BundleResult;
import dev.palimpsest.core.bundle.BundleSigner;
import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.SigningException;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.sign.TimestampClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sign}: signs a bundle's manifest (folder or ZIP), countersigning when it is already
 * signed; or signs any other file with a detached CMS signature written to {@code FILE.p7s}, where
 * {@code --add} adds another signer to an existing {@code FILE.p7s}.
 */
@Command(name = "sign",
        mixinStandardHelpOptions = true,
        header = "Signs or countersigns a bundle, or any file (detached CMS).",
        description = {"Signs a bundle (a folder or ZIP holding provenance/archive.json) with the key in KEY.p12: the"
                + " bundle is verified first, then its manifest is signed, or countersigned when it is already signed"
                + " (--force replaces the existing signatures instead); only the signature and the tag manifests change.",
            "Any other FILE is signed as it is: the detached CMS signature (DER) goes to FILE.p7s; with --add, this"
                + " signer is added to an existing FILE.p7s.",
            "Optionally with an RFC 3161 timestamp from a TSA. Check with: openssl cms -verify -binary -inform DER -in"
                + " FILE.p7s -content FILE -CAfile signer.pem"},
        footerHeading = "%nExamples:%n",
        footer = {"  palimpsest sign removed-2017 --key me.p12 --password-file pw.txt --tsa URL",
            "  palimpsest sign archive.json --key me.p12 --password-file pw.txt",
            "  palimpsest sign archive.json --key w.p12 --password-env PW --add --tsa URL"})
final class SignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "BUNDLE|FILE", description = "The bundle (folder or ZIP) to sign, or a file whose bytes are"
            + " signed exactly as they are.")
    Path file;

    @Option(names = "--key", required = true, paramLabel = "KEY.p12", description = "The signer's PKCS#12 key store.")
    Path key;

    @Option(names = "--tsa", paramLabel = "URL", description = "Add an RFC 3161 signature timestamp from this TSA.")
    URI tsa;

    @Option(names = "--add", description = "Add this signer to an existing FILE.p7s (countersign) instead of refusing;"
            + " a signed bundle is always countersigned.")
    boolean add;

    @Option(names = "--force", description = "Replace an existing FILE.p7s, or a bundle's signatures, with a new signature.")
    boolean force;

    @ArgGroup(exclusive = true, multiplicity = "1")
    PasswordOptions password;

    @Override
    public Integer call() throws Exception {
        if (add && force) {
            throw CliException.usage("--add keeps the existing signers and --force replaces them; give one");
        }
        if (BundleReader.isBundle(file)) {
            return signBundle();
        }
        if (Files.isDirectory(file)) {
            throw CliException.usage("'" + file + "' is a folder but not a bundle (it has no "
                    + BundleReader.MANIFEST_PATH + "); give a bundle or a file to sign");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw CliException.noInput(Files.exists(file) ? "cannot read '" + file + "'" : "no such file '" + file + "'");
        }
        Path target = file.resolveSibling(file.getFileName() + ".p7s");
        boolean exists = Files.exists(target);
        if (exists && !add && !force) {
            throw CliException.usage("'" + target + "' exists; use --add to countersign it or --force to replace it");
        }
        TimestampClient timestamps = SigningKeys.tsa(tsa);
        SigningIdentity identity = SigningKeys.load(key, password);
        CmsSigner.Builder builder = CmsSigner.builder(identity);
        if (timestamps != null) {
            builder.timestampClient(timestamps);
        }
        CmsSigner signer = builder.build();
        boolean countersign = add && exists;
        byte[] signature;
        Progress progress = Progress.whileWorking(spec, "signing", false, file);
        try (InputStream content = Files.newInputStream(file)) {
            signature = countersign ? signer.countersign(Files.readAllBytes(target), content) : signer.sign(content);
        } catch (SigningException e) {
            throw failure(e, target);
        } finally {
            if (progress != null) {
                progress.done();
            }
        }
        write(target, signature);
        PrintWriter out = spec.commandLine().getOut();
        out.println((countersign ? "Added a signature to " : "Signed " + file + " -> ") + target + " (signer "
                + identity.subject() + ", SHA-256 " + identity.certificateSha256().hex()
                + (timestamps != null ? ", timestamped by " + tsa : "") + ")");
        out.flush();
        return ExitCode.OK;
    }

    /** Signs or countersigns the bundle {@code file}; only its signature and tag manifests change. */
    private int signBundle() throws CliException {
        TimestampClient timestamps = SigningKeys.tsa(tsa);
        SigningIdentity identity = SigningKeys.load(key, password);
        CmsSigner.Builder builder = CmsSigner.builder(identity);
        if (timestamps != null) {
            builder.timestampClient(timestamps);
        }
        BundleResult result;
        Progress progress = Progress.whileWorking(spec, "verifying and signing", false, file);
        try {
            result = BundleSigner.builder(builder.build()).replaceExisting(force).build().sign(file);
        } catch (BundleException e) {
            switch (e.reason()) {
                case BUNDLE_INVALID:
                    // The bundle does not verify: the same verdict as 'verify' would give.
                    throw new CliException(ExitCode.INVALID, e.getMessage(), e);
                default:
                    throw new CliException(ExitCode.NO_INPUT, e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.NO_INPUT, "cannot sign '" + file + "': " + e.getMessage(), e);
        } finally {
            if (progress != null) {
                progress.done();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println((result.signatures() > 1 ? "Countersigned " : "Signed ") + file + " (signer " + identity.subject()
                + ", SHA-256 " + identity.certificateSha256().hex() + (timestamps != null ? ", timestamped by " + tsa : "")
                + "; " + result.signatures() + (result.signatures() == 1 ? " signature)" : " signatures)"));
        out.flush();
        return ExitCode.OK;
    }

    private static CliException failure(SigningException e, Path target) {
        switch (e.reason()) {
            case CONTENT_MISMATCH:
                // The existing signature does not hold for this file: that is an INVALID signature file.
                return new CliException(ExitCode.INVALID, "'" + target + "' does not sign this file: " + e.getMessage(), e);
            case MALFORMED_SIGNATURE:
                return new CliException(ExitCode.NO_INPUT, "cannot add to '" + target + "': " + e.getMessage(), e);
            default:
                // An expired or unusable key, a failing token or TSA: the inputs do not allow signing.
                return new CliException(ExitCode.NO_INPUT, "cannot sign: " + e.getMessage(), e);
        }
    }

    /** Writes the signature so that {@code target} is always either the old or the complete new file. */
    private static void write(Path target, byte[] signature) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.write(temp, signature);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
