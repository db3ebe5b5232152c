package dev.palimpsest.pdf.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.testing.ExternalTool;
import dev.palimpsest.pdf.PortfolioFormat;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tools no one here wrote: qpdf checks the file's syntax and streams, poppler's pdfdetach
 * extracts the attachments. Skipped, saying why, where a tool is not installed, except under CI
 * ({@code CI=true}), which installs both ({@code apt-get install qpdf poppler-utils}) and where a
 * missing one fails.
 */
class ExternalToolsTest {
    @TempDir
    static Path dir;

    private static Path portfolio;

    @BeforeAll
    static void build() throws IOException {
        portfolio = dir.resolve("portfolio.pdf");
        Fixtures.sample().build(portfolio);
    }

    @Test
    void qpdfFindsNoErrors() throws Exception {
        assumeTool("qpdf");
        Result result = run(dir, "qpdf", "--check", portfolio.toString());
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("No syntax or stream encoding errors found").doesNotContain("WARNING");
    }

    @Test
    void pdfdetachExtractsEveryFileByteForByte() throws Exception {
        assumeTool("pdfdetach");
        Path out = Files.createDirectories(dir.resolve("detached"));
        Map<String, byte[]> expected = new LinkedHashMap<>(Fixtures.sampleBytes());
        expected.put(PortfolioFormat.MANIFEST_NAME, Fixtures.MANIFEST);
        expected.put(PortfolioFormat.MANIFEST_SIGNATURE_NAME, Fixtures.SIGNATURE);
        // pdfdetach writes each file at its name (the archive path) but creates no folders.
        for (String path : expected.keySet()) {
            Path parent = out.resolve(path).getParent();
            Files.createDirectories(parent);
        }
        Result result = run(out, "pdfdetach", "-saveall", "-o", out.toString(), portfolio.toString());
        assertThat(result.exit()).as(result.output()).isZero();
        List<String> extracted = new ArrayList<>();
        try (Stream<Path> files = Files.walk(out)) {
            files.filter(Files::isRegularFile).forEach(f -> extracted.add(out.relativize(f).toString().replace(File.separatorChar, '/')));
        }
        assertThat(extracted).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertThat(Files.readAllBytes(out.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void anIncrementalUpdateCanBeAppendedAndQpdfAcceptsIt() throws Exception {
        // What a later PAdES signature does: append a revision without rewriting the original bytes.
        byte[] original = Files.readAllBytes(portfolio);
        Path updated = dir.resolve("updated.pdf");
        try (PDDocument doc = Loader.loadPDF(original); var out = Files.newOutputStream(updated)) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.getCOSObject().setString(COSName.KEYWORDS, "appended");
            info.getCOSObject().setNeedToBeUpdated(true);
            doc.getDocument().getTrailer().setNeedToBeUpdated(true);
            doc.saveIncremental(out);
        }
        byte[] appended = Files.readAllBytes(updated);
        assertThat(Arrays.copyOf(appended, original.length)).isEqualTo(original);
        assertThat(appended.length).isGreaterThan(original.length);
        try (PDDocument doc = Loader.loadPDF(appended)) {
            assertThat(doc.getDocumentInformation().getKeywords()).isEqualTo("appended");
            assertThat(Pdfs.attachments(doc)).hasSize(5);
        }
        assumeTool("qpdf");
        Result result = run(dir, "qpdf", "--check", updated.toString());
        assertThat(result.exit()).as(result.output()).isZero();
    }

    private record Result(int exit, String output) {
    }

    private static void assumeTool(String tool) {
        // Skips when the tool is missing, except under CI (CI=true), where that fails the test.
        ExternalTool.require(tool, "apt-get install qpdf poppler-utils");
    }

    private static Result run(Path workDir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        return new Result(process.exitValue(), output);
    }
}
