package dev.palimpsest.core.bundle;

import static dev.palimpsest.core.bundle.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.testing.ExternalTool;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.Normalizer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules for input folders: links, hidden names, special files, colliding names; changed
 * files; and that a refused or failed write leaves nothing behind.
 */
class BundleInputRulesTest {
    @TempDir
    Path tmp;

    private BundleResult bundle(BundleWriter.Builder writer, Path in) throws IOException {
        return writer.build().write(BundleContent.ofFolder(in), tmp.resolve("out/b"));
    }

    /** Nothing at the target and no temporary file beside it. */
    private void nothingWritten() throws IOException {
        Path out = tmp.resolve("out");
        if (Files.exists(out)) {
            assertThat(Fixtures.names(out)).isEmpty();
        }
    }

    @Test
    void symbolicLinksAreRefusedByDefault() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Files.createSymbolicLink(in.resolve("link.txt"), in.resolve("notes.txt"));
        assertThatThrownBy(() -> bundle(Fixtures.writer(), in))
                .isInstanceOfSatisfying(BundleException.class, e -> {
                    assertThat(e.reason()).isEqualTo(BundleException.Reason.INPUT_REFUSED);
                    assertThat(e.file()).contains(in.resolve("link.txt").toString());
                })
                .hasMessageContaining("link.txt is a symbolic link");
        nothingWritten();
    }

    @Test
    void followedLinksStayInsideTheInputFolder() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Files.createSymbolicLink(in.resolve("link.txt"), in.resolve("notes.txt"));
        Files.createSymbolicLink(in.resolve("docs"), in.resolve("documents"));
        BundleResult result = bundle(Fixtures.writer().followLinks(true), in);
        assertThat(result.manifest().entries()).extracting(e -> e.path().toString()).contains("link.txt",
                "docs/report-2016.pdf", "documents/report-2016.pdf");
        assertThat(Files.isSymbolicLink(tmp.resolve("out/b/data/link.txt"))).isFalse();
        assertThat(tmp.resolve("out/b/data/link.txt")).hasSameTextualContentAs(in.resolve("notes.txt"));

        Path outside = write(tmp.resolve("secret.txt"), "not for the bundle");
        Files.createSymbolicLink(in.resolve("escape.txt"), outside);
        Files.createSymbolicLink(in.resolve("loop"), in);
        assertThatThrownBy(() -> Fixtures.writer().followLinks(true).build().write(BundleContent.ofFolder(in),
                tmp.resolve("out/c")))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.INPUT_REFUSED))
                .hasMessageContaining("2 inputs are refused")
                .hasMessageContaining("escape.txt is a symbolic link (to " + outside + ") that leads outside the input folder")
                .hasMessageContaining("loop is a symbolic link (to " + in + ") to a folder that contains it");
        assertThat(tmp.resolve("out/c")).doesNotExist();
    }

    @Test
    void hiddenFilesAreLeftOutWithAWarningUnlessIncluded() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        write(in.resolve(".DS_Store"), "mac");
        write(in.resolve(".git/config"), "[core]");
        write(in.resolve("documents/.~lock.report#"), "lock");
        BundleResult result = bundle(Fixtures.writer(), in);
        assertThat(result.manifest().entries()).hasSize(3);
        assertThat(result.warnings()).singleElement().asString()
                .startsWith("3 hidden files or folders were left out")
                .contains(".DS_Store").contains(".git").contains("documents/.~lock.report#");

        BundleResult all = Fixtures.writer().includeHidden(true).build().write(BundleContent.ofFolder(in),
                tmp.resolve("out/all"));
        assertThat(all.warnings()).isEmpty();
        assertThat(all.manifest().entries()).extracting(e -> e.path().toString())
                .contains(".DS_Store", ".git/config", "documents/.~lock.report#");
    }

    @Test
    void namesThatCollideAfterCaseFoldingAreRefused() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        write(in.resolve("Notes.TXT"), "other");
        assumeThat(Files.list(in).count()).as("the file system is case-insensitive").isEqualTo(4);
        assertThatThrownBy(() -> bundle(Fixtures.writer(), in))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.NAME_COLLISION))
                .hasMessageContaining("Notes.TXT").hasMessageContaining("notes.txt")
                .hasMessageContaining("one file on macOS and Windows");
        nothingWritten();
    }

    @Test
    void namesThatCollideAfterNormalisationAreRefused() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        String nfc = "caf\u00e9.txt";
        String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
        write(in.resolve(nfc), "one");
        write(in.resolve(nfd), "two");
        assumeThat(Files.list(in).count()).as("the file system keeps both forms apart").isEqualTo(2);
        assertThatThrownBy(() -> bundle(Fixtures.writer(), in))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.NAME_COLLISION))
                .hasMessageContaining("would both be " + nfc);
    }

    @Test
    void aNameNotInNfcIsStoredInNfcWithAWarning() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        String nfd = Normalizer.normalize("caf\u00e9.txt", Normalizer.Form.NFD);
        write(in.resolve(nfd), "coffee");
        BundleResult result = bundle(Fixtures.writer(), in);
        assertThat(result.manifest().entries()).extracting(e -> e.path().toString()).containsExactly("caf\u00e9.txt");
        assertThat(result.warnings()).singleElement().asString().contains("normalisation form C");
        assertThat(tmp.resolve("out/b/data/caf\u00e9.txt")).hasContent("coffee");
    }

    @Test
    void twoInputsAtOnePathAreRefused() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Path other = write(tmp.resolve("other.txt"), "other");
        assertThatThrownBy(() -> Fixtures.writer().build().write(BundleContent.builder().folder(in)
                .file(other, ArchivePath.of("notes.txt")).build(), tmp.resolve("out/b")))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.NAME_COLLISION))
                .hasMessageContaining("would both be notes.txt");
        Path file = write(tmp.resolve("documents"), "a file where a folder is");
        assertThatThrownBy(() -> Fixtures.writer().build().write(BundleContent.builder().folder(in)
                .file(file, ArchivePath.of("Documents")).build(), tmp.resolve("out/b")))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.NAME_COLLISION))
                .hasMessageContaining("is a file, but");
        nothingWritten();
    }

    @Test
    void specialFilesAreRefused() throws IOException {
        Path mkfifo = ExternalTool.find("mkfifo").orElse(null);
        assumeThat(mkfifo).as("mkfifo is not on the PATH").isNotNull();
        Path in = Fixtures.recovered(tmp.resolve("in"));
        assertThat(ExternalTool.run(in, mkfifo.toString(), "pipe").exitCode()).isZero();
        assertThatThrownBy(() -> bundle(Fixtures.writer(), in))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.INPUT_REFUSED))
                .hasMessageContaining("pipe is not a regular file (a device, FIFO or socket)");
        nothingWritten();
    }

    @Test
    void aFileThatChangesWhileItIsCopiedIsAnErrorNamingIt() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path big = in.resolve("growing.bin");
        for (boolean zip : new boolean[] {false, true}) {
            Files.write(big, new byte[1 << 20]);
            AtomicBoolean grown = new AtomicBoolean();
            // The listener runs on the copying thread after the first buffer: the file grows mid-copy.
            BundleWriter writer = Fixtures.writer().zip(zip).parallelism(1).bufferSize(64 * 1024)
                    .listener((bytes, files) -> grow(big, grown)).build();
            assertThatThrownBy(() -> writer.write(BundleContent.ofFolder(in), tmp.resolve("out/b")))
                    .isInstanceOfSatisfying(BundleException.class, e -> {
                        assertThat(e.reason()).isEqualTo(BundleException.Reason.INPUT_CHANGED);
                        assertThat(e.file()).contains(big.toString());
                    })
                    .hasMessageContaining(big + " changed while it was being copied");
            assertThat(grown).isTrue();
            nothingWritten();
        }
    }

    private static void grow(Path file, AtomicBoolean grown) {
        if (grown.compareAndSet(false, true)) {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.seek(f.length());
                f.write(new byte[4096]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aFailureHalfwayLeavesNothingAtTheTarget() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Path unreadable = write(in.resolve("zz-unreadable.txt"), "secret");
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(unreadable)).as("running as root: permissions are not enforced").isFalse();
        for (boolean zip : new boolean[] {false, true}) {
            assertThatThrownBy(() -> Fixtures.writer().zip(zip).build().write(BundleContent.ofFolder(in),
                    tmp.resolve("out/b")))
                    .isInstanceOf(IOException.class).hasMessageContaining("zz-unreadable.txt");
            nothingWritten();
        }
    }

    @Test
    void anInterruptedWriteLeavesNothingAtTheTarget() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (int i = 0; i < 8; i++) {
            Files.write(in.resolve("f" + i), new byte[1 << 20]);
        }
        for (int threads : new int[] {1, 2}) {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> Fixtures.writer().parallelism(threads).build().write(BundleContent.ofFolder(in),
                        tmp.resolve("out/b"))).isInstanceOf(java.io.InterruptedIOException.class);
            } finally {
                Thread.interrupted();
            }
            nothingWritten();
        }
    }
}
