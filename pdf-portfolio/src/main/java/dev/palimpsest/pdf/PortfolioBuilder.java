package dev.palimpsest.pdf;

import dev.palimpsest.core.sign.SigningException;
import dev.palimpsest.pdf.internal.bundle.BundleReader;
import dev.palimpsest.pdf.internal.io.AtomicTarget;
import dev.palimpsest.pdf.internal.io.ScratchFolder;
import dev.palimpsest.pdf.internal.portfolio.PortfolioWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
        build(out, null);
    }

    /** As {@link #build(OutputStream)}, with PDFBox's scratch file in {@code scratch} when not null. */
    void build(OutputStream out, ScratchFolder scratch) throws IOException {
        Objects.requireNonNull(out, "out");
        Instant modified = clock == null ? metadata.created() : clock.instant().truncatedTo(ChronoUnit.SECONDS);
        new PortfolioWriter(metadata, manifest, manifestSignature, items, modified)
                .write(out, scratch == null ? null : scratch.streamCache());
    }

    /**
     * Writes the portfolio to {@code target}, atomically: the PDF is written to a temporary file
     * in the same folder and moved into place once complete, replacing any existing file. On
     * failure nothing is left behind and an existing {@code target} is untouched. Nothing is
     * written outside {@code target}'s folder: PDFBox's scratch file (as large as the portfolio)
     * goes in a temporary folder there, not in the system's temporary folder.
     *
     * @throws PortfolioException if a file's bytes do not match its declared size or digests,
     *     or a file cannot be read (the message names it)
     * @throws IOException if writing fails
     */
    public void build(Path target) throws IOException {
        Objects.requireNonNull(target, "target");
        try (AtomicTarget atomic = AtomicTarget.create(target); ScratchFolder scratch = ScratchFolder.beside(target)) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(atomic.temp()), 1 << 16)) {
                build(out, scratch);
            }
            atomic.commit();
        }
    }

    /**
     * Writes the portfolio to {@code target} and signs it with {@code signer}, in one step and
     * atomically: the signed PDF appears complete at {@code target} (replacing any file there) or,
     * on failure, not at all. The unsigned portfolio is hashed while it is written and signed in
     * place, so the files' bytes are not read again.
     *
     * @throws PortfolioException as {@link #build(Path)}
     * @throws SigningException as {@link PadesSigner#sign(Path, Path)}
     * @throws IOException if writing fails
     */
    public void buildSigned(Path target, PadesSigner signer) throws IOException, SigningException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(signer, "signer");
        signer.buildAndSign(this, target);
    }

    /**
     * A builder of the portfolio of a Palimpsest bundle folder (the layout of DESIGN.md):
     * {@code provenance/archive.json} is embedded byte for byte with its detached signature
     * {@code provenance/archive.json.p7s} when present, and every manifest entry becomes an item
     * read from {@code data/<path>}, with its title, media type (without parameters), collection,
     * SHA-256, MD5 when recorded, and from its capture record the original URL, capture time,
     * memento URL and capture check. The metadata is the manifest's title (else the folder's
     * name), description, creator and creation time (else the signature's signing time, else the
     * manifest file's modification time), and the SHA-256 fingerprint of the signature's first
     * signer certificate.
     *
     * <p>The signature must verify over the manifest (trust is not judged here), and every listed
     * file must exist inside {@code data/} with the declared size; digests are checked while the
     * portfolio is built.
     *
     * @throws java.nio.file.NoSuchFileException if {@code bundle} is not a folder
     * @throws PortfolioException naming the bundle file that is missing or wrong
     * @throws IOException if a file cannot be read
     */
    public static PortfolioBuilder fromBundle(Path bundle) throws IOException {
        Objects.requireNonNull(bundle, "bundle");
        BundleReader.Contents contents = BundleReader.read(bundle);
        return of(contents, contents.metadata(), contents.items());
    }

    /**
     * One builder per collection of the bundle at {@code bundle}, keyed by collection id in the
     * manifest's order (entries in no collection come last, under {@code _unassigned}, a name no
     * collection id can have; collections without entries get no portfolio). Each portfolio holds
     * only its collection's files, but embeds the full signed manifest and its signature, so that
     * the signature still verifies; its title is the archive's followed by the collection's title
     * (or id). Otherwise as {@link #fromBundle(Path)}.
     *
     * @throws java.nio.file.NoSuchFileException if {@code bundle} is not a folder
     * @throws PortfolioException naming the bundle file that is missing or wrong
     * @throws IOException if a file cannot be read
     */
    public static Map<String, PortfolioBuilder> fromBundlePerCollection(Path bundle) throws IOException {
        Objects.requireNonNull(bundle, "bundle");
        BundleReader.Contents contents = BundleReader.read(bundle);
        Map<String, PortfolioBuilder> builders = new LinkedHashMap<>();
        for (Map.Entry<String, List<PortfolioItem>> group : BundleReader.byCollection(contents).entrySet()) {
            builders.put(group.getKey(), of(contents, BundleReader.collectionMetadata(contents, group.getKey()),
                    group.getValue()));
        }
        return Collections.unmodifiableMap(builders);
    }

    private static PortfolioBuilder of(BundleReader.Contents contents, PortfolioMetadata metadata,
            List<PortfolioItem> items) {
        PortfolioBuilder builder = of(metadata, contents.manifestBytes());
        if (contents.signature().isPresent()) {
            builder = builder.withManifestSignature(contents.signature().get());
        }
        return builder.withItems(items);
    }

    private static String fold(String path) {
        return Normalizer.normalize(path, Normalizer.Form.NFC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}
