package dev.palimpsest.core.sources;

import static dev.palimpsest.core.sources.TestWarcs.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile WARC whose record header never ends must fail quickly with a clear problem, not
 * exhaust the heap inside jwarc's header parser.
 */
class WarcHeaderLimitTest {
    private static final String URL = "https://www.example.gov/foia/report.pdf";

    @TempDir
    Path dir;

    /** A good record, then a record whose target URI line runs on for {@code bytes} bytes without a line end. */
    private Path hostile(Path file, long bytes, boolean gzip) throws Exception {
        Path good = TestWarcs.write(dir.resolve("good-" + file.getFileName()), false,
                TestWarcs.response(URL, 1, "application/pdf", utf8("%PDF-1.4 fine\n")));
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = new BufferedOutputStream(gzip ? new GZIPOutputStream(raw, 1 << 16) : raw, 1 << 16)) {
            out.write(Files.readAllBytes(good));
            out.write("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://www.example.gov/"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'a');
            for (long written = 0; written < bytes; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, bytes - written));
            }
        }
        Files.delete(good);
        return file;
    }

    @Test
    void aTwoHundredMegabyteHeaderLineFailsQuicklyNamingTheFileAndOffset() throws Exception {
        Path warc = hostile(dir.resolve("hostile.warc"), 200L << 20, false);
        assertThat(Files.size(warc)).isGreaterThan(200L << 20);

        long start = System.nanoTime();
        WarcImport result = WarcImporter.builder().build().importTo(dir.resolve("out"), List.of(warc));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis).as("stops at the limit instead of reading 200 MB into memory").isLessThan(5_000);
        assertThat(result.entries()).as("nothing is imported from a file that cannot be read safely").isEmpty();
        assertThat(result.problems()).hasSize(1);
        WarcImportProblem problem = result.problems().get(0);
        assertThat(problem.kind()).isEqualTo(WarcImportProblem.Kind.UNREADABLE_WARC);
        assertThat(problem.warcFile()).isEqualTo(warc.toString());
        long offset = Files.size(warc) - (200L << 20)
                - "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://www.example.gov/".length();
        assertThat(problem.message()).startsWith(warc.toString())
                .contains("the header of the WARC record at offset " + offset + " is longer than 1048576 bytes");
    }

    @Test
    void aGzippedWarcIsCheckedInItsDecompressedFormAgainstTheConfiguredLimit() throws Exception {
        Path warc = hostile(dir.resolve("hostile.warc.gz"), 100_000, true);

        WarcImport result = WarcImporter.builder().maxHeaderBytes(64 * 1024).build()
                .importTo(dir.resolve("out"), List.of(warc));

        assertThat(result.entries()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(WarcImportProblem.Kind.UNREADABLE_WARC);
            assertThat(p.message()).contains("of the decompressed content is longer than 65536 bytes");
        });
    }

    @Test
    void headersUnderTheLimitImportAsBefore() throws Exception {
        Path warc = TestWarcs.write(dir.resolve("ok.warc.gz"), true,
                TestWarcs.response(URL, 1, "application/pdf", utf8("%PDF-1.4 one\n")),
                TestWarcs.response("https://www.example.gov/two.pdf", 2, "application/pdf", utf8("%PDF-1.4 two\n")));

        WarcImport result = WarcImporter.builder().maxHeaderBytes(1024).build().importTo(dir.resolve("out"), List.of(warc));

        assertThat(result.problems()).isEmpty();
        assertThat(result.entries()).hasSize(2);
    }
}
