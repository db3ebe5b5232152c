package dev.palimpsest.core.bag;

import dev.palimpsest.core.internal.bag.BagOptions;
import dev.palimpsest.core.internal.bag.BagVerification;
import dev.palimpsest.core.verify.VerificationException;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.verify.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Verifies plain BagIt bags — any version from 0.93 to 1.0 (RFC 8493), as a folder or as a ZIP
 * holding the bag at its root or in its one top-level folder — into a
 * {@link VerificationReport} with format {@code bagit}.
 *
 * <p>A verification collects every problem (see {@code core/FORMAT.md} for the codes) rather
 * than stopping at the first: {@code bagit.txt} syntax and version; tag file encodings;
 * completeness (every listed file present, every payload file listed in every payload manifest,
 * fetch.txt items fetched); fixity for every algorithm of every manifest and tag manifest, each
 * file read once for all of them; and {@code Payload-Oxum}. The verdict is
 * {@link Verdict#INVALID} on any error, otherwise {@link Verdict#VALID}; a plain bag is never
 * {@link Verdict#TRUSTED}, since it carries no signature.
 *
 * <p>Every input is treated as hostile. Paths in manifests and fetch.txt that could leave the
 * bag ({@code ..}, absolute, {@code ~}, UNC, drive letters, backslashes) are reported and never
 * used; symbolic links inside a bag folder are reported and never followed; a ZIP is read in
 * place, never unpacked, and its entry names, entry count, total expanded size and compression
 * ratios are checked against limits while it is read; tag files are read only up to a limit.
 * Nothing is written anywhere, and memory use does not grow with file sizes.
 *
 * <p>Instances are immutable and thread-safe; build one with {@link #builder()} and reuse it.
 * <pre>{@code
 * VerificationReport report = BagVerifier.builder().build().verify(Path.of("my-bag.zip"));
 * System.out.println(report.toText());
 * }</pre>
 */
public final class BagVerifier {
    private final BagOptions options;

    private BagVerifier(BagOptions options) {
        this.options = options;
    }

    /** A builder starting from the default limits and one hashing thread per processor. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies the bag folder or ZIP at {@code bag}. Problems with the bag's content, including an
     * input that exists but cannot be read or is neither a folder nor a ZIP, are reported in the
     * returned report, never thrown.
     *
     * @param bag a bag folder, or a ZIP file holding one
     * @return the report; its format is {@code bagit}, its source {@code bag.toString()}, its
     *     entries one per payload file with paths relative to the bag root ({@code data/...})
     * @throws java.nio.file.NoSuchFileException if nothing exists at {@code bag}
     * @throws java.io.InterruptedIOException if the thread is interrupted while files are hashed
     *     (the interrupt flag is set again)
     * @throws IOException only in those two cases
     * @throws NullPointerException if {@code bag} is null
     */
    public VerificationReport verify(Path bag) throws IOException {
        Objects.requireNonNull(bag, "bag");
        return BagVerification.verify(bag, options);
    }

    /**
     * Verifies like {@link #verify(Path)} and returns the report only when its verdict is
     * {@link Verdict#VALID} or better.
     *
     * @throws VerificationException carrying the report, when the bag is {@link Verdict#INVALID};
     *     its message names the errors
     * @throws IOException as {@link #verify(Path)}
     */
    public VerificationReport verifyOrThrow(Path bag) throws IOException, VerificationException {
        VerificationReport report = verify(bag);
        report.require(Verdict.VALID);
        return report;
    }

    @Override
    public String toString() {
        return "BagVerifier" + options.toString().substring(options.getClass().getSimpleName().length());
    }

    /**
     * Builds a {@link BagVerifier}. Every setting has a safe default; limits guard against
     * hostile bags and can be raised for very large honest ones.
     */
    public static final class Builder {
        private long maxTagFileBytes = BagOptions.DEFAULT_MAX_TAG_FILE_BYTES;
        private long maxManifestBytes = BagOptions.DEFAULT_MAX_MANIFEST_BYTES;
        private int maxZipEntries = BagOptions.DEFAULT_MAX_ZIP_ENTRIES;
        private long maxZipExpandedBytes = BagOptions.DEFAULT_MAX_ZIP_EXPANDED_BYTES;
        private int maxZipCompressionRatio = BagOptions.DEFAULT_MAX_ZIP_COMPRESSION_RATIO;
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private Executor executor;

        private Builder() {
        }

        /**
         * The most bytes read from {@code bagit.txt} and {@code bag-info.txt} (default 1 MiB, at
         * most 1 GiB); a larger one is reported as {@code TAG_FILE_TOO_LARGE} and not read at all.
         *
         * @throws IllegalArgumentException if not between 1 byte and 1 GiB
         */
        public Builder maxTagFileBytes(long bytes) {
            this.maxTagFileBytes = inMemoryLimit(bytes, "maxTagFileBytes");
            return this;
        }

        /**
         * The most bytes read from one manifest, tag manifest or {@code fetch.txt} (default
         * 128 MiB, about a million sha256 lines; at most 1 GiB). Each is held in memory while it
         * is parsed.
         *
         * @throws IllegalArgumentException if not between 1 byte and 1 GiB
         */
        public Builder maxManifestBytes(long bytes) {
            this.maxManifestBytes = inMemoryLimit(bytes, "maxManifestBytes");
            return this;
        }

        /**
         * The most entries a ZIP may have (default 1,000,000); more is {@code ZIP_LIMIT_EXCEEDED}
         * and nothing in it is read.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxZipEntries(int entries) {
            this.maxZipEntries = positive(entries, "maxZipEntries");
            return this;
        }

        /**
         * The most bytes the entries of a ZIP may expand to, together (default 1 TiB). Checked on
         * the sizes the ZIP declares before anything is read, and on the bytes actually inflated
         * while reading.
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
         * The highest ratio of expanded to compressed size allowed for a ZIP entry that expands
         * beyond 1 MiB (default 100); a higher one is reported as {@code ZIP_LIMIT_EXCEEDED} and
         * the entry is not read further.
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
         * How many files are hashed at once (default: the number of processors). With 1 and no
         * {@link #executor(Executor) executor}, hashing runs on the calling thread.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder parallelism(int threads) {
            this.parallelism = positive(threads, "parallelism");
            return this;
        }

        /**
         * Runs hashing on {@code executor} — at most {@link #parallelism(int)} tasks at a time —
         * instead of a pool created and shut down by each verification. The executor is never
         * shut down by the verifier; {@code null} restores the default.
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** The verifier. */
        public BagVerifier build() {
            return new BagVerifier(new BagOptions(maxTagFileBytes, maxManifestBytes, maxZipEntries,
                    maxZipExpandedBytes, maxZipCompressionRatio, parallelism, executor));
        }

        private static long inMemoryLimit(long bytes, String name) {
            if (bytes <= 0 || bytes > BagOptions.MAX_IN_MEMORY_BYTES) {
                throw new IllegalArgumentException(name + " must be between 1 and " + BagOptions.MAX_IN_MEMORY_BYTES
                        + " bytes, got " + bytes);
            }
            return bytes;
        }

        private static int positive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
