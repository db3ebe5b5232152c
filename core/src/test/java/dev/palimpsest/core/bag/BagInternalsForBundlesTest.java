package dev.palimpsest.core.bag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.internal.bag.BagChecker;
import dev.palimpsest.core.internal.bag.BagOptions;
import dev.palimpsest.core.internal.bag.BagVerification;
import dev.palimpsest.core.verify.ArchiveFormat;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook that Palimpsest bundle verification builds on: a bag verified into a caller's report,
 * with extra tag files pinned so that the bytes checked against the tag manifest are the bytes
 * the caller goes on to parse.
 */
class BagInternalsForBundlesTest {
    private static final String ARCHIVE = "provenance/archive.json";

    @TempDir
    Path tmp;

    private Path bundle(String archiveJson) throws IOException {
        Path bag = TestBag.in(tmp.resolve("bundle")).file("a.pdf", "%PDF-1.7").tagAlgorithms().write();
        Files.createDirectories(bag.resolve("provenance"));
        Files.writeString(bag.resolve(ARCHIVE), archiveJson);
        TestBag.writeTagManifests(bag, StandardCharsets.UTF_8, "sha256");
        TestBag.append(bag.resolve("tagmanifest-sha256.txt"), TestBag.hex("sha256", archiveJson) + " " + ARCHIVE + "\n");
        return bag;
    }

    private static VerificationReport.Builder report(Path bag) {
        return VerificationReport.builder(ArchiveFormat.PALIMPSEST_BUNDLE, bag.toString());
    }

    @Test
    void pinnedTagFileBytesAreTheBytesCheckedAgainstTheTagManifest() throws IOException {
        Path bag = bundle("{\"format\":\"palimpsest\"}");
        VerificationReport.Builder report = report(bag);
        BagChecker.Result result = BagVerification.verifyInto(bag, BagOptions.defaults(), report, Set.of(ARCHIVE))
                .orElseThrow();
        assertThat(report.problems()).isEmpty();
        assertThat(new String(result.bag().tagFileBytes(ARCHIVE).orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("{\"format\":\"palimpsest\"}");
        assertThat(result.digests().get(ARCHIVE).get(DigestAlgorithm.SHA256).hex())
                .isEqualTo(TestBag.hex("sha256", "{\"format\":\"palimpsest\"}"));
        assertThat(result.digests().get("data/a.pdf")).containsKeys(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512);
        assertThat(report.build().format()).isEqualTo(ArchiveFormat.PALIMPSEST_BUNDLE);
    }

    @Test
    void aTamperedPinnedFileIsReportedAndItsTamperedBytesAreWhatTheCallerGets() throws IOException {
        Path bag = bundle("{\"signed\":true}");
        Files.writeString(bag.resolve(ARCHIVE), "{\"signed\":false}");
        VerificationReport.Builder report = report(bag);
        BagChecker.Result result = BagVerification.verifyInto(bag, BagOptions.defaults(), report, Set.of(ARCHIVE))
                .orElseThrow();
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCode.TAG_FILE_MODIFIED);
            assertThat(p.path()).contains(ARCHIVE);
        });
        assertThat(result.bag().tagFileBytes(ARCHIVE)).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("{\"signed\":false}"));
    }

    @Test
    void anInputThatIsNotABagGivesNoResult() throws IOException {
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "hello");
        VerificationReport.Builder report = report(notes);
        assertThat(BagVerification.verifyInto(notes, BagOptions.defaults(), report, Set.of())).isEmpty();
        assertThat(report.problems()).extracting(p -> p.code()).containsExactly(ProblemCode.FORMAT_UNRECOGNISED);
    }
}
