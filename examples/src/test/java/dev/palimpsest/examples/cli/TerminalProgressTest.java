package dev.palimpsest.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.testing.ExternalTool;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line in a real terminal: the CLI runs in a tmux pane (its own tmux server), the
 * pane is captured while it works and after, and the line must have been drawn, then cleared,
 * leaving only the command's output. Needs tmux (skipped without it, except when CI=true).
 * ({@code --quiet} and the other cases that draw nothing are tested in-process, in
 * {@link CliConventionsTest}.)
 */
class TerminalProgressTest {
    private static final long SIZE = 256L * 1024 * 1024;

    @TempDir
    Path dir;
    private Path tmux;
    private String socket;

    @AfterEach
    void stopServer() {
        if (tmux != null) {
            // Only this test's server, found by its own socket name.
            ExternalTool.run(dir, tmux.toString(), "-L", socket, "kill-server");
        }
    }

    private String capture() {
        ExternalTool.Result r = ExternalTool.run(dir, tmux.toString(), "-L", socket, "capture-pane", "-p", "-J", "-t", "cli");
        return r.output();
    }

    /** Runs the CLI in a new pane and returns every distinct screen seen until it exits. */
    private List<String> runInPane(String... args) throws Exception {
        tmux = ExternalTool.require("tmux", "the progress line in a real terminal");
        socket = "palimpsest-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        StringBuilder command = new StringBuilder();
        command.append('\'').append(Path.of(System.getProperty("java.home"), "bin", "java")).append("' -cp '")
                .append(System.getProperty("java.class.path")).append("' ").append(PalimpsestCli.class.getName());
        for (String arg : args) {
            command.append(" '").append(arg).append('\'');
        }
        Path script = Files.writeString(dir.resolve("run.sh"), command + "\necho \"EXIT=$?\"\nsleep 120\n");
        ExternalTool.Result started = ExternalTool.run(dir, tmux.toString(), "-L", socket, "new-session", "-d", "-s",
                "cli", "-x", "200", "-y", "20", "sh " + script);
        assertThat(started.exitCode()).as(started.toString()).isZero();
        List<String> screens = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String screen = capture();
            if (screens.isEmpty() || !screens.get(screens.size() - 1).equals(screen)) {
                screens.add(screen);
            }
            if (screen.contains("EXIT=")) {
                return screens;
            }
            Thread.sleep(40);
        }
        throw new AssertionError("the command did not finish in 90 s; screens: " + screens);
    }

    private Path sparseFile(Path file, long size) throws Exception {
        Files.createDirectories(file.getParent());
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        return file;
    }

    private static String sha512OfZeros() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-512");
        byte[] block = new byte[1 << 20];
        for (long done = 0; done < SIZE; done += block.length) {
            md.update(block);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void digestDrawsProgressThenClearsIt() throws Exception {
        Path big = sparseFile(dir.resolve("big.bin"), SIZE);
        List<String> screens = runInPane("digest", "--digest", "sha512", "--parallelism", "1", big.toString());
        String last = screens.get(screens.size() - 1);
        assertThat(screens).as("a progress line was drawn while hashing")
                .anySatisfy(s -> assertThat(s).containsPattern("hashing: [0-9.]+ of 256\\.0 MiB \\([0-9]+%\\), 0 of 1 file,"
                        + " [0-9.]+ MiB/s, ETA [0-9]+:[0-9]{2}"));
        assertThat(last).contains("EXIT=0").contains(sha512OfZeros() + "  " + big)
                .doesNotContain("hashing:");
    }

    @Test
    void createDrawsProgressThenClearsIt() throws Exception {
        Path in = dir.resolve("in");
        // Smaller: the bundle's copy is a real file on disk.
        long size = 128L * 1024 * 1024;
        sparseFile(in.resolve("zeros.bin"), size);
        Files.writeString(in.resolve("note.txt"), "a note", StandardCharsets.UTF_8);
        Path bundle = dir.resolve("bundle");
        List<String> screens = runInPane("create", bundle.toString(), "--from", in.toString());
        String last = screens.get(screens.size() - 1);
        assertThat(screens).anySatisfy(s -> assertThat(s).containsPattern("copying and hashing: [0-9.]+ of 128\\.0 MiB"));
        assertThat(last).contains("EXIT=0").contains("Created " + bundle + ": 2 files, " + (size + 6) + " bytes")
                .doesNotContain("copying and hashing:");
    }
}
