package dev.palimpsest.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.manifest.ManifestException;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows of the "Bad input" table in {@code core/FORMAT.md} that no other core test covered:
 * each pins down what Palimpsest answers to one class of hostile or broken input.
 */
class BadInputMatrixTest {
    @TempDir
    Path tmp;

    private static final String MINIMAL = "{\"format\":\"palimpsest-archive\",\"version\":\"1.0\",\"entries\":[]}";

    @Test
    void aBidiOverrideInAPathIsKeptVerbatimAndIsNoCollision() throws Exception {
        // U+202E is a format character, not a control character: right-to-left names are legitimate,
        // so it is stored as it is; it never merges with the name it imitates.
        ArchivePath tricked = ArchivePath.of("invoice-\u202Efdp.exe");
        ArchivePath plain = ArchivePath.of("invoice-exe.pdf");
        assertThat(tricked.toString()).isEqualTo("invoice-\u202Efdp.exe");
        assertThat(tricked.collisionKey()).isNotEqualTo(plain.collisionKey());
    }

    @Test
    void confusablesAreDistinctPaths() throws Exception {
        // A Cyrillic 'а' (U+0430) looks like a Latin 'a': two different files, never one replacing the other.
        ArchivePath latin = ArchivePath.of("paypal.pdf");
        ArchivePath cyrillic = ArchivePath.of("p\u0430ypal.pdf");
        assertThat(cyrillic).isNotEqualTo(latin);
        assertThat(cyrillic.collisionKey()).isNotEqualTo(latin.collisionKey());
    }

    @Test
    void anEmptyManifestFileIsRejected() {
        assertThatThrownBy(() -> ManifestCodec.standard().read(new byte[0]))
                .isInstanceOf(ManifestException.class);
    }

    @Test
    void aTruncatedManifestIsRejectedNamingWhereItEnds() {
        byte[] json = MINIMAL.getBytes(StandardCharsets.UTF_8);
        for (int cut : new int[] {1, 10, json.length / 2, json.length - 1}) {
            assertThatThrownBy(() -> ManifestCodec.standard().read(Arrays.copyOf(json, cut)))
                    .as("cut at " + cut).isInstanceOf(ManifestException.class).hasMessageContaining("line 1");
        }
    }

    @Test
    void aTruncatedZipBundleIsInvalidNotAnException() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Path zip = tmp.resolve("b.zip");
        Fixtures.writer().zip(true).signer(Fixtures.signer(Fixtures.ARCHIVIST)).build()
                .write(BundleContent.ofFolder(in), zip);
        byte[] bytes = Files.readAllBytes(zip);
        for (int cut : new int[] {bytes.length - 1, bytes.length - 22, bytes.length / 2, 30}) {
            Path truncated = Files.write(tmp.resolve("cut-" + cut + ".zip"), Arrays.copyOf(bytes, cut));
            VerificationReport report = BundleVerifier.builder().build().verify(truncated);
            assertThat(report.verdict()).as("cut at " + cut).isEqualTo(Verdict.INVALID);
            assertThat(report.problems()).as("cut at " + cut).extracting(p -> p.code())
                    .contains(ProblemCode.ZIP_MALFORMED);
        }
    }

    @Test
    void aWrongPayloadOxumIsAMismatch() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Path bundle = tmp.resolve("b");
        Fixtures.writer().build().write(BundleContent.ofFolder(in), bundle);
        Path bagInfo = bundle.resolve("bag-info.txt");
        String text = Files.readString(bagInfo).replaceAll("Payload-Oxum: [0-9]+\\.[0-9]+", "Payload-Oxum: 1.99");
        Files.writeString(bagInfo, text);
        Fixtures.rehashTagManifests(bundle);
        VerificationReport report = BundleVerifier.builder().build().verify(bundle);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo(ProblemCode.PAYLOAD_OXUM_MISMATCH);
            assertThat(p.path()).contains("bag-info.txt");
        });
    }
}
