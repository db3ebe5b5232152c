package dev.palimpsest.core.wacz;

import dev.palimpsest.core.internal.wacz.WaczOptions;
import dev.palimpsest.core.internal.wacz.WaczVerification;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.verify.VerificationException;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.verify.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Verifies WACZ web archives (WACZ 1.0 to 1.2, signed per the WACZ signing and verification
 * specification 0.1.0, or unsigned) into a {@link VerificationReport} with format {@code wacz}.
 *
 * <p>The ZIP is read in place, never unpacked, and every file in it is read once. A verification
 * collects every problem (the codes are documented in {@code core/FORMAT.md}):
 * <ul>
 *   <li>{@code datapackage.json}: its profile and {@code wacz_version}, and every resource it
 *       lists present with its size and digest ({@code sha256:<hex>}); files in the ZIP that it
 *       does not list; the parts every WACZ has ({@code archive/}, {@code indexes/},
 *       {@code pages/pages.jsonl});
 *   <li>{@code datapackage-digest.json}: the digest of {@code datapackage.json}, and its
 *       signature. An anonymous signature is checked with the public key it carries and is
 *       trusted only when the SHA-256 of that key's SubjectPublicKeyInfo is a
 *       {@linkplain TrustPolicy.Builder#pin pinned fingerprint}. A domain-identity signature is
 *       checked with its domain certificate, whose names must include the signed domain and which
 *       must have been used within 7 days of the start of its validity; its RFC 3161 timestamp must
 *       cover the signature and be at most 10 minutes after the signature's creation time; both
 *       certificate chains are judged by the trust policy at the timestamp's time (when the
 *       timestamp authority is trusted), so a signature outlives its 90-day certificate;
 *   <li>the CDXJ indexes (plain or gzipped, with or without a ZipNum {@code .idx}, whose block
 *       digests and keys are checked too): every entry's WARC record found at its offset, with
 *       its length, record digest, URL, date and payload digest; and every page of the pages
 *       files found in the index.
 * </ul>
 * Entries are the files (paths in the ZIP), then the captured pages (path
 * {@code archive/<warc>#<offset>}, with URL and capture time). The verdict is
 * {@link Verdict#TRUSTED} when intact and signed by a trusted signer with a trusted timestamp,
 * {@link Verdict#VALID} when intact but unsigned or untrusted, {@link Verdict#INVALID} otherwise.
 * What cannot be checked is reported as a warning, never passed over.
 *
 * <p>Every input is treated as hostile: ZIP entry names that could escape a folder are reported
 * and never read; the entry count, the total expanded size and the compression ratios are
 * checked against limits while reading; lines and metadata files are read only up to limits;
 * nothing is written anywhere, and memory use does not grow with the size of the WARC files.
 *
 * <p>Instances are immutable and thread-safe; build one and reuse it.
 * <pre>{@code
 * TrustPolicy trust = TrustPolicy.builder().pin(rootFingerprint).build();
 * VerificationReport report = WaczVerifier.builder().trustPolicy(trust).build().verify(Path.of("crawl.wacz"));
 * System.out.println(report.toText());
 * }</pre>
 */
public final class WaczVerifier {
    private final WaczOptions options;

    private WaczVerifier(WaczOptions options) {
        this.options = options;
    }

    /** A builder that trusts no one and has the default limits. */
    public static Builder builder() {
        return new Builder();
    }

    /** The trust policy signatures are judged by. */
    public TrustPolicy trustPolicy() {
        return options.trustPolicy();
    }

    /**
     * Verifies the WACZ file at {@code wacz}. Problems with its content, including a file that
     * exists but is not a readable ZIP, are reported in the returned report, never thrown.
     *
     * @return the report; its format is {@code wacz} and its source {@code wacz.toString()}
     * @throws java.nio.file.NoSuchFileException if nothing exists at {@code wacz}
     * @throws java.io.InterruptedIOException if the thread is interrupted while files are read (the
     *     interrupt flag is set again)
     * @throws IOException only in those two cases
     * @throws NullPointerException if {@code wacz} is null
     */
    public VerificationReport verify(Path wacz) throws IOException {
        Objects.requireNonNull(wacz, "wacz");
        return WaczVerification.verify(wacz, options);
    }

    /**
     * Verifies like {@link #verify(Path)} and returns the report only when it is good enough:
     * {@link Verdict#TRUSTED} when the trust policy has any anchor or pin (trust was asked for),
     * otherwise at least {@link Verdict#VALID}.
     *
     * @throws VerificationException carrying the report, when the verdict falls short; its message
     *     names the verdict and the problems
     * @throws IOException as {@link #verify(Path)}
     */
    public VerificationReport verifyOrThrow(Path wacz) throws IOException, VerificationException {
        VerificationReport report = verify(wacz);
        report.require(options.trustPolicy().isEmpty() ? Verdict.VALID : Verdict.TRUSTED);
        return report;
    }

    @Override
    public String toString() {
        return "WaczVerifier[" + options.trustPolicy() + ", maxZipEntries=" + options.maxZipEntries()
                + ", maxZipExpandedBytes=" + options.maxZipExpandedBytes() + ", maxZipCompressionRatio="
                + options.maxZipCompressionRatio() + ", maxMetadataBytes=" + options.maxMetadataBytes()
                + ", maxIndexEntries=" + options.maxIndexEntries() + "]";
    }

    /**
     * Builds a {@link WaczVerifier}. Every setting has a safe default; the limits guard against
     * hostile files and can be raised for very large honest ones. Mutable; not thread-safe.
     */
    public static final class Builder {
        private TrustPolicy trustPolicy = TrustPolicy.none();
        private int maxZipEntries = WaczOptions.DEFAULT_MAX_ZIP_ENTRIES;
        private long maxZipExpandedBytes = WaczOptions.DEFAULT_MAX_ZIP_EXPANDED_BYTES;
        private int maxZipCompressionRatio = WaczOptions.DEFAULT_MAX_ZIP_COMPRESSION_RATIO;
        private long maxMetadataBytes = WaczOptions.DEFAULT_MAX_METADATA_BYTES;
        private int maxIndexEntries = WaczOptions.DEFAULT_MAX_INDEX_ENTRIES;

        private Builder() {
        }

        /**
         * Who is trusted: certificates and pins for domain-identity signatures and their timestamp
         * authorities, and pinned public-key fingerprints (SHA-256 of the SubjectPublicKeyInfo) for
         * anonymous signatures. Default {@link TrustPolicy#none()}: signatures are at best valid.
         */
        public Builder trustPolicy(TrustPolicy trustPolicy) {
            this.trustPolicy = Objects.requireNonNull(trustPolicy, "trustPolicy");
            return this;
        }

        /**
         * The most entries the ZIP may have (default 1,000,000); more is {@code ZIP_LIMIT_EXCEEDED}
         * and nothing in it is read.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxZipEntries(int entries) {
            if (entries <= 0) {
                throw new IllegalArgumentException("maxZipEntries must be positive, got " + entries);
            }
            this.maxZipEntries = entries;
            return this;
        }

        /**
         * The most bytes the entries may expand to, together (default 1 TiB): checked on the sizes
         * the ZIP declares before anything is read, and on the bytes inflated while reading.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxZipExpandedBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxZipExpandedBytes must be positive, got " + bytes);
            }
            this.maxZipExpandedBytes = bytes;
            return this;
        }

        /**
         * The highest ratio of expanded to compressed size allowed for an entry that expands beyond
         * 1 MiB (default 100); a higher one is {@code ZIP_LIMIT_EXCEEDED} and the entry is not read
         * further.
         *
         * @throws IllegalArgumentException if below 2
         */
        public Builder maxZipCompressionRatio(int ratio) {
            if (ratio < 2) {
                throw new IllegalArgumentException("maxZipCompressionRatio must be at least 2, got " + ratio);
            }
            this.maxZipCompressionRatio = ratio;
            return this;
        }

        /**
         * The most bytes read from {@code datapackage.json} and from {@code datapackage-digest.json}
         * (default 64 MiB each, at most 1 GiB); each is held in memory while it is parsed, and a
         * larger one is {@code ZIP_LIMIT_EXCEEDED} and not read.
         *
         * @throws IllegalArgumentException if not between 1 byte and 1 GiB
         */
        public Builder maxMetadataBytes(long bytes) {
            if (bytes <= 0 || bytes > WaczOptions.MAX_IN_MEMORY_BYTES) {
                throw new IllegalArgumentException("maxMetadataBytes must be between 1 and "
                        + WaczOptions.MAX_IN_MEMORY_BYTES + " bytes, got " + bytes);
            }
            this.maxMetadataBytes = bytes;
            return this;
        }

        /**
         * The most index entries, and separately the most pages, held in memory to check them
         * against the WARC records (default 250,000 each, about 100 MiB). The entries of listed
         * pages are always checked; beyond the limit other entries are counted and reported as not
         * checked ({@code WACZ_INDEX_NOT_CHECKED}).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxIndexEntries(int entries) {
            if (entries <= 0) {
                throw new IllegalArgumentException("maxIndexEntries must be positive, got " + entries);
            }
            this.maxIndexEntries = entries;
            return this;
        }

        /** The verifier. */
        public WaczVerifier build() {
            return new WaczVerifier(new WaczOptions(trustPolicy, maxZipEntries, maxZipExpandedBytes,
                    maxZipCompressionRatio, maxMetadataBytes, maxIndexEntries));
        }
    }
}
