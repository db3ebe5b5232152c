package dev.palimpsest.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.KeyStoreLoadException;
import dev.palimpsest.core.sign.SignatureAlgorithm;
import dev.palimpsest.core.sign.SigningIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {
    @TempDir
    Path dir;
    Path passwordFile;

    @BeforeEach
    void password() throws Exception {
        passwordFile = Files.writeString(dir.resolve("pw.txt"), "s3cret pass\n");
    }

    @Test
    void createsAKeyStoreAndItsCertificateAndPrintsTheFingerprint() throws Exception {
        Path key = dir.resolve("archivist.p12");
        CliHarness r = CliHarness.run("keygen", "--out", key.toString(), "--name", "Jane Archivist", "--email",
                "jane@example.org", "--validity-days", "30", "--password-file", passwordFile.toString());

        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        SigningIdentity identity = SigningIdentity.loadPkcs12(key, "s3cret pass".toCharArray());
        assertThat(identity.subject()).isEqualTo("CN=Jane Archivist");
        assertThat(identity.signatureAlgorithm()).isEqualTo(SignatureAlgorithm.ECDSA_SHA256);
        assertThat(Certificates.read(dir.resolve("archivist.pem"))).containsExactly(identity.certificate());
        Matcher fingerprint = Pattern.compile("SHA-256 fingerprint: ([0-9a-f]{64})").matcher(r.out);
        assertThat(fingerprint.find()).as(r.out).isTrue();
        assertThat(fingerprint.group(1)).isEqualTo(identity.certificateSha256().hex());
        assertThat(identity.certificate().getNotAfter().toInstant())
                .isBetween(Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));
        assertThat(r.out + r.err).doesNotContain("s3cret");
    }

    @Test
    void theAlgorithmIsChosenByLabel() throws Exception {
        Path key = dir.resolve("ed.p12");
        CliHarness r = CliHarness.run("keygen", "--out", key.toString(), "--name", "Ed", "--algorithm", "ed25519",
                "--password-file", passwordFile.toString());
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(SigningIdentity.loadPkcs12(key, "s3cret pass".toCharArray()).signatureAlgorithm())
                .isEqualTo(SignatureAlgorithm.ED25519);

        CliHarness bad = CliHarness.run("keygen", "--out", dir.resolve("x.p12").toString(), "--name", "X", "--algorithm",
                "dsa", "--password-file", passwordFile.toString());
        assertThat(bad.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err).contains("ecdsa-p256, rsa-3072, rsa-3072-pss, ed25519");
    }

    @Test
    void thePasswordMayComeFromTheEnvironment() throws Exception {
        // PATH is set in every test environment; its value serves as the password.
        Path key = dir.resolve("env.p12");
        CliHarness r = CliHarness.run("keygen", "--out", key.toString(), "--name", "Env", "--password-env", "PATH");
        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(SigningIdentity.loadPkcs12(key, System.getenv("PATH").toCharArray()).subject()).isEqualTo("CN=Env");
    }

    @Test
    void refusesToOverwrite() throws Exception {
        Path key = dir.resolve("k.p12");
        assertThat(CliHarness.run("keygen", "--out", key.toString(), "--name", "A", "--password-file",
                passwordFile.toString()).exitCode).isEqualTo(ExitCode.OK);
        byte[] before = Files.readAllBytes(key);
        CliHarness again = CliHarness.run("keygen", "--out", key.toString(), "--name", "B", "--password-file",
                passwordFile.toString());
        assertThat(again.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(again.err).contains("exists").contains("never overwrites");
        assertThat(Files.readAllBytes(key)).isEqualTo(before);

        // The certificate file beside it counts too.
        Files.writeString(dir.resolve("other.pem"), "mine");
        CliHarness pemExists = CliHarness.run("keygen", "--out", dir.resolve("other.p12").toString(), "--name", "C",
                "--password-file", passwordFile.toString());
        assertThat(pemExists.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(dir.resolve("other.p12")).doesNotExist();
    }

    @Test
    void aPasswordIsRequiredAndNeverAnArgument() throws Exception {
        CliHarness none = CliHarness.run("keygen", "--out", dir.resolve("k.p12").toString(), "--name", "A");
        assertThat(none.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(none.err).contains("--password-file").contains("--password-env");

        CliHarness both = CliHarness.run("keygen", "--out", dir.resolve("k.p12").toString(), "--name", "A",
                "--password-file", passwordFile.toString(), "--password-env", "PATH");
        assertThat(both.exitCode).isEqualTo(ExitCode.USAGE);

        CliHarness unset = CliHarness.run("keygen", "--out", dir.resolve("k.p12").toString(), "--name", "A",
                "--password-env", "PALIMPSEST_SURELY_UNSET_VARIABLE");
        assertThat(unset.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(unset.err).contains("PALIMPSEST_SURELY_UNSET_VARIABLE").contains("not set");

        CliHarness missing = CliHarness.run("keygen", "--out", dir.resolve("k.p12").toString(), "--name", "A",
                "--password-file", dir.resolve("absent.txt").toString());
        assertThat(missing.exitCode).isEqualTo(ExitCode.NO_INPUT);
        assertThat(dir.resolve("k.p12")).doesNotExist();

        CliHarness noPasswordOption = CliHarness.run("keygen", "--out", dir.resolve("k.p12").toString(), "--name", "A",
                "--password", "inline");
        assertThat(noPasswordOption.exitCode).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThat(CliHarness.run("keygen", "--out", dir.resolve("a.p12").toString(), "--name", " ", "--password-file",
                passwordFile.toString()).exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(CliHarness.run("keygen", "--out", dir.resolve("a.p12").toString(), "--name", "A", "--email", "nope",
                "--password-file", passwordFile.toString()).exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(CliHarness.run("keygen", "--out", dir.resolve("a.p12").toString(), "--name", "A", "--validity-days", "0",
                "--password-file", passwordFile.toString()).exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(dir.resolve("a.p12")).doesNotExist();
    }

    @Test
    void theCertificatePathSitsBesideTheKeyStore() {
        assertThat(KeygenCommand.certificatePath(Path.of("d/k.p12"))).isEqualTo(Path.of("d/k.pem"));
        assertThat(KeygenCommand.certificatePath(Path.of("k.PFX"))).isEqualTo(Path.of("k.pem"));
        assertThat(KeygenCommand.certificatePath(Path.of("key"))).isEqualTo(Path.of("key.pem"));
    }

    @Test
    void theWrongPasswordDoesNotOpenTheResult() throws Exception {
        Path key = dir.resolve("k.p12");
        CliHarness.run("keygen", "--out", key.toString(), "--name", "A", "--password-file", passwordFile.toString());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SigningIdentity.loadPkcs12(key, "s3cret pass\n".toCharArray()))
                .isInstanceOf(KeyStoreLoadException.class);
    }
}
