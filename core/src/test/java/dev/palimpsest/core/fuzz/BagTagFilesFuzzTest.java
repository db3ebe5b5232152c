package dev.palimpsest.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.palimpsest.core.bag.BagVerifier;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link BagVerifier} on a bag whose tag files come from the fuzzer. The input is split at NUL
 * bytes into {@code bagit.txt}, {@code bag-info.txt}, {@code manifest-sha256.txt},
 * {@code fetch.txt}, {@code tagmanifest-sha256.txt} and the content of {@code data/letter.txt}
 * (an empty part leaves that file out), so that the seeds in
 * {@code BagTagFilesFuzzTestInputs/bagTagFiles} are readable bags.
 *
 * <p>Properties: {@code verify} returns a report for every input (its only documented
 * exceptions are for a missing bag and an interrupt) and the report renders as JSON and text;
 * a bag without {@code bagit.txt} is {@code INVALID}; and a file beside the bag is left alone.
 */
class BagTagFilesFuzzTest {
    private static final BagVerifier VERIFIER = BagVerifier.builder().parallelism(1).maxTagFileBytes(1 << 20)
            .maxManifestBytes(1 << 20).build();
    private static final List<String> FILES = List.of("bagit.txt", "bag-info.txt", "manifest-sha256.txt", "fetch.txt",
            "tagmanifest-sha256.txt", "data/letter.txt");

    @FuzzTest(maxDuration = "60s")
    void bagTagFiles(byte[] input) throws IOException {
        Path root = FuzzFiles.freshDirectory("bag");
        try {
            Path bag = Files.createDirectories(root.resolve("bag"));
            Files.createDirectories(bag.resolve("data"));
            Files.writeString(root.resolve("outside.txt"), "not part of the bag\n");
            List<byte[]> parts = FuzzFiles.split(input, FILES.size());
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).length > 0) {
                    Files.write(bag.resolve(FILES.get(i)), parts.get(i));
                }
            }
            VerificationReport report = VERIFIER.verify(bag);
            assertThat(report).isNotNull();
            assertThat(report.verdict()).isNotNull();
            assertThat(report.toJson()).isNotEmpty();
            assertThat(report.toText()).isNotEmpty();
            assertThat(Files.readString(root.resolve("outside.txt"))).isEqualTo("not part of the bag\n");
            if (parts.get(0).length == 0) {
                assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
            }
        } finally {
            FuzzFiles.deleteTree(root);
        }
    }
}
