package dev.palimpsest.core.capture;

import static dev.palimpsest.core.capture.CdxParserTest.HELLO_SHA1;
import static dev.palimpsest.core.capture.CdxParserTest.sha1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.CaptureCheck;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaptureEvidenceTest {
    /** The file recovered from the capture: the 13 bytes "Hello World\n\n". */
    static final DigestValue HELLO = sha1("Hello World\n\n");
    static final DigestValue OTHER = sha1("Hello World\n");

    private static CdxRecord row(String mimetype, String status, String digest) throws Exception {
        return CdxParser.create().parse(new StringReader("gov,example)/foia/doc1.pdf 20171003120512"
                + " https://www.example.gov/foia/doc1.pdf " + mimetype + " " + status + " " + digest + " 612\n")).get(0);
    }

    @Test
    void knownAnswerTheCdxDigestOfHelloWorldIsItsSha1InBase32() throws Exception {
        assertThat(HELLO.base32()).isEqualTo(HELLO_SHA1);
        assertThat(HELLO.hex()).isEqualTo("bb001060b3102414f6009b4285cae7f3e59230dc");
        CaptureCheckResult result = CaptureEvidence.of(row("application/pdf", "200", HELLO_SHA1)).check(HELLO);
        assertThat(result.outcome()).isEqualTo(CaptureCheck.MATCH);
        assertThat(result.explanation()).contains("sha1:" + HELLO_SHA1).contains("equals the digest the archive holds");
    }

    @Test
    void otherBytesAreAMismatchExplainedAsAWarning() throws Exception {
        CaptureCheckResult result = CaptureEvidence.of(row("application/pdf", "200", HELLO_SHA1)).check(OTHER);
        assertThat(result.outcome()).isEqualTo(CaptureCheck.MISMATCH);
        assertThat(result.explanation())
                .contains("sha1:" + OTHER.base32())
                .contains("sha1:" + HELLO_SHA1)
                .contains("not proof of tampering")
                .contains("hashes the HTTP body as stored")
                .contains("transfer encoding removed, content encoding kept")
                .contains("raw download");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha1:XMABAYFTCASBJ5QATNBILSXH6PSZEMG4", "SHA1:xmabayftcasbj5qatnbilsxh6pszemg4",
        "SHA-1:XMABAYFTCASBJ5QATNBILSXH6PSZEMG4", "sha_1:XMABAYFTCASBJ5QATNBILSXH6PSZEMG4",
        "bb001060b3102414f6009b4285cae7f3e59230dc", "BB001060B3102414F6009B4285CAE7F3E59230DC",
        "sha1:bb001060b3102414f6009b4285cae7f3e59230dc", "uwAQYLMQJBT2AJtChcrn8+WSMNw=", "uwAQYLMQJBT2AJtChcrn8-WSMNw",
        "  xmabayftcasbj5qatnbilsxh6pszemg4  "})
    void theArchiveDigestMayBeBase32HexOrBase64WithAnyLabelCase(String archived) {
        assertThat(HELLO.base64()).isEqualTo("uwAQYLMQJBT2AJtChcrn8+WSMNw=");
        CaptureCheckResult result = CaptureEvidence.builder().archiveDigest(archived).build().check(HELLO);
        assertThat(result.outcome()).isEqualTo(CaptureCheck.MATCH);
        assertThat(CaptureEvidence.builder().archiveDigest(archived).build().check(OTHER).outcome())
                .isEqualTo(CaptureCheck.MISMATCH);
    }

    @Test
    void aRevisitWithADifferentDigestIsNotComparable() throws Exception {
        CdxRecord revisit = row("warc/revisit", "-", HELLO_SHA1);
        CaptureCheckResult result = CaptureEvidence.of(revisit).check(OTHER);
        assertThat(result.outcome()).isEqualTo(CaptureCheck.NOT_COMPARABLE);
        assertThat(result.explanation()).contains("revisit record").contains("does not show that the file was altered");
    }

    @Test
    void aRevisitWithTheSameDigestStillMatches() throws Exception {
        CaptureCheckResult result = CaptureEvidence.of(row("warc/revisit", "-", HELLO_SHA1)).check(HELLO);
        assertThat(result.outcome()).isEqualTo(CaptureCheck.MATCH);
        assertThat(result.explanation()).contains("revisit");
    }

    @Test
    void noDigestIsNotComparable() throws Exception {
        CaptureCheckResult fromRow = CaptureEvidence.of(row("application/pdf", "200", "-")).check(HELLO);
        assertThat(fromRow.outcome()).isEqualTo(CaptureCheck.NOT_COMPARABLE);
        assertThat(fromRow.explanation()).contains("holds no digest");
        assertThat(CaptureEvidence.builder().archiveDigest(null).build().check(HELLO).outcome())
                .isEqualTo(CaptureCheck.NOT_COMPARABLE);
        assertThat(CaptureEvidence.builder().archiveDigest("  ").build().archiveDigest()).isEmpty();
    }

    @Test
    void anUnreadableDigestIsNotComparable() {
        CaptureCheckResult result = CaptureEvidence.builder().archiveDigest("3I42H3S6NNFQ2MSVX7XZKYAYSC").build().check(HELLO);
        assertThat(result.outcome()).isEqualTo(CaptureCheck.NOT_COMPARABLE);
        assertThat(result.explanation()).contains("'3I42H3S6NNFQ2MSVX7XZKYAYSC' is not readable");
        assertThat(CaptureEvidence.builder().archiveDigest("whirlpool:00").build().check(HELLO).outcome())
                .isEqualTo(CaptureCheck.NOT_COMPARABLE);
    }

    @Test
    void aDigestOfAnotherAlgorithmIsComparedOnlyWithThatAlgorithm() {
        byte[] body = "Hello World\n\n".getBytes(StandardCharsets.US_ASCII);
        DigestValue sha256 = DigestValue.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(body));
        CaptureEvidence evidence = CaptureEvidence.builder().archiveDigest("sha256:" + sha256.hex().toUpperCase(Locale.ROOT)).build();
        CaptureCheckResult withSha1 = evidence.check(HELLO);
        assertThat(withSha1.outcome()).isEqualTo(CaptureCheck.NOT_COMPARABLE);
        assertThat(withSha1.explanation()).contains("compare the file's sha256 instead");
        assertThat(evidence.check(sha256).outcome()).isEqualTo(CaptureCheck.MATCH);
        assertThat(CaptureEvidence.builder().archiveDigest(sha256.hex()).build().check(sha256).outcome())
                .isEqualTo(CaptureCheck.MATCH);
    }

    @Test
    void aContentEncodedCaptureIsNotComparableWhenTheDigestsDiffer() {
        for (List<Map.Entry<String, String>> headers : List.of(
                List.of(Map.entry("X-Archive-Orig-Content-Encoding", "gzip")),
                List.of(Map.entry("content-encoding", "GZIP")),
                List.of(Map.entry("Content-Encoding", "identity"), Map.entry("X-Archive-Orig-Content-Encoding", "br")))) {
            CaptureEvidence evidence = CaptureEvidence.builder().archiveDigest(HELLO_SHA1).replayHeaders(headers).build();
            CaptureCheckResult result = evidence.check(OTHER);
            assertThat(result.outcome()).as("%s", headers).isEqualTo(CaptureCheck.NOT_COMPARABLE);
            assertThat(result.explanation()).contains("-encoded and its digest is of those encoded bytes");
            assertThat(evidence.check(HELLO).outcome()).isEqualTo(CaptureCheck.MATCH);
        }
        CaptureEvidence plain = CaptureEvidence.builder().archiveDigest(HELLO_SHA1)
                .replayHeaders(List.of(Map.entry("Content-Encoding", "identity"))).build();
        assertThat(plain.contentEncoding()).isEmpty();
        assertThat(plain.check(OTHER).outcome()).isEqualTo(CaptureCheck.MISMATCH);
    }

    @Test
    void aChunkedCaptureIsNotComparableButTheReplaysOwnChunkingDoesNotCount() {
        CaptureEvidence replayedChunked = CaptureEvidence.builder().archiveDigest(HELLO_SHA1)
                .replayHeaders(List.of(Map.entry("X-Archive-Orig-Transfer-Encoding", "chunked"))).build();
        assertThat(replayedChunked.chunked()).isTrue();
        assertThat(replayedChunked.check(OTHER).outcome()).isEqualTo(CaptureCheck.NOT_COMPARABLE);
        assertThat(replayedChunked.check(OTHER).explanation()).contains("chunked transfer coding");

        CaptureEvidence replayConnectionChunked = CaptureEvidence.builder().archiveDigest(HELLO_SHA1)
                .replayHeaders(List.of(Map.entry("Transfer-Encoding", "chunked"))).build();
        assertThat(replayConnectionChunked.chunked()).isFalse();
        assertThat(replayConnectionChunked.check(OTHER).outcome()).isEqualTo(CaptureCheck.MISMATCH);

        CaptureEvidence storedChunked = CaptureEvidence.builder().archiveDigest(HELLO_SHA1)
                .storedHeaders(List.of(Map.entry("Transfer-Encoding", "gzip, chunked"))).build();
        assertThat(storedChunked.chunked()).isTrue();
        assertThat(storedChunked.check(OTHER).outcome()).isEqualTo(CaptureCheck.NOT_COMPARABLE);
        assertThat(CaptureEvidence.builder().archiveDigest(HELLO_SHA1).chunked(true).build().check(HELLO).outcome())
                .isEqualTo(CaptureCheck.MATCH);
    }

    @Test
    void explicitFlagsAndValueSemantics() {
        CaptureEvidence a = CaptureEvidence.builder().archiveDigest(HELLO_SHA1).revisit(true).contentEncoding("gzip").build();
        assertThat(a.revisit()).isTrue();
        assertThat(a.contentEncoding()).contains("gzip");
        assertThat(a.archiveDigest()).contains(HELLO_SHA1);
        assertThat(a).isEqualTo(CaptureEvidence.builder().archiveDigest(HELLO_SHA1).revisit(true).contentEncoding("GZIP").build());
        assertThatThrownBy(() -> a.check(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CaptureCheckResult(CaptureCheck.MATCH, " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
