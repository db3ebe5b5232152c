package dev.palimpsest.pdf.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.testing.ExternalTool;
import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.pdf.PadesLevel;
import dev.palimpsest.pdf.PortfolioFormat;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Signed portfolios judged by tools no one here wrote: veraPDF (PDF/A-3b before and after
 * signing), {@code qpdf --check}, poppler's {@code pdfsig} with the test CA in an NSS database
 * (signature valid, certificate trusted) and {@code pdfdetach} (every file back byte for byte).
 * A missing tool skips its test, except under CI, where it fails ({@link ExternalTool#require}).
 */
class PadesExternalToolsTest {
    @TempDir
    static Path dir;

    static SigningFixtures fixtures;
    static Path unsigned;
    static final Map<PadesLevel, Path> SIGNED = new EnumMap<>(PadesLevel.class);

    @BeforeAll
    static void build() throws Exception {
        fixtures = new SigningFixtures();
        unsigned = dir.resolve("unsigned.pdf");
        Fixtures.sample().build(unsigned);
        for (PadesLevel level : PadesLevel.values()) {
            Path out = dir.resolve(level.shortName() + ".pdf");
            // B-LTA as a certification signature, the others as approval signatures.
            Fixtures.sample().buildSigned(out, fixtures.signer(level).certify(level == PadesLevel.B_LTA).build());
            SIGNED.put(level, out);
        }
    }

    @AfterAll
    static void close() {
        fixtures.close();
    }

    @Test
    void veraPdfFindsEverySignedPortfolioPdfA3bCompliant() throws Exception {
        assertThat(VeraPdf.failuresPdfA3b(Files.readAllBytes(unsigned))).isEmpty();
        for (Map.Entry<PadesLevel, Path> e : SIGNED.entrySet()) {
            assertThat(VeraPdf.failuresPdfA3b(Files.readAllBytes(e.getValue()))).as(e.getKey().shortName()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(PadesLevel.class)
    void qpdfFindsNoErrors(PadesLevel level) {
        Path qpdf = ExternalTool.require("qpdf", "apt-get install qpdf");
        ExternalTool.Result r = ExternalTool.run(dir, qpdf.toString(), "--check", SIGNED.get(level).toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("No syntax or stream encoding errors found").doesNotContain("WARNING");
    }

    @ParameterizedTest
    @EnumSource(PadesLevel.class)
    void pdfsigReportsTheSignatureValidAndTheCertificateTrusted(PadesLevel level) {
        Path pdfsig = ExternalTool.require("pdfsig", "apt-get install poppler-utils");
        Path nss = nssDatabase();
        ExternalTool.Result r = ExternalTool.run(dir, pdfsig.toString(), "-nssdir", "sql:" + nss, SIGNED.get(level).toString());
        // pdfsig exits 0 whatever it finds: judge by what it prints, signature by signature.
        Map<Integer, String> blocks = signatureBlocks(r.output());
        assertThat(blocks).as(r.output()).hasSize(level == PadesLevel.B_LTA ? 2 : 1);
        String first = blocks.get(1);
        assertThat(first).as(r.output())
                .contains("Signer Certificate Common Name: Jane Archivist")
                .contains("Signature Type: ETSI.CAdES.detached")
                .contains("Signing Hash Algorithm: SHA-256")
                .contains("Signature Validation: Signature is Valid.")
                .contains("Certificate Validation: Certificate is Trusted.");
        // From B-LT on, later revisions (DSS, document timestamp) follow the signature.
        assertThat(first).contains(level.needsValidationData() ? "Not total document signed" : "Total document signed");
        if (level == PadesLevel.B_LTA) {
            // poppler lists the document timestamp (signed by the TSA) but does not validate ETSI.RFC3161.
            assertThat(blocks.get(2)).contains("Signer Certificate Common Name: Test TSA").contains("Total document signed");
        }
    }

    @Test
    void pdfdetachExtractsEveryFileOfASignedPortfolioByteForByte() throws Exception {
        Path pdfdetach = ExternalTool.require("pdfdetach", "apt-get install poppler-utils");
        Path out = Files.createDirectories(dir.resolve("detached"));
        Map<String, byte[]> expected = new LinkedHashMap<>(Fixtures.sampleBytes());
        expected.put(PortfolioFormat.MANIFEST_NAME, Fixtures.MANIFEST);
        expected.put(PortfolioFormat.MANIFEST_SIGNATURE_NAME, Fixtures.SIGNATURE);
        for (String path : expected.keySet()) {
            Files.createDirectories(out.resolve(path).getParent());
        }
        ExternalTool.Result r = ExternalTool.run(out, pdfdetach.toString(), "-saveall", "-o", out.toString(),
                SIGNED.get(PadesLevel.B_LTA).toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        List<String> extracted = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out)) {
            files.filter(Files::isRegularFile).forEach(f -> extracted.add(out.relativize(f).toString().replace(File.separatorChar, '/')));
        }
        assertThat(extracted).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertThat(Files.readAllBytes(out.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    /** An NSS database that trusts the test CA, as {@code certutil} makes it. */
    private static Path nssDatabase() {
        Path certutil = ExternalTool.require("certutil", "apt-get install libnss3-tools");
        Path nss = dir.resolve("nss");
        if (Files.isDirectory(nss)) {
            return nss;
        }
        try {
            Files.createDirectories(nss);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), fixtures.pki.root().certificate());
        ExternalTool.Result init = ExternalTool.run(dir, certutil.toString(), "-N", "--empty-password", "-d", "sql:" + nss);
        assertThat(init.exitCode()).as(init.output()).isZero();
        ExternalTool.Result add = ExternalTool.run(dir, certutil.toString(), "-A", "-n", "palimpsest-test-ca", "-t", "CT,C,C",
                "-i", ca.toString(), "-d", "sql:" + nss);
        assertThat(add.exitCode()).as(add.output()).isZero();
        return nss;
    }

    /** pdfsig's output split at "Signature #n:" lines. */
    private static Map<Integer, String> signatureBlocks(String output) {
        Map<Integer, String> blocks = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^Signature #(\\d+):$").matcher(output);
        List<int[]> starts = new ArrayList<>();
        while (m.find()) {
            starts.add(new int[] {Integer.parseInt(m.group(1)), m.start()});
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[1] : output.length();
            blocks.put(starts.get(i)[0], output.substring(starts.get(i)[1], end));
        }
        return blocks;
    }
}
