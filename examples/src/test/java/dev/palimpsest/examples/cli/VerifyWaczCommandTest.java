package dev.palimpsest.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.core.wacz.TestWacz;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify} on WACZ files: detection by name or content, exit codes, trust by pinned key. */
class VerifyWaczCommandTest {
    private static final Instant CAPTURED = Instant.parse("2024-02-29T23:59:00Z");

    @TempDir
    Path dir;

    private static TestWacz.Builder onePage() {
        return TestWacz.builder().page("https://example.org/", CAPTURED, "<html><body>Hello</body></html>");
    }

    @Test
    void anIntactWaczExitsZeroWithAWaczReportListingItsPages() throws Exception {
        Path wacz = onePage().write(dir.resolve("crawl.wacz"));

        CliHarness r = CliHarness.run("verify", "--json", wacz.toString());

        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertThat(json.get("verdict").asText()).isEqualTo("VALID");
        assertThat(json.get("format").asText()).isEqualTo("wacz");
        JsonNode page = null;
        for (JsonNode entry : json.get("entries")) {
            if (entry.has("url")) {
                page = entry;
            }
        }
        assertThat(page).as(r.out).isNotNull();
        assertThat(page.get("url").asText()).isEqualTo("https://example.org/");
        assertThat(page.get("timestamp").asText()).isEqualTo("2024-02-29T23:59:00Z");
        assertThat(page.get("captureCheck").asText()).isEqualTo("MATCH");
    }

    @Test
    void aZipHoldingDatapackageJsonIsVerifiedAsAWaczWhateverItsName() throws Exception {
        Path wacz = onePage().write(dir.resolve("crawl.zip"));

        CliHarness r = CliHarness.run("verify", "--json", wacz.toString());

        assertThat(new ObjectMapper().readTree(r.out).get("format").asText()).as(r.toString()).isEqualTo("wacz");
    }

    @Test
    void aTamperedWaczExitsOneAndNamesTheFile() throws Exception {
        Path wacz = onePage().tamper(files -> files.putText("pages/pages.jsonl", files.text("pages/pages.jsonl") + "\n"))
                .write(dir.resolve("crawl.wacz"));

        CliHarness r = CliHarness.run("verify", wacz.toString());

        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.INVALID);
        assertThat(r.out).startsWith("INVALID  ").contains("FILE_MODIFIED  pages/pages.jsonl");
    }

    @Test
    void anAnonymousSignatureIsTrustedOnlyWhenItsKeyIsPinned() throws Exception {
        KeyPair key = TestPki.ecKeyPair();
        Path wacz = onePage().anonymousSignature(key).write(dir.resolve("signed.wacz"));
        String keyFingerprint = TestWacz.sha256Hex(key.getPublic().getEncoded());

        CliHarness untrusted = CliHarness.run("verify", "--require-trusted", wacz.toString());
        CliHarness pinned = CliHarness.run("verify", "--trust-fingerprint", keyFingerprint, wacz.toString());

        assertThat(untrusted.exitCode).as(untrusted.toString()).isEqualTo(ExitCode.UNTRUSTED);
        assertThat(untrusted.out).startsWith("VALID  ").contains("--trust-fingerprint " + keyFingerprint);
        assertThat(pinned.exitCode).as(pinned.toString()).isEqualTo(ExitCode.OK);
        assertThat(pinned.out).startsWith("TRUSTED  ").contains("anonymous ECDSA P-256 key");
    }
}
