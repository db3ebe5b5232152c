package dev.palimpsest.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.palimpsest.core.sources.WarcImporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults under the command line, for {@code create} (folder and ZIP), {@code sign},
 * {@code portfolio} and {@code extract}, and for a WARC import through the library (the
 * {@code import-warc} command is not on this branch): a full disk (a 2 MiB tmpfs), a
 * read-only target (a read-only tmpfs) and an unreadable input (the command run as {@code nobody}).
 * Each must fail with an error naming the path, write nothing half-way (no target, no temporary
 * file) and leave the inputs byte for byte as they were.
 *
 * <p>Mounting needs root; without it the disk tests are skipped, except when {@code CI=true}
 * (CI runs as root on its machine, so a skip there would hide a broken test).
 */
class CliFaultTest {
    static final String PASSWORD = "fault-test-password";

    @TempDir
    static Path shared;
    static Path input;
    static Path key;
    static Path password;
    static Path smallBundle;
    static Path bigBundle;
    static Path portfolio;
    static Path warc;
    static Map<String, String> before;

    private final List<Path> mounts = new ArrayList<>();

    @BeforeAll
    static void inputs() throws Exception {
        // 3 MiB in all: more than the 2 MiB disk holds.
        input = Files.createDirectories(shared.resolve("input"));
        Random random = new Random(1031);
        for (int i = 0; i < 6; i++) {
            byte[] bytes = new byte[512 * 1024];
            random.nextBytes(bytes);
            Files.write(input.resolve("doc-" + i + ".bin"), bytes);
        }
        Path small = Files.createDirectories(shared.resolve("small-input"));
        Files.writeString(small.resolve("note.txt"), "a small recovered note\n");
        password = Files.writeString(shared.resolve("password.txt"), PASSWORD + "\n");
        key = shared.resolve("key.p12");
        ok(CliHarness.run("keygen", "--out", key.toString(), "--name", "Fault Test", "--password-file",
                password.toString()));
        smallBundle = shared.resolve("small-bundle");
        ok(CliHarness.run("create", smallBundle.toString(), "--from", small.toString(), "--key", key.toString(),
                "--password-file", password.toString()));
        bigBundle = shared.resolve("big-bundle");
        ok(CliHarness.run("create", bigBundle.toString(), "--from", input.toString(), "--key", key.toString(),
                "--password-file", password.toString()));
        portfolio = shared.resolve("big.pdf");
        ok(CliHarness.run("portfolio", bigBundle.toString(), "--out", portfolio.toString(), "--key", key.toString(),
                "--password-file", password.toString()));
        warc = Files.write(shared.resolve("capture.warc"), warc("http://example.gov/foia/big.bin", 3 << 20));
        before = inputsState();
    }

