package dev.palimpsest.core.wacz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.core.testing.TestTsa;
import dev.palimpsest.core.verify.EntryResult;
import dev.palimpsest.core.verify.EntryStatus;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Severity;
import dev.palimpsest.core.verify.SignatureResult;
import dev.palimpsest.core.verify.VerificationException;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.verify.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * WACZ files built in the test, intact and then tampered with the way an attacker or a broken
 * tool would; each case asserts the problem code it must produce. Domain certificates come from
 * a {@link TestPki} and timestamps from a {@link TestTsa}.
 */
class WaczVerifierTest {
    private static final Instant CAPTURED = Instant.parse("2022-01-02T09:59:00Z");
    private static final Instant CREATED = Instant.parse("2022-01-02T10:00:00Z");
    /** The domain certificate lives 90 days, long over when the test runs. */
    private static final Instant CERT_FROM = Instant.parse("2022-01-01T00:00:00Z");
    private static final String DOMAIN = "signer.example.org";

    private static TestTsa tsa;
    private static TestPki domainPki;
    private static TestPki.Credential domainCert;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        tsa = TestTsa.start();
        domainPki = TestPki.create("Test Domain Root");
        domainCert = domainPki.issue(DOMAIN).validFor(CERT_FROM, Duration.ofDays(90)).build();
    }

    @AfterAll
    static void stop() {
        tsa.close();
    }

    private static TestWacz.Builder twoPages() {
        return TestWacz.builder()
                .page("https://example.org/", CAPTURED, "<html><body>Hello</body></html>")
                .page("https://example.org/about", CAPTURED.plusSeconds(5), "<html><body>About us</body></html>")
                .capture("https://example.org/style.css", CAPTURED.plusSeconds(1), "body { color: black }")
                .created(CREATED);
    }

    private static TestWacz.Builder domainSigned() {
        return twoPages().domainSignature(domainCert, DOMAIN, tsa, CREATED.plusSeconds(2));
    }

    private static TrustPolicy trustingTheTestRoots() {
        return TrustPolicy.builder().anchor(domainPki.root().certificate()).anchor(tsa.caCertificate()).build();
    }

    private VerificationReport verify(TestWacz.Builder wacz) throws Exception {
        return verify(wacz, TrustPolicy.none());
    }

    private VerificationReport verify(TestWacz.Builder wacz, TrustPolicy policy) throws Exception {
        Path file = wacz.write(dir.resolve("test.wacz"));
        return WaczVerifier.builder().trustPolicy(policy).build().verify(file);
    }

    // --- intact ---------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestWacz.Index.class)
    void anIntactUnsignedWaczIsValidWithItsFilesAndPages(TestWacz.Index index) throws Exception {
        VerificationReport report = verify(twoPages().index(index));

        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.VALID);
        assertThat(errors(report)).isEmpty();
        assertThat(report.problems()).extracting(Problem::code).containsExactly(ProblemCode.SIGNATURE_MISSING);
        assertThat(report.entries()).filteredOn(e -> e.url().isEmpty()).extracting(EntryResult::path)
                .contains(TestWacz.WARC, "pages/pages.jsonl", "datapackage.json", "datapackage-digest.json");
        List<EntryResult> pages = pages(report);
        assertThat(pages).extracting(e -> e.url().orElseThrow())
                .containsExactly("https://example.org/", "https://example.org/about");
        assertThat(pages.get(1).timestamp()).hasValue(CAPTURED.plusSeconds(5));
        assertThat(pages).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo(EntryStatus.OK);
            assertThat(p.captureCheck()).hasValue(CaptureCheck.MATCH);
            assertThat(p.path()).startsWith(TestWacz.WARC + "#");
            assertThat(p.expected()).containsKeys(DigestAlgorithm.SHA1, DigestAlgorithm.SHA256);
            assertThat(p.actual()).isEqualTo(p.expected());
        });
    }

    @Test
    void aPlainWarcIsCheckedRecordByRecordToo() throws Exception {
        VerificationReport report = verify(twoPages().plainWarc());

        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.VALID);
        assertThat(pages(report)).extracting(EntryResult::path).allMatch(p -> p.startsWith(TestWacz.PLAIN_WARC + "#"));
    }

    @Test
    void aChunkedBodyMatchesTheDigestOfTheDecodedBody() throws Exception {
        VerificationReport report = verify(TestWacz.builder().created(CREATED)
                .chunkedPage("https://example.org/chunked", CAPTURED, "<html><body>in two chunks</body></html>"));

        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.VALID);
        assertThat(pages(report).get(0).captureCheck()).hasValue(CaptureCheck.MATCH);
    }

    @Test
    void theJsonReportCarriesEachPagesUrlAndCaptureTime() throws Exception {
        VerificationReport report = verify(twoPages());

        JsonNode entries = new ObjectMapper().readTree(report.toJson()).get("entries");
        JsonNode page = null;
        for (JsonNode e : entries) {
            if (e.has("url") && e.get("url").asText().equals("https://example.org/about")) {
                page = e;
            }
        }
        assertThat(page).as(entries.toString()).isNotNull();
        assertThat(page.get("timestamp").asText()).isEqualTo("2022-01-02T09:59:05Z");
        assertThat(page.get("captureCheck").asText()).isEqualTo("MATCH");
        assertThat(page.get("status").asText()).isEqualTo("OK");
        assertThat(report.toText()).contains("https://example.org/about @ 2022-01-02T09:59:05Z");
    }

    // --- fixity ---------------------------------------------------------------------------------

    @Test
    void aChangedWarcByteIsAModifiedFileAndARecordThatNoLongerMatchesItsIndexEntry() throws Exception {
        VerificationReport report = verify(twoPages().plainWarc().tamper(files -> {
            byte[] warc = files.get(TestWacz.PLAIN_WARC);
            String text = new String(warc, StandardCharsets.ISO_8859_1);
            warc[text.indexOf("About us")] = 'a';
        }));

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.problems(ProblemCode.FILE_MODIFIED)).singleElement()
                .satisfies(p -> assertThat(p.path()).hasValue(TestWacz.PLAIN_WARC));
        assertThat(report.problems(ProblemCode.WACZ_RECORD_MISMATCH)).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("https://example.org/about").contains("recordDigest");
            assertThat(p.expected()).isPresent();
        });
        EntryResult about = pages(report).stream().filter(p -> p.url().orElseThrow().endsWith("/about")).findFirst()
                .orElseThrow();
        assertThat(about.status()).isEqualTo(EntryStatus.MODIFIED);
        assertThat(about.captureCheck()).hasValue(CaptureCheck.MISMATCH);
        assertThat(entry(report, TestWacz.PLAIN_WARC).status()).isEqualTo(EntryStatus.MODIFIED);
    }

    @Test
    void aChangedDatapackageNoLongerMatchesItsDigest() throws Exception {
        VerificationReport report = verify(twoPages().tamper(files -> files.putText("datapackage.json",
                files.text("datapackage.json").replace("Palimpsest TestWacz", "Someone Else"))));

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.problems(ProblemCode.WACZ_DATAPACKAGE_DIGEST_MISMATCH)).singleElement()
                .satisfies(p -> assertThat(p.path()).hasValue("datapackage.json"));
        assertThat(entry(report, "datapackage.json").status()).isEqualTo(EntryStatus.MODIFIED);
    }

    @Test
    void aFileTheDatapackageDoesNotListIsExtra() throws Exception {
        VerificationReport report = verify(twoPages().tamper(files ->
                files.putText("archive/extra.warc", "WARC/1.1\r\n\r\n")));

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.problems(ProblemCode.FILE_NOT_IN_MANIFEST)).singleElement()
                .satisfies(p -> assertThat(p.path()).hasValue("archive/extra.warc"));
        assertThat(entry(report, "archive/extra.warc").status()).isEqualTo(EntryStatus.EXTRA);
    }

    @Test
    void aListedFileThatIsAbsentIsMissing() throws Exception {
        VerificationReport report = verify(twoPages().tamper(files -> files.remove("pages/pages.jsonl")));

        assertThat(report.problems(ProblemCode.FILE_MISSING)).singleElement()
                .satisfies(p -> assertThat(p.path()).hasValue("pages/pages.jsonl"));
        assertThat(report.problems(ProblemCode.WACZ_REQUIRED_PART_MISSING)).singleElement()
                .extracting(Problem::message).asString().contains("pages/pages.jsonl");
        assertThat(entry(report, "pages/pages.jsonl").status()).isEqualTo(EntryStatus.MISSING);
    }

    @Test
    void anIndexEntryWithAnotherOffsetOrLengthThanItsRecordIsAMismatch() throws Exception {
        VerificationReport report = verify(twoPages().plainWarc().beforePackage(files -> {
            String index = files.text("indexes/index.cdxj");
            String[] lines = index.split("\n");
            lines[0] = lines[0].replaceFirst("\"offset\": \"(\\d+)\"", "\"offset\": \"$11\"");
            lines[1] = lines[1].replaceFirst("\"length\": \"(\\d+)\"", "\"length\": \"7\"");
            files.putText("indexes/index.cdxj", String.join("\n", lines) + "\n");
        }));

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.problems(ProblemCode.FILE_MODIFIED)).isEmpty();
        assertThat(report.problems(ProblemCode.WACZ_RECORD_MISMATCH)).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("no WARC record starts at that offset"))
                .anySatisfy(m -> assertThat(m).contains("and the index says 7"));
    }

    @Test
    void aPageWithoutACaptureInTheIndexIsReported() throws Exception {
        VerificationReport report = verify(twoPages().beforePackage(files -> files.putText("pages/pages.jsonl",
                files.text("pages/pages.jsonl") + "{\"url\": \"https://example.org/never\", \"ts\": \"2022-01-02T09:00:00Z\"}\n")));

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.problems(ProblemCode.WACZ_PAGE_NOT_IN_INDEX)).singleElement()
                .extracting(Problem::message).asString().contains("https://example.org/never").contains("line 4");
        assertThat(pages(report)).filteredOn(p -> p.status() == EntryStatus.MISSING).singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("pages/pages.jsonl#4"));
    }

    @Test
    void aMalformedPagesLineIsReported() throws Exception {
        VerificationReport report = verify(twoPages().beforePackage(files -> files.putText("pages/pages.jsonl",
                files.text("pages/pages.jsonl") + "{\"url\": \"https://example.org/\"}\nnot json\n")));

        assertThat(report.problems(ProblemCode.WACZ_PAGES_INVALID)).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("line 4").contains("\"ts\""))
                .anySatisfy(m -> assertThat(m).contains("line 5").contains("not JSON"));
    }

    @Test
    void aPageWithLongExtractedTextIsAcceptedAsCrawlersWriteIt() throws Exception {
        // extracted text compresses about threefold, far from a bomb's ratio
        Random random = new Random(1);
        StringBuilder words = new StringBuilder();
        while (words.length() < 2_000_000) {
            words.append((char) ('a' + random.nextInt(26))).append(random.nextInt(7) == 0 ? " " : "");
        }
        String text = words.toString();
        VerificationReport report = verify(twoPages().beforePackage(files -> files.putText("pages/pages.jsonl",
                files.text("pages/pages.jsonl").replace("\"title\": \"Page 1\"", "\"text\": \"" + text + "\""))));

        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.VALID);
        assertThat(pages(report)).hasSize(2);
    }

    @Test
    void aZipNumBlockThatIsNotWhereItsIdxLineSaysIsAMismatch() throws Exception {
        VerificationReport report = verify(twoPages().index(TestWacz.Index.ZIPNUM).beforePackage(files ->
                files.putText("indexes/index.idx", files.text("indexes/index.idx")
                        .replaceFirst("\"digest\": \"sha256:[0-9a-f]{8}", "\"digest\": \"sha256:00000000"))));

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.problems(ProblemCode.WACZ_INDEX_BLOCK_MISMATCH)).singleElement()
                .satisfies(p -> assertThat(p.expected().orElseThrow()).startsWith("sha256:00000000"));
    }

    @Test
    void anIndexThatIsNotCdxjIsReportedAsNotChecked() throws Exception {
        VerificationReport report = verify(twoPages().beforePackage(files -> files.putText("indexes/index.cdxj",
                " CDX N b a m s k r M S V g\ncom,example)/ 20220102095900 https://example.org/ text/html 200 X - - 0 0 data.warc.gz\n")));

        assertThat(report.problems(ProblemCode.WACZ_INDEX_NOT_CHECKED)).singleElement()
                .extracting(Problem::message).asString().contains("is not a CDXJ index");
        // the pages then have no capture in any index that could be read
        assertThat(report.problems(ProblemCode.WACZ_PAGE_NOT_IN_INDEX)).hasSize(2);
    }

    // --- signatures -----------------------------------------------------------------------------

    @Test
    void anAnonymousSignatureIsValidButNotTrusted() throws Exception {
        VerificationReport report = verify(twoPages().anonymousSignature(TestPki.ecKeyPair()));

        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.VALID);
        SignatureResult signature = report.signatures().get(0);
        assertThat(signature.valid()).isTrue();
        assertThat(signature.trusted()).isFalse();
        assertThat(signature.signer()).hasValue("anonymous ECDSA P-256 key");
        assertThat(signature.signingTime()).hasValue(CREATED);
        assertThat(report.problems(ProblemCode.SIGNER_UNTRUSTED)).singleElement().extracting(Problem::message)
                .asString().contains("--trust-fingerprint " + signature.certificateSha256().orElseThrow());
    }

    @Test
    void anAnonymousSignatureIsTrustedWhenItsKeyIsPinned() throws Exception {
        KeyPair key = TestPki.ecKeyPair();
        DigestValue spki = DigestValue.of(DigestAlgorithm.SHA256,
                DigestAlgorithm.SHA256.newMessageDigest().digest(key.getPublic().getEncoded()));

        VerificationReport report = verify(twoPages().anonymousSignature(key), TrustPolicy.builder().pin(spki).build());

        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.TRUSTED);
        assertThat(report.signatures().get(0).certificateSha256()).hasValue(spki.hex());
    }

    @Test
    void anAnonymousSignatureInWebCryptosRawFormatVerifies() throws Exception {
        KeyPair key = TestPki.ecKeyPair();
        VerificationReport report = verify(twoPages().anonymousSignature(key).editSignedData(m -> {
            Signature signer;
            try {
                signer = Signature.getInstance("SHA256withECDSAinP1363Format");
                signer.initSign(key.getPrivate());
                signer.update(m.get("hash").getBytes(StandardCharsets.US_ASCII));
                m.put("signature", Base64.getEncoder().encodeToString(signer.sign()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }));

        assertThat(report.signatures().get(0).valid()).as(report.toText()).isTrue();
    }

    @Test
    void aForgedAnonymousSignatureIsInvalid() throws Exception {
        VerificationReport report = verify(twoPages().anonymousSignature(TestPki.ecKeyPair()).editSignedData(m -> {
            byte[] signature = Base64.getDecoder().decode(m.get("signature"));
            signature[signature.length - 1] ^= 0x01;
            m.put("signature", Base64.getEncoder().encodeToString(signature));
        }));

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.problems(ProblemCode.SIGNATURE_INVALID)).singleElement().extracting(Problem::message)
                .asString().contains("does not verify with the public key");
        assertThat(report.signatures().get(0).valid()).isFalse();
    }

    @Test
    void aDomainSignatureIsTrustedAtItsTimestampsTimeAfterItsCertificateExpired() throws Exception {
        VerificationReport report = verify(domainSigned(), trustingTheTestRoots());

        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.TRUSTED);
        assertThat(report.problems()).isEmpty();
        SignatureResult signature = report.signatures().get(0);
        assertThat(signature.signer().orElseThrow()).startsWith("CN=" + DOMAIN + ",");
        assertThat(signature.signingTime()).hasValue(CREATED);
        assertThat(signature.timestamp()).hasValueSatisfying(t -> {
            assertThat(t.time()).isEqualTo(CREATED.plusSeconds(2));
            assertThat(t.valid()).isTrue();
            assertThat(t.tsa()).contains("Test TSA");
        });
    }

    @Test
    void aDomainSignatureWhoseTimestampAuthorityIsNotTrustedIsJudgedNowAndIsNotTrusted() throws Exception {
        VerificationReport report = verify(domainSigned(),
                TrustPolicy.builder().anchor(domainPki.root().certificate()).build());

        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.VALID);
        assertThat(report.problems(ProblemCode.TIMESTAMP_UNTRUSTED)).hasSize(1);
        assertThat(report.problems(ProblemCode.SIGNER_UNTRUSTED)).singleElement().extracting(Problem::message)
                .asString().contains("judged now").contains("2022-04-01");
    }

    @Test
    void aSignatureMadeWithAnotherKeyThanTheDomainCertificatesIsInvalid() throws Exception {
        VerificationReport report = verify(domainSigned().editSignedData(m -> {
            String signature = TestWacz.sign(TestPki.ecKeyPair().getPrivate(), m.get("hash"));
            m.put("signature", signature);
            m.put("timeSignature", TestWacz.timeSignature(tsa, signature.getBytes(StandardCharsets.US_ASCII)));
        }), trustingTheTestRoots());

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.problems()).extracting(Problem::code).containsExactly(ProblemCode.SIGNATURE_INVALID);
        assertThat(report.problems().get(0).message()).contains("does not verify with the key of the domain certificate");
    }

    @Test
    void aTimestampOverOtherDataIsInvalid() throws Exception {
        VerificationReport report = verify(domainSigned().editSignedData(m ->
                m.put("timeSignature", TestWacz.timeSignature(tsa, "other data".getBytes(StandardCharsets.US_ASCII)))),
                trustingTheTestRoots());

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.problems()).extracting(Problem::code).containsExactly(ProblemCode.TIMESTAMP_INVALID);
        assertThat(report.problems().get(0).message()).contains("covers other data than the signature");
        assertThat(report.signatures().get(0).timestamp().orElseThrow().valid()).isFalse();
    }

    @Test
    void aDomainThatIsNotTheCertificatesIsAMismatch() throws Exception {
        VerificationReport report = verify(domainSigned().editSignedData(m -> m.put("domain", "attacker.example")),
                trustingTheTestRoots());

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.problems()).extracting(Problem::code).containsExactly(ProblemCode.WACZ_DOMAIN_MISMATCH);
        assertThat(report.problems().get(0).actual()).hasValue(DOMAIN);
    }

    @Test
    void aCertificateUsedLongAfterItsIssuanceIsOutsideTheWindow() throws Exception {
        Instant late = CERT_FROM.plus(Duration.ofDays(10));
        VerificationReport report = verify(twoPages().created(late)
                .domainSignature(domainCert, DOMAIN, tsa, late.plusSeconds(1)), trustingTheTestRoots());

        assertThat(report.problems()).extracting(Problem::code).containsExactly(ProblemCode.WACZ_CERTIFICATE_WINDOW);
    }

    @Test
    void aTimestampLongAfterTheClaimedCreationIsOutsideTheWindow() throws Exception {
        VerificationReport report = verify(twoPages().domainSignature(domainCert, DOMAIN, tsa,
                CREATED.plus(Duration.ofMinutes(11))), trustingTheTestRoots());

        assertThat(report.problems()).extracting(Problem::code).containsExactly(ProblemCode.WACZ_TIMESTAMP_WINDOW);
    }

    @Test
    void aSignatureCreatedAtAnotherTimeThanThePackageIsAMismatch() throws Exception {
        VerificationReport report = verify(domainSigned().editSignedData(m ->
                m.put("created", CREATED.plusSeconds(1).toString())), trustingTheTestRoots());

        assertThat(report.problems()).extracting(Problem::code).containsExactly(ProblemCode.WACZ_SIGNATURE_CREATED_MISMATCH);
    }

    @Test
    void aSignatureOverAnotherPackageDigestDoesNotCoverThisPackage() throws Exception {
        VerificationReport report = verify(twoPages().anonymousSignature(TestPki.ecKeyPair()).tamper(files -> {
            // a forger edits the package and updates the digest file's hash, but cannot re-sign
            String changed = files.text("datapackage.json").replace("Palimpsest TestWacz", "Forger");
            files.putText("datapackage.json", changed);
            files.putText("datapackage-digest.json", files.text("datapackage-digest.json")
                    .replaceFirst("\"hash\": \"sha256:[0-9a-f]{64}\"", "\"hash\": \"sha256:"
                            + TestWacz.sha256Hex(changed.getBytes(StandardCharsets.UTF_8)) + "\""));
        }));

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.problems(ProblemCode.WACZ_DATAPACKAGE_DIGEST_MISMATCH)).singleElement()
                .extracting(Problem::message).asString().contains("the signature is not over this package");
        assertThat(report.signatures().get(0).valid()).isFalse();
    }

    // --- hostile ZIPs ---------------------------------------------------------------------------

    @Test
    void aZipSlipEntryIsReportedAndNeverRead() throws Exception {
        VerificationReport report = verify(twoPages().tamper(files ->
                files.putText("../../evil.sh", "rm -rf ~\n")));

        assertThat(report.problems(ProblemCode.ZIP_ENTRY_UNSAFE)).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("'../../evil.sh'").contains("'..' segment");
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
        });
        assertThat(report.entries()).extracting(EntryResult::path).noneMatch(p -> p.contains("evil"));
        assertThat(dir.getParent().resolve("evil.sh")).doesNotExist();
    }

    @Test
    void aZipBombIsStoppedAtTheCompressionRatioLimit() throws Exception {
        VerificationReport report = verify(twoPages().tamper(files -> files.put("bomb.bin", new byte[8 << 20])));

        assertThat(report.problems(ProblemCode.ZIP_LIMIT_EXCEEDED)).singleElement().satisfies(p -> {
            assertThat(p.path()).hasValue("bomb.bin");
            assertThat(p.message()).contains("ratio above the limit of 100");
        });
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aCorruptGzipMemberSpoilsOnlyItsRecordAndTheScanResumesAtTheNextIndexedOffset() throws Exception {
        VerificationReport report = verify(twoPages().beforePackage(files -> {
            byte[] warc = files.get(TestWacz.WARC);
            for (int i = 40; i < 60; i++) {
                warc[i] ^= 0x5a; // inside the first member's deflate data: the home page's record
            }
        }));

        assertThat(report.problems(ProblemCode.WACZ_WARC_MALFORMED)).singleElement().extracting(Problem::message)
                .asString().contains("at offset 0").contains("gzip");
        assertThat(report.problems(ProblemCode.WACZ_RECORD_MISMATCH)).singleElement().extracting(Problem::message)
                .asString().contains("#0, but the record is not readable");
        assertThat(pages(report)).extracting(e -> e.url().orElseThrow() + " " + e.status())
                .containsExactly("https://example.org/ MODIFIED", "https://example.org/about OK");
    }

    @Test
    void aWarcRecordHeaderWithoutEndIsReadOnlyUpToItsLimit() throws Exception {
        byte[] endless = new byte[2 << 20];
        Arrays.fill(endless, (byte) 'a');
        VerificationReport report = verify(twoPages().plainWarc().beforePackage(files -> files.put(TestWacz.PLAIN_WARC,
                concat("WARC/1.1\r\nX-Padding: ".getBytes(StandardCharsets.US_ASCII), endless))));

        assertThat(report.problems(ProblemCode.WACZ_WARC_MALFORMED)).singleElement().extracting(Problem::message)
                .asString().contains("at offset 0").contains("longer than 1048576 bytes");
        // the file is still hashed to its end, and matches the package
        assertThat(entry(report, TestWacz.PLAIN_WARC).status()).isEqualTo(EntryStatus.OK);
        assertThat(report.problems(ProblemCode.WACZ_RECORD_MISMATCH)).isNotEmpty();
    }

    @Test
    void aGzipMemberOfTheWarcThatInflatesTooFarIsStopped() throws Exception {
        byte[] zeros = new byte[8 << 20];
        byte[] record = concat(("WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: " + zeros.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), zeros, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        VerificationReport report = verify(twoPages().beforePackage(files -> files.put(TestWacz.WARC, gzip(record))));

        assertThat(report.problems(ProblemCode.ZIP_LIMIT_EXCEEDED)).singleElement().satisfies(p -> {
            assertThat(p.path()).hasValue(TestWacz.WARC);
            assertThat(p.message()).contains("gzip member at offset 0").contains("ratio above the limit of 100");
        });
        assertThat(entry(report, TestWacz.WARC).status()).isEqualTo(EntryStatus.OK);
    }

    @Test
    void aGzippedIndexThatInflatesTooFarIsStopped() throws Exception {
        VerificationReport report = verify(twoPages().index(TestWacz.Index.CDXJ_GZ).beforePackage(files ->
                files.put("indexes/index.cdx.gz", gzip(new byte[8 << 20]))));

        assertThat(report.problems(ProblemCode.ZIP_LIMIT_EXCEEDED)).singleElement()
                .satisfies(p -> assertThat(p.path()).hasValue("indexes/index.cdx.gz"));
    }

    @Test
    void aZipThatExpandsBeyondTheLimitIsNotRead() throws Exception {
        Path file = twoPages().write(dir.resolve("small.wacz"));

        VerificationReport report = WaczVerifier.builder().maxZipExpandedBytes(100).build().verify(file);

        assertThat(report.problems()).extracting(Problem::code).containsExactly(ProblemCode.ZIP_LIMIT_EXCEEDED);
        assertThat(report.entries()).isEmpty();
    }

    @Test
    void aFileThatIsNotAZipIsUnrecognised() throws Exception {
        Path file = Files.writeString(dir.resolve("not.wacz"), "hello");

        VerificationReport report = WaczVerifier.builder().build().verify(file);

        assertThat(report.problems()).extracting(Problem::code).containsExactly(ProblemCode.FORMAT_UNRECOGNISED);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aMissingFileIsAnException() {
        assertThatThrownBy(() -> WaczVerifier.builder().build().verify(dir.resolve("absent.wacz")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("absent.wacz");
    }

    // --- verifyOrThrow and the builder -----------------------------------------------------------

    @Test
    void verifyOrThrowAsksForTrustWhenTheTrustPolicyCanGiveIt() throws Exception {
        Path file = domainSigned().write(dir.resolve("signed.wacz"));

        assertThat(WaczVerifier.builder().build().verifyOrThrow(file).verdict()).isEqualTo(Verdict.VALID);
        assertThat(WaczVerifier.builder().trustPolicy(trustingTheTestRoots()).build().verifyOrThrow(file).verdict())
                .isEqualTo(Verdict.TRUSTED);
        TrustPolicy unrelated = TrustPolicy.builder().anchor(TestPki.create("Unrelated Root").root().certificate()).build();
        assertThatThrownBy(() -> WaczVerifier.builder().trustPolicy(unrelated).build().verifyOrThrow(file))
                .isInstanceOf(VerificationException.class).hasMessageContaining("VALID, TRUSTED required")
                .hasMessageContaining("SIGNER_UNTRUSTED");
    }

    @Test
    void theBuilderRejectsLimitsThatMakeNoSense() {
        assertThatThrownBy(() -> WaczVerifier.builder().maxZipEntries(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WaczVerifier.builder().maxZipCompressionRatio(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WaczVerifier.builder().maxMetadataBytes(2L << 30)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WaczVerifier.builder().maxIndexEntries(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WaczVerifier.builder().trustPolicy(null)).isInstanceOf(NullPointerException.class);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<EntryResult> pages(VerificationReport report) {
        return report.entries().stream().filter(e -> e.url().isPresent()).collect(Collectors.toList());
    }

    private static EntryResult entry(VerificationReport report, String path) {
        return report.entries().stream().filter(e -> e.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + path + " in " + report.entries()));
    }

    private static List<Problem> errors(VerificationReport report) {
        return report.problems().stream().filter(p -> p.severity() == Severity.ERROR).collect(Collectors.toList());
    }
}
