package dev.palimpsest.core.wacz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.verify.EntryResult;
import dev.palimpsest.core.verify.EntryStatus;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Severity;
import dev.palimpsest.core.verify.SignatureResult;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.verify.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real WACZ files from py-wacz's test fixtures as the judge, with the roots that the WACZ
 * ecosystem pins (authsign's {@code roots.yaml}, read from the corpus and passed as pinned
 * fingerprints, never copied into the project).
 *
 * <p>Runs only when the system property {@code palimpsest.corpus} names the shared corpus folder
 * (the one holding {@code web-archive/wacz/}); fails when it is set but the data is missing. An
 * unset property reaches the test as empty or as the literal {@code ${palimpsest.corpus}}, both
 * treated as unset.
 */
class WaczConformanceTest {
    private static final Pattern FINGERPRINT = Pattern.compile("^\\s*-\\s*([0-9a-fA-F]{64})\\s*$", Pattern.MULTILINE);

    private static Path wacz;
    private static List<DigestValue> roots;

    @BeforeAll
    static void corpus() throws IOException {
        String corpus = System.getProperty("palimpsest.corpus");
        Assumptions.assumeTrue(corpus != null && !corpus.isBlank() && !corpus.startsWith("${"),
                "palimpsest.corpus is not set; the WACZ conformance run is skipped");
        wacz = Path.of(corpus).resolve("web-archive/wacz");
        Path rootsFile = Path.of(corpus).resolve("web-archive/wacz-trust/roots.yaml");
        if (!Files.isDirectory(wacz) || !Files.isRegularFile(rootsFile)) {
            fail("palimpsest.corpus is set to " + corpus + ", but " + wacz + " or " + rootsFile + " is missing");
        }
        // roots.yaml lists the pinned roots as "  - <hex>" lines; disabled ones are commented out
        roots = new ArrayList<>();
        Matcher m = FINGERPRINT.matcher(Files.readString(rootsFile, StandardCharsets.UTF_8));
        while (m.find()) {
            roots.add(DigestValue.parse(DigestAlgorithm.SHA256, m.group(1)));
        }
        assertThat(roots).as("pinned roots in " + rootsFile).hasSizeGreaterThanOrEqualTo(2);
    }

    private static WaczVerifier pinningTheEcosystemRoots() {
        TrustPolicy.Builder policy = TrustPolicy.builder();
        roots.forEach(policy::pin);
        return WaczVerifier.builder().trustPolicy(policy.build()).build();
    }

    @Test
    void theValidSignedExampleIsTrustedAtItsTimestampsTimeThoughItsCertificatesExpiredLongAgo() throws Exception {
        VerificationReport report = pinningTheEcosystemRoots().verify(wacz.resolve("valid_signed_example_1.wacz"));

        assertThat(report.verdict()).as(describe(report)).isEqualTo(Verdict.TRUSTED);
        assertThat(errors(report)).isEmpty();
        SignatureResult signature = report.signatures().get(0);
        assertThat(signature.valid()).isTrue();
        assertThat(signature.trusted()).isTrue();
        assertThat(signature.signer()).hasValue("CN=btrix-sign-test.webrecorder.net");
        assertThat(signature.signingTime()).hasValue(Instant.parse("2022-01-18T19:00:12Z"));
        assertThat(signature.timestamp()).hasValueSatisfying(t -> {
            assertThat(t.time()).isEqualTo(Instant.parse("2022-01-18T19:00:12Z"));
            assertThat(t.valid()).isTrue();
            assertThat(t.tsa()).contains("www.freetsa.org");
        });
        // the domain certificate expired on 2022-04-18: only the timestamp's time makes it trusted
        EntryResult page = pageEntries(report).get(0);
        assertThat(page.url()).hasValue("https://example.com/");
        assertThat(page.timestamp()).hasValue(Instant.parse("2022-01-18T19:00:09Z"));
        assertThat(page.status()).isEqualTo(EntryStatus.OK);
        assertThat(page.captureCheck()).hasValue(CaptureCheck.MATCH);
        assertThat(page.path()).startsWith("archive/rec-20220118190009690949").endsWith(".warc.gz#0");
        assertThat(report.entries()).filteredOn(e -> e.url().isEmpty()).extracting(EntryResult::status)
                .containsOnly(EntryStatus.OK);
    }

