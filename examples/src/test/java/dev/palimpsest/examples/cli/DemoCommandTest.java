package dev.palimpsest.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.TimestampClient;
import dev.palimpsest.core.sign.TimestampException;
import dev.palimpsest.core.testing.ExternalTool;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code palimpsest demo}: runs it once into a temporary folder and checks what it made with our
 * verifier and with the independent tools whose commands it prints, by running those commands.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path temp;
    private Path out;
    private CliHarness demo;

    @BeforeAll
    void runDemoOnce(@TempDir Path temp) {
        this.temp = temp;
        out = temp.resolve("demo-out");
        demo = CliHarness.run("demo", "--out", out.toString());
    }

    @Test
    void makesTheBundleThePortfolioAndTheCertificatesAndExitsZero() throws Exception {
        assertThat(demo.exitCode).as(demo.toString()).isZero();
        assertThat(out.resolve("recovered/documents/records-release-policy-2016.pdf")).isRegularFile();
        assertThat(out.resolve("recovered/statistics/requests-per-quarter-2016.png")).isRegularFile();
        assertThat(out.resolve("recovered/agreements/data-sharing-terms.txt")).isRegularFile();
        assertThat(out.resolve("sources.csv")).isRegularFile();
        assertThat(out.resolve("bundle/bagit.txt")).isRegularFile();
        assertThat(out.resolve("bundle/provenance/archive.json")).isRegularFile();
        assertThat(out.resolve("bundle/provenance/archive.json.p7s")).isRegularFile();
        assertThat(out.resolve("portfolio.pdf")).isRegularFile();
        assertThat(out.resolve("timestamp.tst")).isRegularFile();
        assertThat(Files.readString(out.resolve("README-samples.txt"))).contains("fictional");
        assertThat(demo.out).contains("in 3 collections (documents, statistics, agreements)");

        String fingerprint = Certificates.sha256(Certificates.read(out.resolve("signer.pem")).get(0)).hex();
        assertThat(demo.out).contains("SHA-256 fingerprint: " + fingerprint);
        assertThat(Certificates.subject(Certificates.read(out.resolve("demo-tsa.pem")).get(0)))
                .contains("Palimpsest demo TSA (not for real use)");
        assertThat(demo.out).contains("TRUSTED: " + out.resolve("bundle"))
                .contains("TRUSTED: " + out.resolve("portfolio.pdf"))
                .contains("CAPTURE_MISMATCH")
                .contains("The CAPTURE_MISMATCH warning is expected")
                .contains("MATCH 4, MISMATCH 1, NOT_COMPARABLE 1");
    }

    @Test
    void writesNoSecretAndNothingOutsideTheOutputFolder() throws Exception {
        assertThat(demo.exitCode).as(demo.toString()).isZero();
        try (Stream<Path> files = Files.walk(temp)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                assertThat(file).startsWith(out);
                assertThat(file.getFileName().toString()).doesNotEndWith(".p12").doesNotEndWith(".key");
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as(file.toString()).doesNotContain("PRIVATE KEY");
            }
        }
    }

    @Test
    void theDemoTsaIsStoppedWhenTheDemoEnds() {
        Matcher url = Pattern.compile("which ran on (http://127\\.0\\.0\\.1:\\d+/tsa) during the demo").matcher(demo.out);
        assertThat(url.find()).as(demo.out).isTrue();
        TimestampClient client = TimestampClient.of(URI.create(url.group(1)));
        try {
            client.timestamp(new byte[] {1});
            throw new AssertionError("the demo TSA still answers at " + url.group(1));
        } catch (TimestampException e) {
            assertThat(e.reason()).isEqualTo(TimestampException.Reason.NETWORK);
        }
    }

    @Test
    void theBundleVerifiesTrustedWithTheSignerCertificateAsTrustAnchor() throws Exception {
        CliHarness verify = CliHarness.run("verify", "--json", out.resolve("bundle").toString(),
                "--trust", out.resolve("signer.pem").toString());
        assertThat(verify.exitCode).as(verify.toString()).isZero();
        JsonNode report = JSON.readTree(verify.out);
        assertThat(report.get("verdict").asText()).isEqualTo("TRUSTED");
        assertThat(report.get("format").asText()).isEqualTo("palimpsest-bundle");
        assertThat(report.get("entries")).hasSize(6);
        JsonNode timestamp = report.get("signatures").get(0).get("timestamp");
        assertThat(timestamp.get("tsa").asText()).contains("Palimpsest demo TSA");
        assertThat(timestamp.get("valid").asBoolean()).isTrue();
    }

    @Test
    void thePortfolioVerifiesTrustedWithTheSignerCertificateAsTrustAnchor() throws Exception {
        CliHarness verify = CliHarness.run("verify", "--json", out.resolve("portfolio.pdf").toString(),
                "--trust", out.resolve("signer.pem").toString());
        assertThat(verify.exitCode).as(verify.toString()).isZero();
        JsonNode report = JSON.readTree(verify.out);
        assertThat(report.get("verdict").asText()).isEqualTo("TRUSTED");
        assertThat(report.get("format").asText()).isEqualTo("palimpsest-portfolio");
        List<String> levels = new ArrayList<>();
        report.get("signatures").forEach(s -> {
            if (s.has("level")) {
                levels.add(s.get("level").asText());
            }
        });
        assertThat(levels).contains("PAdES-BASELINE-T");
    }

    @Test
    void theOpensslCmsCommandItPrintsSucceeds() {
        ExternalTool.Result result = runPrinted("openssl cms ", "openssl", "the demo's openssl cms -verify command");
        assertThat(result.output()).contains("CMS Verification successful");
    }

    @Test
    void theOpensslTsCommandItPrintsSucceeds() {
        ExternalTool.Result result = runPrinted("openssl ts ", "openssl", "the demo's openssl ts -verify command");
        assertThat(result.output()).contains("Verification: OK");
    }

    @Test
    void thePdfsigCommandItPrintsFindsAValidSignature() {
        ExternalTool.Result result = runPrinted("pdfsig ", "pdfsig", "the demo's pdfsig command");
        assertThat(result.output()).contains("Signer Certificate Common Name: Palimpsest demo signer")
                .contains("Signature Type: ETSI.CAdES.detached")
                .contains("Signature Validation: Signature is Valid.");
    }

    @Test
    void thePdfdetachCommandItPrintsListsEveryFileAndTheSignedManifest() {
        ExternalTool.Result result = runPrinted("pdfdetach ", "pdfdetach", "the demo's pdfdetach -list command");
        assertThat(result.output()).contains("8 embedded files")
                .contains("documents/records-release-policy-2016.pdf")
                .contains("statistics/requests-per-quarter-2016.png")
                .contains("archive.json")
                .contains("archive.json.p7s");
    }

    @Test
    void theQpdfCommandItPrintsFindsNoErrors() {
        ExternalTool.Result result = runPrinted("qpdf ", "qpdf", "the demo's qpdf --check command");
        assertThat(result.output()).contains("No syntax or stream encoding errors found");
    }

    @Test
    void thePalimpsestVerifyCommandsItPrintsGiveTrusted() {
        // run in-process, the demo names the command by the README's alias
        List<String> verifies = printed("palimpsest verify ");
        assertThat(verifies).hasSize(2);
        for (String command : verifies) {
            List<String> words = words(command);
            CliHarness verify = CliHarness.run(words.subList(words.indexOf("verify"), words.size()).toArray(new String[0]));
            assertThat(verify.exitCode).as(command + "\n" + verify).isZero();
            assertThat(verify.out).startsWith("TRUSTED  ");
        }
    }

    @Test
    void aSecondRunIntoTheSameFolderIsRefused() throws Exception {
        byte[] signer = Files.readAllBytes(out.resolve("signer.pem"));
        CliHarness again = CliHarness.run("demo", "--out", out.toString());
        assertThat(again.exitCode).as(again.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(again.err).contains("--out '" + out + "' is not empty");
        assertThat(again.out).isEmpty();
        assertThat(Files.readAllBytes(out.resolve("signer.pem"))).isEqualTo(signer);
    }

    @Test
    void anOutThatIsAFileIsRefused(@TempDir Path elsewhere) throws Exception {
        Path file = Files.writeString(elsewhere.resolve("a-file"), "x");
        CliHarness r = CliHarness.run("demo", "--out", file.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err).contains("is a file");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    /**
     * In a child JVM with the current directory as the only place to write: the default output
     * folder is the first free {@code palimpsest-demo-<n>}, an existing one is left alone, and
     * nothing else appears.
     */
    @Test
    void withoutOutItWritesANewFolderInTheCurrentDirectoryInAChildJvm(@TempDir Path cwd) throws Exception {
        Path taken = Files.createDirectory(cwd.resolve("palimpsest-demo-1"));
        Files.writeString(taken.resolve("keep.txt"), "mine");
        List<String> command = childJvm("-cp", System.getProperty("java.class.path"), PalimpsestCli.class.getName(), "demo");
        ExternalTool.Result result = ExternalTool.run(cwd, Map.of(), command);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.output()).contains("Made in palimpsest-demo-2:")
                .contains("openssl cms -verify -binary -inform DER -in palimpsest-demo-2/bundle/provenance/archive.json.p7s");
        try (Stream<Path> children = Files.list(cwd)) {
            assertThat(children.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                    .isEqualTo(Set.of("palimpsest-demo-1", "palimpsest-demo-2"));
        }
        try (Stream<Path> children = Files.list(taken)) {
            assertThat(children.count()).isEqualTo(1);
        }
        assertThat(cwd.resolve("palimpsest-demo-2/portfolio.pdf")).isRegularFile();
    }

    /**
     * {@code java -jar examples/target/palimpsest.jar demo}, as the README says, when the jar of
     * this build exists (from {@code mvn package} before the tests run again; in a first
     * {@code mvn verify} the jar is made after the tests, and the test above covers the main class).
     */
    @Test
    void theJarRunsTheDemo(@TempDir Path cwd) throws Exception {
        Path jar = Path.of("target", "palimpsest.jar").toAbsolutePath();
        assumeTrue(Files.isRegularFile(jar), "no " + jar + " yet (it is built in the package phase)");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assumeTrue(zip.getEntry("dev/palimpsest/examples/cli/DemoCommand.class") != null,
                    jar + " is from a build without the demo command");
        }
        ExternalTool.Result result = ExternalTool.run(cwd, Map.of(),
                childJvm("-jar", jar.toString(), "demo", "--out", "here"));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.output()).contains("TRUSTED: here/bundle").contains("TRUSTED: here/portfolio.pdf");
        assertThat(cwd.resolve("here/portfolio.pdf")).isRegularFile();
    }

    /**
     * A {@code java} command line of the running JDK. C1 only: in a run of a few seconds the C2
     * compiler costs about half the CPU time, on a machine whose two cores the whole build shares.
     */
    private static List<String> childJvm(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs the one printed command that starts with {@code prefix}, as printed, from the current directory. */
    private ExternalTool.Result runPrinted(String prefix, String tool, String purpose) {
        assertThat(demo.exitCode).as(demo.toString()).isZero();
        List<String> commands = printed(prefix);
        assertThat(commands).as(demo.out).hasSize(1);
        ExternalTool.require(tool, purpose);
        List<String> words = words(commands.get(0));
        ExternalTool.Result result = ExternalTool.run(Path.of("").toAbsolutePath(), Map.of(), words);
        assertThat(result.exitCode()).as(commands.get(0) + "\n" + result).isZero();
        return result;
    }

    /** The command lines of the demo's output that start with {@code prefix}. */
    private List<String> printed(String prefix) {
        return demo.out.lines().map(String::strip).filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
    }

    /** Splits a command line printed for a POSIX shell: words separated by spaces, single quotes. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '\'') {
                quoted = true;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (c == ' ') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unbalanced quote in " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

}
