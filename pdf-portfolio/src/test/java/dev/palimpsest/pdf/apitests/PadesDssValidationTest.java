package dev.palimpsest.pdf.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.pdf.PadesLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EU DSS 6.4 judges B-LT and B-LTA portfolios: with the test CA and the TSA's CA as the only
 * trust anchors, offline, under a strict form of DSS's default policy, each must have exactly one
 * signature, {@code TOTAL_PASSED}, at the expected PAdES baseline level, with every timestamp
 * passed.
 *
 * <p>DSS runs in a forked JVM on its own class path ({@code target/dss-classpath}, copied by the
 * module's POM), never on this module's: DSS 6.4 needs Bouncy Castle 1.83 and silently finds no
 * signature at all with the project's 1.87, which is why the signature count is asserted. The
 * validator is {@code src/test/dss/DssValidator.java}, run as a single-file program.
 */
class PadesDssValidationTest {
    /**
     * Constraints left at DSS's WARN level: the test CA's certificates carry no authority
     * information access or CRL distribution point extension, which says nothing about the PDF.
     * Every other WARN of the default policy is raised to FAIL.
     */
    private static final String KEEP_WARN = "AuthorityInfoAccessPresent,RevocationInfoAccessPresent";

    @TempDir
    Path dir;

    @Test
    void dssFindsLongTermSignaturesTotallyPassed() throws Exception {
        Path classpath = Path.of("target", "dss-classpath").toAbsolutePath();
        boolean present = Files.isDirectory(classpath);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(classpath + " is missing; the POM's dss-classpath execution must run in CI");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(present, classpath + " is missing (run through Maven, which copies"
                + " EU DSS there); this check is skipped");
        try (SigningFixtures fixtures = new SigningFixtures()) {
            Path lt = dir.resolve("portfolio-B-LT.pdf");
            Path lta = dir.resolve("portfolio-B-LTA.pdf");
            Fixtures.sample().buildSigned(lt, fixtures.signer(PadesLevel.B_LT).build());
            Fixtures.sample().buildSigned(lta, fixtures.signer(PadesLevel.B_LTA).certify(true).build());
            Path anchors = TestPki.writePem(dir.resolve("anchors.pem"), fixtures.pki.root().certificate(),
                    fixtures.tsa.caCertificate());

            Map<String, Report> reports = validate(classpath, anchors, lt, lta);

            Report ltReport = reports.get(lt.toString());
            assertThat(ltReport.signatures).as(ltReport.raw.toString()).isEqualTo(1);
            assertThat(ltReport.signatureLines).as(ltReport.raw.toString()).singleElement().asString()
                    .contains("indication=TOTAL_PASSED").contains("format=PAdES-BASELINE-LT");
            assertThat(ltReport.errors).as(ltReport.raw.toString()).isEmpty();
            assertThat(ltReport.timestampLines).as(ltReport.raw.toString()).singleElement().asString()
                    .contains("type=SIGNATURE_TIMESTAMP").contains("imprintIntact=true").contains("indication=PASSED");

            Report ltaReport = reports.get(lta.toString());
            assertThat(ltaReport.signatures).as(ltaReport.raw.toString()).isEqualTo(1);
            assertThat(ltaReport.signatureLines).as(ltaReport.raw.toString()).singleElement().asString()
                    .contains("indication=TOTAL_PASSED").contains("format=PAdES-BASELINE-LTA");
            assertThat(ltaReport.errors).as(ltaReport.raw.toString()).isEmpty();
            assertThat(ltaReport.timestampLines).as(ltaReport.raw.toString()).hasSize(2)
                    .allSatisfy(t -> assertThat(t).contains("imprintIntact=true").contains("indication=PASSED"))
                    .anySatisfy(t -> assertThat(t).contains("type=SIGNATURE_TIMESTAMP"))
                    .anySatisfy(t -> assertThat(t).contains("type=DOCUMENT_TIMESTAMP"));
        }
    }

    private static final class Report {
        int signatures = -1;
        final List<String> signatureLines = new ArrayList<>();
        final List<String> timestampLines = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final StringBuilder raw = new StringBuilder();
    }

    private Map<String, Report> validate(Path classpath, Path anchors, Path... files) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", classpath + "/*",
                Path.of("src", "test", "dss", "DssValidator.java").toAbsolutePath().toString(),
                "--keep-warn", KEEP_WARN, "--trust", anchors.toString()));
        for (Path f : files) {
            command.add(f.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("DSS finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, Report> reports = new LinkedHashMap<>();
        Report current = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("file=")) {
                current = new Report();
                reports.put(line.substring(5), current);
            }
            if (current == null) {
                continue;
            }
            current.raw.append(line).append('\n');
            if (line.startsWith("signatures=")) {
                current.signatures = Integer.parseInt(line.substring(11).strip());
            } else if (line.startsWith("signature=")) {
                current.signatureLines.add(line);
            } else if (line.startsWith("timestamp=")) {
                current.timestampLines.add(line);
            } else if (line.startsWith("error=")) {
                current.errors.add(line);
            }
        }
        assertThat(reports).as(output).hasSize(files.length);
        return reports;
    }
}
