package dev.palimpsest.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.sources.WarcImport;
import dev.palimpsest.core.sources.WarcImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link WarcImporter} on arbitrary bytes, written as a plain {@code .warc}, gzip-compressed as
 * a {@code .warc.gz}, and as they are under a {@code .warc.gz} name (so not gzip at all, mostly).
 * Seeds: {@code WarcFuzzTestInputs/warcImport} (uncompressed WARCs).
 *
 * <p>Properties: an import never throws (its one documented exception is for a target that
 * cannot be written, which a temporary directory always can): damage is reported as problems;
 * every entry's file exists under the target directory with the entry's size; nothing is
 * written outside the target directory.
 */
class WarcFuzzTest {
    private static final WarcImporter IMPORTER = WarcImporter.builder().build();

    @FuzzTest(maxDuration = "60s")
    void warcImport(byte[] warc) throws IOException {
        Path root = FuzzFiles.freshDirectory("warc");
        try {
            Path in = Files.createDirectories(root.resolve("in"));
            importAndCheck(root, List.of(Files.write(in.resolve("fuzz.warc"), warc)));
            importAndCheck(root, List.of(Files.write(in.resolve("fuzz-compressed.warc.gz"), FuzzFiles.gzip(warc))));
            importAndCheck(root, List.of(Files.write(in.resolve("fuzz-raw.warc.gz"), warc)));
        } finally {
            FuzzFiles.deleteTree(root);
        }
    }

    private static void importAndCheck(Path root, List<Path> warcs) throws IOException {
        Path target = root.resolve("out-" + warcs.get(0).getFileName());
        WarcImport result = IMPORTER.importTo(target, warcs);
        assertThat(result).isNotNull();
        for (ManifestEntry entry : result.entries()) {
            Path file = target.resolve(entry.path().toString());
            assertThat(file.normalize()).startsWith(target);
            assertThat(Files.size(file)).as("size of %s", entry.path()).isEqualTo(entry.size());
        }
        result.problems().forEach(p -> assertThat(p.toString()).isNotBlank());
        try (var list = Files.list(root)) {
            assertThat(list.map(p -> p.getFileName().toString()).filter(n -> !n.equals("in") && !n.startsWith("out-")))
                    .as("files written outside the target").isEmpty();
        }
    }
}
