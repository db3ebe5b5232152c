package dev.palimpsest.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.manifest.ArchiveCollection;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BundleWriter#add}: adding content to an existing bundle folder. */
class BundleAddTest {
    @TempDir
    Path tmp;

    private Path signedBundle() throws Exception {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        CaptureRecord capture = CaptureRecord.builder().originalUrl("https://www.example.gov/notes.txt")
                .waybackTimestamp("20171012140300").build();
        BundleContent content = BundleContent.builder().title("Removed documents")
                .collection(ArchiveCollection.builder().id("documents").build())
                .folder(in).describe(ArchivePath.of("notes.txt"), e -> e.capture(capture).title("Notes")).build();
        Path bundle = tmp.resolve("bundle");
        Fixtures.writer().signer(Fixtures.signer(Fixtures.ARCHIVIST)).build().write(content, bundle);
        return bundle;
    }

    @Test
    void keepsTheOldEntriesAddsTheNewOnesAndDropsTheOldSignature() throws Exception {
        Path bundle = signedBundle();
        ManifestEntry notes = BundleReader.readManifest(bundle).entry("notes.txt").orElseThrow();
        Path extra = Fixtures.write(tmp.resolve("new/memo.txt"), "a memorandum\n");

        BundleResult result = Fixtures.writer().build().add(bundle, BundleContent.builder()
                .file(extra, ArchivePath.of("memoranda/memo.txt"), e -> e.title("Memo")).build());

        ArchiveManifest manifest = BundleReader.readManifest(bundle);
        assertThat(manifest.entries()).extracting(e -> e.path().toString()).containsExactlyInAnyOrder(
                "documents/report-2016.pdf", "statistics/requests.csv", "notes.txt", "memoranda/memo.txt");
        assertThat(manifest.entry("notes.txt").orElseThrow()).as("the old entry, capture record and all")
                .isEqualTo(notes);
        assertThat(manifest.title()).contains("Removed documents");
        assertThat(manifest.collection("documents")).isPresent();
        assertThat(result.signatures()).isZero();
        assertThat(BundleReader.isSigned(bundle)).as("the old signature covered the old manifest only").isFalse();
        assertThat(Fixtures.read(bundle.resolve("data/memoranda/memo.txt"))).isEqualTo("a memorandum\n");
        VerificationReport report = BundleVerifier.builder().build().verify(bundle);
        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.VALID);
        assertThat(Fixtures.names(tmp)).as("no temporary folder left").containsExactlyInAnyOrder("bundle", "in", "new");
    }

    @Test
    void signsTheNewManifestWhenTheWriterHasASigner() throws Exception {
        Path bundle = signedBundle();
        Path extra = Fixtures.write(tmp.resolve("new/memo.txt"), "a memorandum\n");

        BundleResult result = Fixtures.writer().signer(Fixtures.signer(Fixtures.WITNESS)).build()
                .add(bundle, BundleContent.builder().file(extra, ArchivePath.of("memo.txt")).build());

        assertThat(result.signatures()).isEqualTo(1);
        VerificationReport report = BundleVerifier.builder().trustPolicy(Fixtures.trustRoot()).build().verify(bundle);
        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.TRUSTED);
        assertThat(report.signatures()).hasSize(1);
    }

    @Test
    void aPathEqualAfterCaseFoldingToAnOldOneIsRefusedNamingBothAndTheBundleIsUntouched() throws Exception {
        Path bundle = signedBundle();
        Map<String, byte[]> before = Fixtures.snapshot(bundle);
        Path extra = Fixtures.write(tmp.resolve("new/NOTES.txt"), "other notes\n");

        assertThatThrownBy(() -> Fixtures.writer().build().add(bundle,
                BundleContent.builder().file(extra, ArchivePath.of("NOTES.txt")).build()))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.NAME_COLLISION))
                .hasMessageContaining(bundle.resolve("data/notes.txt").toString())
                .hasMessageContaining(extra.toString());

        Map<String, byte[]> after = Fixtures.snapshot(bundle);
        assertThat(after).containsOnlyKeys(before.keySet());
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
        assertThat(Fixtures.names(tmp)).containsExactlyInAnyOrder("bundle", "in", "new");
    }

    @Test
    void aDamagedBundleIsRefusedAndLeftAsItIs() throws Exception {
        Path bundle = signedBundle();
        Files.writeString(bundle.resolve("data/notes.txt"), "altered\n", StandardCharsets.UTF_8);
        Map<String, byte[]> before = Fixtures.snapshot(bundle);
        Path extra = Fixtures.write(tmp.resolve("new/memo.txt"), "a memorandum\n");

        assertThatThrownBy(() -> Fixtures.writer().build().add(bundle,
                BundleContent.builder().file(extra, ArchivePath.of("memo.txt")).build()))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.BUNDLE_INVALID))
                .hasMessageContaining("does not verify").hasMessageContaining("notes.txt");
        assertThat(Fixtures.snapshot(bundle).keySet()).isEqualTo(before.keySet());
        assertThat(BundleReader.isSigned(bundle)).isTrue();
    }

    @Test
    void aZipBundleAndAMissingBundleAreRefused() throws Exception {
        Path bundle = signedBundle();
        Path zip = Fixtures.zipFolder(bundle, tmp.resolve("bundle.zip"));
        Path extra = Fixtures.write(tmp.resolve("new/memo.txt"), "a memorandum\n");
        BundleContent content = BundleContent.builder().file(extra, ArchivePath.of("memo.txt")).build();

        assertThatThrownBy(() -> Fixtures.writer().build().add(zip, content))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.NOT_A_BUNDLE))
                .hasMessageContaining("is a ZIP bundle");
        assertThatThrownBy(() -> Fixtures.writer().build().add(tmp.resolve("nothing"), content))
                .isInstanceOf(NoSuchFileException.class);
    }
}
