package dev.palimpsest.pdf.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.verify.EntryResult;
import dev.palimpsest.core.verify.EntryStatus;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.pdf.PdfVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attachments stored without a filter are digested in the same pass as the signed byte ranges
 * (on core's Hasher threads once they pass a few MiB); Flate attachments are decoded and
 * digested on their own. Both must give the digests of the attachment's decoded bytes, and a
 * change to either must show.
 */
class OnePassDigestTest {
    /** Above the Hasher's fan-out threshold (4 MiB), so the raw attachment is hashed on threads. */
    static final int LARGE = 6 * 1024 * 1024 + 12345;
    static final String RAW = "documents/scan.pdf";
    static final String SMALL_RAW = "documents/memo-2016.pdf";
    static final String FLATE = "statistics/requests.csv";

    @TempDir
    static Path dir;
    static Map<String, byte[]> files;
    static Path signed;

    @BeforeAll
    static void build() throws Exception {
        byte[] large = new byte[LARGE];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) random.nextInt(256);
        }
        // A marker to find the stored bytes in the file by.
        byte[] marker = RawPdf.bytes("%%MARKER-ONE-PASS%%");
        System.arraycopy(marker, 0, large, LARGE / 2, marker.length);
        files = new LinkedHashMap<>(TestPortfolios.files());
        files.put(RAW, large);
        signed = Pades.sign(TestPortfolios.portfolio(dir.resolve("unsigned.pdf"), files, TestPortfolios.SIGNER.identity()),
                dir.resolve("signed.pdf"), TestPortfolios.SIGNER.identity(), null);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static VerificationReport verify(Path p) throws Exception {
        return PdfVerifier.of(TestPortfolios.trust()).verify(p);
    }

    static EntryResult entry(VerificationReport r, String path) {
        return r.entries().stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    void rawAndFlateAttachmentsGetTheDigestsOfTheirDecodedBytes() throws Exception {
        VerificationReport r = verify(signed);
        assertThat(r.verdict()).as(PdfVerifierTest.errors(r)).isEqualTo(Verdict.TRUSTED);
        for (String path : new String[] {RAW, SMALL_RAW, FLATE}) {
            EntryResult e = entry(r, path);
            assertThat(e.status()).isEqualTo(EntryStatus.OK);
            for (DigestAlgorithm a : new DigestAlgorithm[] {DigestAlgorithm.SHA256, DigestAlgorithm.SHA512, DigestAlgorithm.MD5}) {
                assertThat(e.actual().get(a)).as(path + " " + a).isEqualTo(TestPortfolios.digest(a, files.get(path)));
            }
        }
    }

    @Test
    void aByteChangedInARawAttachmentShowsInTheSignatureAndTheEntry() throws Exception {
        byte[] pdf = Files.readAllBytes(signed);
        int at = indexOf(pdf, RawPdf.bytes("%%MARKER-ONE-PASS%%"));
        assertThat(at).isPositive();
        pdf[at + 2] = 'X';
        Path tampered = dir.resolve("tampered.pdf");
        Files.write(tampered, pdf);
        VerificationReport r = verify(tampered);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.has(ProblemCode.SIGNATURE_INVALID)).as(PdfVerifierTest.errors(r)).isTrue();
        assertThat(r.problems()).anyMatch(p -> p.code() == ProblemCode.FILE_MODIFIED && p.path().orElse("").equals(RAW));
        byte[] changed = files.get(RAW).clone();
        changed[indexOf(changed, RawPdf.bytes("%%MARKER-ONE-PASS%%")) + 2] = 'X';
        EntryResult e = entry(r, RAW);
        assertThat(e.status()).isEqualTo(EntryStatus.MODIFIED);
        assertThat(e.actual().get(DigestAlgorithm.SHA256)).isEqualTo(TestPortfolios.digest(DigestAlgorithm.SHA256, changed));
        assertThat(entry(r, FLATE).status()).isEqualTo(EntryStatus.OK);
    }
}
