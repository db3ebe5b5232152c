package dev.palimpsest.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    @TempDir
    Path dir;

    private Path bag(String content) throws Exception {
        Path bag = dir.resolve("bag");
        Files.createDirectories(bag.resolve("data"));
        Files.writeString(bag.resolve("bagit.txt"), "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
        Files.writeString(bag.resolve("data/hello.txt"), content);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("hello\n".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(bag.resolve("manifest-sha256.txt"), sha + "  data/hello.txt\n");
        Files.writeString(bag.resolve("bag-info.txt"), "Payload-Oxum: 6.1\n");
        return bag;
    }

    @Test
    void anIntactBagExitsZeroWithAJsonReport() throws Exception {
        CliHarness r = CliHarness.run("verify", "--json", bag("hello\n").toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertThat(json.get("verdict").asText()).isEqualTo("VALID");
        assertThat(json.get("format").asText()).isEqualTo("bagit");
        assertThat(json.get("entries").get(0).get("status").asText()).isEqualTo("OK");
    }

    @Test
    void aTamperedBagExitsOneAndNamesTheFile() throws Exception {
        CliHarness r = CliHarness.run("verify", bag("jello\n").toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.INVALID);
        assertThat(r.out).startsWith("INVALID  ").contains("FILE_MODIFIED  data/hello.txt");
    }

    @Test
    void trustAskedForButNotEstablishedExitsTwo() throws Exception {
        CliHarness r = CliHarness.run("verify", "--require-trusted", bag("hello\n").toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.UNTRUSTED);
    }

    @Test
    void aMissingInputExits66WithAHelpfulMessage() {
        CliHarness r = CliHarness.run("verify", dir.resolve("nope").toString());
        assertThat(r.exitCode).isEqualTo(ExitCode.NO_INPUT);
        assertThat(r.err).contains("palimpsest: no such bundle '").contains("expected a folder with bagit.txt")
                .doesNotContain("Exception");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliHarness r = CliHarness.run("verify", "--frobnicate", "x");
        assertThat(r.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(r.err).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void unreadableOrEmptyTrustAnchorsAreInputErrors() throws Exception {
        Path bag = bag("hello\n");
        CliHarness missing = CliHarness.run("verify", "--trust", dir.resolve("none.pem").toString(), bag.toString());
        assertThat(missing.exitCode).isEqualTo(ExitCode.NO_INPUT);
        assertThat(missing.err).contains("no such trust anchor file '").contains("none.pem");
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "this is not a certificate\n");
        CliHarness bad = CliHarness.run("verify", "--trust", junk.toString(), bag.toString());
        assertThat(bad.exitCode).as(bad.toString()).isEqualTo(ExitCode.NO_INPUT);
        assertThat(bad.err).contains("junk.pem");
    }

    @Test
    void aMalformedFingerprintIsAUsageError() throws Exception {
        CliHarness r = CliHarness.run("verify", "--trust-fingerprint", "abc", bag("hello\n").toString());
        assertThat(r.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(r.err).contains("--trust-fingerprint 'abc' is not a SHA-256 fingerprint");
    }
}
