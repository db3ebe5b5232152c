package dev.palimpsest.core.bundle;

import static dev.palimpsest.core.bundle.Fixtures.REPORT;
import static dev.palimpsest.core.bundle.Fixtures.hex;
import static dev.palimpsest.core.bundle.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.CdxRecord;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.manifest.WarcSource;
import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.TimestampClient;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.testing.TestTsa;
import dev.palimpsest.core.verify.EntryResult;
import dev.palimpsest.core.verify.EntryStatus;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Severity;
import dev.palimpsest.core.verify.SignatureKind;
import dev.palimpsest.core.verify.SignatureResult;
import dev.palimpsest.core.verify.VerificationException;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.verify.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifying good bundles: verdicts, signatures, entries, capture checks and the JSON report. */
class BundleVerifierTest {
    static TestTsa tsa;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startTsa() {
        tsa = TestTsa.start();
    }

    @AfterAll
    static void stopTsa() {
        tsa.close();
    }

    private Path bundle(BundleWriter.Builder writer) throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        writer.build().write(BundleContent.builder().title("t").folder(in).build(), tmp.resolve("b"));
        return tmp.resolve("b");
    }

    private static BundleVerifier trusting() {
        return BundleVerifier.builder().trustPolicy(Fixtures.trustRoot()).build();
    }

    @Test
    void anUnsignedBundleIsValidWithASignatureMissingWarning() throws IOException {
        VerificationReport report = BundleVerifier.builder().build().verify(bundle(Fixtures.writer()));
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(report.format().label()).isEqualTo("palimpsest-bundle");
        assertThat(report.signatures()).isEmpty();
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCode.SIGNATURE_MISSING);
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
        });
        assertThat(report.entries()).extracting(EntryResult::path).containsExactly("data/documents/report-2016.pdf",
                "data/notes.txt", "data/statistics/requests.csv");
        EntryResult pdf = report.entries().get(0);
        assertThat(pdf.status()).isEqualTo(EntryStatus.OK);
        assertThat(pdf.expected().get(DigestAlgorithm.SHA256).hex()).isEqualTo(Fixtures.sha256(REPORT));
        assertThat(pdf.actual()).isEqualTo(pdf.expected());
        assertThat(pdf.captureCheck()).isEmpty();
        assertThat(pdf.capture()).isEmpty();
    }

    @Test
    void aSignedBundleIsTrustedByItsAnchorWithTheSignerDescribed() throws Exception {
        Path b = bundle(Fixtures.writer().signer(Fixtures.signer(Fixtures.ARCHIVIST)));
        VerificationReport report = trusting().verify(b);
        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.TRUSTED);
        assertThat(report.problems()).isEmpty();
        SignatureResult signature = report.signatures().get(0);
        assertThat(report.signatures()).hasSize(1);
        assertThat(signature.kind()).isEqualTo(SignatureKind.CMS);
        assertThat(signature.valid()).isTrue();
        assertThat(signature.trusted()).isTrue();
        assertThat(signature.signer()).contains("CN=A. Archivist,O=Palimpsest Tests");
        assertThat(signature.certificateSha256()).contains(hex("SHA-256", encoded(Fixtures.ARCHIVIST)));
        assertThat(signature.signingTime()).contains(Fixtures.NOW);
        assertThat(signature.timestamp()).isEmpty();
        assertThat(trusting().verifyOrThrow(b)).isNotNull();
    }

    private static byte[] encoded(dev.palimpsest.core.testing.TestPki.Credential c) {
        try {
            return c.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutATrustAnchorASignedBundleIsValidAndTheSignerUntrusted() throws Exception {
        Path b = bundle(Fixtures.writer().signer(Fixtures.signer(Fixtures.ARCHIVIST)));
        VerificationReport report = BundleVerifier.builder().build().verify(b);
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures()).singleElement().satisfies(s -> {
            assertThat(s.valid()).isTrue();
            assertThat(s.trusted()).isFalse();
        });
        assertThat(report.problems()).extracting(p -> p.code()).containsExactly(ProblemCode.SIGNER_UNTRUSTED);
        assertThat(report.problems().get(0).message()).contains("no trust anchor or pinned fingerprint was given");
        assertThat(BundleVerifier.builder().build().verifyOrThrow(b).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aPinnedFingerprintEstablishesTrust() throws IOException {
        Path b = bundle(Fixtures.writer().signer(Fixtures.signer(Fixtures.ARCHIVIST)));
        TrustPolicy pinned = TrustPolicy.builder().pin(DigestValue.of(DigestAlgorithm.SHA256,
                sha256(encoded(Fixtures.ARCHIVIST)))).clock(Fixtures.CLOCK).build();
        assertThat(BundleVerifier.builder().trustPolicy(pinned).build().verify(b).verdict()).isEqualTo(Verdict.TRUSTED);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCountersignedTimestampedBundleReportsEachSignerAndTheTimestamp() throws IOException {
        CmsSigner author = CmsSigner.builder(Fixtures.ARCHIVIST.identity()).timestampClient(TimestampClient.of(tsa.url()))
                .build();
        Path b = bundle(Fixtures.writer().signer(author).signer(Fixtures.signer(Fixtures.WITNESS)));
        TrustPolicy policy = TrustPolicy.builder().anchor(Fixtures.PKI.root().certificate()).anchor(tsa.caCertificate())
                .build();
        VerificationReport report = BundleVerifier.builder().trustPolicy(policy).build().verify(b);
        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.TRUSTED);
        // SignerInfos are a DER SET: their order is the encoding's, not the order of signing.
        assertThat(report.signatures()).extracting(s -> s.signer().orElseThrow())
                .containsExactlyInAnyOrder("CN=A. Archivist,O=Palimpsest Tests", "CN=W. Witness,O=Palimpsest Tests");
        for (SignatureResult s : report.signatures()) {
            if (s.signer().orElseThrow().startsWith("CN=A. Archivist")) {
                assertThat(s.timestamp()).hasValueSatisfying(t -> {
                    assertThat(t.valid()).isTrue();
                    assertThat(t.tsa()).isNotBlank();
                });
            } else {
                assertThat(s.timestamp()).isEmpty();
            }
        }
        assertThat(report.problems()).isEmpty();

        // Without the TSA's root, the timestamp is valid but its time proves nothing: a warning.
        VerificationReport untrustedTsa = trusting().verify(b);
        assertThat(untrustedTsa.verdict()).isEqualTo(Verdict.TRUSTED);
        assertThat(untrustedTsa.problems()).extracting(p -> p.code()).containsExactly(ProblemCode.TIMESTAMP_UNTRUSTED);
    }

    @Test
    void aSignerFromAnotherPkiIsValidButNotTrustedAndVerifyOrThrowSaysSo() throws IOException {
        Path b = bundle(Fixtures.writer().signer(Fixtures.signer(Fixtures.MALLORY)));
        VerificationReport report = trusting().verify(b);
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(report.has(ProblemCode.SIGNER_UNTRUSTED)).isTrue();
        assertThatThrownBy(() -> trusting().verifyOrThrow(b)).isInstanceOfSatisfying(VerificationException.class,
                e -> assertThat(e.report().verdict()).isEqualTo(Verdict.VALID)).hasMessageContaining("TRUSTED required");
    }

    @Test
    void anExpiredSignerCertificateIsAWarningNotInvalid() throws IOException {
        var expired = Fixtures.PKI.issue("Expired").validity(java.time.Instant.parse("2020-01-01T00:00:00Z"),
                java.time.Instant.parse("2021-01-01T00:00:00Z")).build();
        CmsSigner signer = CmsSigner.builder(expired.identity())
                .clock(java.time.Clock.fixed(java.time.Instant.parse("2020-06-01T00:00:00Z"), java.time.ZoneOffset.UTC))
                .build();
        VerificationReport report = trusting().verify(bundle(Fixtures.writer().signer(signer)));
        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.VALID);
        assertThat(report.problems(ProblemCode.CERTIFICATE_EXPIRED)).singleElement()
                .satisfies(p -> assertThat(p.severity()).isEqualTo(Severity.WARNING));
    }

    /** A bundle whose two files have capture records: one matching the CDX digest, one not. */
    private Path capturedBundle() throws IOException {
        byte[] pdf = REPORT.getBytes(StandardCharsets.UTF_8);
        String sha1 = new Base32().encodeAsString(sha1(pdf));
        CaptureRecord matching = CaptureRecord.builder().originalUrl("https://www.example.gov/report-2016.pdf")
                .waybackTimestamp("20171012140300")
                .cdx(CdxRecord.builder().digest(sha1).mimetype("application/pdf").build()).build();
        CaptureRecord mismatching = CaptureRecord.builder().originalUrl("https://www.example.gov/requests.csv")
                .cdx(CdxRecord.builder().digest("UE4O73IIZQANRVJWDZCVVLC7G2C3YDLD").build()).build();
        CaptureRecord noDigest = CaptureRecord.builder().originalUrl("https://www.example.gov/notes.txt").build();
        CaptureRecord warcOnly = CaptureRecord.builder().originalUrl("https://www.example.gov/w.txt")
                .warc(WarcSource.builder().recordId("<urn:uuid:1>").payloadDigest("sha256:"
                        + Base64.getEncoder().encodeToString(sha256("warc".getBytes(StandardCharsets.UTF_8)))).build())
                .build();
        BundleContent.Builder content = BundleContent.builder()
                .file(write(tmp.resolve("in/r.pdf"), REPORT), ArchivePath.of("documents/report-2016.pdf"),
                        e -> e.capture(matching).title("Annual report"))
                .file(write(tmp.resolve("in/s.csv"), Fixtures.CSV), ArchivePath.of("statistics/requests.csv"),
                        e -> e.capture(mismatching))
                .file(write(tmp.resolve("in/n.txt"), "notes"), ArchivePath.of("notes.txt"), e -> e.capture(noDigest))
                .file(write(tmp.resolve("in/w.txt"), "warc"), ArchivePath.of("w.txt"), e -> e.capture(warcOnly));
        Fixtures.writer().signer(Fixtures.signer(Fixtures.ARCHIVIST)).build().write(content.build(), tmp.resolve("b"));
        return tmp.resolve("b");
    }

    @Test
    void captureChecksAreMadeAgainstTheArchiveDigestsAndAMismatchIsOnlyAWarning() throws IOException {
        Path b = capturedBundle();
        VerificationReport report = trusting().verify(b);
        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.TRUSTED);
        assertThat(report.entries()).extracting(EntryResult::path, e -> e.captureCheck().orElse(null)).containsExactly(
                tuple("data/documents/report-2016.pdf", CaptureCheck.MATCH),
                tuple("data/notes.txt", CaptureCheck.NOT_COMPARABLE),
                tuple("data/statistics/requests.csv", CaptureCheck.MISMATCH),
                tuple("data/w.txt", CaptureCheck.MATCH));
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ProblemCode.CAPTURE_MISMATCH);
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
            assertThat(p.path()).contains("data/statistics/requests.csv");
            assertThat(p.message()).contains("differs from the archive's").contains("not proof of tampering");
        });
        // SHA-1, which no BagIt manifest has, was computed for the check in the same read.
        assertThat(report.entries().get(0).actual()).containsKey(DigestAlgorithm.SHA1);
        assertThat(report.entries().get(0).capture()).hasValueSatisfying(
                c -> assertThat(c.originalUrl()).isEqualTo("https://www.example.gov/report-2016.pdf"));
    }

    @Test
    void theJsonReportHasTheContractFields() throws IOException {
        VerificationReport report = trusting().verify(capturedBundle());
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.get("verdict").asText()).isEqualTo("TRUSTED");
        assertThat(json.get("format").asText()).isEqualTo("palimpsest-bundle");
        JsonNode signature = json.get("signatures").get(0);
        assertThat(signature.get("kind").asText()).isEqualTo("cms");
        assertThat(signature.get("valid").asBoolean()).isTrue();
        assertThat(signature.get("trusted").asBoolean()).isTrue();
        assertThat(signature.get("signer").asText()).isEqualTo("CN=A. Archivist,O=Palimpsest Tests");
        assertThat(signature.get("certificateSha256").asText()).hasSize(64);
        assertThat(signature.get("signingTime").asText()).isEqualTo("2026-11-28T10:00:00Z");
        JsonNode entry = json.get("entries").get(0);
        assertThat(entry.get("path").asText()).isEqualTo("data/documents/report-2016.pdf");
        assertThat(entry.get("status").asText()).isEqualTo("OK");
        assertThat(entry.get("expected").get("sha256").asText()).isEqualTo(Fixtures.sha256(REPORT));
        assertThat(entry.get("actual").get("sha256").asText()).isEqualTo(Fixtures.sha256(REPORT));
        assertThat(entry.get("capture").get("originalUrl").asText()).isEqualTo("https://www.example.gov/report-2016.pdf");
        assertThat(entry.get("capture").get("cdx").get("mimetype").asText()).isEqualTo("application/pdf");
        assertThat(entry.get("captureCheck").asText()).isEqualTo("MATCH");
        JsonNode problem = json.get("problems").get(0);
        assertThat(problem.get("code").asText()).isEqualTo("CAPTURE_MISMATCH");
        assertThat(problem.get("severity").asText()).isEqualTo("WARNING");
        assertThat(problem.get("path").asText()).isEqualTo("data/statistics/requests.csv");
    }

    @Test
    void aZipBundleIsVerifiedInPlace() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Path zip = tmp.resolve("b.zip");
        Fixtures.writer().zip(true).signer(Fixtures.signer(Fixtures.ARCHIVIST)).build()
                .write(BundleContent.ofFolder(in), zip);
        VerificationReport report = trusting().verify(zip);
        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.TRUSTED);
        assertThat(report.entries()).hasSize(3);
        assertThat(Fixtures.names(tmp)).containsExactly("b.zip", "in");
    }

    @Test
    void aPlainBagIsNotABundle() throws IOException {
        Path b = bundle(Fixtures.writer());
        Files.delete(b.resolve("provenance/archive.json"));
        for (String manifest : new String[] {"tagmanifest-sha256.txt", "tagmanifest-sha512.txt"}) {
            Files.write(b.resolve(manifest), Files.readAllLines(b.resolve(manifest)).stream()
                    .filter(l -> !l.contains("provenance")).collect(java.util.stream.Collectors.toList()));
        }
        VerificationReport report = BundleVerifier.builder().build().verify(b);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.problems()).extracting(p -> p.code()).containsExactly(ProblemCode.ARCHIVE_MANIFEST_MISSING);
        assertThat(report.entries()).hasSize(3);
    }

    @Test
    void anInputThatIsNotABagAtAllIsReportedAndAMissingOneThrown() throws IOException {
        Path notes = write(tmp.resolve("notes.txt"), "hello");
        VerificationReport report = BundleVerifier.builder().build().verify(notes);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.problems()).extracting(p -> p.code()).containsExactly(ProblemCode.FORMAT_UNRECOGNISED);
        assertThatThrownBy(() -> BundleVerifier.builder().build().verify(tmp.resolve("nothing")))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void anEntryDigestNoBagItManifestHasIsComputedAndChecked() throws IOException {
        byte[] bytes = REPORT.getBytes(StandardCharsets.UTF_8);
        ManifestEntry entry = ManifestEntry.builder(ArchivePath.of("r.pdf")).size(bytes.length)
                .digest(DigestValue.of(DigestAlgorithm.SHA256, sha256(bytes)))
                .digest(DigestValue.of(DigestAlgorithm.SHA1, sha1(bytes))).build();
        Fixtures.writer().build().write(BundleContent.builder().file(write(tmp.resolve("r"), REPORT), entry).build(),
                tmp.resolve("b"));
        VerificationReport report = BundleVerifier.builder().build().verify(tmp.resolve("b"));
        assertThat(report.entries().get(0).actual().get(DigestAlgorithm.SHA1).hex()).isEqualTo(hex("SHA-1", bytes));
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    }

    private static byte[] sha1(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
