package dev.palimpsest.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: the {@code palimpsest} command runs as a child process and is killed with SIGKILL
 * ({@link Process#destroyForcibly()} on Linux) after a random delay between 0 and the time the
 * operation takes when left alone. Afterwards the target is absent or complete and verifying, the
 * inputs are byte-identical with unchanged modification times, whatever was left behind is a
 * recognisable temporary file, and the next run removes it (saying so on stderr) and succeeds.
 *
 * <p>The normal build kills each operation {@value #DEFAULT_KILLS} times on {@value #DEFAULT_MEGABYTES}
 * MB in 50 files; {@code -Dpalimpsest.kill.count=N}, {@code -Dpalimpsest.kill.megabytes=M} and
 * {@code -Dpalimpsest.kill.seed=S} change that (the seed is printed, so a failure can be replayed).
 */
class KillTest {
    static final int DEFAULT_KILLS = 2;
    static final int DEFAULT_MEGABYTES = 4;
    static final int KILLS = Integer.getInteger("palimpsest.kill.count", DEFAULT_KILLS);
    static final int MEGABYTES = Integer.getInteger("palimpsest.kill.megabytes", DEFAULT_MEGABYTES);
    static final long SEED = Long.getLong("palimpsest.kill.seed", System.nanoTime());
    static final int FILES = 50;
    static final String TEMP = ".palimpsest-tmp-";
    static final String EXTRACT_TEMP = ".palimpsest-extract-";

    @TempDir
    static Path shared;
    static Path input;
    static Path key;
    static Path password;
    static Map<String, String> inputState;
    final Random random = new Random(SEED);

    @BeforeAll
    static void inputs() throws IOException {
        System.out.println("KillTest: seed " + SEED + " (-Dpalimpsest.kill.seed=" + SEED + " replays it), " + KILLS
                + " kills per operation, " + MEGABYTES + " MB in " + FILES + " files");
        input = Files.createDirectories(shared.resolve("input"));
        // Fixed content: the data does not depend on the kill seed, only the kill times do.
        Random data = new Random(20171031L);
        long total = MEGABYTES * 1024L * 1024L;
        for (int i = 0; i < FILES; i++) {
            byte[] bytes = new byte[(int) (total / FILES + (i % 7) * 101)];
            data.nextBytes(bytes);
            Files.write(input.resolve(String.format("doc-%02d.bin", i)), bytes);
        }
        password = Files.writeString(shared.resolve("password.txt"), "kill-test-password\n");
        key = shared.resolve("key.p12");
        CliHarness keygen = CliHarness.run("keygen", "--out", key.toString(), "--name", "Kill Test",
                "--password-file", password.toString());
        assertThat(keygen.exitCode).as(keygen.toString()).isZero();
        inputState = state(input);
    }

    @Test
    void createAFolderBundle() throws Exception {
        killCreate(false);
    }

    @Test
    void createAZipBundle() throws Exception {
        killCreate(true);
    }

    private void killCreate(boolean zip) throws Exception {
        Path work = Files.createDirectories(shared.resolve(zip ? "create-zip" : "create-folder"));
        Path bundle = work.resolve(zip ? "bundle.zip" : "bundle");
        List<String> args = new ArrayList<>(List.of("create", bundle.toString(), "--from", input.toString()));
        if (zip) {
            args.add("--zip");
        }
        Duration duration = Child.timed(args);
        for (int i = 0; i < KILLS; i++) {
            Atomic.delete(bundle);
            long delay = delay(duration);
            Child.Outcome killed = Child.killAfter(args, delay);
            String what = "create" + (zip ? " --zip" : "") + " killed after " + delay + " ms (" + killed + ")";
            assertAbsentOrVerifies(bundle, what);
            assertThat(state(input)).as(what + ": inputs untouched").isEqualTo(inputState);
            List<Path> left = leftovers(work, TEMP, bundle);
            List<String> again = new ArrayList<>(args);
            if (Files.exists(bundle)) {
                again.add("--force");
            }
            nextRunCleans(again, work, TEMP, left, what);
            assertThat(verify(bundle).exitCode).as(what + ": the next run's bundle verifies").isZero();
        }
    }

    @Test
    void signABundle() throws Exception {
        Path work = Files.createDirectories(shared.resolve("sign"));
        Path original = work.resolve("original");
        assertThat(CliHarness.run("create", original.toString(), "--from", input.toString(), "--key", key.toString(),
                "--password-file", password.toString()).exitCode).isZero();
        Path bundle = work.resolve("bundle");
        List<String> args = List.of("sign", bundle.toString(), "--key", key.toString(), "--password-file",
                password.toString());
        copyTree(original, bundle);
        Duration duration = Child.timed(args);
        assertThat(signatures(bundle)).isEqualTo(2);
        for (int i = 0; i < KILLS; i++) {
            Atomic.delete(bundle);
            copyTree(original, bundle);
            Map<String, String> payload = state(bundle.resolve("data"));
            long delay = delay(duration);
            Child.Outcome killed = Child.killAfter(args, delay);
            String what = "sign killed after " + delay + " ms (" + killed + ")";
            CliHarness verified = verify(bundle);
            assertThat(verified.exitCode).as(what + ": the bundle still verifies\n" + verified).isZero();
            assertThat(signatures(bundle)).as(what + ": the old signature set or the new one").isIn(1, 2);
            assertThat(state(bundle.resolve("data"))).as(what + ": payload untouched").isEqualTo(payload);
            List<Path> left = new ArrayList<>(leftovers(bundle, TEMP, null));
            left.addAll(leftovers(bundle.resolve("provenance"), TEMP, null));
            int before = signatures(bundle);
            Child.Outcome next = left.isEmpty() ? inProcess(args) : Child.run(args);
            assertThat(next.exitCode()).as(what + ": the next run signs\n" + next).isZero();
            assertThat(signatures(bundle)).isEqualTo(before + 1);
            assertThat(temps(bundle, TEMP)).as(what + ": the next run cleans up").isEmpty();
            assertThat(temps(bundle.resolve("provenance"), TEMP)).as(what + ": the next run cleans up").isEmpty();
            if (!left.isEmpty()) {
                assertThat(next.err()).as(what + ": the clean-up is told").contains("palimpsest:");
            }
        }
    }

    @Test
    void buildAPortfolio() throws Exception {
        Path work = Files.createDirectories(shared.resolve("portfolio"));
        Path bundle = work.resolve("bundle");
        assertThat(CliHarness.run("create", bundle.toString(), "--from", input.toString(), "--key", key.toString(),
                "--password-file", password.toString()).exitCode).isZero();
        Map<String, String> bundleState = state(bundle);
        Path pdf = work.resolve("out.pdf");
        List<String> args = List.of("portfolio", bundle.toString(), "--out", pdf.toString(), "--key", key.toString(),
                "--password-file", password.toString(), "--force");
        Duration duration = Child.timed(args);
        for (int i = 0; i < KILLS; i++) {
            Files.deleteIfExists(pdf);
            long delay = delay(duration);
            Child.Outcome killed = Child.killAfter(args, delay);
            String what = "portfolio killed after " + delay + " ms (" + killed + ")";
            assertAbsentOrVerifies(pdf, what);
            assertThat(state(bundle)).as(what + ": the bundle is untouched").isEqualTo(bundleState);
            List<Path> left = leftovers(work, TEMP, null);
            nextRunCleans(args, work, TEMP, left, what);
            assertThat(verify(pdf).exitCode).as(what + ": the next run's portfolio verifies").isZero();
        }
    }

    @Test
    void extractAPortfolio() throws Exception {
        Path work = Files.createDirectories(shared.resolve("extract"));
        Path bundle = work.resolve("bundle");
        assertThat(CliHarness.run("create", bundle.toString(), "--from", input.toString(), "--key", key.toString(),
                "--password-file", password.toString()).exitCode).isZero();
        Path pdf = work.resolve("in.pdf");
        assertThat(CliHarness.run("portfolio", bundle.toString(), "--out", pdf.toString(), "--key", key.toString(),
                "--password-file", password.toString()).exitCode).isZero();
        Map<String, String> pdfState = state(pdf);
        Path out = work.resolve("out");
        List<String> args = List.of("extract", pdf.toString(), "--out", out.toString(), "--overwrite");
        Duration duration = Child.timed(args);
        for (int i = 0; i < KILLS; i++) {
            Atomic.delete(out);
            long delay = delay(duration);
            Child.Outcome killed = Child.killAfter(args, delay);
            String what = "extract killed after " + delay + " ms (" + killed + ")";
            assertThat(state(pdf)).as(what + ": the portfolio is untouched").isEqualTo(pdfState);
            List<Path> left = new ArrayList<>();
            if (Files.isDirectory(out)) {
                try (Stream<Path> files = Files.list(out)) {
                    for (Path f : files.toList()) {
                        String name = f.getFileName().toString();
                        if (name.startsWith(EXTRACT_TEMP)) {
                            left.add(f);
                        } else if (inputState.containsKey(name)) {
                            // Each file appears whole or not at all.
                            assertThat(hash(f)).as(what + ": " + name + " is complete")
                                    .isEqualTo(hash(inputState.get(name)));
                        } else {
                            assertThat(name).as(what + ": only the portfolio's files").isIn("archive.json",
                                    "archive.json.p7s");
                        }
                    }
                }
            }
            nextRunCleans(args, out, EXTRACT_TEMP, left, what);
            for (Map.Entry<String, String> e : inputState.entrySet()) {
                assertThat(hash(out.resolve(e.getKey()))).as(e.getKey()).isEqualTo(hash(e.getValue()));
            }
        }
    }

    // ---- checks

    private long delay(Duration duration) {
        return (long) (random.nextDouble() * duration.toMillis());
    }

    private static void assertAbsentOrVerifies(Path target, String what) {
        if (Files.exists(target)) {
            CliHarness verified = verify(target);
            assertThat(verified.exitCode).as(what + ": what is at the target verifies\n" + verified).isZero();
        }
    }

    private static CliHarness verify(Path target) {
        return CliHarness.run("verify", "--json", target.toString());
    }

    private static int signatures(Path bundle) throws IOException {
        CliHarness r = verify(bundle);
        JsonNode json = new ObjectMapper().readTree(r.out);
        return json.get("signatures").size();
    }

    /** Everything in {@code dir} that is not the target: each must be one of our temporary files. */
    private static List<Path> leftovers(Path dir, String prefix, Path target) throws IOException {
        List<Path> left = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return left;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (target == null ? f.getFileName().toString().startsWith(".") : !f.equals(target)) {
                    assertThat(f.getFileName().toString()).as("a leftover is recognisable").startsWith(prefix);
                    left.add(f);
                }
            }
        }
        return left;
    }

    private static List<Path> temps(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    /** Runs the command again (as a child, to see its stderr) and checks it succeeds and removes {@code left}. */
    private static void nextRunCleans(List<String> args, Path dir, String prefix, List<Path> left, String what)
            throws Exception {
        if (left.isEmpty()) {
            // Nothing to clean: in-process is enough (and saves starting a JVM).
            CliHarness next = CliHarness.run(args.toArray(String[]::new));
            assertThat(next.exitCode).as(what + ": the next run succeeds\n" + next).isZero();
            return;
        }
        Child.Outcome next = Child.run(args);
        assertThat(next.exitCode()).as(what + ": the next run succeeds\n" + next).isZero();
        assertThat(temps(dir, prefix)).as(what + ": the next run removes the leftovers " + left).isEmpty();
        if (!left.isEmpty()) {
            assertThat(next.err()).as(what + ": the next run says what it removed").contains("removed")
                    .contains(left.get(0).getFileName().toString());
        }
    }

    private static Child.Outcome inProcess(List<String> args) {
        CliHarness r = CliHarness.run(args.toArray(String[]::new));
        return new Child.Outcome(r.exitCode, false, r.out, r.err);
    }

    /** Relative path to SHA-256 and modification time, for a file or every file under a folder. */
    static Map<String, String> state(Path root) throws IOException {
        Map<String, String> state = new TreeMap<>();
        if (Files.isRegularFile(root)) {
            state.put(root.getFileName().toString(), fingerprint(root));
            return state;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                state.put(root.relativize(f).toString().replace(File.separatorChar, '/'), fingerprint(f));
            }
        }
        return state;
    }

    private static String hash(Path file) throws IOException {
        return hash(fingerprint(file));
    }

    private static String hash(String fingerprint) {
        return fingerprint.substring(0, fingerprint.indexOf(' '));
    }

    private static String fingerprint(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0;) {
                sha.update(buffer, 0, n);
            }
        }
        FileTime modified = Files.getLastModifiedTime(file);
        return HexFormat.of().formatHex(sha.digest()) + " " + modified.toInstant();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
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

    /** Deleting test folders. */
    static final class Atomic {
        static void delete(Path path) throws IOException {
            if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            try (Stream<Path> files = Files.walk(path)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    /** The CLI in a child JVM, on this test's class path. */
    static final class Child {
        private Child() {
        }

        /** How a child ended. */
        record Outcome(int exitCode, boolean killed, String out, String err) {
            @Override
            public String toString() {
                return (killed ? "killed" : "exit " + exitCode) + (err.isBlank() ? "" : "; stderr: " + err.strip());
            }
        }

        static ProcessBuilder builder(List<String> args) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx256m");
            command.add("-XX:TieredStopAtLevel=1");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(PalimpsestCli.class.getName());
            command.addAll(args);
            return new ProcessBuilder(command);
        }

        static Outcome run(List<String> args) throws Exception {
            return finish(start(args), false);
        }

        /** Runs the command to its end and returns how long it took, failing if it fails. */
        static Duration timed(List<String> args) throws Exception {
            long start = System.nanoTime();
            Outcome o = run(args);
            Duration d = Duration.ofNanos(System.nanoTime() - start);
            assertThat(o.exitCode()).as("the unkilled run: " + args + "\n" + o).isZero();
            System.out.println("KillTest: " + args.get(0) + " takes " + d.toMillis() + " ms unkilled");
            return d;
        }

        static Outcome killAfter(List<String> args, long millis) throws Exception {
            Process p = start(args);
            boolean ended = p.waitFor(millis, TimeUnit.MILLISECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            return finish(p, !ended);
        }

        private static Process start(List<String> args) throws IOException {
            ProcessBuilder b = builder(args);
            Path out = Files.createTempFile("palimpsest-kill-out", ".txt");
            Path err = Files.createTempFile("palimpsest-kill-err", ".txt");
            b.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = b.start();
            OUTPUTS.put(p, new Path[] {out, err});
            return p;
        }

        private static final Map<Process, Path[]> OUTPUTS = new java.util.concurrent.ConcurrentHashMap<>();

        private static Outcome finish(Process p, boolean killed) throws Exception {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("the child did not end within 5 minutes");
            }
            Path[] files = OUTPUTS.remove(p);
            String out = Files.readString(files[0], StandardCharsets.UTF_8);
            String err = Files.readString(files[1], StandardCharsets.UTF_8);
            Files.deleteIfExists(files[0]);
            Files.deleteIfExists(files[1]);
            return new Outcome(p.exitValue(), killed, out, err);
        }
    }
}
