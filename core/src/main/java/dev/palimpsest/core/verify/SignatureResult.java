package dev.palimpsest.core.verify;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One signature as a report shows it. {@link #valid()} is cryptographic validity (the bytes are
 * what was signed); {@link #trusted()} says whether the signer is trusted by the verifier's trust
 * policy. A signature can be valid and untrusted, never trusted and invalid.
 */
public final class SignatureResult {
    private final SignatureKind kind;
    private final boolean valid;
    private final boolean trusted;
    private final String signer;
    private final String certificateSha256;
    private final Instant signingTime;
    private final TimestampInfo timestamp;
    private final String coverage;
    private final String level;

    private SignatureResult(Builder b) {
        this.kind = Objects.requireNonNull(b.kind, "kind");
        this.valid = b.valid;
        this.trusted = b.valid && b.trusted;
        this.signer = b.signer;
        this.certificateSha256 = b.certificateSha256;
        this.signingTime = b.signingTime;
        this.timestamp = b.timestamp;
        this.coverage = b.coverage;
        this.level = b.level;
    }

    /** A builder for a signature of this kind. */
    public static Builder builder(SignatureKind kind) {
        return new Builder(kind);
    }

    /** The kind of signature. */
    public SignatureKind kind() {
        return kind;
    }

    /** Whether the signature verifies cryptographically over what it claims to cover. */
    public boolean valid() {
        return valid;
    }

    /** Whether the signature is valid and its signer trusted by the verifier's trust policy. */
    public boolean trusted() {
        return trusted;
    }

    /** The signer's certificate subject, or for a key-only signature a description of the key. */
    public Optional<String> signer() {
        return Optional.ofNullable(signer);
    }

    /** Lower-case hex SHA-256 of the signer's certificate (or public key, for key-only signatures). */
    public Optional<String> certificateSha256() {
        return Optional.ofNullable(certificateSha256);
    }

    /** The signing time the signer claims (not proof of time; see {@link #timestamp()}). */
    public Optional<Instant> signingTime() {
        return Optional.ofNullable(signingTime);
    }

    /** The signature timestamp, if any. */
    public Optional<TimestampInfo> timestamp() {
        return Optional.ofNullable(timestamp);
    }

    /** For PDF signatures: what the signature covers (e.g. {@code entire-file}). */
    public Optional<String> coverage() {
        return Optional.ofNullable(coverage);
    }

    /** For PDF signatures: the detected level (e.g. {@code PAdES-BASELINE-LTA}). */
    public Optional<String> level() {
        return Optional.ofNullable(level);
    }

    @Override
    public String toString() {
        return kind + (valid ? (trusted ? " trusted" : " valid") : " INVALID") + (signer != null ? " by " + signer : "");
    }

    /** Builds a {@link SignatureResult}. */
    public static final class Builder {
        private final SignatureKind kind;
        private boolean valid;
        private boolean trusted;
        private String signer;
        private String certificateSha256;
        private Instant signingTime;
        private TimestampInfo timestamp;
        private String coverage;
        private String level;

        private Builder(SignatureKind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        /** Cryptographic validity. */
        public Builder valid(boolean valid) {
            this.valid = valid;
            return this;
        }

        /** Trust; ignored (false) unless the signature is also valid. */
        public Builder trusted(boolean trusted) {
            this.trusted = trusted;
            return this;
        }

        /** The signer's subject. */
        public Builder signer(String signer) {
            this.signer = signer;
            return this;
        }

        /** Lower-case hex SHA-256 of the signer's certificate. */
        public Builder certificateSha256(String certificateSha256) {
            this.certificateSha256 = certificateSha256;
            return this;
        }

        /** The claimed signing time. */
        public Builder signingTime(Instant signingTime) {
            this.signingTime = signingTime;
            return this;
        }

        /** The signature timestamp. */
        public Builder timestamp(TimestampInfo timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        /** What a PDF signature covers. */
        public Builder coverage(String coverage) {
            this.coverage = coverage;
            return this;
        }

        /** The detected PAdES level. */
        public Builder level(String level) {
            this.level = level;
            return this;
        }

        /** The result. */
        public SignatureResult build() {
            return new SignatureResult(this);
        }
    }
}
