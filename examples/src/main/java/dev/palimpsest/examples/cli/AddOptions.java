package dev.palimpsest.examples.cli;

import dev.palimpsest.core.digest.DigestAlgorithm;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The options of the commands that add files to a bundle ({@code import-warc}, {@code recover}):
 * the new manifest's title and algorithms, and the key that signs it. A picocli mixin, so that both
 * commands declare and document them the same way.
 */
final class AddOptions {
    @Option(names = "--title", paramLabel = "T", description = "The archive's title (kept from BUNDLE when not given).")
    String title;

    @Option(names = "--digest", split = ",", paramLabel = "ALGORITHM", converter = DigestAlgorithmConverter.class,
            description = "Manifest algorithms, comma-separated (default: sha256,sha512; sha256 is always included).")
    List<DigestAlgorithm> digests = new ArrayList<>(List.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512));

    @Option(names = "--key", paramLabel = "KEY.p12", description = "Sign the new manifest with the key in this PKCS#12 store.")
    Path key;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    PasswordOptions password;

    @Option(names = "--tsa", paramLabel = "URL", description = "Add an RFC 3161 timestamp from this TSA to the signature.")
    URI tsa;
}
