package dev.palimpsest.core.bundle;

import dev.palimpsest.core.bundle.BundleException.Reason;
import dev.palimpsest.core.internal.bundle.BundleFiles;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.ManifestCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads what a bundle says about itself — its archive manifest — without verifying anything: for
 * showing a bundle's content, or for deciding how to verify an input. Folders and ZIPs (the bag at
 * the root or in the one top-level folder) are read in place; a ZIP is checked against the same
 * limits as during verification. To know whether the content can be trusted, use
 * {@link BundleVerifier}.
 */
public final class BundleReader {
    /** Where the archive manifest is, relative to the bundle root. */
    public static final String MANIFEST_PATH = "provenance/archive.json";
    /** Where the detached CMS signature over the manifest is, relative to the bundle root. */
    public static final String SIGNATURE_PATH = "provenance/archive.json.p7s";

    private BundleReader() {
    }

    /**
     * Whether {@code path} is a folder or ZIP that holds {@value #MANIFEST_PATH}; false for
     * anything else, including a path that does not exist or cannot be read.
     */
    public static boolean isBundle(Path path) {
        Objects.requireNonNull(path, "path");
        try {
            return BundleFiles.read(path, MANIFEST_PATH).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The exact bytes of the bundle's archive manifest.
     *
     * @throws BundleException {@code NOT_A_BUNDLE} if the path is not a folder or ZIP holding one
     * @throws java.nio.file.NoSuchFileException if nothing exists at {@code bundle}
     * @throws IOException if it cannot be read
     */
    public static byte[] readManifestBytes(Path bundle) throws IOException {
        Objects.requireNonNull(bundle, "bundle");
        Optional<byte[]> bytes = BundleFiles.read(bundle, MANIFEST_PATH);
        if (bytes.isEmpty()) {
            throw new BundleException(Reason.NOT_A_BUNDLE, bundle.toString(), bundle
                    + " is not a Palimpsest bundle: it holds no " + MANIFEST_PATH, null);
        }
        return bytes.get();
    }

    /**
     * The bundle's archive manifest, parsed (not verified).
     *
     * @throws dev.palimpsest.core.manifest.ManifestException if it is not a valid manifest
     * @throws BundleException {@code NOT_A_BUNDLE} as {@link #readManifestBytes}
     * @throws IOException if it cannot be read
     */
    public static ArchiveManifest readManifest(Path bundle) throws IOException {
        return ManifestCodec.standard().read(readManifestBytes(bundle));
    }

    /** Whether the bundle holds a signature file ({@value #SIGNATURE_PATH}); not whether it is valid. */
    public static boolean isSigned(Path bundle) throws IOException {
        Objects.requireNonNull(bundle, "bundle");
        return BundleFiles.read(bundle, SIGNATURE_PATH).isPresent();
    }
}
