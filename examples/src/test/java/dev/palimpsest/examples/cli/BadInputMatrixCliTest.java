package dev.palimpsest.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line rows of the "Bad input" table in {@code core/FORMAT.md}: hostile or broken files
 * given to the {@code palimpsest} commands end with a documented exit code (never 70, an internal
 * error) and a message naming the file.
 */
class BadInputMatrixCliTest {
    @TempDir
    Path dir;

    private static void refused(CliHarness r, int exit, String named) {
        assertThat(r.exitCode).as(r.toString()).isEqualTo(exit);
        assertThat(r.err).as(r.toString()).contains(named);
    }

    @Test
    void verifyingAZeroByteFileIsAnInputError() throws Exception {
        Path empty = Files.write(dir.resolve("empty.zip"), new byte[0]);
        CliHarness r = CliHarness.run("verify", empty.toString());
        assertThat(r.exitCode).as(r.toString()).isIn(ExitCode.INVALID, ExitCode.NO_INPUT);
        assertThat(r.err + r.out).contains("empty.zip");
    }

    @Test
    void verifyingRandomBytesIsNeverAnInternalError() throws Exception {
        byte[] junk = new byte[4096];
        new Random(64).nextBytes(junk);
        for (String name : new String[] {"junk.zip", "junk.pdf", "junk.wacz", "junk.bin"}) {
            Path file = Files.write(dir.resolve(name), junk);
            CliHarness r = CliHarness.run("verify", file.toString());
            assertThat(r.exitCode).as(r.toString()).isIn(ExitCode.INVALID, ExitCode.NO_INPUT);
            assertThat(r.err + r.out).as(r.toString()).contains(name);
        }
    }

    @Test
    void aTruncatedBundleZipIsInvalid() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.txt"), "recovered\n");
        Path zip = dir.resolve("b.zip");
        assertThat(CliHarness.run("create", zip.toString(), "--zip", "--from", in.toString()).exitCode).isZero();
        byte[] bytes = Files.readAllBytes(zip);
        Path cut = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        CliHarness r = CliHarness.run("verify", cut.toString());
        assertThat(r.exitCode).as(r.toString()).isIn(ExitCode.INVALID, ExitCode.NO_INPUT);
        assertThat(r.err + r.out).contains("cut.zip");
    }

    @Test
    void aSourcesTableWithAnEscapingPathIsRefused() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.txt"), "recovered\n");
        Path csv = Files.writeString(dir.resolve("sources.csv"),
                "path,url\n../../etc/passwd,https://example.gov/a.txt\n", StandardCharsets.UTF_8);
        CliHarness r = CliHarness.run("create", dir.resolve("b").toString(), "--from", in.toString(), "--sources",
                csv.toString());
        assertThat(r.exitCode).as(r.toString()).isIn(ExitCode.USAGE, ExitCode.NO_INPUT, ExitCode.INVALID);
        assertThat(r.err).as(r.toString()).contains("sources.csv");
        assertThat(dir.resolve("b")).doesNotExist();
    }

    @Test
    void aWrongPasswordIsAnInputErrorAndSignsNothing() throws Exception {
        Path password = Files.writeString(dir.resolve("pw.txt"), "right password\n");
        Path key = dir.resolve("k.p12");
        assertThat(CliHarness.run("keygen", "--out", key.toString(), "--name", "K", "--password-file",
                password.toString()).exitCode).isZero();
        Path wrong = Files.writeString(dir.resolve("wrong.txt"), "wrong password\n");
        Path file = Files.writeString(dir.resolve("doc.txt"), "to sign\n");
        CliHarness r = CliHarness.run("sign", file.toString(), "--key", key.toString(), "--password-file",
                wrong.toString());
        refused(r, ExitCode.NO_INPUT, "k.p12");
        assertThat(r.err.toLowerCase(java.util.Locale.ROOT)).contains("password");
        assertThat(dir.resolve("doc.txt.p7s")).doesNotExist();
    }
}
