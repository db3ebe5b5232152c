package dev.palimpsest.pdf;

import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationException;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.pdf.internal.verify.PdfVerification;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Verifies a signed PDF, and a Palimpsest portfolio in full, reporting every problem.
 *
 * <p>The file's revisions are read from its own bytes (each cross-reference section, trailer and
 * {@code %%EOF}), never from a PDF library's merged view. For every signature it checks the
 * signature dictionary ({@code /Filter}, an allowed {@code /SubFilter}), that {@code /ByteRange}
 * is {@code [0 a b c]} with its gap exactly the signature's own {@code /Contents} and its end the
 * end of the revision that added the signature, that {@code /Contents} is one DER CMS object
 * followed only by zero padding, and the CMS signature (or RFC 3161 document timestamp) over the
 * signed bytes, judging trust with the {@link TrustPolicy}. Every revision after a signature is
 * compared with the signed revision object by object: only a document security store, document
 * timestamps and what DocMDP permits may be added; anything else is an {@code ERROR}. Each
 * signature's report gives its {@code coverage} ({@code entire-file}, {@code entire-revision}
 * or {@code partial}) and its {@code level} (e.g. {@code PAdES-BASELINE-LTA}).
 *
 * <p>For a portfolio ({@code format} {@code palimpsest-portfolio}) it then checks, in the signed
 * revision, every attachment's bytes against the signed {@code archive.json} (size and every
 * digest), its {@code /CI}, {@code /Size} and {@code /CheckSum}, the manifest's own CMS signature,
 * that no file is extra or missing, and that the manifest and the PDF were signed with the same
 * certificate. Any other PDF is reported with {@code format} {@code pdf}.
 *
 * <p>Hostile input costs bounded time and memory: the file is read through PDFBox's
 * random-access reader, signed byte ranges are digested in one streaming pass, and nesting,
 * object counts and sizes are limited. Instances are immutable and thread-safe.
 */
public final class PdfVerifier {
    private final TrustPolicy policy;

    private PdfVerifier(TrustPolicy policy) {
        this.policy = policy;
    }

    /** A verifier that judges trust by {@code policy}. */
    public static PdfVerifier of(TrustPolicy policy) {
        return new PdfVerifier(Objects.requireNonNull(policy, "policy"));
    }

    /** The trust policy. */
    public TrustPolicy trustPolicy() {
        return policy;
    }

    /**
     * Verifies the PDF at {@code pdf}. A malformed or hostile file gives a report with
     * {@code PDF_MALFORMED} or {@code PDF_LIMIT_EXCEEDED}, not an exception.
     *
     * @throws IOException only if the file cannot be opened or read
     */
    public VerificationReport verify(Path pdf) throws IOException {
        Objects.requireNonNull(pdf, "pdf");
        try (PdfVerification v = PdfVerification.run(pdf, policy)) {
            return v.report();
        }
    }

    /**
     * Verifies like {@link #verify(Path)} and returns the report only when its verdict is
     * {@link Verdict#VALID} or better.
     *
     * @throws VerificationException carrying the report, when the verdict is {@link Verdict#INVALID}
     * @throws IOException as {@link #verify(Path)}
     */
    public VerificationReport verifyOrThrow(Path pdf) throws IOException, VerificationException {
        VerificationReport report = verify(pdf);
        report.require(Verdict.VALID);
        return report;
    }

    @Override
    public String toString() {
        return "PdfVerifier[" + policy + "]";
    }
}
