package dev.palimpsest.pdf.internal.bundle;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.manifest.ArchiveCollection;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.sign.CmsVerifier;
import dev.palimpsest.core.sign.MalformedSignatureException;
import dev.palimpsest.core.sign.SignatureVerification;
import dev.palimpsest.core.sign.SignerResult;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.pdf.ContentSource;
import dev.palimpsest.pdf.PortfolioException;
import dev.palimpsest.pdf.PortfolioItem;
import dev.palimpsest.pdf.PortfolioMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads a Palimpsest bundle folder (DESIGN.md, "The bundle"): {@code provenance/archive.json},
 * its detached signature {@code provenance/archive.json.p7s} when present, and the files under
 * {@code data/}, and maps them to portfolio metadata and items.
 */
public final class BundleReader {
    /** The bundle's manifest, relative to the bundle folder. */
    public static final String MANIFEST = "provenance/archive.json";
    /** The manifest's detached signature, relative to the bundle folder. */
    public static final String SIGNATURE = "provenance/archive.json.p7s";
    /** The payload folder. */
    public static final String DATA = "data";
    /**
     * The name of the group of entries that belong to no collection, in per-collection output.
     * Collection ids start with a letter or digit, so no collection can have this name.
     */
    public static final String UNASSIGNED = "_unassigned";

    private BundleReader() {
    }

    /** What a bundle holds, read and checked. */
    public record Contents(ArchiveManifest manifest, byte[] manifestBytes, Optional<byte[]> signature,
            PortfolioMetadata metadata, List<PortfolioItem> items) {
    }

