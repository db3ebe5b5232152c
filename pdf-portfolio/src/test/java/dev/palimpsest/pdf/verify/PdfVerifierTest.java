package dev.palimpsest.pdf.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.testing.TestTsa;
import dev.palimpsest.core.verify.ArchiveFormat;
import dev.palimpsest.core.verify.EntryResult;
import dev.palimpsest.core.verify.EntryStatus;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Severity;
import dev.palimpsest.core.verify.SignatureKind;
import dev.palimpsest.core.verify.SignatureResult;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.pdf.PdfVerifier;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Legitimate portfolios and PDFs: unsigned, B-B, B-T, B-LT, B-LTA; what the report says about each. */
class PdfVerifierTest {
    static TestTsa tsa;

    @TempDir
    Path dir;

    @BeforeAll
    static void startTsa() {
        tsa = TestTsa.start();
    }

    @AfterAll
    static void stopTsa() {
        tsa.close();
    }

    static String errors(VerificationReport r) {
        return r.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    private TrustPolicy trust() {
        return TestPortfolios.trust(tsa.caCertificate());
    }

    @Test
    void anUnsignedPortfolioIsValidWithItsManifestSignatureChecked() throws Exception {
        Path pdf = TestPortfolios.portfolio(dir.resolve("p.pdf"));
        VerificationReport r = PdfVerifier.of(trust()).verify(pdf);
        assertThat(r.format()).isEqualTo(ArchiveFormat.PALIMPSEST_PORTFOLIO);
        assertThat(r.verdict()).as(errors(r)).isEqualTo(Verdict.TRUSTED);
        assertThat(r.signatures()).extracting(SignatureResult::kind).containsExactly(SignatureKind.CMS);
        assertThat(r.has(ProblemCode.SIGNATURE_MISSING)).isTrue();
        assertThat(r.entries()).extracting(EntryResult::status).containsOnly(EntryStatus.OK).hasSize(3);
    }

    @Test
    void aBaselineBPortfolioCoversTheEntireFile() throws Exception {
        Path pdf = Pades.sign(TestPortfolios.portfolio(dir.resolve("p.pdf")), dir.resolve("s.pdf"),
                TestPortfolios.SIGNER.identity(), null);
        VerificationReport r = PdfVerifier.of(trust()).verify(pdf);
        assertThat(r.verdict()).as(errors(r)).isEqualTo(Verdict.TRUSTED);
        assertThat(r.problems()).as(errors(r)).noneMatch(p -> p.severity() == Severity.ERROR);
        SignatureResult pades = r.signatures().stream().filter(s -> s.kind() == SignatureKind.PADES).findFirst().orElseThrow();
        assertThat(pades.valid()).isTrue();
        assertThat(pades.trusted()).isTrue();
        assertThat(pades.coverage()).contains("entire-file");
        assertThat(pades.level()).contains("PAdES-BASELINE-B");
        assertThat(pades.signer()).hasValueSatisfying(s -> assertThat(s).contains("Jane Archivist"));
        assertThat(r.has(ProblemCode.PORTFOLIO_SIGNER_MISMATCH)).isFalse();
    }

    @Test
    void levelsTltAndLtaAreDetectedAndTheirRevisionsAllowed() throws Exception {
        Path lta = Pades.lta(dir, tsa);
        VerificationReport bt = PdfVerifier.of(trust()).verify(dir.resolve("b-t.pdf"));
        assertThat(level(bt)).isEqualTo("PAdES-BASELINE-T");
        VerificationReport lt = PdfVerifier.of(trust()).verify(dir.resolve("b-lt.pdf"));
        assertThat(lt.verdict()).as(errors(lt)).isEqualTo(Verdict.TRUSTED);
        assertThat(level(lt)).isEqualTo("PAdES-BASELINE-LT");
        VerificationReport r = PdfVerifier.of(trust()).verify(lta);
        assertThat(r.verdict()).as(errors(r)).isEqualTo(Verdict.TRUSTED);
        assertThat(level(r)).isEqualTo("PAdES-BASELINE-LTA");
        List<SignatureResult> sigs = r.signatures();
        SignatureResult pades = sigs.stream().filter(s -> s.kind() == SignatureKind.PADES).findFirst().orElseThrow();
        assertThat(pades.coverage()).contains("entire-revision");
        assertThat(pades.timestamp()).isPresent();
        SignatureResult ts = sigs.stream().filter(s -> s.kind() == SignatureKind.DOCUMENT_TIMESTAMP).findFirst().orElseThrow();
        assertThat(ts.valid()).isTrue();
        assertThat(ts.trusted()).as("a TSA vouches for time, never for the document").isFalse();
        assertThat(ts.coverage()).contains("entire-file");
        assertThat(r.problems()).as(errors(r)).noneMatch(p -> p.severity() == Severity.ERROR);
    }

    private static String level(VerificationReport r) {
        return r.signatures().stream().filter(s -> s.kind() == SignatureKind.PADES).findFirst().orElseThrow().level()
                .orElse("none");
    }
}
