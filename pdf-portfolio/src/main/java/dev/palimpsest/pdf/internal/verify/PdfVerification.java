package dev.palimpsest.pdf.internal.verify;

import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.verify.ArchiveFormat;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.SignatureKind;
import dev.palimpsest.core.verify.SignatureResult;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One verification of a PDF file, kept open so that an extraction can read the attachments it
 * verified from the same revision: revisions, signatures (dictionary, byte ranges, contents,
 * CMS or timestamp), what changed after each signature, PAdES levels, and for a portfolio every
 * attachment against the signed manifest.
 */
public final class PdfVerification implements AutoCloseable {
    /** Coverage of a signature over the whole file. */
    public static final String ENTIRE_FILE = "entire-file";
    /** Coverage of a signature over its revision, later revisions holding only allowed updates. */
    public static final String ENTIRE_REVISION = "entire-revision";
    /** Coverage of a signature when later revisions change what it signed. */
    public static final String PARTIAL = "partial";

    private final FileChannel file;
    private VerificationReport report;
    private PortfolioContents contents;
    private ArchiveManifest manifest;

    private PdfVerification(FileChannel file) {
        this.file = file;
    }

    /**
     * Verifies {@code path} with {@code policy}; the caller closes the result.
     *
     * @throws IOException only if the file cannot be opened or read
     */
    public static PdfVerification run(Path path, TrustPolicy policy) throws IOException {
        FileChannel file = FileChannel.open(path, StandardOpenOption.READ);
        PdfVerification v = new PdfVerification(file);
        try {
            v.verify(path.toString(), ByteSource.of(file), policy);
        } catch (IOException | RuntimeException | Error e) {
            file.close();
            throw e;
        }
        return v;
    }

    /** The report. */
    public VerificationReport report() {
        return report;
    }

    /** The portfolio's attachments in the verified revision, when it is a portfolio. */
    public Optional<PortfolioContents> contents() {
        return Optional.ofNullable(contents);
    }

