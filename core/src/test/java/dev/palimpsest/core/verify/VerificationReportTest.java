package dev.palimpsest.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.CaptureCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationReportTest {
    private static final DigestValue EMPTY_SHA256 = DigestValue.parse(DigestAlgorithm.SHA256,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    private static final DigestValue ABC_SHA256 = DigestValue.parse(DigestAlgorithm.SHA256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    private static SignatureResult signature(boolean valid, boolean trusted) {
        return SignatureResult.builder(SignatureKind.CMS).valid(valid).trusted(trusted).signer("CN=Ada")
                .certificateSha256("00".repeat(32)).build();
    }

    @Test
    void unsignedAndCleanIsValid() {
        VerificationReport r = VerificationReport.builder(ArchiveFormat.BAGIT, "bag").build();
        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void warningsAloneKeepTheArchiveValid() {
        VerificationReport r = VerificationReport.builder(ArchiveFormat.BAGIT, "bag")
                .problem(ProblemCode.SIGNATURE_MISSING, null, "unsigned")
                .problem(ProblemCode.CAPTURE_MISMATCH, "a.pdf", "differs").build();
        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void anErrorMakesItInvalidEvenWhenTheSignerIsTrusted() {
        VerificationReport r = VerificationReport.builder(ArchiveFormat.PALIMPSEST_BUNDLE, "b")
                .signature(signature(true, true))
                .problem(ProblemCode.FILE_MODIFIED, "data/a.pdf", "changed").build();
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.has(ProblemCode.FILE_MODIFIED)).isTrue();
        assertThat(r.problems(ProblemCode.FILE_MODIFIED)).singleElement()
                .satisfies(p -> assertThat(p.path()).contains("data/a.pdf"));
    }

    @Test
    void anInvalidSignatureMakesItInvalidAndIsNeverTrusted() {
        SignatureResult s = signature(false, true);
        assertThat(s.trusted()).isFalse();
        VerificationReport r = VerificationReport.builder(ArchiveFormat.PALIMPSEST_BUNDLE, "b").signature(s).build();
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void oneTrustedValidSignatureMakesItTrusted() {
        VerificationReport r = VerificationReport.builder(ArchiveFormat.PALIMPSEST_BUNDLE, "b")
                .signature(signature(true, false)).signature(signature(true, true)).build();
        assertThat(r.verdict()).isEqualTo(Verdict.TRUSTED);
    }

    @Test
    void validButUntrustedIsValid() {
        VerificationReport r = VerificationReport.builder(ArchiveFormat.PALIMPSEST_BUNDLE, "b")
                .signature(signature(true, false)).build();
        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void requireThrowsWithTheReportWhenTheVerdictFallsShort() throws Exception {
        VerificationReport valid = VerificationReport.builder(ArchiveFormat.BAGIT, "bag").build();
        valid.require(Verdict.VALID);
        valid.require(Verdict.INVALID);
        assertThatThrownBy(() -> valid.require(Verdict.TRUSTED)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("bag: VALID, TRUSTED required")
                .satisfies(e -> assertThat(((VerificationException) e).report()).isSameAs(valid));

        VerificationReport invalid = VerificationReport.builder(ArchiveFormat.BAGIT, "bag")
                .problem(ProblemCode.FILE_MISSING, "data/x", "data/x is listed in manifest-sha256.txt but absent").build();
        assertThatThrownBy(() -> invalid.require(Verdict.VALID)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("FILE_MISSING data/x");
    }

    @Test
    void jsonHasTheContractFieldNames() throws Exception {
        VerificationReport r = VerificationReport.builder(ArchiveFormat.PALIMPSEST_BUNDLE, "bundle")
                .signature(SignatureResult.builder(SignatureKind.CMS).valid(true).trusted(true).signer("CN=Ada")
                        .certificateSha256("ab".repeat(32)).signingTime(Instant.parse("2026-01-02T03:04:05Z"))
                        .timestamp(TimestampInfo.of(Instant.parse("2026-01-02T03:04:06Z"), "CN=TSA", true)).build())
                .entry(EntryResult.builder("a.txt", EntryStatus.MODIFIED).expected(EMPTY_SHA256).actual(ABC_SHA256)
                        .captureCheck(CaptureCheck.MISMATCH).build())
                .problem(Problem.builder(ProblemCode.FILE_MODIFIED).path("a.txt").message("changed")
                        .expected(EMPTY_SHA256.hex()).actual(ABC_SHA256.hex()).build())
                .build();
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        List<String> top = new ArrayList<>();
        json.fieldNames().forEachRemaining(top::add);
        assertThat(top).containsExactly("verdict", "format", "source", "signatures", "entries", "problems");
        assertThat(json.get("verdict").asText()).isEqualTo("INVALID");
        assertThat(json.get("format").asText()).isEqualTo("palimpsest-bundle");
        JsonNode sig = json.get("signatures").get(0);
        assertThat(sig.get("kind").asText()).isEqualTo("cms");
        assertThat(sig.get("trusted").asBoolean()).isTrue();
        assertThat(sig.get("timestamp").get("tsa").asText()).isEqualTo("CN=TSA");
        assertThat(sig.get("signingTime").asText()).isEqualTo("2026-01-02T03:04:05Z");
        JsonNode entry = json.get("entries").get(0);
        assertThat(entry.get("status").asText()).isEqualTo("MODIFIED");
        assertThat(entry.get("expected").get("sha256").asText()).isEqualTo(EMPTY_SHA256.hex());
        assertThat(entry.get("actual").get("sha256").asText()).isEqualTo(ABC_SHA256.hex());
        assertThat(entry.get("captureCheck").asText()).isEqualTo("MISMATCH");
        JsonNode problem = json.get("problems").get(0);
        assertThat(problem.get("code").asText()).isEqualTo("FILE_MODIFIED");
        assertThat(problem.get("severity").asText()).isEqualTo("ERROR");
        assertThat(problem.get("path").asText()).isEqualTo("a.txt");
        assertThat(problem.get("expected").asText()).isEqualTo(EMPTY_SHA256.hex());
    }

    @Test
    void textStartsWithTheVerdictAndGroupsProblems() {
        VerificationReport r = VerificationReport.builder(ArchiveFormat.BAGIT, "my-bag")
                .entry(EntryResult.builder("data/a.txt", EntryStatus.OK).build())
                .entry(EntryResult.builder("data/b.txt", EntryStatus.MISSING).build())
                .problem(ProblemCode.FILE_MISSING, "data/b.txt", "data/b.txt is listed but absent")
                .problem(ProblemCode.SIGNATURE_MISSING, null, "the bag is not signed").build();
        String text = r.toText();
        assertThat(text.lines().findFirst()).hasValueSatisfying(l -> assertThat(l).startsWith("INVALID: my-bag (bagit;"));
        assertThat(text).contains("Errors (1):\n  FILE_MISSING  data/b.txt: data/b.txt is listed but absent");
        assertThat(text).contains("Warnings (1):\n  SIGNATURE_MISSING: the bag is not signed");
        assertThat(text.indexOf("Errors")).isLessThan(text.indexOf("Warnings"));
        assertThat(text).contains("MISSING ").contains("1 OK, 1 not OK");
    }
}
