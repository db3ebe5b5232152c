package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.sign.CmsVerifier;
import dev.palimpsest.core.sign.MalformedSignatureException;
import dev.palimpsest.core.sign.SignatureTimestamp;
import dev.palimpsest.core.sign.SignatureVerification;
import dev.palimpsest.core.sign.SignerResult;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.sign.TrustResult;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Severity;
import dev.palimpsest.core.verify.SignatureKind;
import dev.palimpsest.core.verify.SignatureResult;
import dev.palimpsest.core.verify.TimestampInfo;
import dev.palimpsest.core.verify.VerificationReport;

/**
 * Verifies the detached CMS signature over a bundle's archive manifest and reports one
 * {@link SignatureResult} (kind {@code cms}) per signer, with a problem for every reason a signer
 * is invalid or untrusted.
 */
final class SignatureChecks {
    private SignatureChecks() {
    }

    /**
     * Verifies {@code signature} over {@code manifest} (the exact bytes read) with {@code policy},
     * adding signatures and problems to {@code report}.
     */
    static void verify(byte[] signature, byte[] manifest, TrustPolicy policy, VerificationReport.Builder report) {
        SignatureVerification verification;
        try {
            verification = CmsVerifier.of(policy).verify(signature, manifest);
        } catch (MalformedSignatureException e) {
            report.problem(ProblemCode.SIGNATURE_MALFORMED, TagFiles.ARCHIVE_SIGNATURE, TagFiles.ARCHIVE_SIGNATURE
                    + " is not a CMS SignedData: " + e.getMessage());
            return;
        }
        if (verification.signers().isEmpty()) {
            report.problem(ProblemCode.SIGNATURE_MALFORMED, TagFiles.ARCHIVE_SIGNATURE, TagFiles.ARCHIVE_SIGNATURE
                    + " holds a SignedData without any signer");
            return;
        }
        for (SignerResult signer : verification.signers()) {
            report.signature(result(signer));
            problems(signer, policy, report);
        }
    }

    private static SignatureResult result(SignerResult signer) {
        SignatureResult.Builder result = SignatureResult.builder(SignatureKind.CMS).valid(signer.valid())
                .trusted(signer.trusted());
        signer.subject().ifPresent(result::signer);
        signer.certificateSha256().ifPresent(d -> result.certificateSha256(d.hex()));
        signer.signingTime().ifPresent(result::signingTime);
        signer.timestamp().filter(t -> t.time().isPresent()).ifPresent(t -> result.timestamp(
                TimestampInfo.of(t.time().get(), t.tsa().orElse("unnamed timestamp authority"), t.valid())));
        return result.build();
    }

    private static void problems(SignerResult signer, TrustPolicy policy, VerificationReport.Builder report) {
        String who = "signer " + (signer.index() + 1) + signer.subject().map(s -> " (" + s + ")").orElse("");
        for (SignerResult.Failure failure : signer.failures()) {
            ProblemCode code = failure.code() == SignerResult.Failure.Code.DIGEST_ALGORITHM_NOT_ALLOWED
                    ? ProblemCode.ALGORITHM_NOT_ALLOWED : ProblemCode.SIGNATURE_INVALID;
            report.problem(code, TagFiles.ARCHIVE_SIGNATURE, "the signature of " + who + " over "
                    + TagFiles.ARCHIVE_JSON + " is invalid: " + failure.message() + " [" + failure.code() + "]");
        }
        if (signer.valid() && !signer.trusted()) {
            TrustResult trust = signer.trust();
            TrustResult.Reason reason = trust.reason().orElse(TrustResult.Reason.NO_PATH);
            String message = "the signature of " + who + " is valid, but the signer is not trusted: "
                    + trust.explanation() + (policy.isEmpty() ? " (no trust anchor or pinned fingerprint was given)" : "");
            switch (reason) {
                case EXPIRED:
                case NOT_YET_VALID:
                    // valid but untrusted: a warning, never a verdict of INVALID
                    report.problem(Problem.builder(ProblemCode.CERTIFICATE_EXPIRED).severity(Severity.WARNING)
                            .path(TagFiles.ARCHIVE_SIGNATURE).message(message).build());
                    break;
                case REVOKED:
                    report.problem(ProblemCode.CERTIFICATE_REVOKED, TagFiles.ARCHIVE_SIGNATURE, message);
                    break;
                case REVOCATION_UNKNOWN:
                    report.problem(ProblemCode.REVOCATION_UNKNOWN, TagFiles.ARCHIVE_SIGNATURE, message);
                    break;
                default:
                    report.problem(ProblemCode.SIGNER_UNTRUSTED, TagFiles.ARCHIVE_SIGNATURE, message);
            }
        }
        for (SignatureTimestamp timestamp : signer.timestamps()) {
            String which = "the timestamp on the signature of " + who
                    + timestamp.time().map(t -> " (" + t + timestamp.tsa().map(n -> " by " + n).orElse("") + ")").orElse("");
            if (!timestamp.valid()) {
                report.problem(ProblemCode.TIMESTAMP_INVALID, TagFiles.ARCHIVE_SIGNATURE, which + " is invalid: "
                        + timestamp.failureMessage().orElse("unknown reason"));
            } else if (!timestamp.trusted()) {
                report.problem(ProblemCode.TIMESTAMP_UNTRUSTED, TagFiles.ARCHIVE_SIGNATURE, which
                        + " is valid, but its authority is not trusted (" + timestamp.trust().explanation()
                        + "), so its time does not count as proof");
            }
        }
    }
}
