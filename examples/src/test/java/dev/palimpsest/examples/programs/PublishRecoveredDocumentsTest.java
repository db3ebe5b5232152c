package dev.palimpsest.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.bundle.BundleVerifier;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.verify.EntryResult;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.pdf.PdfVerifier;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishRecoveredDocumentsTest {

    @Test
    void publishesATrustedBundleAndPortfolioWithCaptureChecks(@TempDir Path dir) throws Exception {
        Path recovered = ProgramFixtures.recoveredFolder(dir);
        SigningIdentity me = ProgramFixtures.identity("Jane Archivist");
        Path key = dir.resolve("archivist.p12");
        me.savePkcs12(key, "correct horse".toCharArray());
        Files.writeString(dir.resolve("pw.txt"), "correct horse\n");
        Path out = dir.resolve("published");

        PublishRecoveredDocuments.main(new String[] {recovered.toString(), dir.resolve("sources.csv").toString(),
            key.toString(), dir.resolve("pw.txt").toString(), out.toString()});

        TrustPolicy trust = TrustPolicy.builder().anchor(me.certificate()).build();
        VerificationReport bundle = BundleVerifier.builder().trustPolicy(trust).build().verify(out.resolve("bundle"));
        assertThat(bundle.verdict()).as(bundle.toText()).isEqualTo(Verdict.TRUSTED);
        Map<String, CaptureCheck> checks = bundle.entries().stream().filter(e -> e.captureCheck().isPresent())
                .collect(Collectors.toMap(EntryResult::path, e -> e.captureCheck().get()));
        assertThat(checks).containsEntry("data/documents/notice.txt", CaptureCheck.MATCH)
                .containsEntry("data/statistics/requests.csv", CaptureCheck.NOT_COMPARABLE);
        assertThat(Files.readString(out.resolve("bundle/provenance/archive.json")))
                .contains("http://www.example.gov/notice.txt").contains("\"statistics\"");

        VerificationReport portfolio = PdfVerifier.of(trust).verify(out.resolve("portfolio.pdf"));
        assertThat(portfolio.verdict()).as(portfolio.toText()).isEqualTo(Verdict.TRUSTED);
        assertThat(portfolio.entries()).hasSize(2);
    }

    @Test
    void refusesAnOutputFolderThatExists(@TempDir Path dir) throws Exception {
        Path recovered = ProgramFixtures.recoveredFolder(dir);
        SigningIdentity me = ProgramFixtures.identity("Jane Archivist");
        me.savePkcs12(dir.resolve("k.p12"), "pw".toCharArray());
        Files.writeString(dir.resolve("pw.txt"), "pw");
        Path out = Files.createDirectory(dir.resolve("published"));

        assertThatThrownBy(() -> PublishRecoveredDocuments.main(new String[] {recovered.toString(),
            dir.resolve("sources.csv").toString(), dir.resolve("k.p12").toString(), dir.resolve("pw.txt").toString(),
            out.toString()}))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("published");
    }
}
