package dev.palimpsest.core.bundle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.verify.ProblemCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** core/FORMAT.md documents every problem code with its default severity, and nothing that is not a code. */
class FormatCodesTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (ERROR|WARNING)", Pattern.MULTILINE);

    @Test
    void everyProblemCodeIsDocumentedWithItsDefaultSeverity() throws Exception {
        String text = Files.readString(Path.of("FORMAT.md"), UTF_8);
        String codes = text.substring(text.indexOf("## Verification codes"));
        for (ProblemCode code : ProblemCode.values()) {
            Matcher row = Pattern.compile("^\\| `" + code.name() + "` \\| ([A-Z]+)", Pattern.MULTILINE).matcher(codes);
            assertThat(row.find()).as("FORMAT.md documents " + code).isTrue();
            assertThat(row.group(1)).as("the default severity of " + code).isEqualTo(code.defaultSeverity().name());
        }
        Matcher rows = ROW.matcher(codes);
        while (rows.find()) {
            assertThat(ProblemCode.valueOf(rows.group(1))).isNotNull();
        }
    }
}
