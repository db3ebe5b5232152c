package dev.palimpsest.core.wacz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.core.testing.TestTsa;
import dev.palimpsest.core.verify.EntryResult;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.verify.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java snippet of README.md (WACZ section), compiled and run on a domain-signed WACZ with test roots. */
class ReadmeWaczExampleTest {
    @Test
    void theReadmeSnippetWorks(@TempDir Path dir) throws Exception {
        Instant created = Instant.parse("2022-01-18T19:00:12Z");
        TestPki pki = TestPki.create("Test Domain Root");
        TestPki.Credential domain = pki.issue("archive.example.org").validFor(created.minusSeconds(3600),
                Duration.ofDays(90)).build();
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (TestTsa tsa = TestTsa.start()) {
            TestWacz.builder().page("https://example.com/", created.minusSeconds(3), "<html>Example</html>")
                    .created(created).domainSignature(domain, "archive.example.org", tsa, created)
                    .write(dir.resolve("crawl.wacz"));
            String domainRootSha256 = Certificates.sha256(pki.root().certificate()).hex();
            String tsaRootSha256 = Certificates.sha256(tsa.caCertificate()).hex();
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            // --- README snippet, the WACZ path under dir ---
            TrustPolicy trust = TrustPolicy.builder()
                    .pin(DigestValue.parse(DigestAlgorithm.SHA256, domainRootSha256))   // a root you trust
                    .pin(DigestValue.parse(DigestAlgorithm.SHA256, tsaRootSha256))      // its timestamp authority's
                    .build();
            VerificationReport report = WaczVerifier.builder().trustPolicy(trust).build().verify(dir.resolve("crawl.wacz"));
            for (EntryResult page : report.entries()) {
                if (page.url().isPresent()) {
                    System.out.println(page.status() + " " + page.url().get() + " @ " + page.timestamp().get());
                }
            }
            if (report.verdict() != Verdict.TRUSTED) {
                System.err.print(report.toText());   // every problem, with its code
            }
            // --- end of snippet ---
            assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.TRUSTED);
        } finally {
            System.setOut(out);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("OK https://example.com/ @ 2022-01-18T19:00:09Z"
                + System.lineSeparator());
    }
}
