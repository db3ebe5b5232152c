package dev.palimpsest.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.manifest.ArchiveManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a bundle's manifest without verifying it. */
class BundleReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheManifestOfAFolderAndOfAZip() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        BundleResult folder = Fixtures.writer().signer(Fixtures.signer(Fixtures.ARCHIVIST)).build()
                .write(BundleContent.builder().title("Folder").folder(in).build(), tmp.resolve("b"));
        BundleResult zip = Fixtures.writer().zip(true).build()
                .write(BundleContent.builder().title("Zip").folder(in).build(), tmp.resolve("b.zip"));
        assertThat(BundleReader.readManifest(folder.path())).isEqualTo(folder.manifest());
        assertThat(BundleReader.readManifest(zip.path())).isEqualTo(zip.manifest());
        assertThat(BundleReader.readManifestBytes(folder.path()))
                .isEqualTo(Files.readAllBytes(tmp.resolve("b/provenance/archive.json")));
        assertThat(BundleReader.isBundle(folder.path())).isTrue();
        assertThat(BundleReader.isBundle(zip.path())).isTrue();
        assertThat(BundleReader.isSigned(folder.path())).isTrue();
        assertThat(BundleReader.isSigned(zip.path())).isFalse();
        ArchiveManifest manifest = BundleReader.readManifest(zip.path());
        assertThat(manifest.title()).contains("Zip");
    }

    @Test
    void anythingElseIsNotABundle() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Path notes = in.resolve("notes.txt");
        assertThat(BundleReader.isBundle(in)).isFalse();
        assertThat(BundleReader.isBundle(notes)).isFalse();
        assertThat(BundleReader.isBundle(tmp.resolve("missing"))).isFalse();
        Path zip = Fixtures.zipFolder(in, tmp.resolve("plain.zip"));
        assertThat(BundleReader.isBundle(zip)).isFalse();
        assertThatThrownBy(() -> BundleReader.readManifestBytes(in)).isInstanceOfSatisfying(BundleException.class,
                e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.NOT_A_BUNDLE))
                .hasMessageContaining("holds no provenance/archive.json");
        assertThatThrownBy(() -> BundleReader.readManifest(tmp.resolve("missing")))
                .isInstanceOf(NoSuchFileException.class);
    }
}
