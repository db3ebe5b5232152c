package dev.palimpsest.core.bundle;

import dev.palimpsest.core.internal.bundle.BundleSigning;
import dev.palimpsest.core.sign.CmsSigner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Signs an existing bundle's {@code provenance/archive.json} — or, when it is already signed,
 * adds a countersignature (a witness signing the same bytes; every existing signer stays valid).
 *
 * <p>The bundle (folder or ZIP) is verified first and refused with
 * {@link BundleException.Reason#BUNDLE_INVALID} if it does not verify: a signature vouches for the
 * content, so damaged content is not signed. Then only the signature file and the tag manifests
 * change; the archive manifest, the payload and the payload manifests are left byte for byte. In
 * a folder, each new file is written beside the one it replaces and renamed over it, the
 * signature first; a ZIP is rewritten to a temporary sibling that replaces it in one rename.
 * If a signing process was killed between the folder renames, the next signing of the bundle
 * first moves the left-over tag manifests into place when they list the signature that is there
 * (so the bundle verifies again), and removes every other temporary file a gone process left.
 *
 * <p>Immutable and thread-safe if the signer is; two signers must not sign one bundle at the same time.
 * <pre>{@code
 * BundleSigner.builder(CmsSigner.builder(witness).build()).build().sign(Path.of("bundle"));
 * }</pre>
 */
public final class BundleSigner {
    private final CmsSigner signer;
    private final boolean replace;
    private final int parallelism;

    private BundleSigner(Builder b) {
        this.signer = b.signer;
        this.replace = b.replace;
        this.parallelism = b.parallelism;
    }

    /** A builder for a signer that adds {@code signer}'s signature (with its timestamp client, if any). */
    public static Builder builder(CmsSigner signer) {
        return new Builder(Objects.requireNonNull(signer, "signer"));
    }

    /**
     * Signs or countersigns the bundle at {@code bundle}.
     *
     * @return the bundle's manifest and how many signers its signature now has
     * @throws BundleException {@code NOT_A_BUNDLE} if there is no archive manifest,
     *     {@code BUNDLE_INVALID} if the bundle does not verify (the message lists the errors),
     *     {@code SIGNING_FAILED} if the signer or its timestamp authority fails
     * @throws java.nio.file.NoSuchFileException if nothing exists at {@code bundle}
     * @throws IOException if reading or writing fails
     */
    public BundleResult sign(Path bundle) throws IOException {
        Objects.requireNonNull(bundle, "bundle");
        return BundleSigning.sign(bundle, signer, replace, parallelism);
    }

    @Override
    public String toString() {
        return "BundleSigner[" + signer + (replace ? ", replacing" : "") + "]";
    }

    /** Configures a {@link BundleSigner}. Not thread-safe. */
    public static final class Builder {
        private final CmsSigner signer;
        private boolean replace;
        private int parallelism = Runtime.getRuntime().availableProcessors();

        private Builder(CmsSigner signer) {
            this.signer = signer;
        }

        /**
         * Replaces any existing signature instead of countersigning it; then problems with the
         * old signature do not stop the signing. Countersigns unless set.
         */
        public Builder replaceExisting(boolean replace) {
            this.replace = replace;
            return this;
        }

        /**
         * How many files are hashed at once while the bundle is verified first.
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

        /** The bundle signer. */
        public BundleSigner build() {
            return new BundleSigner(this);
        }
    }
}
