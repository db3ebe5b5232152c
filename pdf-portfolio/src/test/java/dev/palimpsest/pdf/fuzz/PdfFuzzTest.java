package dev.palimpsest.pdf.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.ArchiveCollection;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.core.verify.SignatureKind;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.pdf.ContentSource;
import dev.palimpsest.pdf.PadesLevel;
import dev.palimpsest.pdf.PadesSigner;
import dev.palimpsest.pdf.PdfVerifier;
import dev.palimpsest.pdf.PortfolioBuilder;
import dev.palimpsest.pdf.PortfolioItem;
import dev.palimpsest.pdf.PortfolioMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link PdfVerifier} on arbitrary bytes, and on mutated copies of a small signed portfolio the
 * test builds once (PAdES B-B over a portfolio with a signed manifest, signer trusted).
 *
 * <p>{@code pdfBytes}: the input is the file (seeds: small PDFs in
 * {@code PdfFuzzTestInputs/pdfBytes}). {@code mutatedPortfolio}: byte 0 picks the operation
 * (0 overwrite, 1 insert, 2 delete, 3 truncate, 4 append, 5 overwrite just after an occurrence of
 * a PDF keyword picked by byte 1), bytes 2-5 the offset (big-endian, modulo the file's length; for
 * 5, which occurrence), bytes 6 on the data (for 2, its length is the number deleted).
 *
 * <p>Properties: {@code verify} returns a report for every input (its only documented exception
 * is for a file that cannot be read), which renders as JSON and text; and after a change to the
 * bytes the signature covers (outside the {@code /Contents} gap), an insertion or deletion before
 * the end, or a truncation, the verdict is {@code INVALID} or the report holds no valid PAdES
 * signature and names a problem (a truncation back into the unsigned first revision leaves a
 * portfolio whose signed manifest alone still vouches for the files).
 */
class PdfFuzzTest {
    private static final TestPki PKI = TestPki.create("Fuzz Root");
    private static final TestPki.Credential SIGNER = PKI.issue("Jane Archivist").build();
    private static final PdfVerifier VERIFIER = PdfVerifier.of(TrustPolicy.builder().anchor(PKI.root().certificate()).build());
    private static final List<String> KEYWORDS = List.of("/ByteRange", "/Contents", "/EmbeddedFiles", "/Names", "/Length",
            "startxref", "xref", "trailer", " obj", "endobj", "stream", "/Type", "/AF", "/Params", "/CheckSum", "/CI", "/Kids",
            "/Filter", "/SubFilter", "/Root");
    private static final Pattern BYTE_RANGE = Pattern.compile("/ByteRange\\s*\\[\\s*0\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*]");

    private static Path dir;
    private static byte[] signed;
    /** The /Contents gap, which the signature does not cover: [gapStart, gapEnd). */
    private static int gapStart;
    private static int gapEnd;

