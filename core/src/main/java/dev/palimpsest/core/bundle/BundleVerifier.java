package dev.palimpsest.core.bundle;

import dev.palimpsest.core.internal.bag.BagOptions;
import dev.palimpsest.core.internal.bundle.BundleVerification;
import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.verify.VerificationException;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.verify.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Verifies Palimpsest bundles — folders, or ZIPs read in place without unpacking — into a
 * {@link VerificationReport} with format {@code palimpsest-bundle}, collecting every problem
 * (codes in {@code core/FORMAT.md}):
 * <ul>
 *   <li>everything {@link dev.palimpsest.core.bag.BagVerifier} checks: the bag's structure,
 *       completeness and the fixity of every file for every manifest and tag manifest;
 *   <li>the detached CMS signature over the exact bytes of {@code provenance/archive.json}: one
 *       {@link dev.palimpsest.core.verify.SignatureResult} (kind {@code cms}) per signer, with its
 *       subject, certificate fingerprint, claimed signing time and timestamp, judged by the
 *       {@link TrustPolicy}; an unsigned bundle is at best {@link Verdict#VALID}, with a
 *       {@code SIGNATURE_MISSING} warning;
 *   <li>that the signed manifest and the BagIt manifests list the same files with the same
 *       digests ({@code ARCHIVE_MANIFEST_MISMATCH}), and that every file has the size and every
 *       digest the signed manifest records — including algorithms no BagIt manifest has, computed
 *       in the same read ({@code FILE_MODIFIED}, {@code FILE_MISSING});
 *   <li>for every entry with a capture record, the capture check against the digest the web
 *       archive holds: the entry's {@code captureCheck}; a mismatch is a {@code CAPTURE_MISMATCH}
 *       warning with its explanation, never an error.
 * </ul>
 * The manifest that is parsed is the one whose bytes were checked against the tag manifests and
 * the signature; nothing is re-serialised before it is checked. Report entries are one per
 * payload file and per signed entry, with paths relative to the bundle root ({@code data/...}).
 *
 * <p>Instances are immutable and thread-safe.
 * <pre>{@code
 * TrustPolicy trust = TrustPolicy.builder().anchors(Certificates.read(Path.of("archivist.pem"))).build();
 * VerificationReport report = BundleVerifier.builder().trustPolicy(trust).build().verify(Path.of("bundle.zip"));
 * }</pre>
 */
public final class BundleVerifier {
    private final TrustPolicy policy;
    private final BagOptions options;
    private final ManifestCodec codec;

    private BundleVerifier(Builder b) {
        this.policy = b.policy;
        this.options = new BagOptions(BagOptions.DEFAULT_MAX_TAG_FILE_BYTES, BagOptions.DEFAULT_MAX_MANIFEST_BYTES,
                BagOptions.DEFAULT_MAX_ZIP_ENTRIES, BagOptions.DEFAULT_MAX_ZIP_EXPANDED_BYTES,
                BagOptions.DEFAULT_MAX_ZIP_COMPRESSION_RATIO, b.parallelism, null);
        this.codec = b.codec;
    }

    /** A builder with a trust policy that trusts no one, the standard manifest limits, one thread per processor. */
    public static Builder builder() {
        return new Builder();
    }

    /** The trust policy signers are judged by. */
    public TrustPolicy trustPolicy() {
        return policy;
    }

    /**
     * Verifies the bundle folder or ZIP at {@code bundle}. Every problem with its content, including
     * an input that is not a bundle at all, is in the report, never thrown.
     *
     * @throws java.nio.file.NoSuchFileException if nothing exists at {@code bundle}
     * @throws java.io.InterruptedIOException if the thread is interrupted while files are hashed
     * @throws IOException only in those two cases
     */
    public VerificationReport verify(Path bundle) throws IOException {
        Objects.requireNonNull(bundle, "bundle");
        return BundleVerification.verify(bundle, options, policy, codec);
    }

    /**
     * Verifies like {@link #verify(Path)} and returns the report only when it is good enough:
     * {@link Verdict#TRUSTED} when the trust policy has an anchor or pinned fingerprint (trust was
     * asked for), otherwise at least {@link Verdict#VALID}.
     *
     * @throws VerificationException carrying the report, whose message names the problems
     * @throws IOException as {@link #verify(Path)}
     */
    public VerificationReport verifyOrThrow(Path bundle) throws IOException, VerificationException {
        VerificationReport report = verify(bundle);
        report.require(policy.isEmpty() ? Verdict.VALID : Verdict.TRUSTED);
        return report;
    }

    @Override
    public String toString() {
        return "BundleVerifier[" + policy + ", parallelism " + options.parallelism() + "]";
    }

    /** Configures a {@link BundleVerifier}. Not thread-safe. */
    public static final class Builder {
        private TrustPolicy policy = TrustPolicy.none();
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private ManifestCodec codec = ManifestCodec.standard();

        private Builder() {
        }

        /** The policy that decides whether signers (and timestamp authorities) are trusted; trusts no one unless set. */
        public Builder trustPolicy(TrustPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How many files are hashed at once (default: the number of processors).
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder parallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + threads);
            }
            this.parallelism = threads;
            return this;
        }

        /**
         * The codec that reads {@code provenance/archive.json}, with its limits on size and entry
         * count ({@link ManifestCodec#standard()} unless set); raise them for very large bundles.
         */
        public Builder manifestCodec(ManifestCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** The verifier. */
        public BundleVerifier build() {
            return new BundleVerifier(this);
        }
    }
}
