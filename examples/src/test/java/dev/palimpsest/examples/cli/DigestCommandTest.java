package dev.palimpsest.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestCommandTest {
    // FIPS 180-4 / RFC 6234 answers for "abc".
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String ABC_SHA1 = "a9993e364706816aba3e25717850c26c9cd0d89d";

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void printsSha256sumLines() throws Exception {
        Path abc = file("abc.txt", "abc");
        CliHarness r = CliHarness.run("digest", abc.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).isEqualTo(ABC_SHA256 + "  " + abc + System.lineSeparator());
    }

    @Test
    void severalAlgorithmsGiveOneHeadedBlockEachInTheOrderAsked() throws Exception {
        Path abc = file("abc.txt", "abc");
        Path empty = file("empty.txt", "");
        CliHarness r = CliHarness.run("digest", "--digest", "SHA-1,sha256", abc.toString(), empty.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out.lines()).containsExactly(
                "# sha1",
                ABC_SHA1 + "  " + abc,
                "da39a3ee5e6b4b0d3255bfef95601890afd80709  " + empty,
                "",
                "# sha256",
                ABC_SHA256 + "  " + abc,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  " + empty);
    }

    @Test
    void outputIsCheckedBySha256sum() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sha256sum")), "sha256sum (coreutils) is not installed");
        Path odd = file("back\\slash name.txt", "abc");
        Path plain = file("plain.txt", "some text\n");
        CliHarness r = CliHarness.run("digest", odd.toString(), plain.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        Path sums = dir.resolve("SUMS");
        Files.writeString(sums, r.out);
        Process p = new ProcessBuilder("/usr/bin/sha256sum", "-c", sums.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("plain.txt: OK").contains("slash name.txt: OK");
    }

    @Test
    void jsonOutputParses() throws Exception {
        Path abc = file("abc.txt", "abc");
        CliHarness r = CliHarness.run("digest", "--json", "--digest", "sha256,sha1", abc.toString());
        assertThat(r.exitCode).as(r.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out);
        JsonNode f = json.get("files").get(0);
        assertThat(f.get("path").asText()).isEqualTo(abc.toString());
        assertThat(f.get("size").asLong()).isEqualTo(3);
        assertThat(f.get("digests").get("sha256").asText()).isEqualTo(ABC_SHA256);
        assertThat(f.get("digests").get("sha1").asText()).isEqualTo(ABC_SHA1);
    }

    @Test
    void aMissingFileExits66AndNamesIt() throws Exception {
        Path abc = file("abc.txt", "abc");
        CliHarness r = CliHarness.run("digest", abc.toString(), dir.resolve("gone.pdf").toString());
        assertThat(r.exitCode).isEqualTo(ExitCode.NO_INPUT);
        assertThat(r.err).contains("palimpsest: no such file '").contains("gone.pdf'");
        assertThat(r.out).isEmpty();
    }

    @Test
    void aDirectoryIsNotAFile() {
        CliHarness r = CliHarness.run("digest", dir.toString());
        assertThat(r.exitCode).isEqualTo(ExitCode.NO_INPUT);
        assertThat(r.err).contains("is a directory");
    }

    @Test
    void anUnknownAlgorithmIsAUsageErrorListingTheSupportedOnes() throws Exception {
        Path abc = file("abc.txt", "abc");
        CliHarness r = CliHarness.run("digest", "--digest", "crc32", abc.toString());
        assertThat(r.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(r.err).contains("unknown digest algorithm 'crc32'").contains("sha256, sha512");
    }

    @Test
    void noFileIsAUsageError() {
        CliHarness r = CliHarness.run("digest");
        assertThat(r.exitCode).isEqualTo(ExitCode.USAGE);
    }
}
