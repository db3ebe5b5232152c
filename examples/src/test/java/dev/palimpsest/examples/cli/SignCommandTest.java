package dev.palimpsest.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.CmsVerifier;
import dev.palimpsest.core.sign.SignatureStatus;
import dev.palimpsest.core.sign.SignatureVerification;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.testing.ExternalTool;
import dev.palimpsest.core.testing.TestTsa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignCommandTest {
    static TestTsa tsa;

    @TempDir
    Path dir;
    Path passwordFile;
    Path file;

    @BeforeAll
    static void startTsa() {
        tsa = TestTsa.start();
    }

    @AfterAll
    static void stopTsa() {
        tsa.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        passwordFile = Files.writeString(dir.resolve("pw.txt"), "pw\n");
        file = Files.writeString(dir.resolve("archive.json"), "{\"format\":\"palimpsest-archive\"}\n");
    }

    private Path keygen(String name) {
        Path key = dir.resolve(name + ".p12");
        CliHarness r = CliHarness.run("keygen", "--out", key.toString(), "--name", name, "--password-file",
                passwordFile.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        return key;
    }

    private SignatureVerification verify(Path... anchors) throws Exception {
        TrustPolicy.Builder policy = TrustPolicy.builder();
        for (Path a : anchors) {
            policy.anchors(Certificates.read(a));
        }
        return CmsVerifier.of(policy.build()).verify(Files.readAllBytes(dir.resolve("archive.json.p7s")),
                Files.readAllBytes(file));
    }

    @Test
    void signsAFileIntoFileP7s() throws Exception {
        Path key = keygen("author");
        CliHarness r = CliHarness.run("sign", file.toString(), "--key", key.toString(), "--password-file",
                passwordFile.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out).contains("archive.json.p7s").contains("CN=author");
        assertThat(verify(dir.resolve("author.pem")).status()).isEqualTo(SignatureStatus.TRUSTED);
    }

    @Test
    void opensslVerifiesTheSignature() throws Exception {
        Path openssl = ExternalTool.find("openssl").orElse(null);
        assumeThat(openssl).as("openssl is not on the PATH").isNotNull();
        Path key = keygen("author");
        assertThat(CliHarness.run("sign", file.toString(), "--key", key.toString(), "--password-file",
                passwordFile.toString()).exitCode).isEqualTo(ExitCode.OK);
        ExternalTool.Result r = ExternalTool.run(dir, Map.of(), List.of(openssl.toString(), "cms", "-verify", "-binary",
                "-inform", "DER", "-in", "archive.json.p7s", "-content", "archive.json", "-CAfile", "author.pem",
                "-out", "/dev/null"));
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    @Test
    void refusesToOverwriteUnlessForcedAndCountersignsWithAdd() throws Exception {
        Path author = keygen("author");
        Path witness = keygen("witness");
        assertThat(CliHarness.run("sign", file.toString(), "--key", author.toString(), "--password-file",
                passwordFile.toString()).exitCode).isEqualTo(ExitCode.OK);
        byte[] first = Files.readAllBytes(dir.resolve("archive.json.p7s"));

        CliHarness again = CliHarness.run("sign", file.toString(), "--key", witness.toString(), "--password-file",
                passwordFile.toString());
        assertThat(again.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(again.err).contains("--add").contains("--force");
        assertThat(Files.readAllBytes(dir.resolve("archive.json.p7s"))).isEqualTo(first);

        CliHarness add = CliHarness.run("sign", file.toString(), "--key", witness.toString(), "--add", "--password-file",
                passwordFile.toString());
        assertThat(add.exitCode).as(add.toString()).isEqualTo(ExitCode.OK);
        SignatureVerification both = verify(dir.resolve("author.pem"));
        assertThat(both.signers()).hasSize(2).allMatch(s -> s.valid());
        assertThat(both.status()).isEqualTo(SignatureStatus.TRUSTED);

        CliHarness force = CliHarness.run("sign", file.toString(), "--key", witness.toString(), "--force",
                "--password-file", passwordFile.toString());
        assertThat(force.exitCode).isEqualTo(ExitCode.OK);
        assertThat(verify().signers()).hasSize(1);
        assertThat(verify(dir.resolve("author.pem")).status()).isEqualTo(SignatureStatus.VALID_UNTRUSTED);
    }

    @Test
    void addingToASignatureOfOtherContentIsRefused() throws Exception {
        Path author = keygen("author");
        CliHarness.run("sign", file.toString(), "--key", author.toString(), "--password-file", passwordFile.toString());
        Files.writeString(file, "{\"format\":\"changed\"}\n");
        CliHarness add = CliHarness.run("sign", file.toString(), "--key", author.toString(), "--add", "--password-file",
                passwordFile.toString());
        assertThat(add.exitCode).as(add.toString()).isEqualTo(ExitCode.INVALID);
        assertThat(add.err).contains("does not sign this file");
    }

    @Test
    void timestampsWithATsa() throws Exception {
        Path key = keygen("author");
        CliHarness r = CliHarness.run("sign", file.toString(), "--key", key.toString(), "--tsa", tsa.url().toString(),
                "--password-file", passwordFile.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out).contains("timestamped");
        Path tsaCa = dev.palimpsest.core.testing.TestPki.writePem(dir.resolve("tsa-ca.pem"), tsa.caCertificate());
        var signer = verify(dir.resolve("author.pem"), tsaCa).signers().get(0);
        assertThat(signer.timestamp()).hasValueSatisfying(t -> assertThat(t.trusted()).isTrue());

        tsa.behaviour(TestTsa.Behaviour.HTTP_500);
        try {
            CliHarness failing = CliHarness.run("sign", file.toString(), "--key", key.toString(), "--force", "--tsa",
                    tsa.url().toString(), "--password-file", passwordFile.toString());
            assertThat(failing.exitCode).isEqualTo(ExitCode.NO_INPUT);
            assertThat(failing.err).contains("HTTP 500");
        } finally {
            tsa.behaviour(TestTsa.Behaviour.NORMAL);
        }
    }

    @Test
    void inputErrorsHaveTheirExitCodes() throws Exception {
        Path key = keygen("author");
        CliHarness missingFile = CliHarness.run("sign", dir.resolve("absent.json").toString(), "--key", key.toString(),
                "--password-file", passwordFile.toString());
        assertThat(missingFile.exitCode).isEqualTo(ExitCode.NO_INPUT);

        CliHarness missingKey = CliHarness.run("sign", file.toString(), "--key", dir.resolve("absent.p12").toString(),
                "--password-file", passwordFile.toString());
        assertThat(missingKey.exitCode).isEqualTo(ExitCode.NO_INPUT);
        assertThat(missingKey.err).contains("no such key store");

        Path wrong = Files.writeString(dir.resolve("wrong.txt"), "not the password\n");
        CliHarness wrongPassword = CliHarness.run("sign", file.toString(), "--key", key.toString(), "--password-file",
                wrong.toString());
        assertThat(wrongPassword.exitCode).isEqualTo(ExitCode.NO_INPUT);
        assertThat(wrongPassword.err).contains("password").doesNotContain("not the password");
        assertThat(dir.resolve("archive.json.p7s")).doesNotExist();

        CliHarness folder = CliHarness.run("sign", dir.toString(), "--key", key.toString(), "--password-file",
                passwordFile.toString());
        assertThat(folder.exitCode).isEqualTo(ExitCode.USAGE);

        CliHarness badTsa = CliHarness.run("sign", file.toString(), "--key", key.toString(), "--tsa", "ftp://x/",
                "--password-file", passwordFile.toString());
        assertThat(badTsa.exitCode).isEqualTo(ExitCode.USAGE);
    }
}
