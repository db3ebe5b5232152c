package dev.palimpsest.examples.cli;

import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.KeyAlgorithm;
import dev.palimpsest.core.sign.SigningIdentity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keygen}: a new signing identity, a key pair and a self-signed certificate, written as a
 * password-protected PKCS#12 key store and the certificate as PEM beside it.
 */
@Command(name = "keygen",
        mixinStandardHelpOptions = true,
        header = "Creates a signing identity: a PKCS#12 key store and certificate.",
        description = {"Creates a signing identity: a key pair and a self-signed certificate for NAME, saved as a"
                + " password-protected PKCS#12 key store (KEY.p12) with the certificate beside it as KEY.pem."
                + " Prints the certificate's SHA-256 fingerprint, which verifiers can pin. Never overwrites."},
        footerHeading = "%nExamples:%n",
        footer = {"  palimpsest keygen --out me.p12 --name \"Jane Doe\" --password-file pw.txt",
            "  palimpsest keygen --out k.p12 --name Jo --algorithm rsa-3072 --password-env PW"})
final class KeygenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "KEY.p12", description = "The key store to create.")
    Path out;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The holder's name (certificate CN).")
    String name;

    @Option(names = "--email", paramLabel = "E", description = "The holder's e-mail address (in the certificate).")
    String email;

    @Option(names = "--algorithm", paramLabel = "ALGORITHM", defaultValue = "ecdsa-p256",
            converter = KeyAlgorithmConverter.class,
            description = "ecdsa-p256 (default), rsa-3072, rsa-3072-pss or ed25519. OpenSSL cannot verify ed25519"
                    + " CMS signatures.")
    KeyAlgorithm algorithm;

    @Option(names = "--validity-days", paramLabel = "N", defaultValue = "1095",
            description = "How many days the certificate is valid (default ${DEFAULT-VALUE}).")
    int validityDays;

    @ArgGroup(exclusive = true, multiplicity = "1")
    PasswordOptions password;

    @Override
    public Integer call() throws Exception {
        if (validityDays < 1 || validityDays > 36_500) {
            throw CliException.usage("--validity-days must be between 1 and 36500, got " + validityDays);
        }
        Path pem = certificatePath(out);
        for (Path target : List.of(out, pem)) {
            if (Files.exists(target)) {
                throw CliException.usage("'" + target + "' exists; keygen never overwrites (choose another --out)");
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw CliException.noInput("no such directory '" + parent + "' for --out");
        }
        SigningIdentity.Generator generator = SigningIdentity.generator().algorithm(algorithm)
                .validity(Duration.ofDays(validityDays));
        try {
            generator.name(name);
            if (email != null) {
                generator.email(email);
            }
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        char[] secret = password.read();
        SigningIdentity identity;
        try {
            identity = generator.generate();
            identity.savePkcs12(out, secret);
        } catch (FileAlreadyExistsException e) {
            throw CliException.usage("'" + out + "' exists; keygen never overwrites (choose another --out)");
        } finally {
            Arrays.fill(secret, '\0');
        }
        try {
            Files.writeString(pem, Certificates.toPem(List.of(identity.certificate())), StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            // Without its certificate file the key store is still complete; say what happened.
            throw new CliException(ExitCode.INTERNAL, "wrote '" + out + "' but could not write '" + pem + "': "
                    + e.getMessage(), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("Created " + out + " (" + algorithm.label() + " key for " + identity.subject() + ", valid until "
                + identity.certificate().getNotAfter().toInstant() + ")");
        stdout.println("Certificate: " + pem);
        stdout.println("SHA-256 fingerprint: " + identity.certificateSha256().hex());
        stdout.flush();
        return ExitCode.OK;
    }

    /** {@code KEY.pem} beside {@code KEY.p12} (or {@code .pfx}); otherwise the name plus {@code .pem}. */
    static Path certificatePath(Path keyStore) {
        String file = keyStore.getFileName().toString();
        String lower = file.toLowerCase(Locale.ROOT);
        String base = lower.endsWith(".p12") || lower.endsWith(".pfx") ? file.substring(0, file.length() - 4) : file;
        return keyStore.resolveSibling(base + ".pem");
    }

    /** Accepts the algorithm labels; anything else is a usage error listing them. */
    static final class KeyAlgorithmConverter implements CommandLine.ITypeConverter<KeyAlgorithm> {
        @Override
        public KeyAlgorithm convert(String value) {
            return KeyAlgorithm.fromLabel(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "unknown algorithm '" + value + "' (expected one of " + Arrays.stream(KeyAlgorithm.values())
                            .map(KeyAlgorithm::label).collect(Collectors.joining(", ")) + ")"));
        }
    }
}
