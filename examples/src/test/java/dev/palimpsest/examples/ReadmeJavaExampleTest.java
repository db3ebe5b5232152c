package dev.palimpsest.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.testing.ExternalTool;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java example of README.md's "For developers" section, taken from the README itself (the
 * fenced block after the {@code compiled-example} comment that names this file), compiled
 * against the test class path and run in a child JVM whose working directory holds the files the
 * example names.
 */
class ReadmeJavaExampleTest {
    private static final String MARKER =
            "<!-- compiled-example: examples/src/test/java/dev/palimpsest/examples/ReadmeJavaExampleTest.java -->";

    /** The imports the README names in the sentence before the example. */
    private static final String IMPORTS = "import dev.palimpsest.core.bundle.*;\n"
            + "import dev.palimpsest.core.sign.*;\n"
            + "import dev.palimpsest.core.verify.*;\n"
            + "import java.nio.file.Path;\n";

    @Test
    void theReadmeExampleIsAboutTenLinesCompilesAndRuns(@TempDir Path dir) throws Exception {
        String snippet = snippet();
        assertThat(snippet.lines().count()).as(snippet).isBetween(5L, 12L);

        // The example's inputs, where its relative paths point: a key store, its certificate, a folder.
        SigningIdentity archivist = SigningIdentity.generator().name("Jane Archivist").generate();
        archivist.savePkcs12(dir.resolve("archivist.p12"), "a long passphrase".toCharArray());
        Files.writeString(dir.resolve("archivist.pem"), Certificates.toPem(List.of(archivist.certificate())));
        Files.createDirectories(dir.resolve("recovered/documents"));
        Files.writeString(dir.resolve("recovered/documents/notice.txt"), "The reading room is closed.\n");

        Path source = dir.resolve("src/ReadmeExample.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, IMPORTS
                + "public class ReadmeExample {\n"
                + "    public static void main(String[] args) throws Exception {\n"
                + "        char[] password = \"a long passphrase\".toCharArray();\n"
                + snippet.indent(8)
                + "    }\n"
                + "}\n", StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK compiler (tests run on a JDK)").isNotNull();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = javac.getTask(diagnostics, null, null,
                List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), "-proc:none",
                        "-Xlint:all", "-Werror"),
                null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source.toFile()))
                .call();
        assertThat(compiled).as("the README example does not compile:\n" + diagnostics + "\n" + snippet).isTrue();

        String classPath = classes + java.io.File.pathSeparator + System.getProperty("java.class.path");
        // C1 only: for a run this short, C2 compilation would cost more CPU than it saves
        ExternalTool.Result run = ExternalTool.run(dir, Map.of(), List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", classPath, "ReadmeExample"));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output().strip()).isEqualTo("TRUSTED");
        assertThat(dir.resolve("bundle/provenance/archive.json.p7s")).isRegularFile();
    }

    /** The fenced java block right after the marker in README.md. */
    private static String snippet() throws Exception {
        Path readme = Path.of(System.getProperty("basedir", "."), "..", "README.md").normalize();
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int marker = text.indexOf(MARKER);
        assertThat(marker).as("README.md has no " + MARKER).isNotNegative();
        assertThat(text.indexOf(MARKER, marker + 1)).as("README.md has the marker twice").isNegative();
        Matcher block = Pattern.compile("\\A\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(text.substring(marker + MARKER.length()));
        assertThat(block.find()).as("no ```java block right after the marker in README.md").isTrue();
        return block.group(1);
    }
}
