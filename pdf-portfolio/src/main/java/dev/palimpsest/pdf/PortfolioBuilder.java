package dev.palimpsest.pdf;

import dev.palimpsest.pdf.internal.portfolio.PortfolioWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds an archival PDF/A-3b portfolio: a cover document listing every file with its
 * provenance, each file embedded with its digests and capture record, and the archive manifest
 * and its detached signature embedded beside them. The structure is specified in
 * {@code pdf-portfolio/FORMAT.md}.
 *
 * <p>Instances are immutable; each {@code with…} method returns a new one. Building is
 * deterministic: the same inputs and clock give a byte-identical PDF. Memory use does not grow
 * with the size of the files, which are streamed through temporary files.
 *
 * <pre>{@code
 * PortfolioBuilder.of(metadata, manifestJson)
 *         .withManifestSignature(p7s)
 *         .withItems(items)
 *         .build(Path.of("portfolio.pdf"));
 * }</pre>
 *
 * <p>The output is a plain PDF (no signature, no encryption) to which a PAdES signature can
 * later be appended as an incremental update.
 */
public final class PortfolioBuilder {
    private final PortfolioMetadata metadata;
    private final byte[] manifest;
    private final byte[] manifestSignature;
    private final List<PortfolioItem> items;
    private final Clock clock;

    private PortfolioBuilder(PortfolioMetadata metadata, byte[] manifest, byte[] manifestSignature,
            List<PortfolioItem> items, Clock clock) {
        this.metadata = metadata;
        this.manifest = manifest;
        this.manifestSignature = manifestSignature;
        this.items = items;
        this.clock = clock;
    }

    /**
     * A builder of a portfolio with {@code metadata} and the exact bytes of the archive
     * manifest ({@value PortfolioFormat#MANIFEST_NAME}), with no files yet.
     */
    public static PortfolioBuilder of(PortfolioMetadata metadata, byte[] manifest) {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(manifest, "manifest");
        return new PortfolioBuilder(metadata, manifest.clone(), null, List.of(), null);
    }

    /**
     * A copy that also embeds {@code signature}, the detached CMS signature over the manifest
     * ({@value PortfolioFormat#MANIFEST_SIGNATURE_NAME}).
     */
    public PortfolioBuilder withManifestSignature(byte[] signature) {
        Objects.requireNonNull(signature, "signature");
        return new PortfolioBuilder(metadata, manifest, signature.clone(), items, clock);
    }

    /**
     * A copy whose files are {@code items}, in this order on the cover.
     *
     * @throws IllegalArgumentException if two paths are equal after NFC normalisation and case
     *     folding (they would collide when extracted on a case-insensitive file system), or a
     *     path is one of the reserved manifest names
     */
    public PortfolioBuilder withItems(Collection<PortfolioItem> items) {
        Objects.requireNonNull(items, "items");
        List<PortfolioItem> copy = List.copyOf(items);
        Map<String, String> seen = new HashMap<>();
        for (String reserved : List.of(PortfolioFormat.MANIFEST_NAME, PortfolioFormat.MANIFEST_SIGNATURE_NAME)) {
            seen.put(fold(reserved), "the reserved name " + reserved);
        }
        for (PortfolioItem item : copy) {
            String previous = seen.putIfAbsent(fold(item.path()), item.path());
            if (previous != null) {
                throw new IllegalArgumentException("archive path '" + item.path() + "' collides with " + previous);
            }
        }
        return new PortfolioBuilder(metadata, manifest, manifestSignature, copy, clock);
    }

    /**
     * A copy that dates the document's modification (PDF {@code /ModDate}, XMP
     * {@code xmp:ModifyDate}) with {@code clock}'s instant at build time. Without a clock,
     * the portfolio's modification date is its {@link PortfolioMetadata#created()} time, which
     * makes the output independent of when it is built.
     */
    public PortfolioBuilder withClock(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return new PortfolioBuilder(metadata, manifest, manifestSignature, items, clock);
    }

    /** The metadata. */
    public PortfolioMetadata metadata() {
        return metadata;
    }

    /** The files, in cover order. */
    public List<PortfolioItem> items() {
        return items;
    }

    /** A copy of the manifest bytes. */
    public byte[] manifest() {
        return manifest.clone();
    }

    /** A copy of the manifest signature bytes, if one was given. */
    public Optional<byte[]> manifestSignature() {
        return Optional.ofNullable(manifestSignature).map(byte[]::clone);
    }

    /**
     * Writes the portfolio to {@code out}, which is not closed. On failure {@code out} may have
     * received part of a PDF.
     *
     * @throws PortfolioException if a file's bytes do not match its declared size or digests,
     *     or a file cannot be read (the message names it)
     * @throws IOException if writing fails
     */
    public void build(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        Instant modified = clock == null ? metadata.created() : clock.instant().truncatedTo(ChronoUnit.SECONDS);
        new PortfolioWriter(metadata, manifest, manifestSignature, items, modified).write(out);
    }

    /**
     * Writes the portfolio to {@code target}, atomically: the PDF is written to a temporary file
     * in the same folder and moved into place once complete, replacing any existing file. On
     * failure nothing is left behind and an existing {@code target} is untouched.
     *
     * @throws PortfolioException if a file's bytes do not match its declared size or digests,
     *     or a file cannot be read (the message names it)
     * @throws IOException if writing fails
     */
    public void build(Path target) throws IOException {
        Objects.requireNonNull(target, "target");
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Path temp = null;
        boolean done = false;
        try {
            FileChannel created = null;
            // Not Files.createTempFile: that makes the file owner-only (0600), and the published
            // PDF should get the same permissions as any other new file in that folder.
            for (int attempt = 0; created == null; attempt++) {
                Path candidate = folder.resolve(".palimpsest-tmp-" + ProcessHandle.current().pid() + "-"
                        + System.nanoTime() + "-" + absolute.getFileName());
                try {
                    created = FileChannel.open(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    temp = candidate;
                } catch (FileAlreadyExistsException e) {
                    if (attempt > 100) {
                        throw e;
                    }
                }
            }
            try (FileChannel channel = created) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                build(out);
                out.flush();
                // On disk before the move, so a crash never leaves a truncated file at the target.
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done && temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static String fold(String path) {
        return Normalizer.normalize(path, Normalizer.Form.NFC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}
