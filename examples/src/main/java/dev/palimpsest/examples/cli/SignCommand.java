package dev.palimpsest.examples.cli;

import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.KeyStoreLoadException;
import dev.palimpsest.core.sign.SigningException;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.sign.TimestampClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sign}: a detached CMS signature over the exact bytes of a file, written to
 * {@code FILE.p7s}; with {@code --add}, another signer is added to an existing {@code FILE.p7s}.
 */
@Command(name = "sign",
        mixinStandardHelpOptions = true,
        description = {"Signs FILE with the key in KEY.p12 and writes the detached CMS signature (DER) to FILE.p7s,"
                + " optionally with an RFC 3161 timestamp from a TSA. With --add, countersigns: adds this signer to an"
                + " existing FILE.p7s, keeping the signers already there. Check with: openssl cms -verify -binary"
                + " -inform DER -in FILE.p7s -content FILE -CAfile signer.pem"},
        footerHeading = "%nExamples:%n",
        footer = {"  palimpsest sign archive.json --key me.p12 --password-file pw.txt",
            "  palimpsest sign archive.json --key w.p12 --password-env PW --add --tsa URL"})
final class SignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The file to sign; its bytes are signed exactly as they are.")
    Path file;

    @Option(names = "--key", required = true, paramLabel = "KEY.p12", description = "The signer's PKCS#12 key store.")
    Path key;

    @Option(names = "--tsa", paramLabel = "URL", description = "Add an RFC 3161 signature timestamp from this TSA.")
    URI tsa;

    @Option(names = "--add", description = "Add this signer to an existing FILE.p7s (countersign) instead of refusing.")
    boolean add;

    @Option(names = "--force", description = "Replace an existing FILE.p7s with a new signature.")
    boolean force;

    @ArgGroup(exclusive = true, multiplicity = "1")
    PasswordOptions password;

    @Override
    public Integer call() throws Exception {
        if (add && force) {
            throw CliException.usage("--add keeps the existing signers and --force replaces them; give one");
        }
        if (Files.isDirectory(file)) {
            throw CliException.usage("'" + file + "' is a folder; give the file to sign (for a bundle,"
                    + " its provenance/archive.json)");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw CliException.noInput(Files.exists(file) ? "cannot read '" + file + "'" : "no such file '" + file + "'");
        }
        Path target = file.resolveSibling(file.getFileName() + ".p7s");
        boolean exists = Files.exists(target);
        if (exists && !add && !force) {
            throw CliException.usage("'" + target + "' exists; use --add to countersign it or --force to replace it");
        }
        TimestampClient timestamps = null;
        if (tsa != null) {
            try {
                timestamps = TimestampClient.of(tsa);
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--tsa: " + e.getMessage());
            }
        }
        SigningIdentity identity = loadKey();
        CmsSigner.Builder builder = CmsSigner.builder(identity);
        if (timestamps != null) {
            builder.timestampClient(timestamps);
        }
        CmsSigner signer = builder.build();
        boolean countersign = add && exists;
        byte[] signature;
        try (InputStream content = Files.newInputStream(file)) {
            signature = countersign ? signer.countersign(Files.readAllBytes(target), content) : signer.sign(content);
        } catch (SigningException e) {
            throw failure(e, target);
        }
        write(target, signature);
        PrintWriter out = spec.commandLine().getOut();
        out.println((countersign ? "Added a signature to " : "Signed " + file + " -> ") + target + " (signer "
                + identity.subject() + ", SHA-256 " + identity.certificateSha256().hex()
                + (timestamps != null ? ", timestamped by " + tsa : "") + ")");
        out.flush();
        return ExitCode.OK;
    }

    private SigningIdentity loadKey() throws CliException {
        char[] secret = password.read();
        try {
            return SigningIdentity.loadPkcs12(key, secret);
        } catch (NoSuchFileException e) {
            throw CliException.noInput("no such key store '" + key + "'");
        } catch (KeyStoreLoadException e) {
            String hint = e.reason() == KeyStoreLoadException.Reason.WRONG_PASSWORD ? " (check --password-file/--password-env)" : "";
            throw new CliException(ExitCode.NO_INPUT, "cannot use key store: " + e.getMessage() + hint, e);
        } catch (IOException e) {
            throw new CliException(ExitCode.NO_INPUT, "cannot read key store '" + key + "': " + e.getMessage(), e);
        } finally {
            Arrays.fill(secret, '\0');
        }
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
