package dev.palimpsest.pdf.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.sign.TimestampClient;
import dev.palimpsest.core.testing.TestTsa;
import dev.palimpsest.pdf.PadesLevel;
import dev.palimpsest.pdf.PadesSigner;
import dev.palimpsest.pdf.PortfolioBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java snippet of README.md ("The same from Java"), compiled and run (with a loopback TSA for freetsa.org). */
class ReadmePortfolioExampleTest {
    @Test
    void theReadmeSnippetWorks(@TempDir Path dir) throws Exception {
        char[] password = "a long passphrase".toCharArray();
        SigningIdentity generated = SigningIdentity.generator().name("Jane Archivist").generate();
        generated.savePkcs12(dir.resolve("archivist.p12"), password);
        Bundles.write(dir.resolve("bundle"), generated);

        try (TestTsa tsa = TestTsa.start()) {
            Instant now = Instant.now();
            Files.writeString(dir.resolve("tsa-ca.crl"), "-----BEGIN X509 CRL-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(tsa.crl(now.minusSeconds(60), now.plus(Duration.ofDays(7))).getEncoded())
                    + "\n-----END X509 CRL-----\n", StandardCharsets.US_ASCII);
            String tsaUrl = tsa.url().toString();
            // --- README snippet, paths relative to dir ---
            PadesSigner signer = PadesSigner.builder(SigningIdentity.loadPkcs12(dir.resolve("archivist.p12"), password))
                    .level(PadesLevel.B_LTA)
                    .timestampClient(TimestampClient.of(URI.create(tsaUrl)))
                    .crls(Certificates.readCrls(dir.resolve("tsa-ca.crl")))
                    .build();
            PortfolioBuilder.fromBundle(dir.resolve("bundle")).buildSigned(dir.resolve("foia-2017.pdf"), signer);
            // --- end of snippet ---
        }
        assertThat(SignedPdfs.signatures(Files.readAllBytes(dir.resolve("foia-2017.pdf"))))
                .extracting(SignedPdfs.Signature::subFilter).containsExactly("ETSI.CAdES.detached", "ETSI.RFC3161");
    }
}
