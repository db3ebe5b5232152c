package dev.palimpsest.core.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** core/FORMAT.md stays true: its example is a valid manifest in canonical form, its numbers are the code's. */
class FormatDocumentTest {
    /** Surefire runs in the module directory. */
    private static final Path FORMAT = Path.of("FORMAT.md");

    @Test
    void theExampleIsAValidManifestInCanonicalForm() throws Exception {
        String text = Files.readString(FORMAT, UTF_8);
        int start = text.indexOf("```json\n");
        int end = text.indexOf("```", start + 8);
        assertThat(start).as("a ```json block in FORMAT.md").isNotNegative();
        String example = text.substring(start + "```json\n".length(), end);
        ArchiveManifest manifest = ManifestCodec.standard().read(example.getBytes(UTF_8));
        assertThat(manifest.entries()).hasSize(2);
        assertThat(new String(ManifestCodec.standard().toBytes(manifest), UTF_8)).isEqualTo(example);
    }

    @Test
    void documentedLimitsAndRulesAreTheCodes() throws Exception {
        // Lines are wrapped anywhere, so compare with whitespace collapsed.
        String text = Files.readString(FORMAT, UTF_8).replaceAll("\\s+", " ");
        assertThat(ManifestCodec.DEFAULT_MAX_DOCUMENT_BYTES).isEqualTo(64L * 1024 * 1024);
        assertThat(text).contains("at most 64 MiB", "1,000,000 entries",
                "nest at most " + ManifestCodec.MAX_NESTING_DEPTH + " deep",
                "at most " + String.format("%,d", ManifestCodec.MAX_STRING_LENGTH) + " characters",
                "name (including metadata keys and header names) at most " + ManifestCodec.MAX_NAME_LENGTH
                        + " bytes in UTF-8",
                "at most " + ArchivePath.MAX_PATH_BYTES + " bytes in UTF-8, each segment at most "
                        + ArchivePath.MAX_SEGMENT_BYTES + " bytes",
                "This document describes **" + ArchiveManifest.VERSION + "**");
        for (PathRule rule : PathRule.values()) {
            assertThat(text).contains("[" + rule + "]");
        }
        assertThat(text).contains(Arrays.stream(CaptureCheck.values()).map(c -> "`" + c + "`")
                .collect(Collectors.joining(", ")).replaceFirst(", (?=[^,]*$)", " or "));
        assertThat(text).contains("## Verification codes");
    }
}
