package dev.palimpsest.examples.programs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.bundle.BundleContent;
import dev.palimpsest.core.bundle.BundleWriter;
import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.verify.ArchiveFormat;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.wacz.TestWacz;
import dev.palimpsest.pdf.PortfolioBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifySomeoneElsesArchiveTest {
    private final SigningIdentity publisher = ProgramFixtures.identity("Someone Else");
    private final TrustPolicy trust = TrustPolicy.builder().anchor(publisher.certificate()).build();

    @Test
    void aSignedBundleIsTrustedWithThePublishersCertificateAndOnlyValidWithout(@TempDir Path dir) throws Exception {
        Path bundle = ProgramFixtures.bundle(dir, "bundle", publisher);

        VerificationReport trusted = VerifySomeoneElsesArchive.verify(bundle, trust);
        assertThat(trusted.format()).isEqualTo(ArchiveFormat.PALIMPSEST_BUNDLE);
        assertThat(trusted.verdict()).as(trusted.toText()).isEqualTo(Verdict.TRUSTED);
        assertThat(VerifySomeoneElsesArchive.verify(bundle, TrustPolicy.none()).verdict()).isEqualTo(Verdict.VALID);
        assertThat(print(trusted)).contains("palimpsest-bundle): TRUSTED").contains("2 of 2 entries intact")
                .contains("by CN=Someone Else: valid, trusted");
    }

    @Test
    void aBundleAsAZipIsVerifiedAsABundle(@TempDir Path dir) throws Exception {
        Path recovered = ProgramFixtures.recoveredFolder(dir);
        Path zip = BundleWriter.builder().zip(true).signer(CmsSigner.builder(publisher).build()).build()
                .write(BundleContent.builder().folder(recovered).build(), dir.resolve("bundle.zip")).path();

        VerificationReport report = VerifySomeoneElsesArchive.verify(zip, trust);
        assertThat(report.format()).isEqualTo(ArchiveFormat.PALIMPSEST_BUNDLE);
        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.TRUSTED);
    }

    @Test
    void aModifiedFileMakesTheBundleInvalidAndIsReportedByCode(@TempDir Path dir) throws Exception {
        Path bundle = ProgramFixtures.bundle(dir, "bundle", publisher);
        Files.writeString(bundle.resolve("data/documents/notice.txt"), "altered\n");

        VerificationReport report = VerifySomeoneElsesArchive.verify(bundle, trust);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.has(ProblemCode.FILE_MODIFIED)).isTrue();
        assertThat(print(report)).contains("MODIFIED data/documents/notice.txt")
                .contains("FILE_MODIFIED (file does not match its digest): ");
    }

    @Test
    void aPortfolioIsTrustedWithThePublishersCertificate(@TempDir Path dir) throws Exception {
        Path bundle = ProgramFixtures.bundle(dir, "bundle", publisher);
        Path pdf = dir.resolve("archive.pdf");
        PortfolioBuilder.fromBundle(bundle).buildSigned(pdf, dev.palimpsest.pdf.PadesSigner.builder(publisher).build());

        VerificationReport report = VerifySomeoneElsesArchive.verify(pdf, trust);
        assertThat(report.format()).isEqualTo(ArchiveFormat.PALIMPSEST_PORTFOLIO);
        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.TRUSTED);
    }

    @Test
    void aPlainBagIsCheckedForFixityAndAFileMissingIsFound(@TempDir Path dir) throws Exception {
        Path bag = Files.createDirectories(dir.resolve("bag/data"));
        Files.writeString(bag.resolve("hello.txt"), "hello\n");
        Files.writeString(dir.resolve("bag/bagit.txt"), "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
        Files.writeString(dir.resolve("bag/manifest-sha256.txt"),
                "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  data/hello.txt\n"
                        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  data/gone.txt\n");

        VerificationReport report = VerifySomeoneElsesArchive.verify(dir.resolve("bag"), trust);
        assertThat(report.format()).isEqualTo(ArchiveFormat.BAGIT);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(print(report)).contains("MISSING data/gone.txt").contains("1 of 2 entries intact");

        Files.writeString(dir.resolve("bag/data/gone.txt"), "");
        assertThat(VerifySomeoneElsesArchive.verify(dir.resolve("bag"), trust).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aWaczIsCheckedPageByPage(@TempDir Path dir) throws Exception {
        Path wacz = TestWacz.builder()
                .page("https://example.org/", Instant.parse("2022-01-18T19:00:09Z"), "<html><body>Hello</body></html>")
                .write(dir.resolve("crawl.wacz"));

        VerificationReport report = VerifySomeoneElsesArchive.verify(wacz, TrustPolicy.none());
        assertThat(report.format()).isEqualTo(ArchiveFormat.WACZ);
        assertThat(report.verdict()).as(report.toText()).isIn(Verdict.VALID);
        assertThat(report.entries().stream().anyMatch(e -> e.url().filter("https://example.org/"::equals).isPresent()))
                .isTrue();
    }

    @Test
    void mainVerifiesWithTheCertificatesInAPemFile(@TempDir Path dir) throws Exception {
        Path bundle = ProgramFixtures.bundle(dir, "bundle", publisher);
        Path pem = Files.writeString(dir.resolve("someone.pem"), Certificates.toPem(List.of(publisher.certificate())));
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            VerifySomeoneElsesArchive.main(new String[] {bundle.toString(), pem.toString()});
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("palimpsest-bundle): TRUSTED");
    }

    private static String print(VerificationReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        VerifySomeoneElsesArchive.print(report, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
