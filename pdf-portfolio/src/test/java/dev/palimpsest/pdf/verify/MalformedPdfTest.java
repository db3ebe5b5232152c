package dev.palimpsest.pdf.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.pdf.PdfVerifier;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corpus of malformed PDFs: each gives a clear error in bounded time, never an exception or a hang. */
class MalformedPdfTest {
    @TempDir
    Path dir;

    private VerificationReport verify(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> PdfVerifier.of(TrustPolicy.none()).verify(p));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A one-revision PDF with these object bodies (numbered from 1) and a correct cross-reference table. */
    static byte[] pdf(String... bodies) {
        StringBuilder sb = new StringBuilder("%PDF-1.7\n");
        long[] offsets = new long[bodies.length + 1];
        for (int i = 0; i < bodies.length; i++) {
            offsets[i + 1] = sb.length();
            sb.append(i + 1).append(" 0 obj\n").append(bodies[i]).append("\nendobj\n");
        }
        long xref = sb.length();
        sb.append("xref\n0 ").append(bodies.length + 1).append("\n0000000000 65535 f \n");
        for (int i = 1; i <= bodies.length; i++) {
            sb.append(String.format("%010d 00000 n \n", offsets[i]));
        }
        sb.append("trailer\n<< /Size ").append(bodies.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
                .append("\n%%EOF\n");
        return ascii(sb.toString());
    }

    private static void assertError(VerificationReport r, ProblemCode code, String text) {
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.problems(code)).as(r.problems().toString()).isNotEmpty();
        assertThat(r.problems(code).get(0).message()).contains(text);
    }

    @Test
    void aWellFormedUnsignedPdfIsValidAndSaysItIsUnsigned() throws Exception {
        VerificationReport r = verify("ok.pdf", pdf("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"));
        assertThat(r.verdict()).as(r.problems().toString()).isEqualTo(Verdict.VALID);
        assertThat(r.has(ProblemCode.SIGNATURE_MISSING)).isTrue();
        assertThat(r.format().label()).isEqualTo("pdf");
    }

    @Test
    void emptyAndHeaderOnlyFiles() throws Exception {
        assertError(verify("empty.pdf", new byte[0]), ProblemCode.PDF_MALFORMED, "does not start with %PDF-");
        assertError(verify("header.pdf", ascii("%PDF-1.7\n")), ProblemCode.PDF_MALFORMED, "no 'startxref'");
    }

    @Test
    void truncatedPortfolio() throws Exception {
        byte[] whole = Files.readAllBytes(TestPortfolios.portfolio(dir.resolve("whole.pdf")));
        VerificationReport r = verify("truncated.pdf", Arrays.copyOf(whole, whole.length / 2));
        assertError(r, ProblemCode.PDF_MALFORMED, "startxref");
    }

    @Test
    void badXrefOffset() throws Exception {
        String good = new String(pdf("<< /Type /Catalog >>"), StandardCharsets.ISO_8859_1);
        String bad = good.substring(0, good.lastIndexOf("startxref")) + "startxref\n12\n%%EOF\n";
        assertError(verify("bad-xref.pdf", ascii(bad)), ProblemCode.PDF_MALFORMED, "offset 12 holds neither");
    }

    @Test
    void xrefLoop() throws Exception {
        String good = new String(pdf("<< /Type /Catalog >>"), StandardCharsets.ISO_8859_1);
        long xref = good.indexOf("xref\n");
        String loop = good.replace("/Root 1 0 R", "/Root 1 0 R /Prev " + xref);
        assertError(verify("loop.pdf", ascii(loop)), ProblemCode.PDF_MALFORMED, "loop");
    }

    @Test
    void recursiveObjectReferences() throws Exception {
        // A stream whose /Length is itself, and a page tree that contains itself.
        byte[] pdf = pdf("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >>",
                "<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
                "<< /FT /Sig /V 4 0 R /Kids [3 0 R] >>",
                "<< /Length 4 0 R >>\nstream\nabc\nendstream");
        VerificationReport r = verify("recursive.pdf", pdf);
        assertError(r, ProblemCode.PDF_SIGNATURE_DICTIONARY_INVALID, "depends on itself");
    }

