package dev.palimpsest.examples.cli;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.KeyStoreLoadException;
import dev.palimpsest.core.sign.TrustPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/** The trust policy of {@code --trust} and {@code --trust-fingerprint}, shared by verify and extract. */
final class TrustOptions {
    private TrustOptions() {
    }

    /**
     * The policy trusting the certificates in {@code anchorFiles} and the certificates with the
     * SHA-256 {@code fingerprints}; empty when both are empty.
     *
     * @throws CliException 66 if an anchor file is missing, unreadable or holds no certificate;
     *     64 if a fingerprint is not 64 hex digits
     */
    static TrustPolicy policy(List<Path> anchorFiles, List<String> fingerprints) throws CliException {
        TrustPolicy.Builder policy = TrustPolicy.builder();
        for (Path anchors : anchorFiles) {
            if (!Files.exists(anchors)) {
                throw CliException.noInput("no such trust anchor file '" + anchors + "' (--trust takes PEM certificates)");
            }
            if (!Files.isRegularFile(anchors) || !Files.isReadable(anchors)) {
                throw CliException.noInput("cannot read trust anchors '" + anchors + "'");
            }
            try {
                List<X509Certificate> certificates = Certificates.read(anchors);
                if (certificates.isEmpty()) {
                    throw CliException.noInput("'" + anchors + "' holds no certificate (expected PEM or DER certificates)");
                }
                policy.anchors(certificates);
            } catch (KeyStoreLoadException | IOException e) {
                // Core's message starts with the file name already.
                String message = e.getMessage() != null && e.getMessage().startsWith(anchors + ": ")
                        ? e.getMessage().substring(anchors.toString().length() + 2) : e.getMessage();
                throw new CliException(ExitCode.NO_INPUT, "cannot read trust anchors '" + anchors + "': " + message
                        + " (--trust takes PEM or DER certificates, such as the KEY.pem that 'palimpsest keygen'"
                        + " writes, not a key store)", e);
            }
        }
        for (String fingerprint : fingerprints) {
            try {
                policy.pin(DigestValue.parse(DigestAlgorithm.SHA256, fingerprint.replace(":", "")));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--trust-fingerprint '" + fingerprint
                        + "' is not a SHA-256 fingerprint (64 hex digits, colons allowed)");
            }
        }
        return policy.build();
    }
}