    /** The portfolio's signed manifest, when it could be read. */
    public Optional<ArchiveManifest> manifest() {
        return Optional.ofNullable(manifest);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    private void verify(String source, ByteSource src, TrustPolicy policy) throws IOException {
        PdfFile pdf;
        try {
            pdf = PdfFile.read(src);
        } catch (PdfSyntaxException e) {
            report = VerificationReport.builder(ArchiveFormat.PDF, source)
                    .problem(e.kind() == PdfSyntaxException.Kind.LIMIT ? ProblemCode.PDF_LIMIT_EXCEEDED
                            : ProblemCode.PDF_MALFORMED, null, e.getMessage())
                    .build();
            return;
        } catch (RuntimeException e) {
            report = VerificationReport.builder(ArchiveFormat.PDF, source)
                    .problem(ProblemCode.PDF_MALFORMED, null, "the file's structure cannot be read: " + e)
                    .build();
            return;
        }
        List<Problem> problems = new ArrayList<>();
        for (PdfFile.Revision r : pdf.revisions()) {
            for (PdfFile.Section s : r.sections()) {
                for (String d : s.duplicates()) {
                    problems.add(Problem.of(ProblemCode.PDF_XREF_DUPLICATE, null, d));
                }
            }
        }
        trailingData(pdf, problems);
        if (pdf.latest().trailer().has("Encrypt")) {
            VerificationReport.Builder b = VerificationReport.builder(ArchiveFormat.PDF, source);
            problems.forEach(b::problem);
            report = b.problem(ProblemCode.PDF_ENCRYPTED, null, "the document is encrypted (/Encrypt in the trailer);"
                    + " encrypted PDFs are not verified").build();
            return;
        }
        List<String> malformed = new ArrayList<>();
        List<FoundSignature> found;
        try {
            found = FoundSignature.discover(pdf, malformed);
        } catch (RuntimeException e) {
            malformed.add("the form fields cannot be read: " + e);
            found = List.of();
        }
        for (String m : malformed) {
            problems.add(Problem.of(ProblemCode.PDF_MALFORMED, null, m));
        }
        List<SignatureCheck> checks = new ArrayList<>();
        RangeHasher hasher = new RangeHasher();
        for (FoundSignature f : found) {
            SignatureCheck c = new SignatureCheck(f, pdf);
            c.prepare(hasher);
            checks.add(c);
        }
        int contentRevision = pdf.revisions().size() - 1;
        for (SignatureCheck c : checks) {
            if (c.kind == SignatureKind.PADES && c.found.dict != null) {
                contentRevision = c.found.revision;
            }
        }
        PortfolioContents portfolio;
        try {
            portfolio = PortfolioContents.read(pdf.view(contentRevision));
            if (portfolio.isPortfolio()) {
                // Attachments stored raw are digested while the signed ranges are read, so a large
                // portfolio is read once rather than twice.
                portfolio.queueDigests(hasher);
            }
        } catch (RuntimeException e) {
            problems.add(Problem.of(ProblemCode.PDF_MALFORMED, null, "the attachments cannot be read: " + e));
            portfolio = null;
        }
        hasher.run(src);
        for (SignatureCheck c : checks) {
            c.finish(policy);
        }
        boolean isPortfolio = portfolio != null && portfolio.isPortfolio();
        VerificationReport.Builder b = VerificationReport.builder(
                isPortfolio ? ArchiveFormat.PALIMPSEST_PORTFOLIO : ArchiveFormat.PDF, source);
        problems.forEach(b::problem);
        Map<Integer, List<Modifications.Violation>> violations = modifications(pdf, checks, b);
        Set<String> pdfSigners = new TreeSet<>();
        for (SignatureCheck c : checks) {
            c.problems.forEach(b::problem);
            String coverage = coverage(pdf, c, violations);
            String level = c.kind == SignatureKind.PADES && c.valid ? level(pdf, c, checks) : null;
            for (SignatureResult.Builder r : c.results) {
                r.coverage(coverage);
                if (level != null) {
                    r.level(level);
                }
                SignatureResult result = r.build();
                b.signature(result);
                if (result.kind() == SignatureKind.PADES) {
                    result.certificateSha256().ifPresent(pdfSigners::add);
                }
            }
        }
        if (checks.isEmpty()) {
            b.problem(ProblemCode.SIGNATURE_MISSING, null, isPortfolio ? "the portfolio has no PDF signature"
                    : "the PDF has no signature");
        }
        if (isPortfolio) {
            contents = portfolio;
            manifest = portfolio.check(policy, pdfSigners, b).map(PortfolioContents.Checked::manifest).orElse(null);
        }
        report = b.build();
    }

    private static void trailingData(PdfFile pdf, List<Problem> problems) throws IOException {
        long end = pdf.revisions().get(pdf.revisions().size() - 1).end();
        long length = pdf.length();
        byte[] buffer = new byte[8192];
        for (long pos = end; pos < length;) {
            int n = pdf.source().read(pos, buffer, 0, (int) Math.min(buffer.length, length - pos));
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (!PdfParser.isWhite(buffer[i] & 0xff)) {
                    problems.add(Problem.of(ProblemCode.PDF_TRAILING_DATA, null, (length - end) + " bytes follow the last"
                            + " revision's %%EOF at offset " + end + "; no signature covers them and PDF readers ignore"
                            + " them"));
                    return;
                }
            }
            pos += n;
        }
    }

