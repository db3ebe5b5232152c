package dev.palimpsest.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that change under the writer, through the public API: a file another thread keeps
 * appending to while it is hashed (the writer compares size and modification time before and after
 * reading), and a file deleted after the plan was made. Each is an error naming the file; nothing
 * appears at the target, no temporary file is left, and the other inputs are untouched. (A full
 * disk, a read-only target and an unreadable file are tested on the command line, in the examples
 * module's {@code CliFaultTest}, because they need a mount or another user.)
 */
class BundleFaultTest {
    @TempDir
    Path tmp;

    private void nothingWritten() throws IOException {
        assertThat(Fixtures.names(tmp.resolve("out"))).as("no target and no temporary file").isEmpty();
    }

    @Test
    void aFileAppendedToByAnotherThreadWhileHashedIsAnErrorNamingIt() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.createDirectories(tmp.resolve("out"));
        Fixtures.write(in.resolve("a-steady.txt"), "steady");
        Path growing = Fixtures.write(in.resolve("growing.log"), new byte[4 << 20]);
        Map<String, byte[]> before = Fixtures.snapshot(in);
        for (boolean zip : new boolean[] {false, true}) {
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(1);
            Thread appender = new Thread(() -> {
                try (OutputStream out = Files.newOutputStream(growing, StandardOpenOption.APPEND)) {
                    while (!stop.get()) {
                        out.write(new byte[512]);
                        out.flush();
                        started.countDown();
                        Thread.sleep(1);
                    }
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, "appender");
            appender.start();
            try {
                assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
                assertThatThrownBy(() -> Fixtures.writer().zip(zip).parallelism(1).bufferSize(8 * 1024).build()
                        .write(BundleContent.ofFolder(in), tmp.resolve("out/b")))
                        .isInstanceOfSatisfying(BundleException.class, e -> {
                            assertThat(e.reason()).isEqualTo(BundleException.Reason.INPUT_CHANGED);
                            assertThat(e.file()).contains(growing.toString());
                        })
                        .hasMessageContaining(growing + " changed while it was being copied");
            } finally {
                stop.set(true);
                appender.join();
            }
            nothingWritten();
            // Restore the input for the next round; the other input was never touched.
            Files.write(growing, before.get("growing.log"));
        }
        assertThat(Fixtures.snapshot(in).get("a-steady.txt")).isEqualTo(before.get("a-steady.txt"));
    }

    @Test
    void aFileThatDisappearsMidRunIsAnErrorNamingIt() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.createDirectories(tmp.resolve("out"));
        Fixtures.write(in.resolve("a-first.bin"), new byte[1 << 20]);
        Path vanishing = Fixtures.write(in.resolve("z-vanishing.bin"), "gone soon");
        for (boolean zip : new boolean[] {false, true}) {
            AtomicBoolean deleted = new AtomicBoolean();
            // The listener runs while the first file is copied: the last one is deleted after the plan listed it.
            BundleWriter writer = Fixtures.writer().zip(zip).parallelism(1).bufferSize(64 * 1024)
                    .listener((bytes, files) -> {
                        if (deleted.compareAndSet(false, true)) {
                            try {
                                Files.delete(vanishing);
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }).build();
            assertThatThrownBy(() -> writer.write(BundleContent.ofFolder(in), tmp.resolve("out/b")))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(e instanceof NoSuchFileException || e instanceof BundleException)
                            .as(e.toString()).isTrue())
                    .hasMessageContaining("z-vanishing.bin");
            assertThat(deleted).isTrue();
            nothingWritten();
            Fixtures.write(vanishing, "gone soon");
        }
        assertThat(Files.size(in.resolve("a-first.bin"))).isEqualTo(1 << 20);
    }
}