    @Test
    void theValidSignedExampleIsOnlyValidWithoutTheRoots() throws Exception {
        VerificationReport report = WaczVerifier.builder().build().verify(wacz.resolve("valid_signed_example_1.wacz"));

        assertThat(report.verdict()).as(describe(report)).isEqualTo(Verdict.VALID);
        assertThat(report.problems(ProblemCode.SIGNER_UNTRUSTED)).isNotEmpty();
        assertThat(report.problems(ProblemCode.TIMESTAMP_UNTRUSTED)).isNotEmpty();
    }

    @Test
    void theValidSignedExampleIsNotTrustedWhenItsTimestampAuthorityIsNot() throws Exception {
        // without a trusted timestamp the domain certificate is judged now, long after it expired
        TrustPolicy.Builder policy = TrustPolicy.builder();
        roots.subList(0, roots.size() - 1).forEach(policy::pin); // the last pin is the freetsa.org root
        VerificationReport report = WaczVerifier.builder().trustPolicy(policy.build()).build()
                .verify(wacz.resolve("valid_signed_example_1.wacz"));

        assertThat(report.verdict()).as(describe(report)).isEqualTo(Verdict.VALID);
        assertThat(report.problems(ProblemCode.TIMESTAMP_UNTRUSTED)).isNotEmpty();
        assertThat(report.problems(ProblemCode.SIGNER_UNTRUSTED)).singleElement()
                .extracting(Problem::message).asString().contains("judged now").contains("2022-04-18");
    }

    @Test
    void theInvalidSignedExampleWithAStagingCertificateIsNotTrustedAndSaysWhy() throws Exception {
        VerificationReport report = pinningTheEcosystemRoots().verify(wacz.resolve("invalid_signed_example_1.wacz"));

        assertThat(report.verdict()).as(describe(report)).isNotEqualTo(Verdict.TRUSTED);
        assertThat(report.signatures()).singleElement().satisfies(s -> assertThat(s.trusted()).isFalse());
        assertThat(report.problems(ProblemCode.SIGNER_UNTRUSTED)).singleElement().extracting(Problem::message)
                .asString().contains("CN=btrix-sign-test.webrecorder.net").contains("(STAGING)")
                .contains("no certificate of its chain is a given trust anchor or pinned fingerprint");
    }

    @Test
    void theValidUnsignedExampleIsValid() throws Exception {
        VerificationReport report = pinningTheEcosystemRoots().verify(wacz.resolve("valid_example_1.wacz"));

        assertThat(report.verdict()).as(describe(report)).isEqualTo(Verdict.VALID);
        assertThat(report.signatures()).isEmpty();
        assertThat(report.has(ProblemCode.SIGNATURE_MISSING)).isTrue();
        assertThat(errors(report)).isEmpty();
        EntryResult page = pageEntries(report).get(0);
        assertThat(page.url()).hasValue("http://www.example.com/");
        assertThat(page.path()).isEqualTo("archive/example-collection.warc#845");
        assertThat(page.captureCheck()).hasValue(CaptureCheck.MATCH);
        assertThat(page.status()).isEqualTo(EntryStatus.OK);
    }

    @Test
    void theInvalidUnsignedExampleIsInvalidWithItsProblemsNamed() throws Exception {
        VerificationReport report = pinningTheEcosystemRoots().verify(wacz.resolve("invalid_example_1.wacz"));

        assertThat(report.verdict()).as(describe(report)).isEqualTo(Verdict.INVALID);
        assertThat(report.problems(ProblemCode.WACZ_DATAPACKAGE_INVALID)).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("wacz_version"))
                .anySatisfy(m -> assertThat(m).contains("sha224"));
        assertThat(report.problems(ProblemCode.FILE_MISSING)).extracting(p -> p.path().orElseThrow())
                .containsExactly("data/indexes/index.cdx.gz");
        assertThat(report.problems(ProblemCode.FILE_NOT_IN_MANIFEST)).extracting(p -> p.path().orElseThrow())
                .containsExactly("data/archive/test.txt");
        assertThat(report.problems(ProblemCode.WACZ_REQUIRED_PART_MISSING)).hasSize(3);
    }

    private static List<EntryResult> pageEntries(VerificationReport report) {
        List<EntryResult> pages = report.entries().stream().filter(e -> e.url().isPresent()).collect(Collectors.toList());
        assertThat(pages).as("page entries").isNotEmpty();
        return pages;
    }

    private static List<Problem> errors(VerificationReport report) {
        return report.problems().stream().filter(p -> p.severity() == Severity.ERROR).collect(Collectors.toList());
    }

    private static String describe(VerificationReport report) {
        return report.toText();
    }
}
