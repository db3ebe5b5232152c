package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.internal.bag.BagEntry;
import dev.palimpsest.core.internal.bag.BagOptions;
import dev.palimpsest.core.internal.bag.BagSource;
import dev.palimpsest.core.internal.bag.BagSources;
import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.verify.ArchiveFormat;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads single tag files of a bundle folder or ZIP, within the verifier's limits. */
public final class BundleFiles {
    private BundleFiles() {
    }

    /**
     * The bytes of {@code path} (relative to the bag root) in the bundle; empty when the bundle
     * has no such regular file or is neither a folder nor a ZIP.
     *
     * @throws NoSuchFileException if nothing exists at {@code bundle}
     * @throws IOException if the file is larger than a manifest may be, or cannot be read
     */
    public static Optional<byte[]> read(Path bundle, String path) throws IOException {
        long limit = ManifestCodec.standard().maxDocumentBytes();
        if (Files.isDirectory(bundle)) {
            Path file = bundle.resolve(path);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(limited(in, limit, bundle, path));
            }
        }
        if (!Files.exists(bundle)) {
            throw new NoSuchFileException(bundle.toString());
        }
        VerificationReport.Builder ignored = VerificationReport.builder(ArchiveFormat.PALIMPSEST_BUNDLE, bundle.toString());
        Optional<BagSource> opened = BagSources.open(bundle, BagOptions.defaults(), ignored);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        try (BagSource source = opened.get()) {
            for (BagEntry entry : source.entries()) {
                if (entry.path().equals(path) && entry.isFile()) {
                    try (InputStream in = source.open(entry)) {
                        return Optional.of(limited(in, limit, bundle, path));
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static byte[] limited(InputStream in, long limit, Path bundle, String path) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw new IOException(bundle + ": " + path + " is larger than " + limit + " bytes");
        }
        return bytes;
    }
}
