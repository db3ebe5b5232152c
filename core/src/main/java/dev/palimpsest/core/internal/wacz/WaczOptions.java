package dev.palimpsest.core.internal.wacz;

import dev.palimpsest.core.sign.TrustPolicy;
import java.util.Objects;

/**
 * How a WACZ is verified: the trust policy and the limits that contain hostile files. Immutable;
 * validated by the public builder that creates it.
 *
 * @param trustPolicy who is trusted to sign, and which timestamp authorities
 * @param maxZipEntries the most entries the ZIP may have
 * @param maxZipExpandedBytes the most bytes all entries may expand to, together
 * @param maxZipCompressionRatio the highest expanded-to-compressed ratio of an entry larger than
 *     {@link #RATIO_FLOOR_BYTES}
 * @param maxMetadataBytes the most bytes read from {@code datapackage.json} or
 *     {@code datapackage-digest.json}, each held in memory
 * @param maxIndexEntries the most index entries (and pages) held in memory for the record checks
 */
public record WaczOptions(TrustPolicy trustPolicy, int maxZipEntries, long maxZipExpandedBytes,
        int maxZipCompressionRatio, long maxMetadataBytes, int maxIndexEntries) {

    /** Default {@link #maxZipEntries()}. */
    public static final int DEFAULT_MAX_ZIP_ENTRIES = 1_000_000;
    /** Default {@link #maxZipExpandedBytes()}: 1 TiB. */
    public static final long DEFAULT_MAX_ZIP_EXPANDED_BYTES = 1L << 40;
    /** Default {@link #maxZipCompressionRatio()}. */
    public static final int DEFAULT_MAX_ZIP_COMPRESSION_RATIO = 100;
    /** Default {@link #maxMetadataBytes()}: 64 MiB, some 250,000 resources. */
    public static final long DEFAULT_MAX_METADATA_BYTES = 64L << 20;
    /** The largest {@link #maxMetadataBytes()}: such files are held in memory as one array. */
    public static final long MAX_IN_MEMORY_BYTES = 1L << 30;
    /** Default {@link #maxIndexEntries()}: some 100 MiB of memory. */
    public static final int DEFAULT_MAX_INDEX_ENTRIES = 250_000;
    /**
     * Entries that expand to no more than this are exempt from the ratio limit: small text files
     * (an index of similar lines) legitimately compress a hundredfold.
     */
    public static final long RATIO_FLOOR_BYTES = 1L << 20;

    /** Checks that the trust policy is given. */
    public WaczOptions {
        Objects.requireNonNull(trustPolicy, "trustPolicy");
    }
}
