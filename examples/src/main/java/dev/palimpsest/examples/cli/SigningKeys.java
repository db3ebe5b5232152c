package dev.palimpsest.examples.cli;

import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.KeyStoreLoadException;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.sign.TimestampClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/** Loading a signing key store and a TSA client from command-line options, with the CLI's exit codes. */
final class SigningKeys {
    private SigningKeys() {
    }

    /**
     * The identity in the PKCS#12 {@code key}, opened with the password from {@code password}.
     *
     * @throws CliException 66 if the key store is missing, unreadable or the password is wrong
     */
    static SigningIdentity load(Path key, PasswordOptions password) throws CliException {
        if (Files.isDirectory(key)) {
            throw CliException.noInput("key store '" + key + "' is a folder (--key takes a PKCS#12 file such as KEY.p12)");
        }
        if (!Files.exists(key)) {
            throw CliException.noInput("no such key store '" + key + "' (create one with 'palimpsest keygen')");
        }
        char[] secret = password.read();
        try {
            return SigningIdentity.loadPkcs12(key, secret);
        } catch (NoSuchFileException e) {
            throw CliException.noInput("no such key store '" + key + "' (create one with 'palimpsest keygen')");
        } catch (KeyStoreLoadException e) {
            throw new CliException(ExitCode.NO_INPUT, "cannot use key store: " + e.getMessage() + hint(e.reason()), e);
        } catch (IOException e) {
            throw new CliException(ExitCode.NO_INPUT, "cannot read key store '" + key + "': " + e.getMessage(), e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    /** What to do about a key store that cannot be used. */
    private static String hint(KeyStoreLoadException.Reason reason) {
        switch (reason) {
            case WRONG_PASSWORD:
                return " (check --password-file/--password-env)";
            case CORRUPT:
            case NO_PRIVATE_KEY:
                return " (--key takes a PKCS#12 key store such as the KEY.p12 that 'palimpsest keygen' writes;"
                        + " KEY.pem is only its certificate)";
            default:
                return "";
        }
    }

    /**
     * A timestamp client for {@code --tsa}, or null without one.
     *
     * @throws CliException 64 if the URL is not one the client accepts
     */
    static TimestampClient tsa(URI url) throws CliException {
        if (url == null) {
            return null;
        }
        try {
            return TimestampClient.of(url);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--tsa: " + e.getMessage());
        }
    }
    /**
     * Checks that the signing options go together: a password option or {@code --tsa} needs
     * {@code --key}, and {@code --key} needs a password option.
     *
     * @throws CliException 64 naming the missing option
     */
    static void checkOptions(Path key, PasswordOptions password, URI tsa) throws CliException {
        if (key == null && (password != null || tsa != null)) {
            throw CliException.usage((tsa != null ? "--tsa" : "a password option") + " needs --key");
        }
        if (key != null && password == null) {
            throw CliException.usage("--key needs --password-file or --password-env");
        }
    }

    /** A CMS signer for {@code identity}, timestamping with {@code timestamps} when not null. */
    static CmsSigner signer(SigningIdentity identity, TimestampClient timestamps) {
        CmsSigner.Builder signer = CmsSigner.builder(identity);
        if (timestamps != null) {
            signer.timestampClient(timestamps);
        }
        return signer.build();
    }
}
