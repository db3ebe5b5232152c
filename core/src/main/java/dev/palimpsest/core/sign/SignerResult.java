package dev.palimpsest.core.sign;

import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.sign.Certs;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verification outcome for one signer of a CMS signature: whether the signature verifies
 * and, if not, every reason why; who signed; when they claim to have signed and when a timestamp
 * proves they did; and whether the signer is trusted. Immutable.
 */
public final class SignerResult {

    /** One reason a signature is invalid. */
    public static final class Failure {
        /** Stable codes for the reasons. */
        public enum Code {
            /** The SignerInfo is structurally wrong (version, identifier, encoding). */
            MALFORMED_SIGNER,
            /** The signature does not carry the certificate the signer is identified by. */
            SIGNER_CERTIFICATE_MISSING,
            /** MD5 or an unknown digest; or SHA-1 without a trusted timestamp from before the SHA-1 cut-off. */
            DIGEST_ALGORITHM_NOT_ALLOWED,
            /** The signature algorithm is unknown or does not suit the certificate's key. */
            UNSUPPORTED_SIGNATURE_ALGORITHM,
            /** Signed attributes are missing, duplicated or malformed. */
            MALFORMED_ATTRIBUTES,
            /** The content's digest is not the one the signer signed: the content was changed. */
            MESSAGE_DIGEST_MISMATCH,
            /** The content's digest with the signer's algorithm was not available (digest-only verification). */
            DIGEST_UNAVAILABLE,
            /** The signature value does not verify with the signer's public key. */
            SIGNATURE_MISMATCH,
            /** The signing-certificate(-v2) attribute names another certificate than the signer's. */
            SIGNING_CERTIFICATE_MISMATCH,
            /** The algorithm-protection attribute names other algorithms than the SignerInfo uses. */
            ALGORITHM_PROTECTION_MISMATCH,
            /** The signer's certificate does not allow digitalSignature or nonRepudiation. */
            KEY_USAGE
        }

        private final Code code;
        private final String message;

        Failure(Code code, String message) {
            this.code = Objects.requireNonNull(code);
            this.message = Objects.requireNonNull(message);
        }

        /** The stable code. */
        public Code code() {
            return code;
        }

        /** A sentence for people. */
        public String message() {
            return message;
        }

        @Override
        public String toString() {
            return code + ": " + message;
        }
    }

    private final int index;
    private final SignatureStatus status;
    private final List<Failure> failures;
    private final List<String> warnings;
    private final X509Certificate certificate;
    private final SignatureAlgorithm signatureAlgorithm;
    private final Instant signingTime;
    private final List<SignatureTimestamp> timestamps;
    private final TrustResult trust;

    SignerResult(int index, SignatureStatus status, List<Failure> failures, List<String> warnings,
            X509Certificate certificate, SignatureAlgorithm signatureAlgorithm, Instant signingTime,
            List<SignatureTimestamp> timestamps, TrustResult trust) {
        this.index = index;
        this.status = status;
        this.failures = Collections.unmodifiableList(failures);
        this.warnings = Collections.unmodifiableList(warnings);
        this.certificate = certificate;
        this.signatureAlgorithm = signatureAlgorithm;
        this.signingTime = signingTime;
        this.timestamps = Collections.unmodifiableList(timestamps);
        this.trust = trust;
    }

    /** The signer's position in the SignedData's SignerInfos, from 0. */
    public int index() {
        return index;
    }

    /** The outcome. */
    public SignatureStatus status() {
        return status;
    }

    /** Whether the signature verifies. */
    public boolean valid() {
        return status.isValid();
    }

    /** Whether the signature verifies and the signer is trusted. */
    public boolean trusted() {
        return status.isTrusted();
    }

    /** Every reason the signature is invalid; empty when it is valid. */
    public List<Failure> failures() {
        return failures;
    }

    /** Observations that do not invalidate the signature (for example a claimed signing time after the timestamp). */
    public List<String> warnings() {
        return warnings;
    }

    /** The signer's certificate, when the signature carries it. */
    public Optional<X509Certificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    /** The SHA-256 fingerprint of the signer's certificate. */
    public Optional<DigestValue> certificateSha256() {
        return certificate().map(Certs::sha256);
    }

    /** The signer's certificate subject as an RFC 2253 string. */
    public Optional<String> subject() {
        return certificate().map(Certs::subject);
    }

    /** The signature algorithm, when it is one of the {@link SignatureAlgorithm}s. */
    public Optional<SignatureAlgorithm> signatureAlgorithm() {
        return Optional.ofNullable(signatureAlgorithm);
    }

    /** The signing time the signer claims (signing-time attribute); not proof of anything. */
    public Optional<Instant> signingTime() {
        return Optional.ofNullable(signingTime);
    }

    /** The signature timestamps, in the order found. */
    public List<SignatureTimestamp> timestamps() {
        return timestamps;
    }

    /** The earliest valid and trusted timestamp, else the first one, when there is any. */
    public Optional<SignatureTimestamp> timestamp() {
        return timestamps.stream().filter(SignatureTimestamp::trusted).min((a, b) -> a.time().get().compareTo(b.time().get()))
                .or(() -> timestamps.stream().findFirst());
    }

    /** The trust decision for the signer's certificate, made at {@link #validationTime()}. */
    public TrustResult trust() {
        return trust;
    }

    /** The time the certificates were judged at: the trusted timestamp's time, or now. */
    public Instant validationTime() {
        return trust.validationTime();
    }

    @Override
    public String toString() {
        return "SignerResult[" + index + ", " + status + ", " + subject().orElse("unknown signer")
                + (failures.isEmpty() ? "" : ", " + failures) + "]";
    }
}