    /**
     * Reads the bundle at {@code folder}.
     *
     * @throws PortfolioException naming the bundle file that is missing, unreadable or wrong: an
     *     unreadable manifest, a signature that does not verify over it, a listed file that is
     *     missing, outside {@code data/}, or not of the declared size
     */
    public static Contents read(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "no bundle folder");
        }
        Path manifestFile = folder.resolve(MANIFEST);
        byte[] manifestBytes = readFile(manifestFile, MANIFEST);
        ArchiveManifest manifest;
        try {
            manifest = ManifestCodec.standard().read(manifestBytes);
        } catch (IOException e) {
            throw new PortfolioException(MANIFEST, "is not a valid archive manifest: " + e.getMessage(), e);
        }
        Path signatureFile = folder.resolve(SIGNATURE);
        Optional<byte[]> signature = Optional.empty();
        SignerResult firstSigner = null;
        if (Files.exists(signatureFile, LinkOption.NOFOLLOW_LINKS)) {
            byte[] p7s = readFile(signatureFile, SIGNATURE);
            firstSigner = checkSignature(p7s, manifestBytes);
            signature = Optional.of(p7s);
        }
        Optional<SignerResult> signer = Optional.ofNullable(firstSigner);

        String title = manifest.title().orElseGet(() -> {
            Path name = folder.toAbsolutePath().normalize().getFileName();
            return name == null ? "Archive" : name.toString();
        });
        Instant created = manifest.created()
                .or(() -> signer.flatMap(SignerResult::signingTime))
                .orElse(Files.getLastModifiedTime(manifestFile).toInstant());
        PortfolioMetadata.Builder metadata = PortfolioMetadata.builder(title, created);
        manifest.description().filter(d -> !d.isBlank()).ifPresent(metadata::description);
        manifest.creator().filter(c -> !c.isBlank()).ifPresent(metadata::creator);
        signer.flatMap(SignerResult::certificateSha256).ifPresent(d -> metadata.signerFingerprint(d.hex()));

        Path data = folder.resolve(DATA);
        Path realData = Files.isDirectory(data) ? data.toRealPath() : null;
        List<PortfolioItem> items = new ArrayList<>();
        for (ManifestEntry entry : manifest.entries()) {
            items.add(item(data, realData, entry));
        }
        return new Contents(manifest, manifestBytes, signature, metadata.build(), items);
    }

    /**
     * The items grouped by collection, in the manifest's order of collections, then those with no
     * collection under {@link #UNASSIGNED}; collections without entries are left out.
     */
    public static Map<String, List<PortfolioItem>> byCollection(Contents contents) {
        Map<String, List<PortfolioItem>> groups = new LinkedHashMap<>();
        for (ArchiveCollection c : contents.manifest().collections()) {
            groups.put(c.id(), new ArrayList<>());
        }
        for (PortfolioItem item : contents.items()) {
            groups.computeIfAbsent(item.collection().orElse(UNASSIGNED), k -> new ArrayList<>()).add(item);
        }
        groups.values().removeIf(List::isEmpty);
        return groups.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue()),
                (a, b) -> a, LinkedHashMap::new));
    }

    /** The metadata of the portfolio for one collection: the archive's, with the collection in the title. */
    public static PortfolioMetadata collectionMetadata(Contents contents, String collection) {
        PortfolioMetadata all = contents.metadata();
        Optional<ArchiveCollection> declared = contents.manifest().collection(collection);
        String name = declared.flatMap(ArchiveCollection::title).filter(t -> !t.isBlank())
                .orElse(collection.equals(UNASSIGNED) ? "files in no collection" : collection);
        PortfolioMetadata.Builder b = PortfolioMetadata.builder(all.title() + " — " + name, all.created());
        Optional<String> description = declared.flatMap(ArchiveCollection::description).filter(d -> !d.isBlank())
                .or(all::description);
        description.ifPresent(b::description);
        all.creator().ifPresent(b::creator);
        all.signerFingerprint().ifPresent(b::signerFingerprint);
        return b.build();
    }

    private static PortfolioItem item(Path data, Path realData, ManifestEntry entry) throws IOException {
        String path = entry.path().toString();
        String where = DATA + "/" + path;
        Path file = data.resolve(path);
        if (realData == null || !Files.exists(file)) {
            throw new PortfolioException(where, "is missing; the manifest lists it");
        }
        Path real = file.toRealPath();
        if (!real.startsWith(realData)) {
            throw new PortfolioException(where, "leads outside the bundle's data folder (through a symbolic link)");
        }
        if (!Files.isRegularFile(real)) {
            throw new PortfolioException(where, "is not a regular file");
        }
        long size = Files.size(real);
        if (size != entry.size()) {
            throw new PortfolioException(where, "has " + size + " bytes, the manifest declares " + entry.size());
        }
        PortfolioItem.Builder item = PortfolioItem.builder(path)
                .size(entry.size())
                .sha256(entry.sha256())
                .mediaType(mediaType(entry.mediaType()))
                .content(ContentSource.ofFile(real));
        entry.digest(DigestAlgorithm.MD5).ifPresent(item::md5);
        entry.title().filter(t -> !t.isBlank()).ifPresent(item::title);
        entry.collection().ifPresent(item::collection);
        Optional<CaptureRecord> capture = entry.capture();
        if (capture.isPresent()) {
            CaptureRecord c = capture.get();
            if (!c.originalUrl().isBlank()) {
                item.originalUrl(c.originalUrl());
            }
            c.captureTime().ifPresent(item::captured);
            c.mementoUrl().filter(u -> !u.isBlank()).ifPresent(item::mementoUrl);
            c.check().ifPresent(item::captureCheck);
        }
        return item.build();
    }

    /** The manifest's media type without parameters ({@code text/html; charset=utf-8} becomes {@code text/html}). */
    private static String mediaType(Optional<String> declared) {
        String m = declared.map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
        return m.matches("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}") ? m
                : "application/octet-stream";
    }

    private static SignerResult checkSignature(byte[] p7s, byte[] manifest) throws PortfolioException {
        SignatureVerification verification;
        try {
            verification = CmsVerifier.of(TrustPolicy.none()).verify(p7s, manifest);
        } catch (MalformedSignatureException e) {
            throw new PortfolioException(SIGNATURE, "is not a CMS signature: " + e.getMessage(), e);
        }
        if (!verification.isValid()) {
            String why = verification.signers().stream().flatMap(s -> s.failures().stream())
                    .map(SignerResult.Failure::message).collect(Collectors.joining("; "));
            throw new PortfolioException(SIGNATURE, "does not verify over " + MANIFEST
                    + (why.isEmpty() ? "" : ": " + why));
        }
        return verification.signers().get(0);
    }

    private static byte[] readFile(Path file, String name) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PortfolioException(name, "is missing; a bundle has its manifest there", e);
        } catch (IOException e) {
            throw new PortfolioException(name, "cannot be read: " + e.getMessage(), e);
        }
    }
}