    @BeforeAll
    static void buildSignedPortfolio() throws Exception {
        dir = Files.createTempDirectory("palimpsest-fuzz-pdf");
        byte[] pdf = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                + "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        byte[] text = "Reading room notice\n".getBytes(StandardCharsets.UTF_8);
        Instant created = Instant.parse("2017-10-20T09:30:00Z");
        ManifestEntry memo = ManifestEntry.builder(ArchivePath.of("documents/memo.pdf")).collection("documents").size(pdf.length)
                .digest(digest(DigestAlgorithm.SHA256, pdf)).digest(digest(DigestAlgorithm.MD5, pdf))
                .capture(CaptureRecord.builder().originalUrl("https://www.agency.example/foia/memo.pdf")
                        .captureTime(Instant.parse("2017-03-04T05:06:07Z"))
                        .mementoUrl("https://web.archive.org/web/20170304050607/https://www.agency.example/foia/memo.pdf")
                        .check(CaptureCheck.MATCH).build())
                .build();
        ManifestEntry notice = ManifestEntry.builder(ArchivePath.of("documents/notice.txt")).collection("documents")
                .size(text.length).digest(digest(DigestAlgorithm.SHA256, text)).digest(digest(DigestAlgorithm.MD5, text)).build();
        ArchiveManifest manifest = ArchiveManifest.builder().title("Fuzz portfolio").creator("Jane Archivist").created(created)
                .collection(ArchiveCollection.builder().id("documents").title("Documents").build())
                .entry(memo).entry(notice).build();
        byte[] json = ManifestCodec.standard().toBytes(manifest);
        List<PortfolioItem> items = List.of(
                item(memo, pdf, "application/pdf").originalUrl("https://www.agency.example/foia/memo.pdf")
                        .captured(Instant.parse("2017-03-04T05:06:07Z"))
                        .mementoUrl("https://web.archive.org/web/20170304050607/https://www.agency.example/foia/memo.pdf")
                        .captureCheck(CaptureCheck.MATCH).build(),
                item(notice, text, "text/plain").build());
        Path unsigned = dir.resolve("unsigned.pdf");
        PortfolioBuilder.of(PortfolioMetadata.builder("Fuzz portfolio", created).creator("Jane Archivist").build(), json)
                .withItems(items).withManifestSignature(CmsSigner.builder(SIGNER.identity()).build().sign(json)).build(unsigned);
        Path out = dir.resolve("signed.pdf");
        PadesSigner.builder(SIGNER.identity()).level(PadesLevel.B_B).build().sign(unsigned, out);
        signed = Files.readAllBytes(out);
        Matcher m = BYTE_RANGE.matcher(new String(signed, StandardCharsets.ISO_8859_1));
        assertThat(m.find()).as("the signed portfolio has a /ByteRange").isTrue();
        gapStart = Integer.parseInt(m.group(1));
        gapEnd = Integer.parseInt(m.group(2));
        assertThat(Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(3))).isEqualTo(signed.length);
        VerificationReport base = VERIFIER.verify(out);
        assertThat(base.verdict()).as(base.toText()).isEqualTo(Verdict.TRUSTED);
    }

    private static PortfolioItem.Builder item(ManifestEntry entry, byte[] content, String mediaType) {
        PortfolioItem.Builder item = PortfolioItem.builder(entry.path().toString()).size(content.length).sha256(entry.sha256())
                .mediaType(mediaType).content(ContentSource.ofBytes(content));
        entry.collection().ifPresent(item::collection);
        entry.digest(DigestAlgorithm.MD5).ifPresent(item::md5);
        return item;
    }

    private static DigestValue digest(DigestAlgorithm algorithm, byte[] bytes) {
        return DigestValue.of(algorithm, algorithm.newMessageDigest().digest(bytes));
    }

    @AfterAll
    static void cleanUp() {
        deleteTree(dir);
    }

    @FuzzTest(maxDuration = "60s")
    void pdfBytes(byte[] pdf) throws IOException {
        verify(pdf);
    }

    @FuzzTest(maxDuration = "60s")
    void mutatedPortfolio(byte[] mutation) throws IOException {
        if (mutation.length < 6) {
            return;
        }
        int op = Byte.toUnsignedInt(mutation[0]) % 6;
        int number = (int) (((long) Byte.toUnsignedInt(mutation[2]) << 24 | Byte.toUnsignedInt(mutation[3]) << 16
                | Byte.toUnsignedInt(mutation[4]) << 8 | Byte.toUnsignedInt(mutation[5])) & 0x7fffffff);
        byte[] data = Arrays.copyOfRange(mutation, 6, mutation.length);
        int offset = number % signed.length;
        byte[] changed;
        boolean mustBeInvalid;
        switch (op) {
            case 0, 5 -> {
                if (op == 5) {
                    offset = occurrence(KEYWORDS.get(Byte.toUnsignedInt(mutation[1]) % KEYWORDS.size()), number);
                }
                changed = signed.clone();
                int n = Math.min(data.length, changed.length - offset);
                System.arraycopy(data, 0, changed, offset, n);
                mustBeInvalid = false;
                for (int i = offset; i < offset + n; i++) {
                    mustBeInvalid |= changed[i] != signed[i] && (i < gapStart || i >= gapEnd);
                }
            }
            case 1 -> {
                changed = new byte[signed.length + data.length];
                System.arraycopy(signed, 0, changed, 0, offset);
                System.arraycopy(data, 0, changed, offset, data.length);
                System.arraycopy(signed, offset, changed, offset + data.length, signed.length - offset);
                mustBeInvalid = data.length > 0;
            }
            case 2 -> {
                int n = Math.min(data.length, signed.length - offset);
                changed = new byte[signed.length - n];
                System.arraycopy(signed, 0, changed, 0, offset);
                System.arraycopy(signed, offset + n, changed, offset, signed.length - offset - n);
                mustBeInvalid = n > 0;
            }
            case 3 -> {
                changed = Arrays.copyOf(signed, offset);
                mustBeInvalid = true;
            }
            default -> {
                changed = Arrays.copyOf(signed, signed.length + data.length);
                System.arraycopy(data, 0, changed, signed.length, data.length);
                mustBeInvalid = false;
            }
        }
        VerificationReport report = verify(changed);
        if (mustBeInvalid) {
            // The portfolio's manifest signature still vouches for the files when the PDF signature is
            // cut off (truncation back into the first revision), so the verdict may stay TRUSTED; but
            // the PDF signature must not verify over altered bytes, and the report must say so.
            boolean padesValid = report.signatures().stream().anyMatch(s -> s.kind() == SignatureKind.PADES && s.valid());
            assertThat(report.verdict() == Verdict.INVALID || (!padesValid && !report.problems().isEmpty()))
                    .as("operation %d at %d:%n%s", op, offset, report.toText()).isTrue();
        }
    }

    /** The offset just after the n-th (modulo their count) occurrence of {@code keyword}, or 0. */
    private static int occurrence(String keyword, int n) {
        String text = new String(signed, StandardCharsets.ISO_8859_1);
        int count = 0;
        for (int at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) {
            count++;
        }
        if (count == 0) {
            return 0;
        }
        int at = text.indexOf(keyword);
        for (int i = n % count; i > 0; i--) {
            at = text.indexOf(keyword, at + 1);
        }
        return Math.min(at + keyword.length(), signed.length - 1);
    }

    private static VerificationReport verify(byte[] pdf) throws IOException {
        Path file = Files.createTempFile(dir, "fuzz", ".pdf");
        try {
            Files.write(file, pdf);
            VerificationReport report = VERIFIER.verify(file);
            assertThat(report.toJson()).isNotEmpty();
            assertThat(report.toText()).isNotEmpty();
            return report;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