    @Test
    void hugeStreamLength() throws Exception {
        byte[] pdf = pdf("<< /Type /Catalog /AcroForm << /Fields [2 0 R] >> >>", "<< /FT /Sig /V 3 0 R >>",
                "<< /Length 999999999999 >>\nstream\nabc\nendstream");
        assertError(verify("huge-length.pdf", pdf), ProblemCode.PDF_SIGNATURE_DICTIONARY_INVALID, "past the end of the data");
    }

    @Test
    void compressionBombInAnObjectStream() throws Exception {
        // 200 MB of zeros deflated to about 200 kB, declared as an object stream.
        Deflater deflater = new Deflater(9);
        byte[] zeros = new byte[1 << 20];
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (int i = 0; i < 200; i++) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        // The bomb is the cross-reference stream itself: it may decode to a few bytes per entry only.
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(ascii("%PDF-1.7\n"));
        long xref = file.size();
        file.writeBytes(ascii("1 0 obj\n<< /Type /XRef /W [1 2 1] /Size 3 /Root 2 0 R /Filter /FlateDecode /Length "
                + compressed.size() + " >>\nstream\n"));
        file.writeBytes(compressed.toByteArray());
        file.writeBytes(ascii("\nendstream\nendobj\nstartxref\n" + xref + "\n%%EOF\n"));
        VerificationReport r = verify("bomb.pdf", file.toByteArray());
        assertError(r, ProblemCode.PDF_LIMIT_EXCEEDED, "decodes to more than");
    }

    @Test
    void deepNesting() throws Exception {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        byte[] pdf = pdf("<< /Type /Catalog /AcroForm << /Fields [2 0 R] >> >>", "<< /FT /Sig /V 3 0 R >>",
                "<< /Deep " + deep + " >>");
        assertError(verify("deep.pdf", pdf), ProblemCode.PDF_SIGNATURE_DICTIONARY_INVALID, "nest deeper than");
    }

    @Test
    void deepNestingInTheTrailer() throws Exception {
        String deep = "<< /A ".repeat(10_000) + ">>".repeat(10_000);
        String s = new String(pdf("<< /Type /Catalog >>"), StandardCharsets.ISO_8859_1).replace("/Root 1 0 R",
                "/Root 1 0 R /X " + deep);
        VerificationReport r = verify("deep-trailer.pdf", ascii(s));
        assertError(r, ProblemCode.PDF_LIMIT_EXCEEDED, "nest deeper than");
    }

    @Test
    void duplicateDictionaryKeys() throws Exception {
        byte[] pdf = pdf("<< /Type /Catalog /AcroForm << /Fields [2 0 R] >> >>", "<< /FT /Sig /V 3 0 R >>",
                "<< /Type /Sig /Contents <00> /Contents <01> >>");
        assertError(verify("dup-keys.pdf", pdf), ProblemCode.PDF_SIGNATURE_DICTIONARY_INVALID, "appears twice");
    }

    @Test
    void aSignatureFieldWithAnUnparsableValueIsAFailedSignatureNotNoSignature() throws Exception {
        byte[] pdf = pdf("<< /Type /Catalog /AcroForm << /Fields [2 0 R] >> >>", "<< /FT /Sig /V 3 0 R >>",
                "<< /Type /Sig /Contents <00 >>");
        VerificationReport r = verify("bad-sig.pdf", pdf);
        assertError(r, ProblemCode.PDF_SIGNATURE_DICTIONARY_INVALID, "cannot be read");
        assertThat(r.signatures()).hasSize(1);
        assertThat(r.signatures().get(0).valid()).isFalse();
        assertThat(r.has(ProblemCode.SIGNATURE_MISSING)).isFalse();
    }
}
