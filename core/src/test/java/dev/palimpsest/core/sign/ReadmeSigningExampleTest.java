package dev.palimpsest.core.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.core.testing.TestTsa;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java snippet of README.md ("Signing any file"), compiled and run (with a loopback TSA for freetsa.org). */
class ReadmeSigningExampleTest {
    @Test
    void theReadmeSnippetWorks(@TempDir Path dir) throws Exception {
        char[] password = "a long passphrase".toCharArray();
        SigningIdentity generated = SigningIdentity.generator().name("Jane Archivist").generate();
        generated.savePkcs12(dir.resolve("archivist.p12"), password);
        TestPki.writePem(dir.resolve("archivist.pem"), generated.certificate());
        Files.writeString(dir.resolve("archive.json"), "{}\n", StandardCharsets.UTF_8);

        try (TestTsa tsa = TestTsa.start()) {
            String tsaUrl = tsa.url().toString();
            // --- README snippet, paths relative to dir ---
            SigningIdentity me = SigningIdentity.loadPkcs12(dir.resolve("archivist.p12"), password);
            byte[] manifest = Files.readAllBytes(dir.resolve("archive.json"));
            byte[] p7s = CmsSigner.builder(me)
                    .timestampClient(TimestampClient.of(URI.create(tsaUrl)))
                    .build()
                    .sign(manifest);
            Files.write(dir.resolve("archive.json.p7s"), p7s);

            TrustPolicy trust = TrustPolicy.builder().anchors(Certificates.read(dir.resolve("archivist.pem"))).build();
            SignatureVerification result = CmsVerifier.of(trust).verify(p7s, manifest);
            // --- end of snippet ---
            assertThat(result.status()).isEqualTo(SignatureStatus.TRUSTED);
            assertThat(result.signers().get(0).timestamp()).isPresent();
        }
    }
}
