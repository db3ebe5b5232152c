package dev.palimpsest.pdf.internal.verify;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.CmsVerifier;
import dev.palimpsest.core.sign.MalformedSignatureException;
import dev.palimpsest.core.sign.SignatureTimestamp;
import dev.palimpsest.core.sign.SignatureVerification;
import dev.palimpsest.core.sign.SignerResult;
import dev.palimpsest.core.sign.TimestampException;
import dev.palimpsest.core.sign.TimestampToken;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.sign.TrustResult;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Severity;
import dev.palimpsest.core.verify.SignatureKind;
import dev.palimpsest.core.verify.SignatureResult;
import dev.palimpsest.core.verify.TimestampInfo;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of one PDF signature: its dictionary, {@code /ByteRange} and {@code /Contents}
 * against the file's bytes and the revision that added it ({@link #prepare}); then, once the
 * signed ranges are digested, the CMS signature or the document timestamp ({@link #finish}).
 */
final class SignatureCheck {
    static final String CADES = "ETSI.CAdES.detached";
    static final String PKCS7 = "adbe.pkcs7.detached";
    static final String RFC3161 = "ETSI.RFC3161";
    private static final Set<String> SUBFILTERS = Set.of(CADES, PKCS7, RFC3161);

    final FoundSignature found;
    private final PdfFile pdf;
    final List<Problem> problems = new ArrayList<>();
    SignatureKind kind = SignatureKind.PADES;
    String subFilter;
    private byte[] cms;
    private DigestAlgorithm algorithm;
    private RangeHasher.Job job;
    private TimestampToken token;
    private long signedEnd = -1;
    /** Outcomes, one per signer (one for a timestamp); coverage and level are set later. */
    final List<SignatureResult.Builder> results = new ArrayList<>();
    /** The signers, for level detection and the portfolio's same-key check. */
    final List<SignerResult> signers = new ArrayList<>();
    /** Whether the dictionary, ranges and contents are sound and the signature or timestamp verifies. */
    boolean valid;

    SignatureCheck(FoundSignature found, PdfFile pdf) {
        this.found = found;
        this.pdf = pdf;
    }

    private void problem(ProblemCode code, String message) {
        problems.add(Problem.of(code, null, found.label() + ", added in revision " + (found.revision + 1) + ": "
                + message));
    }

    private boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }

    /** The offset where the signed bytes end, or -1 when the byte range is unusable. */
    long signedEnd() {
        return signedEnd;
    }

    /** Checks the dictionary against the file's bytes and queues the digest of the signed ranges. */
    void prepare(RangeHasher hasher) {
        if (found.unusable != null) {
            problem(ProblemCode.PDF_SIGNATURE_DICTIONARY_INVALID, "the signature field's value is unusable: " + found.unusable);
            return;
        }
        PdfValue.Dict d = found.dict;
        Optional<String> type = d.name("Type");
        subFilter = d.name("SubFilter").orElse(null);
        if (type.filter("DocTimeStamp"::equals).isPresent() || RFC3161.equals(subFilter)) {
            kind = SignatureKind.DOCUMENT_TIMESTAMP;
        }
        if (type.isPresent() && !type.get().equals("Sig") && !type.get().equals("DocTimeStamp")) {
            problem(ProblemCode.PDF_SIGNATURE_DICTIONARY_INVALID, "/Type is /" + type.get() + ", not /Sig or /DocTimeStamp");
        }
        if (RFC3161.equals(subFilter) && !type.filter("DocTimeStamp"::equals).isPresent()) {
            problem(ProblemCode.PDF_SIGNATURE_DICTIONARY_INVALID, "a document timestamp (/SubFilter /ETSI.RFC3161) must have"
                    + " /Type /DocTimeStamp");
        }
        if (d.name("Filter").isEmpty()) {
            problem(ProblemCode.PDF_SIGNATURE_DICTIONARY_INVALID, "the signature dictionary has no /Filter name");
        }
        if (subFilter == null || !SUBFILTERS.contains(subFilter)) {
            problem(ProblemCode.PDF_SUBFILTER_NOT_ALLOWED, "/SubFilter is " + (subFilter == null ? "missing"
                    : "/" + subFilter) + "; allowed are /" + CADES + ", /" + PKCS7 + " and /" + RFC3161);
        } else if (type.filter("DocTimeStamp"::equals).isPresent() && !RFC3161.equals(subFilter)) {
            problem(ProblemCode.PDF_SUBFILTER_NOT_ALLOWED, "a /DocTimeStamp must have /SubFilter /" + RFC3161 + ", not /"
                    + subFilter);
        }
        if (found.entry.type() != PdfFile.IN_FILE) {
            problem(ProblemCode.PDF_SIGNATURE_DICTIONARY_INVALID, "the signature dictionary is inside an object stream, so no"
                    + " byte range can leave out its /Contents");
        }
        PdfValue.Str contents = contents(d);
        long[][] ranges = byteRange(d, contents);
        if (cms != null && ranges != null) {
            if (kind == SignatureKind.DOCUMENT_TIMESTAMP) {
                try {
                    token = TimestampToken.parse(cms);
                    algorithm = token.imprint().algorithm();
                } catch (TimestampException e) {
                    problem(ProblemCode.SIGNATURE_MALFORMED, "/Contents is not an RFC 3161 timestamp token: " + e.getMessage());
                    return;
                }
            } else {
                algorithm = Der.firstSignerDigest(cms).orElse(DigestAlgorithm.SHA256);
            }
            job = hasher.add(ranges, algorithm);
        }
    }

    private PdfValue.Str contents(PdfValue.Dict d) {
        PdfValue v = d.entries().get("Contents");
        if (v == null || v == PdfValue.Null.INSTANCE) {
            problem(ProblemCode.PDF_CONTENTS_INVALID, "/Contents is missing");
            return null;
        }
        if (v instanceof PdfValue.Ref) {
            problem(ProblemCode.PDF_CONTENTS_INVALID, "/Contents is an indirect object " + v + ", not a string in the"
                    + " signature dictionary");
            return null;
        }
        if (!(v instanceof PdfValue.Str)) {
            problem(ProblemCode.PDF_CONTENTS_INVALID, "/Contents is not a string");
            return null;
        }
        PdfValue.Str s = (PdfValue.Str) v;
        if (!s.hex()) {
            problem(ProblemCode.PDF_CONTENTS_INVALID, "/Contents is a literal string, not a hexadecimal string");
            return s;
        }
        byte[] b = s.bytes();
        int lastNonZero = b.length - 1;
        while (lastNonZero >= 0 && b[lastNonZero] == 0) {
            lastNonZero--;
        }
        if (lastNonZero < 0) {
            problem(ProblemCode.PDF_CONTENTS_INVALID, b.length == 0 ? "/Contents is empty"
                    : "/Contents is " + b.length + " zero bytes: there is no signature in it");
            return s;
        }
        int length = Der.firstObjectLength(b);
        if (length <= 0) {
            problem(ProblemCode.PDF_CONTENTS_INVALID, "/Contents does not start with one well-formed DER object");
            return s;
        }
        if (lastNonZero >= length) {
            problem(ProblemCode.PDF_CONTENTS_INVALID, "/Contents has non-zero bytes after its " + length
                    + "-byte CMS object (at byte " + length + " of " + b.length + "); only zero padding may follow");
            return s;
        }
        cms = Arrays.copyOf(b, length);
        return s;
    }

    private long[][] byteRange(PdfValue.Dict d, PdfValue.Str contents) {
        PdfValue v = d.entries().get("ByteRange");
        if (v == null || v == PdfValue.Null.INSTANCE) {
            problem(ProblemCode.PDF_BYTE_RANGE_INVALID, "/ByteRange is missing");
            return null;
        }
        if (!(v instanceof PdfValue.Arr) || ((PdfValue.Arr) v).size() != 4) {
            problem(ProblemCode.PDF_BYTE_RANGE_INVALID, "/ByteRange is not a direct array of four integers: " + v);
            return null;
        }
        long[] r = new long[4];
        for (int i = 0; i < 4; i++) {
            PdfValue x = ((PdfValue.Arr) v).get(i);
            if (!(x instanceof PdfValue.Num) || !((PdfValue.Num) x).isInteger()) {
                problem(ProblemCode.PDF_BYTE_RANGE_INVALID, "/ByteRange item " + i + " is not an integer: " + x);
                return null;
            }
            r[i] = ((PdfValue.Num) x).longValue();
        }
        String text = "[" + r[0] + " " + r[1] + " " + r[2] + " " + r[3] + "]";
        if (Arrays.stream(r).anyMatch(x -> x < 0)) {
            problem(ProblemCode.PDF_BYTE_RANGE_INVALID, "/ByteRange " + text + " has a negative number");
            return null;
        }
        if (r[0] != 0) {
            problem(ProblemCode.PDF_BYTE_RANGE_INVALID, "/ByteRange " + text + " does not start at offset 0");
            return null;
        }
        if (r[1] == 0 || r[2] < r[1]) {
            problem(ProblemCode.PDF_BYTE_RANGE_INVALID, "/ByteRange " + text + " has overlapping or empty ranges");
            return null;
        }
        if (r[2] + r[3] > pdf.length() || r[2] + r[3] < r[2]) {
            problem(ProblemCode.PDF_BYTE_RANGE_INVALID, "/ByteRange " + text + " reaches past the end of the file ("
                    + pdf.length() + " bytes)");
            return null;
        }
        signedEnd = r[2] + r[3];
        if (contents != null && contents.start() >= 0 && (r[1] != contents.start() || r[2] != contents.end())) {
            problem(ProblemCode.PDF_BYTE_RANGE_GAP_MISMATCH, "the bytes left out by /ByteRange " + text + " are "
                    + r[1] + " to " + r[2] + ", but the signature's own /Contents string is at " + contents.start() + " to "
                    + contents.end() + ": the signed bytes are not this signature's document (signature wrapping)");
        }
        PdfFile.Revision rev = pdf.revisions().get(found.revision);
        if (signedEnd < rev.eofEnd() || signedEnd > rev.end()) {
            problem(ProblemCode.PDF_BYTE_RANGE_END_MISMATCH, "the signed bytes end at offset " + signedEnd + ", but revision "
                    + (found.revision + 1) + ", which added the signature, ends at offset " + rev.end());
        }
        return new long[][] {{0, r[1]}, {r[2], r[2] + r[3]}};
    }

    /** Verifies the CMS signature or timestamp over the digest of the signed ranges. */
    void finish(TrustPolicy policy) {
        boolean structureValid = !hasErrors();
        if (job == null) {
            results.add(SignatureResult.builder(kind).valid(false));
            return;
        }
        DigestValue digest = DigestValue.of(algorithm, job.result(algorithm));
        if (kind == SignatureKind.DOCUMENT_TIMESTAMP) {
            finishTimestamp(policy, digest, structureValid);
        } else {
            finishSignature(policy, digest, structureValid);
        }
    }

    private void finishTimestamp(TrustPolicy policy, DigestValue digest, boolean structureValid) {
        boolean tokenValid = true;
        try {
            token.verifyDigest(digest);
        } catch (TimestampException e) {
            tokenValid = false;
            problem(ProblemCode.TIMESTAMP_INVALID, "the document timestamp does not verify over the signed bytes: "
                    + e.getMessage());
        }
        String tsa = token.tsaName().orElse("unnamed timestamp authority");
        if (tokenValid) {
            TrustResult trust = policy.evaluateTimestamp(token);
            if (!trust.trusted()) {
                problem(ProblemCode.TIMESTAMP_UNTRUSTED, "the document timestamp by " + tsa + " is valid, but its authority"
                        + " is not trusted (" + trust.explanation() + ")");
            }
        }
        valid = tokenValid && structureValid;
        // A timestamp authority vouches for time, not for the document: it never makes a verdict TRUSTED.
        SignatureResult.Builder b = SignatureResult.builder(SignatureKind.DOCUMENT_TIMESTAMP).valid(valid).trusted(false)
                .signer(tsa).signingTime(token.time()).timestamp(TimestampInfo.of(token.time(), tsa, tokenValid));
        token.tsaCertificate().ifPresent(c -> b.certificateSha256(Certificates.sha256(c).hex()));
        results.add(b);
    }

    private void finishSignature(TrustPolicy policy, DigestValue digest, boolean structureValid) {
        SignatureVerification verification;
        try {
            verification = CmsVerifier.of(policy).verifyDigest(cms, digest);
        } catch (MalformedSignatureException e) {
            problem(ProblemCode.SIGNATURE_MALFORMED, "/Contents is not a CMS SignedData: " + e.getMessage());
            results.add(SignatureResult.builder(kind).valid(false));
            return;
        }
        if (verification.signers().isEmpty()) {
            problem(ProblemCode.SIGNATURE_MALFORMED, "the CMS SignedData has no signer");
            results.add(SignatureResult.builder(kind).valid(false));
            return;
        }
        Optional<Instant> claimed = PdfText.date(found.dict.get("M"));
        valid = structureValid && verification.isValid();
        for (SignerResult signer : verification.signers()) {
            signers.add(signer);
            SignatureResult.Builder b = SignatureResult.builder(SignatureKind.PADES).valid(structureValid && signer.valid())
                    .trusted(signer.trusted());
            signer.subject().ifPresent(b::signer);
            signer.certificateSha256().ifPresent(x -> b.certificateSha256(x.hex()));
            signer.signingTime().or(() -> claimed).ifPresent(b::signingTime);
            signer.timestamp().filter(t -> t.time().isPresent()).ifPresent(t -> b.timestamp(
                    TimestampInfo.of(t.time().get(), t.tsa().orElse("unnamed timestamp authority"), t.valid())));
            results.add(b);
            signerProblems(signer, policy);
            if (CADES.equals(subFilter) && signer.signingTime().isPresent()) {
                problem(ProblemCode.PDF_SIGNING_TIME_ATTRIBUTE, "the CMS has a signing-time attribute, which PAdES forbids"
                        + " (the claimed time belongs in the signature dictionary's /M)");
            }
        }
    }

    private void signerProblems(SignerResult signer, TrustPolicy policy) {
        String who = "signer " + (signer.index() + 1) + signer.subject().map(s -> " (" + s + ")").orElse("");
        for (SignerResult.Failure failure : signer.failures()) {
            ProblemCode code = failure.code() == SignerResult.Failure.Code.DIGEST_ALGORITHM_NOT_ALLOWED
                    ? ProblemCode.ALGORITHM_NOT_ALLOWED : ProblemCode.SIGNATURE_INVALID;
            problem(code, "the signature of " + who + " is invalid: " + failure.message() + " [" + failure.code() + "]");
        }
        if (signer.valid() && !signer.trusted()) {
            TrustResult trust = signer.trust();
            String message = "the signature of " + who + " is valid, but the signer is not trusted: " + trust.explanation()
                    + (policy.isEmpty() ? " (no trust anchor or pinned fingerprint was given)" : "");
            switch (trust.reason().orElse(TrustResult.Reason.NO_PATH)) {
                case EXPIRED:
                case NOT_YET_VALID:
                    problems.add(Problem.builder(ProblemCode.CERTIFICATE_EXPIRED).severity(Severity.WARNING)
                            .message(found.label() + ": " + message).build());
                    break;
                case REVOKED:
                    problem(ProblemCode.CERTIFICATE_REVOKED, message);
                    break;
                case REVOCATION_UNKNOWN:
                    problem(ProblemCode.REVOCATION_UNKNOWN, message);
                    break;
                default:
                    problem(ProblemCode.SIGNER_UNTRUSTED, message);
            }
        }
        for (SignatureTimestamp t : signer.timestamps()) {
            String which = "the signature timestamp of " + who + t.time().map(x -> " (" + x + ")").orElse("");
            if (!t.valid()) {
                problem(ProblemCode.TIMESTAMP_INVALID, which + " is invalid: " + t.failureMessage().orElse("unknown reason"));
            } else if (!t.trusted()) {
                problem(ProblemCode.TIMESTAMP_UNTRUSTED, which + " is valid, but its authority is not trusted ("
                        + t.trust().explanation() + ")");
            }
        }
    }

    /** Whether the first signer has a valid signature timestamp. */
    boolean hasValidSignatureTimestamp() {
        return signers.stream().anyMatch(s -> s.timestamps().stream().anyMatch(SignatureTimestamp::valid));
    }

    /** The signers' certificates. */
    List<X509Certificate> signerCertificates() {
        List<X509Certificate> out = new ArrayList<>();
        for (SignerResult s : signers) {
            s.certificate().ifPresent(out::add);
        }
        return out;
    }
}