    /** Runs the object-by-object comparison once per signed revision and reports each violation once. */
    private static Map<Integer, List<Modifications.Violation>> modifications(PdfFile pdf, List<SignatureCheck> checks,
            VerificationReport.Builder b) throws IOException {
        Map<Integer, List<Modifications.Violation>> byRevision = new LinkedHashMap<>();
        Set<Integer> revisions = new TreeSet<>();
        Map<Integer, String> labels = new LinkedHashMap<>();
        for (SignatureCheck c : checks) {
            if (c.found.dict != null) {
                revisions.add(c.found.revision);
                labels.merge(c.found.revision, c.found.label(), (x, y) -> x + ", " + y);
            }
        }
        Set<String> reported = new HashSet<>();
        for (int r : revisions) {
            List<Modifications.Violation> list;
            try {
                list = Modifications.check(pdf, r);
            } catch (RuntimeException e) {
                list = List.of(new Modifications.Violation(ProblemCode.PDF_MALFORMED, "the revisions after revision "
                        + (r + 1) + " cannot be compared: " + e));
            }
            byRevision.put(r, list);
            for (Modifications.Violation v : list) {
                if (reported.add(v.message())) {
                    b.problem(v.code(), null, "after revision " + (r + 1) + " (" + labels.get(r) + "): " + v.message());
                }
            }
        }
        return byRevision;
    }

    private static String coverage(PdfFile pdf, SignatureCheck c, Map<Integer, List<Modifications.Violation>> violations) {
        if (c.signedEnd() < 0 || c.found.dict == null) {
            return null;
        }
        if (!violations.getOrDefault(c.found.revision, List.of()).isEmpty()) {
            return PARTIAL;
        }
        boolean last = c.found.revision == pdf.revisions().size() - 1;
        return last && c.signedEnd() == pdf.length() ? ENTIRE_FILE : ENTIRE_REVISION;
    }

    /** The PAdES baseline level (or PKCS7 level) a valid signature reaches in this file. */
    private static String level(PdfFile pdf, SignatureCheck c, List<SignatureCheck> checks) throws IOException {
        String base = SignatureCheck.PKCS7.equals(c.subFilter) ? "PKCS7-" : "PAdES-BASELINE-";
        int rev = c.found.revision;
        boolean laterTimestamp = checks.stream().anyMatch(t -> t.kind == SignatureKind.DOCUMENT_TIMESTAMP && t.valid
                && t.found.revision > rev);
        if (!c.hasValidSignatureTimestamp() && !laterTimestamp) {
            return base + "B";
        }
        Set<ByteBuffer> signerCerts = new LinkedHashSet<>();
        for (X509Certificate cert : c.signerCertificates()) {
            try {
                signerCerts.add(ByteBuffer.wrap(cert.getEncoded()));
            } catch (CertificateEncodingException e) {
                return base + "T";
            }
        }
        int dssRevision = -1;
        for (int r = rev + 1; r < pdf.revisions().size() && dssRevision < 0; r++) {
            if (!signerCerts.isEmpty() && dssCertificates(pdf.view(r)).containsAll(signerCerts)) {
                dssRevision = r;
            }
        }
        if (dssRevision < 0) {
            return base + "T";
        }
        int dss = dssRevision;
        boolean archived = checks.stream().anyMatch(t -> t.kind == SignatureKind.DOCUMENT_TIMESTAMP && t.valid
                && t.found.revision >= dss);
        return base + (archived ? "LTA" : "LT");
    }

    private static Set<ByteBuffer> dssCertificates(PdfFile.View view) throws IOException {
        Set<ByteBuffer> out = new HashSet<>();
        try {
            PdfValue dss = view.resolve(view.catalog().get("DSS"));
            if (!(dss instanceof PdfValue.Dict)) {
                return out;
            }
            PdfValue certs = view.resolve(((PdfValue.Dict) dss).get("Certs"));
            if (certs instanceof PdfValue.Arr) {
                for (PdfValue c : ((PdfValue.Arr) certs).items()) {
                    PdfValue s = view.resolve(c);
                    if (s instanceof PdfValue.Stream) {
                        out.add(ByteBuffer.wrap(Streams.decode(view.file().source(), (PdfValue.Stream) s, 1 << 20,
                                "a DSS certificate")));
                    }
                }
            }
        } catch (PdfSyntaxException e) {
            // An unreadable DSS gives no validation data; the level is then B-T at most.
        }
        return out;
    }
}
