package dev.palimpsest.core.bag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.verify.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random damage, with fixed seeds so that failures reproduce: whatever the bytes, verification
 * returns a report (never an exception), and damage to anything checked makes it INVALID.
 */
class BagFuzzTest {
    private static final BagVerifier VERIFIER = BagVerifier.builder().parallelism(1).build();

    @TempDir
    Path tmp;

    private Path bag(Path dir) throws IOException {
        return TestBag.in(dir).file("abc.txt", "abc").file("dir/letter.txt", "Dear reader,\n").write();
    }

    @Test
    void corruptedZipsAlwaysGiveAReport() throws IOException {
        Path zip = TestBag.zip(bag(tmp.resolve("bag")), tmp.resolve("bag.zip"), "bag");
        byte[] original = Files.readAllBytes(zip);
        Random random = new Random(20171017);
        Path damaged = tmp.resolve("damaged.zip");
        for (int round = 0; round < 150; round++) {
            byte[] bytes = original.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int at = 4 + random.nextInt(bytes.length - 4); // keep the signature: stay a ZIP
                bytes[at] = (byte) random.nextInt(256);
            }
            if (random.nextInt(10) == 0) {
                bytes = java.util.Arrays.copyOf(bytes, 4 + random.nextInt(bytes.length - 4));
            }
            Files.write(damaged, bytes);
            VerificationReport report = VERIFIER.verify(damaged);
            assertThat(report).as("round %d", round).isNotNull();
        }
    }

    @Test
    void randomTagFilesAlwaysGiveAReportAndAreCaughtByTheTagManifest() throws IOException {
        Random random = new Random(8493);
        List<String> tagFiles = List.of("bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt",
                "fetch.txt");
        for (int round = 0; round < 40; round++) {
            Path bag = bag(tmp.resolve("bag" + round));
            String victim = tagFiles.get(round % tagFiles.size());
            byte[] noise = new byte[random.nextInt(300)];
            random.nextBytes(noise);
            if (round % 2 == 0) {
                // mostly text: separators, percent escapes, colons, line breaks of every kind
                String alphabet = "ab/.%0AD:~\\ \t\r\n*-data";
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < noise.length; i++) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                noise = text.toString().getBytes(StandardCharsets.UTF_8);
            }
            Files.write(bag.resolve(victim), noise);
            VerificationReport report = VERIFIER.verify(bag);
            if (!victim.equals("fetch.txt")) {
                // the tag manifest lists every other tag file, so replacing one is always caught
                assertThat(report.verdict()).as("round %d (%s): %s", round, victim, report.problems())
                        .isEqualTo(Verdict.INVALID);
            }
        }
    }
}
