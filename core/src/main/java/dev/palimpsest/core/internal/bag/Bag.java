package dev.palimpsest.core.internal.bag;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A bag as read from a {@link BagSource}: its declaration, metadata, manifests, tag manifests,
 * fetch items and the listing of everything it holds, plus the exact bytes of each tag file that
 * was parsed (so that checking a tag file's digest checks the bytes that were interpreted).
 * Built by {@link BagReader}; immutable apart from the source it reads.
 */
public final class Bag {
    private final BagSource source;
    private final BagDeclaration declaration;
    private final TagMetadata metadata;
    private final List<Manifest> payloadManifests;
    private final List<Manifest> tagManifests;
    private final int payloadManifestFiles;
    private final List<FetchItem> fetchItems;
    private final Map<String, BagEntry> entries;
    private final Set<String> directories;
    private final Map<String, byte[]> tagBytes;
    private final Map<String, Map<DigestAlgorithm, DigestValue>> tagDigests;
    private final Set<String> tagFilesRead;

    Bag(BagSource source, BagDeclaration declaration, TagMetadata metadata, List<Manifest> payloadManifests,
            List<Manifest> tagManifests, int payloadManifestFiles, List<FetchItem> fetchItems,
            Map<String, BagEntry> entries, Set<String> directories, Map<String, byte[]> tagBytes,
            Map<String, Map<DigestAlgorithm, DigestValue>> tagDigests, Set<String> tagFilesRead) {
        this.source = source;
        this.declaration = declaration;
        this.metadata = metadata;
        this.payloadManifests = List.copyOf(payloadManifests);
        this.tagManifests = List.copyOf(tagManifests);
        this.payloadManifestFiles = payloadManifestFiles;
        this.fetchItems = List.copyOf(fetchItems);
        this.entries = Collections.unmodifiableMap(entries);
        this.directories = Collections.unmodifiableSet(directories);
        this.tagBytes = Collections.unmodifiableMap(tagBytes);
        this.tagDigests = Collections.unmodifiableMap(tagDigests);
        this.tagFilesRead = Collections.unmodifiableSet(tagFilesRead);
    }

    /** Where the bag's files are read from. */
    public BagSource source() {
        return source;
    }

    /** The declaration, or {@link BagDeclaration#FALLBACK} when bagit.txt is missing or broken. */
    public BagDeclaration declaration() {
        return declaration;
    }

    /** The bag-info.txt (or package-info.txt) elements; absent when there is none or it could not be read. */
    public Optional<TagMetadata> metadata() {
        return Optional.ofNullable(metadata);
    }

    /** The payload manifests that could be read, in file-name order. */
    public List<Manifest> payloadManifests() {
        return payloadManifests;
    }

    /** The tag manifests that could be read, in file-name order. */
    public List<Manifest> tagManifests() {
        return tagManifests;
    }

    /** How many {@code manifest-*.txt} files the bag has, readable or not. */
    public int payloadManifestFiles() {
        return payloadManifestFiles;
    }

    /** The well-formed, safe lines of fetch.txt; empty without one. */
    public List<FetchItem> fetchItems() {
        return fetchItems;
    }

    /** Every entry, by path, sorted. */
    public Map<String, BagEntry> entries() {
        return entries;
    }

    /** The entry at exactly this path. */
    public Optional<BagEntry> entry(String path) {
        return Optional.ofNullable(entries.get(path));
    }

    /** Whether the path is a directory (listed, or implied by a file below it). */
    public boolean isDirectory(String path) {
        return directories.contains(path);
    }

    /**
     * The exact bytes of a tag file that was read (bagit.txt, bag-info.txt, manifests, tag
     * manifests, fetch.txt, and the files pinned when reading); absent for other files, for those
     * that could not be read, and for payload manifests over 1 MiB, of which only the digests the
     * tag manifests need are kept ({@link #precomputedDigests(String)}).
     */
    public Optional<byte[]> tagFileBytes(String path) {
        byte[] bytes = tagBytes.get(path);
        return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
    }

    /**
     * Whether the reader tried to read this tag file: true for the files it parses and for pinned
     * ones, whether or not reading succeeded (see {@link #tagFileBytes(String)}).
     */
    public boolean wasRead(String path) {
        return tagFilesRead.contains(path);
    }

    /**
     * The digests of a large payload manifest, computed from the bytes that were parsed, for the
     * algorithms of the tag manifests that list it; empty for other files.
     */
    Map<DigestAlgorithm, DigestValue> precomputedDigests(String path) {
        return tagDigests.getOrDefault(path, Map.of());
    }

    /** The cached bytes without a copy, for hashing inside this package. */
    byte[] cachedBytes(String path) {
        return tagBytes.get(path);
    }
}
