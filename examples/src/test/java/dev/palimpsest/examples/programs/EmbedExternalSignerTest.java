package dev.palimpsest.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.CmsVerifier;
import dev.palimpsest.core.sign.SignatureStatus;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.pdf.PdfVerifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedExternalSignerTest {

    @Test
    void theExternalSignerSignsTheManifestAndThePortfolioSeeingOnlyDigests(@TempDir Path dir) throws Exception {
        Path bundle = ProgramFixtures.bundle(dir, "bundle", null);
        EmbedExternalSigner.PretendHsm hsm = EmbedExternalSigner.PretendHsm.create("Test HSM key");
        Path out = Files.createDirectory(dir.resolve("out"));

        EmbedExternalSigner.signManifestAndPortfolio(bundle, out, hsm);

        List<byte[]> requests = hsm.requests();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(2).allSatisfy(r -> assertThat(r).hasSize(32));
        TrustPolicy trust = TrustPolicy.builder().anchors(Certificates.read(out.resolve("signer.pem"))).build();
        assertThat(CmsVerifier.of(trust).verify(Files.readAllBytes(out.resolve("archive.json.p7s")),
                Files.readAllBytes(bundle.resolve("provenance/archive.json"))).status()).isEqualTo(SignatureStatus.TRUSTED);
        VerificationReport portfolio = PdfVerifier.of(trust).verify(out.resolve("portfolio.pdf"));
        assertThat(portfolio.verdict()).as(portfolio.toText()).isEqualTo(Verdict.TRUSTED);
        assertThat(portfolio.signatures()).allSatisfy(s -> assertThat(s.signer()).contains("CN=Test HSM key"));
    }

    @Test
    void theManifestSignatureDoesNotVerifyOverOtherBytes(@TempDir Path dir) throws Exception {
        Path bundle = ProgramFixtures.bundle(dir, "bundle", null);
        EmbedExternalSigner.PretendHsm hsm = EmbedExternalSigner.PretendHsm.create("Test HSM key");
        Path out = Files.createDirectory(dir.resolve("out"));
        EmbedExternalSigner.signManifestAndPortfolio(bundle, out, hsm);

        TrustPolicy trust = TrustPolicy.builder().anchors(hsm.certificateChain()).build();
        assertThat(CmsVerifier.of(trust).verify(Files.readAllBytes(out.resolve("archive.json.p7s")),
                "{}".getBytes(StandardCharsets.UTF_8)).isValid()).isFalse();
    }

    @Test
    void theHsmRefusesAnythingButADigest() throws Exception {
        EmbedExternalSigner.PretendHsm hsm = EmbedExternalSigner.PretendHsm.create("Test HSM key");
        assertThatThrownBy(() -> hsm.sign(new byte[100])).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("expected a 32-byte SHA-256 digest, got 100 bytes");
        assertThat(hsm.requests()).isEmpty();
    }

    @Test
    void mainSignsAndReportsBothTrusted(@TempDir Path dir) throws Exception {
        Path bundle = ProgramFixtures.bundle(dir, "bundle", ProgramFixtures.identity("Original Signer"));
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EmbedExternalSigner.main(new String[] {bundle.toString(), dir.resolve("out").toString()});
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("archive.json.p7s: TRUSTED")
                .contains("portfolio.pdf:    TRUSTED");
    }
}
