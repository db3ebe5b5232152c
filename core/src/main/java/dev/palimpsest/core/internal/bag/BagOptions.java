package dev.palimpsest.core.internal.bag;

import java.util.concurrent.Executor;

/**
 * The limits and threading a bag is read and verified with. Immutable; validated by the public
 * builders that create it.
 *
 * @param maxTagFileBytes the most bytes read from {@code bagit.txt} and {@code bag-info.txt}
 * @param maxManifestBytes the most bytes read from one manifest, tag manifest or {@code fetch.txt}
 * @param maxZipEntries the most entries a ZIP may have
 * @param maxZipExpandedBytes the most bytes all entries of a ZIP may expand to, together
 * @param maxZipCompressionRatio the highest ratio of expanded to compressed size of a ZIP entry
 *     larger than {@link #RATIO_FLOOR_BYTES}
 * @param parallelism how many files are hashed at once
 * @param executor where hashing runs; {@code null} for a pool owned by each verification
 */
public record BagOptions(long maxTagFileBytes, long maxManifestBytes, int maxZipEntries, long maxZipExpandedBytes,
        int maxZipCompressionRatio, int parallelism, Executor executor) {

    /** Default {@link #maxTagFileBytes()}: 1 MiB. */
    public static final long DEFAULT_MAX_TAG_FILE_BYTES = 1L << 20;
    /** Default {@link #maxManifestBytes()}: 128 MiB, about a million sha256 lines. */
    public static final long DEFAULT_MAX_MANIFEST_BYTES = 128L << 20;
    /** Default {@link #maxZipEntries()}. */
    public static final int DEFAULT_MAX_ZIP_ENTRIES = 1_000_000;
    /** Default {@link #maxZipExpandedBytes()}: 1 TiB. */
    public static final long DEFAULT_MAX_ZIP_EXPANDED_BYTES = 1L << 40;
    /** Default {@link #maxZipCompressionRatio()}. */
    public static final int DEFAULT_MAX_ZIP_COMPRESSION_RATIO = 100;
    /**
     * Entries that expand to no more than this are exempt from the ratio limit: small text files
     * (a manifest of identical lines, a file of zeros) legitimately compress a thousandfold.
     */
    public static final long RATIO_FLOOR_BYTES = 1L << 20;
    /** The largest tag-file or manifest limit: such files are held in memory as one array. */
    public static final long MAX_IN_MEMORY_BYTES = 1L << 30;

    /** The defaults, hashing on as many threads as there are processors. */
    public static BagOptions defaults() {
        return new BagOptions(DEFAULT_MAX_TAG_FILE_BYTES, DEFAULT_MAX_MANIFEST_BYTES, DEFAULT_MAX_ZIP_ENTRIES,
                DEFAULT_MAX_ZIP_EXPANDED_BYTES, DEFAULT_MAX_ZIP_COMPRESSION_RATIO,
                Runtime.getRuntime().availableProcessors(), null);
    }
}