    private static Map<String, String> inputsState() throws IOException {
        Map<String, String> state = new java.util.TreeMap<>();
        for (Path p : List.of(input, key, smallBundle, bigBundle, portfolio, warc)) {
            KillTest.state(p).forEach((k, v) -> state.put(p.getFileName() + "/" + k, v));
        }
        return state;
    }

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounts) {
            sh("umount", m.toString());
        }
        assertThat(inputsState()).as("the inputs are untouched").isEqualTo(before);
    }

    // ---- a full disk

    @Test
    void createOnAFullDisk() throws Exception {
        Path disk = mount("size=2m");
        for (boolean zip : new boolean[] {false, true}) {
            Path target = disk.resolve(zip ? "b.zip" : "b");
            List<String> args = new ArrayList<>(List.of("create", target.toString(), "--from", input.toString()));
            if (zip) {
                args.add("--zip");
            }
            CliHarness r = CliHarness.run(args.toArray(String[]::new));
            failsNaming(r, disk, "No space left on device");
            assertThat(names(disk)).as("nothing half-written").isEmpty();
        }
    }

    @Test
    void signOnAFullDisk() throws Exception {
        Path disk = mount("size=2m");
        Path bundle = disk.resolve("bundle");
        copyTree(smallBundle, bundle);
        Path zip = disk.resolve("bundle.zip");
        ok(CliHarness.run("create", zip.toString(), "--zip", "--from", smallBundle.resolve("data").toString(),
                "--key", key.toString(), "--password-file", password.toString()));
        Map<String, String> folderState = KillTest.state(bundle);
        Map<String, String> zipState = KillTest.state(zip);
        fill(disk);
        failsNaming(CliHarness.run("sign", bundle.toString(), "--key", key.toString(), "--password-file",
                password.toString()), disk, "No space left on device");
        failsNaming(CliHarness.run("sign", zip.toString(), "--key", key.toString(), "--password-file",
                password.toString()), disk, "No space left on device");
        assertThat(KillTest.state(bundle)).as("the folder bundle keeps its old signature set").isEqualTo(folderState);
        assertThat(KillTest.state(zip)).as("the ZIP bundle keeps its old signature set").isEqualTo(zipState);
        assertThat(names(disk)).containsExactlyInAnyOrder("bundle", "bundle.zip", "filler");
        assertThat(names(bundle.resolve("provenance"))).containsExactlyInAnyOrder("archive.json", "archive.json.p7s");
        assertThat(CliHarness.run("verify", bundle.toString()).exitCode).isZero();
        assertThat(CliHarness.run("verify", zip.toString()).exitCode).isZero();
    }

    @Test
    void portfolioOnAFullDisk() throws Exception {
        Path disk = mount("size=2m");
        Path pdf = disk.resolve("out.pdf");
        failsNaming(CliHarness.run("portfolio", bigBundle.toString(), "--out", pdf.toString(), "--key", key.toString(),
                "--password-file", password.toString()), disk, "No space left on device");
        assertThat(names(disk)).as("nothing half-written").isEmpty();
    }

    @Test
    void extractOnAFullDisk() throws Exception {
        Path disk = mount("size=2m");
        Path out = disk.resolve("out");
        CliHarness r = CliHarness.run("extract", portfolio.toString(), "--out", out.toString());
        failsNaming(r, disk, "No space left on device");
        // Files are written one by one, each whole or not at all: what is there is complete.
        for (String name : names(out)) {
            assertThat(name).as("no temporary file is left").doesNotStartWith(".");
            if (name.startsWith("doc-")) {
                assertThat(Files.mismatch(out.resolve(name), input.resolve(name))).as(name).isEqualTo(-1L);
            }
        }
    }

    @Test
    void importAWarcOnAFullDisk() throws Exception {
        Path disk = mount("size=2m");
        // Through the library: the import-warc command is not on this branch yet.
        Path target = disk.resolve("b");
        assertThatThrownBy(() -> WarcImporter.builder().build().importTo(target, List.of(warc)))
                .isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
        assertThat(names(target)).as("nothing half-written").isEmpty();
    }

    // ---- a read-only target

    @Test
    void aReadOnlyTargetFolder() throws Exception {
        Path disk = mount("size=4m");
        Path bundle = disk.resolve("bundle");
        copyTree(smallBundle, bundle);
        Map<String, String> bundleState = KillTest.state(bundle);
        sh("mount", "-o", "remount,ro", disk.toString());
        List<String[]> commands = List.of(
                new String[] {"create", disk.resolve("b").toString(), "--from", input.toString()},
                new String[] {"create", disk.resolve("b.zip").toString(), "--zip", "--from", input.toString()},
                new String[] {"sign", bundle.toString(), "--key", key.toString(), "--password-file", password.toString()},
                new String[] {"portfolio", bigBundle.toString(), "--out", disk.resolve("p.pdf").toString(), "--key",
                    key.toString(), "--password-file", password.toString()},
                new String[] {"extract", portfolio.toString(), "--out", disk.resolve("out").toString()});
        for (String[] command : commands) {
            CliHarness r = CliHarness.run(command);
            failsNaming(r, disk, "Read-only file system");
        }
        assertThatThrownBy(() -> WarcImporter.builder().build().importTo(disk.resolve("w"), List.of(warc)))
                .isInstanceOf(IOException.class).hasMessageContaining("Read-only file system");
        assertThat(names(disk)).containsExactly("bundle");
        assertThat(KillTest.state(bundle)).isEqualTo(bundleState);
    }

    // ---- an unreadable input

    @Test
    void anUnreadableInputIsAnErrorNamingIt() throws Exception {
        assumeThat(Path.of("/usr/bin/setpriv")).as("setpriv runs the command as nobody, for whom mode 000 means"
                + " unreadable (root reads any file)").exists();
        Path area = Files.createDirectories(shared.resolve("nobody"));
        worldOpen(shared);
        worldOpen(area);
        String classPath = copyClassPath(area.resolve("cp"));
        Path in = Files.createDirectories(area.resolve("in"));
        Files.writeString(in.resolve("readable.txt"), "fine\n");
        Path secret = Files.writeString(in.resolve("secret.txt"), "not for nobody\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        Path unreadablePdf = Files.copy(portfolio, area.resolve("locked.pdf"));
        Files.setPosixFilePermissions(unreadablePdf, PosixFilePermissions.fromString("---------"));
        Path out = Files.createDirectories(area.resolve("out"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));

        record Case(List<String> args, Path named) {
        }
        List<Case> cases = List.of(
                new Case(List.of("create", out.resolve("b").toString(), "--from", in.toString()), secret),
                new Case(List.of("create", out.resolve("b.zip").toString(), "--zip", "--from", in.toString()), secret),
                new Case(List.of("extract", unreadablePdf.toString(), "--out", out.resolve("x").toString()), unreadablePdf),
                new Case(List.of("verify", unreadablePdf.toString()), unreadablePdf));
        for (Case c : cases) {
            KillTest.Child.Outcome r = asNobody(classPath, c.args());
            assertThat(r.exitCode()).as(c.args() + "\n" + r).isNotZero().isNotEqualTo(70);
            assertThat(r.err()).as(c.args() + ": names the file").contains(c.named().getFileName().toString());
            assertThat(names(out)).as(c.args() + ": nothing half-written").isEmpty();
        }
    }

    // ---- helpers

    private Path mount(String options) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!"true".equals(System.getenv("CI"))) {
            assumeThat(root).as("mounting a tmpfs needs root; skipped (CI=true makes this a failure)").isTrue();
        }
        Path dir = Files.createDirectories(shared.resolve("mnt-" + System.nanoTime()));
        int code = sh("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString());
        if (!"true".equals(System.getenv("CI"))) {
            assumeThat(code).as("mount -t tmpfs is not permitted here; skipped (CI=true makes this a failure)")
                    .isZero();
        }
        assertThat(code).as("mount -t tmpfs " + dir).isZero();
        mounts.add(dir);
        return dir;
    }

    private static int sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() != 0) {
            System.out.println(String.join(" ", command) + ": " + out);
        }
        return p.exitValue();
    }

    /** Fills the disk to the last byte. */
    private static void fill(Path disk) throws IOException {
        try (var out = Files.newOutputStream(disk.resolve("filler"))) {
            byte[] block = new byte[4096];
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).contains("No space left on device");
        }
    }

    private static void failsNaming(CliHarness r, Path where, String cause) {
        assertThat(r.exitCode).as(r.toString()).isNotZero().isNotEqualTo(ExitCode.INTERNAL);
        assertThat(r.err).as("names the place and the cause\n" + r).contains(where.toString()).contains(cause);
    }

    private static void ok(CliHarness r) {
        assertThat(r.exitCode).as(r.toString()).isZero();
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void worldOpen(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** This test's class path copied where {@code nobody} can read it ({@code ~/.m2} is under root's home). */
    private static String copyClassPath(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path from = Path.of(entry);
            if (!Files.exists(from)) {
                continue;
            }
            Path to = dir.resolve(i++ + (Files.isDirectory(from) ? "" : ".jar"));
            if (Files.isDirectory(from)) {
                copyTree(from, to);
            } else {
                Files.copy(from, to);
            }
            entries.add(to.toString());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x"
                        : "rw-r--r--"));
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static KillTest.Child.Outcome asNobody(String classPath, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup",
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", classPath, PalimpsestCli.class.getName()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new KillTest.Child.Outcome(p.exitValue(), false, new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    /** A WARC holding one response record of {@code size} random bytes. */
    static byte[] warc(String uri, int size) {
        byte[] body = new byte[size];
        new Random(7).nextBytes(body);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + size
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream http = new ByteArrayOutputStream();
        http.writeBytes(head);
        http.writeBytes(body);
        byte[] block = http.toByteArray();
        String header = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:8f5e7a4c-3b1d-4c9e-a2f0-1d2c3b4a5e6f>\r\n"
                + "WARC-Date: 2017-10-03T12:00:00Z\r\nWARC-Target-URI: " + uri + "\r\n"
                + "Content-Type: application/http; msgtype=response\r\nContent-Length: " + block.length + "\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(block);
        out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
