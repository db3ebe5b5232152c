package dev.palimpsest.core.bag;

import static dev.palimpsest.core.verify.ProblemCode.BAGIT_DECLARATION_INVALID;
import static dev.palimpsest.core.verify.ProblemCode.BAGIT_DECLARATION_MISSING;
import static dev.palimpsest.core.verify.ProblemCode.BAGIT_VERSION_UNSUPPORTED;
import static dev.palimpsest.core.verify.ProblemCode.FETCH_ITEM_NOT_PRESENT;
import static dev.palimpsest.core.verify.ProblemCode.FETCH_LINE_MALFORMED;
import static dev.palimpsest.core.verify.ProblemCode.FILE_MISSING;
import static dev.palimpsest.core.verify.ProblemCode.FILE_MODIFIED;
import static dev.palimpsest.core.verify.ProblemCode.FILE_NOT_IN_MANIFEST;
import static dev.palimpsest.core.verify.ProblemCode.FILE_NOT_REGULAR;
import static dev.palimpsest.core.verify.ProblemCode.FORMAT_UNRECOGNISED;
import static dev.palimpsest.core.verify.ProblemCode.MANIFEST_ALGORITHM_UNSUPPORTED;
import static dev.palimpsest.core.verify.ProblemCode.MANIFEST_DUPLICATE_ENTRY;
import static dev.palimpsest.core.verify.ProblemCode.MANIFEST_LINE_MALFORMED;
import static dev.palimpsest.core.verify.ProblemCode.MANIFEST_MISSING;
import static dev.palimpsest.core.verify.ProblemCode.PATH_COLLISION;
import static dev.palimpsest.core.verify.ProblemCode.PATH_NORMALISED;
import static dev.palimpsest.core.verify.ProblemCode.PATH_OUTSIDE_PAYLOAD;
import static dev.palimpsest.core.verify.ProblemCode.PATH_UNSAFE;
import static dev.palimpsest.core.verify.ProblemCode.PAYLOAD_DIRECTORY_MISSING;
import static dev.palimpsest.core.verify.ProblemCode.PAYLOAD_OXUM_MALFORMED;
import static dev.palimpsest.core.verify.ProblemCode.PAYLOAD_OXUM_MISMATCH;
import static dev.palimpsest.core.verify.ProblemCode.PAYLOAD_OXUM_MISSING;
import static dev.palimpsest.core.verify.ProblemCode.SYSTEM_FILE;
import static dev.palimpsest.core.verify.ProblemCode.SYSTEM_FILE_MISSING;
import static dev.palimpsest.core.verify.ProblemCode.TAG_FILE_ENCODING;
import static dev.palimpsest.core.verify.ProblemCode.TAG_FILE_MALFORMED;
import static dev.palimpsest.core.verify.ProblemCode.TAG_FILE_MISSING;
import static dev.palimpsest.core.verify.ProblemCode.TAG_FILE_MODIFIED;
import static dev.palimpsest.core.verify.ProblemCode.TAG_FILE_TOO_LARGE;
import static dev.palimpsest.core.verify.ProblemCode.WEAK_ALGORITHM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.verify.EntryResult;
import dev.palimpsest.core.verify.EntryStatus;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Severity;
import dev.palimpsest.core.verify.VerificationException;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.verify.Verdict;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bags in folders, built in a temporary directory and then damaged one way at a time. */
class BagVerifierTest {
    /** NIST FIPS 180-2 example: SHA-256("abc"). */
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    /** NIST FIPS 180-2 example: SHA-512("abc"). */
    private static final String ABC_SHA512 = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

    private static final BagVerifier VERIFIER = BagVerifier.builder().build();

    @TempDir
    Path tmp;

    private TestBag bag() {
        return TestBag.in(tmp.resolve("bag")).file("abc.txt", "abc").file("dir/letter.txt", "Dear reader,\n");
    }

    private static VerificationReport verify(Path bag) throws IOException {
        return VERIFIER.verify(bag);
    }

    private static List<ProblemCode> codes(VerificationReport report) {
        return report.problems().stream().map(Problem::code).collect(Collectors.toList());
    }

    private static EntryResult entry(VerificationReport report, String path) {
        return report.entries().stream().filter(e -> e.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + path + " in " + report.entries()));
    }

    // --- intact bags --------------------------------------------------------------------------

    @Test
    void anIntactBagIsValidWithoutAnyProblem() throws IOException {
        VerificationReport report = verify(bag().write());
        assertThat(report.problems()).isEmpty();
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(report.format().label()).isEqualTo("bagit");
        assertThat(report.entries()).extracting(EntryResult::path).containsExactly("data/abc.txt", "data/dir/letter.txt");
        assertThat(report.entries()).extracting(EntryResult::status).containsOnly(EntryStatus.OK);
    }

    @Test
    void entriesCarryTheDigestsComputedForEveryManifestAlgorithm() throws IOException {
        EntryResult abc = entry(verify(bag().write()), "data/abc.txt");
        assertThat(abc.actual().get(DigestAlgorithm.SHA256).hex()).isEqualTo(ABC_SHA256);
        assertThat(abc.actual().get(DigestAlgorithm.SHA512).hex()).isEqualTo(ABC_SHA512);
        assertThat(abc.expected()).isEqualTo(abc.actual());
    }

    @Test
    void theJsonReportSaysBagit() throws IOException {
        JsonNode json = new ObjectMapper().readTree(verify(bag().write()).toJson());
        assertThat(json.get("format").asText()).isEqualTo("bagit");
        assertThat(json.get("verdict").asText()).isEqualTo("VALID");
        assertThat(json.get("entries")).hasSize(2);
    }

    @Test
    void verifyOrThrowReturnsTheReportOfAValidBag() throws Exception {
        assertThat(VERIFIER.verifyOrThrow(bag().write()).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void sha224ManifestsAreChecked() throws IOException {
        Path bag = bag().algorithms("sha224").tagAlgorithms("sha224").write();
        assertThat(verify(bag).problems()).isEmpty();
        Files.writeString(bag.resolve("data/abc.txt"), "abd");
        assertThat(codes(verify(bag))).contains(FILE_MODIFIED);
    }

    // --- tampering ----------------------------------------------------------------------------

    @Test
    void aFlippedByteIsFileModifiedWithBothDigests() throws IOException {
        Path bag = bag().write();
        Files.writeString(bag.resolve("data/abc.txt"), "abd");
        VerificationReport report = verify(bag);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        // one problem per manifest whose digest fails: sha256 and sha512
        assertThat(report.problems(FILE_MODIFIED)).hasSize(2).allSatisfy(p -> {
            assertThat(p.path()).contains("data/abc.txt");
            assertThat(p.message()).contains("manifest-sha");
        });
        assertThat(report.problems(FILE_MODIFIED)).anySatisfy(p -> {
            assertThat(p.expected()).contains(ABC_SHA256);
            assertThat(p.actual()).contains(TestBag.hex("sha256", "abd"));
        });
        assertThat(entry(report, "data/abc.txt").status()).isEqualTo(EntryStatus.MODIFIED);
        assertThat(entry(report, "data/dir/letter.txt").status()).isEqualTo(EntryStatus.OK);
        assertThat(codes(report)).doesNotContain(PAYLOAD_OXUM_MISMATCH);
    }

    @Test
    void aTruncatedFileIsModifiedAndBreaksThePayloadOxum() throws IOException {
        Path bag = bag().write();
        Files.writeString(bag.resolve("data/abc.txt"), "ab");
        VerificationReport report = verify(bag);
        assertThat(codes(report)).contains(FILE_MODIFIED, PAYLOAD_OXUM_MISMATCH);
        assertThat(report.problems(PAYLOAD_OXUM_MISMATCH).get(0).expected()).contains("16.2");
        assertThat(report.problems(PAYLOAD_OXUM_MISMATCH).get(0).actual()).contains("15.2");
    }

    @Test
    void aRemovedFileIsMissing() throws IOException {
        Path bag = bag().write();
        Files.delete(bag.resolve("data/dir/letter.txt"));
        VerificationReport report = verify(bag);
        assertThat(report.problems(FILE_MISSING)).singleElement()
                .satisfies(p -> assertThat(p.path()).contains("data/dir/letter.txt"));
        assertThat(entry(report, "data/dir/letter.txt").status()).isEqualTo(EntryStatus.MISSING);
        assertThat(entry(report, "data/dir/letter.txt").expected()).containsKeys(DigestAlgorithm.SHA256,
                DigestAlgorithm.SHA512);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void anAddedFileIsNotInTheManifest() throws IOException {
        Path bag = bag().write();
        Files.writeString(bag.resolve("data/dir/intruder.txt"), "not bagged");
        VerificationReport report = verify(bag);
        assertThat(report.problems(FILE_NOT_IN_MANIFEST)).singleElement()
                .satisfies(p -> assertThat(p.path()).contains("data/dir/intruder.txt"));
        assertThat(entry(report, "data/dir/intruder.txt").status()).isEqualTo(EntryStatus.EXTRA);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aFileMissingFromOneManifestIsNamedWithThatManifest() throws IOException {
        Path bag = bag().write();
        List<String> lines = TestBag.lines(bag.resolve("manifest-sha512.txt"));
        lines.removeIf(l -> l.endsWith("data/abc.txt"));
        Files.write(bag.resolve("manifest-sha512.txt"), lines);
        TestBag.writeTagManifests(bag, StandardCharsets.UTF_8, "sha256");
        VerificationReport report = verify(bag);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(FILE_NOT_IN_MANIFEST);
            assertThat(p.message()).contains("manifest-sha512.txt");
        });
    }

    @Test
    void anEditedTagFileIsTagFileModified() throws IOException {
        Path bag = bag().write();
        TestBag.append(bag.resolve("bag-info.txt"), "Contact-Name: Mallory\n");
        VerificationReport report = verify(bag);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(TAG_FILE_MODIFIED);
            assertThat(p.path()).contains("bag-info.txt");
        });
    }

    @Test
    void aTagFileListedButAbsentIsTagFileMissing() throws IOException {
        Path bag = bag().write();
        Files.delete(bag.resolve("bag-info.txt"));
        VerificationReport report = verify(bag);
        assertThat(codes(report)).contains(TAG_FILE_MISSING, PAYLOAD_OXUM_MISSING);
    }

    @Test
    void everyProblemIsCollectedNotJustTheFirst() throws IOException {
        Path bag = bag().file("third.txt", "3").write();
        Files.writeString(bag.resolve("data/abc.txt"), "abd");
        Files.delete(bag.resolve("data/third.txt"));
        Files.writeString(bag.resolve("data/extra.txt"), "x");
        TestBag.append(bag.resolve("bag-info.txt"), "X: y\n");
        assertThat(codes(verify(bag))).contains(FILE_MODIFIED, FILE_MISSING, FILE_NOT_IN_MANIFEST, TAG_FILE_MODIFIED);
    }

    @Test
    void verifyOrThrowThrowsWithTheReportAndNamesTheError() throws IOException {
        Path bag = bag().write();
        Files.delete(bag.resolve("data/abc.txt"));
        assertThatThrownBy(() -> VERIFIER.verifyOrThrow(bag)).isInstanceOf(VerificationException.class)
                .hasMessageContaining("FILE_MISSING data/abc.txt")
                .satisfies(e -> assertThat(((VerificationException) e).report().verdict()).isEqualTo(Verdict.INVALID));
    }

    // --- manifests ----------------------------------------------------------------------------

    @Test
    void aManifestLineForADirectoryIsNotARegularFile() throws IOException {
        Path bag = bag().write();
        TestBag.append(bag.resolve("manifest-sha256.txt"), TestBag.hex("sha256", "") + "  data/dir\n");
        VerificationReport report = verify(bag);
        assertThat(report.problems(FILE_NOT_REGULAR)).singleElement().satisfies(p -> {
            assertThat(p.path()).contains("data/dir");
            assertThat(p.message()).contains("directory");
        });
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aDuplicatedLineIsAnErrorInBagIt10() throws IOException {
        Path bag = bag().tagAlgorithms().write();
        TestBag.append(bag.resolve("manifest-sha256.txt"), ABC_SHA256 + "  data/abc.txt\n");
        VerificationReport report = verify(bag);
        assertThat(report.problems(MANIFEST_DUPLICATE_ENTRY)).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
            assertThat(p.message()).contains("lines 1 and 3");
        });
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aDuplicatedIdenticalLineIsOnlyAWarningBeforeBagIt10() throws IOException {
        Path bag = bag().version("0.97").tagAlgorithms().write();
        TestBag.append(bag.resolve("manifest-sha256.txt"), ABC_SHA256 + "  data/abc.txt\n");
        VerificationReport report = verify(bag);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(MANIFEST_DUPLICATE_ENTRY);
            assertThat(p.severity()).isEqualTo(Severity.WARNING);
        });
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aDuplicatedLineWithAnotherDigestIsAlwaysAnError() throws IOException {
        Path bag = bag().version("0.97").tagAlgorithms().write();
        TestBag.append(bag.resolve("manifest-sha256.txt"), "00".repeat(32) + "  data/abc.txt\n");
        VerificationReport report = verify(bag);
        assertThat(report.problems(MANIFEST_DUPLICATE_ENTRY)).singleElement()
                .satisfies(p -> assertThat(p.severity()).isEqualTo(Severity.ERROR));
        assertThat(codes(report)).contains(FILE_MODIFIED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside.txt", "data/../../outside.txt", "/etc/passwd", "~/outside.txt",
        "~root/outside.txt", "\\\\server\\share\\outside.txt", "//server/share/outside.txt", "C:/outside.txt",
        "C:\\Windows\\outside.txt", "data\\..\\..\\outside.txt"})
    void aManifestPathEscapingTheBagIsUnsafeAndNeverRead(String path) throws IOException {
        Files.writeString(tmp.resolve("outside.txt"), "abc");
        Path bag = bag().tagAlgorithms().write();
        TestBag.append(bag.resolve("manifest-sha256.txt"), ABC_SHA256 + "  " + path + "\n");
        VerificationReport report = verify(bag);
        assertThat(report.problems(PATH_UNSAFE)).singleElement().satisfies(p -> {
            assertThat(p.path()).contains("manifest-sha256.txt");
            assertThat(p.message()).contains("line 3");
            assertThat(p.actual()).contains(path);
        });
        assertThat(report.entries()).extracting(EntryResult::path).containsExactly("data/abc.txt", "data/dir/letter.txt");
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside.txt", "/tmp/outside.txt", "~/outside.txt", "C:\\outside.txt",
        "\\\\server\\outside.txt"})
    void aFetchPathEscapingTheBagIsUnsafe(String path) throws IOException {
        Path bag = bag().tagAlgorithms().write();
        Files.writeString(bag.resolve("fetch.txt"), "https://example.org/x - " + path + "\r\n");
        VerificationReport report = verify(bag);
        assertThat(report.problems(PATH_UNSAFE)).singleElement().satisfies(p -> {
            assertThat(p.path()).contains("fetch.txt");
            assertThat(p.actual()).contains(path);
        });
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aPayloadManifestListingATagFileIsOutsideThePayload() throws IOException {
        Path bag = bag().tagAlgorithms().write();
        TestBag.append(bag.resolve("manifest-sha256.txt"),
                TestBag.hex("sha256", Files.readAllBytes(bag.resolve("bagit.txt"))) + "  bagit.txt\n");
        assertThat(codes(verify(bag))).containsExactly(PATH_OUTSIDE_PAYLOAD);
    }

    @Test
    void aLeadingDotSlashIsAcceptedWithAWarning() throws IOException {
        Path bag = bag().tagAlgorithms().write();
        List<String> lines = TestBag.lines(bag.resolve("manifest-sha256.txt"));
        lines.replaceAll(l -> l.replace("  data/abc.txt", "  ./data/abc.txt"));
        Files.write(bag.resolve("manifest-sha256.txt"), lines);
        VerificationReport report = verify(bag);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(PATH_NORMALISED);
            assertThat(p.path()).contains("data/abc.txt");
        });
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(entry(report, "data/abc.txt").status()).isEqualTo(EntryStatus.OK);
    }

    @Test
    void anMd5sumBinaryMarkerIsAcceptedWithAWarning() throws IOException {
        Path bag = bag().tagAlgorithms().write();
        List<String> lines = TestBag.lines(bag.resolve("manifest-sha256.txt"));
        lines.replaceAll(l -> l.replace("  data/", " *data/"));
        Files.write(bag.resolve("manifest-sha256.txt"), lines);
        VerificationReport report = verify(bag);
        assertThat(codes(report)).containsOnly(PATH_NORMALISED).hasSize(2);
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aMalformedManifestLineIsReportedWithItsLineNumber() throws IOException {
        Path bag = bag().tagAlgorithms().write();
        TestBag.append(bag.resolve("manifest-sha256.txt"), "justonetoken\n" + "abc123  data/abc.txt\n");
        VerificationReport report = verify(bag);
        assertThat(report.problems(MANIFEST_LINE_MALFORMED)).hasSize(2)
                .anySatisfy(p -> assertThat(p.message()).contains("line 3"))
                .anySatisfy(p -> assertThat(p.message()).contains("line 4").contains("64 hex digits"));
    }

    @Test
    void onlyMd5GivesAWeakAlgorithmWarning() throws IOException {
        VerificationReport report = verify(bag().algorithms("md5").tagAlgorithms("md5").write());
        assertThat(codes(report)).containsExactly(WEAK_ALGORITHM);
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void md5BesideSha256IsNotWeak() throws IOException {
        assertThat(verify(bag().algorithms("md5", "sha256").write()).problems()).isEmpty();
    }

    @Test
    void anUnsupportedAlgorithmIsAWarningWhenAnotherManifestIsChecked() throws IOException {
        Path bag = bag().tagAlgorithms().write();
        Files.writeString(bag.resolve("manifest-whirlpool.txt"), "ab".repeat(64) + "  data/abc.txt\n"
                + "ab".repeat(64) + "  data/dir/letter.txt\n");
        VerificationReport report = verify(bag);
        assertThat(codes(report)).containsExactly(MANIFEST_ALGORITHM_UNSUPPORTED);
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void onlyUnsupportedAlgorithmsMeanNoManifest() throws IOException {
        Path bag = bag().algorithms().tagAlgorithms().write();
        Files.writeString(bag.resolve("manifest-whirlpool.txt"), "ab".repeat(64) + "  data/abc.txt\n"
                + "ab".repeat(64) + "  data/dir/letter.txt\n");
        assertThat(codes(verify(bag))).contains(MANIFEST_ALGORITHM_UNSUPPORTED, MANIFEST_MISSING);
    }

    @Test
    void noManifestAtAll() throws IOException {
        VerificationReport report = verify(bag().algorithms().tagAlgorithms().write());
        assertThat(codes(report)).containsExactly(MANIFEST_MISSING);
        assertThat(report.entries()).extracting(EntryResult::status).containsOnly(EntryStatus.EXTRA);
    }

    // --- bagit.txt and tag files ----------------------------------------------------------------

    @Test
    void noBagitTxt() throws IOException {
        Path bag = bag().tagAlgorithms().write();
        Files.delete(bag.resolve("bagit.txt"));
        assertThat(codes(verify(bag))).containsExactly(BAGIT_DECLARATION_MISSING);
    }

    @Test
    void aByteOrderMarkInBagitTxtIsInvalid() throws IOException {
        Path bag = bag().tagAlgorithms().write();
        byte[] text = Files.readAllBytes(bag.resolve("bagit.txt"));
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Files.write(bag.resolve("bagit.txt"), withBom);
        assertThat(verify(bag).problems(BAGIT_DECLARATION_INVALID)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("byte-order mark"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BagIt-Version : 1.0\nTag-File-Character-Encoding: UTF-8\n",
        "BagIt-Version: 1.0\n", "BagIt-Version: .97\nTag-File-Character-Encoding: UTF-8\n",
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\nExtra: line\n", "Hello\n",
        "BagIt-Version: 99999999999.0\nTag-File-Character-Encoding: UTF-8\n"})
    void aMalformedBagitTxtIsInvalid(String text) throws IOException {
        Path bag = bag().tagAlgorithms().write();
        Files.writeString(bag.resolve("bagit.txt"), text);
        VerificationReport report = verify(bag);
        assertThat(codes(report)).contains(BAGIT_DECLARATION_INVALID);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void anUnknownVersionIsUnsupported() throws IOException {
        Path bag = bag().version("2.0").tagAlgorithms().write();
        assertThat(codes(verify(bag))).containsExactly(BAGIT_VERSION_UNSUPPORTED);
    }

    @Test
    void bagitTxtWithoutAFinalNewlineOrWithCrlfIsFine() throws IOException {
        Path bag = bag().tagAlgorithms().write();
        Files.writeString(bag.resolve("bagit.txt"), "BagIt-Version: 0.97\r\nTag-File-Character-Encoding: UTF-8");
        assertThat(verify(bag).problems()).isEmpty();
    }

    @Test
    void isoLatin1TagFilesAreDecodedAsDeclared() throws IOException {
        Path bag = bag().file("café.txt", "crème").encoding(StandardCharsets.ISO_8859_1)
                .info("Contact-Name", "Renée Éluard").write();
        assertThat(bag.resolve("manifest-sha256.txt")).content(StandardCharsets.ISO_8859_1).contains("café");
        VerificationReport report = verify(bag);
        assertThat(report.problems()).isEmpty();
        assertThat(entry(report, "data/café.txt").status()).isEqualTo(EntryStatus.OK);
    }

    @Test
    void utf16TagFilesWithAByteOrderMarkAreDecoded() throws IOException {
        Path bag = bag().file("naïve.txt", "x").encoding(StandardCharsets.UTF_16).write();
        assertThat(Files.readAllBytes(bag.resolve("manifest-sha256.txt"))).startsWith((byte) 0xFE, (byte) 0xFF);
        VerificationReport report = verify(bag);
        assertThat(report.problems()).isEmpty();
        assertThat(entry(report, "data/naïve.txt").status()).isEqualTo(EntryStatus.OK);
    }

    @Test
    void anUnknownEncodingIsReported() throws IOException {
        Path bag = bag().tagAlgorithms().write();
        Files.writeString(bag.resolve("bagit.txt"), "BagIt-Version: 1.0\nTag-File-Character-Encoding: X-NO-SUCH\n");
        assertThat(codes(verify(bag))).containsExactly(TAG_FILE_ENCODING);
    }

    @Test
    void aTagFileThatDoesNotDecodeIsReportedWithItsLine() throws IOException {
        Path bag = bag().tagAlgorithms().write();
        TestBag.append(bag.resolve("bag-info.txt"), "Contact-Name: Ren\u00e9e\n"); // Latin-1 é in a UTF-8 bag
        assertThat(verify(bag).problems(TAG_FILE_ENCODING)).singleElement().satisfies(p -> {
            assertThat(p.path()).contains("bag-info.txt");
            assertThat(p.message()).contains("line 3").contains("UTF-8");
        });
    }

    @Test
    void aMalformedBagInfoLineIsReported() throws IOException {
        Path bag = bag().tagAlgorithms().write();
        TestBag.append(bag.resolve("bag-info.txt"), "no colon here\n");
        assertThat(verify(bag).problems(TAG_FILE_MALFORMED)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("line 3"));
    }

    @Test
    void continuationLinesAndSpacesAroundTheColonAreAccepted() throws IOException {
        Path bag = bag().tagAlgorithms().write();
        Files.writeString(bag.resolve("bag-info.txt"), "External-Description: first part\n   second part\n"
                + "Test-Tag   :   5\nPayload-Oxum: 16.2\n");
        assertThat(verify(bag).problems()).isEmpty();
    }

    @Test
    void aHugeBagInfoIsNeverRead() throws IOException {
        Path bag = bag().write();
        try (RandomAccessFile f = new RandomAccessFile(bag.resolve("bag-info.txt").toFile(), "rw")) {
            f.setLength(10L << 30); // 10 GiB, sparse: only its size is real
        }
        long start = System.nanoTime();
        VerificationReport report = verify(bag);
        assertThat(System.nanoTime() - start).as("nanoseconds").isLessThan(5_000_000_000L);
        assertThat(report.problems(TAG_FILE_TOO_LARGE)).singleElement().satisfies(p -> {
            assertThat(p.path()).contains("bag-info.txt");
            assertThat(p.message()).contains("10737418240 bytes").contains("1048576");
        });
        // listed in the tag manifest, but too large to hash: reported once, as too large
        assertThat(codes(report)).doesNotContain(TAG_FILE_MODIFIED);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void theTagFileLimitIsConfigurable() throws IOException {
        Path bag = bag().write();
        BagVerifier strict = BagVerifier.builder().maxTagFileBytes(10).build();
        assertThat(strict.verify(bag).problems(TAG_FILE_TOO_LARGE)).extracting(p -> p.path().orElseThrow())
                .containsExactlyInAnyOrder("bagit.txt", "bag-info.txt");
        BagVerifier smallManifests = BagVerifier.builder().maxManifestBytes(10).build();
        assertThat(smallManifests.verify(bag).problems(TAG_FILE_TOO_LARGE)).extracting(p -> p.path().orElseThrow())
                .containsExactlyInAnyOrder("manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt");
    }

    // --- Payload-Oxum ---------------------------------------------------------------------------

    @Test
    void aMissingPayloadOxumIsAWarning() throws IOException {
        VerificationReport report = verify(bag().noOxum().write());
        assertThat(codes(report)).containsExactly(PAYLOAD_OXUM_MISSING);
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aMalformedPayloadOxumIsAnError() throws IOException {
        VerificationReport report = verify(bag().noOxum().info("Payload-Oxum", "16 bytes").tagAlgorithms().write());
        assertThat(codes(report)).containsExactly(PAYLOAD_OXUM_MALFORMED);
    }

    // --- paths ---------------------------------------------------------------------------------

    @Test
    void percentEncodedLineBreaksAndPercentSignsAreDecodedInBagIt10() throws IOException {
        Path bag = bag().file("two\nlines.txt", "a").file("100%.txt", "b").file("%7Etilde.txt", "c").write();
        assertThat(bag.resolve("manifest-sha256.txt")).content().contains("data/two%0Alines.txt")
                .contains("data/100%25.txt").contains("data/%257Etilde.txt");
        VerificationReport report = verify(bag);
        assertThat(report.problems()).isEmpty();
        assertThat(report.entries()).extracting(EntryResult::path).contains("data/two\nlines.txt", "data/100%.txt",
                "data/%7Etilde.txt");
    }

    @Test
    void beforeBagIt097PercentSignsAreLiteral() throws IOException {
        Path bag = bag().version("0.96").tagAlgorithms().noOxum().write();
        Files.writeString(bag.resolve("data/100%25.txt"), "literal");
        TestBag.append(bag.resolve("manifest-sha256.txt"), TestBag.hex("sha256", "literal") + "  data/100%25.txt\n");
        TestBag.append(bag.resolve("manifest-sha512.txt"), TestBag.hex("sha512", "literal") + "  data/100%25.txt\n");
        VerificationReport report = verify(bag);
        assertThat(codes(report)).containsOnly(PAYLOAD_OXUM_MISSING);
        assertThat(entry(report, "data/100%25.txt").status()).isEqualTo(EntryStatus.OK);
    }

    @Test
    void aNameInAnotherUnicodeFormMatchesWithAWarning() throws IOException {
        String nfc = Normalizer.normalize("Núñez.txt", Normalizer.Form.NFC);
        String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
        Path bag = bag().file(nfc, "x").tagAlgorithms().write();
        for (String m : List.of("manifest-sha256.txt", "manifest-sha512.txt")) {
            Files.writeString(bag.resolve(m), Files.readString(bag.resolve(m)).replace(nfc, nfd));
        }
        VerificationReport report = verify(bag);
        assertThat(codes(report)).containsOnly(PATH_NORMALISED);
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(entry(report, "data/" + nfc).status()).isEqualTo(EntryStatus.OK);
    }

    @Test
    void namesDifferingOnlyInCaseWithOneDigestAreAWarning() throws IOException {
        Path bag = bag().tagAlgorithms().write();
        TestBag.append(bag.resolve("manifest-sha256.txt"), ABC_SHA256 + "  data/ABC.txt\n");
        TestBag.append(bag.resolve("manifest-sha512.txt"), ABC_SHA512 + "  data/ABC.txt\n");
        VerificationReport report = verify(bag);
        assertThat(codes(report)).containsOnly(PATH_COLLISION);
        assertThat(report.problems(PATH_COLLISION).get(0).message()).contains("letter case");
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void namesDifferingOnlyInCaseWithDifferentDigestsAreTwoFiles() throws IOException {
        Path bag = bag().tagAlgorithms().write();
        TestBag.append(bag.resolve("manifest-sha256.txt"), TestBag.hex("sha256", "ABC") + "  data/ABC.txt\n");
        VerificationReport report = verify(bag);
        assertThat(codes(report)).contains(PATH_COLLISION, FILE_MISSING);
    }

    @Test
    void aSymbolicLinkIsReportedAndNeverFollowed() throws IOException {
        Files.writeString(tmp.resolve("outside.txt"), "abc"); // the very bytes the manifest expects
        Path bag = bag().tagAlgorithms().write();
        Files.delete(bag.resolve("data/abc.txt"));
        Files.createSymbolicLink(bag.resolve("data/abc.txt"), tmp.resolve("outside.txt"));
        Files.createSymbolicLink(bag.resolve("data/linked-dir"), tmp);
        VerificationReport report = verify(bag);
        assertThat(report.problems(FILE_NOT_REGULAR)).extracting(p -> p.path().orElseThrow())
                .containsExactlyInAnyOrder("data/abc.txt", "data/linked-dir");
        assertThat(report.problems(FILE_NOT_REGULAR).get(0).message()).contains("symbolic link");
        assertThat(report.entries()).noneMatch(e -> e.path().equals("data/abc.txt") && e.status() == EntryStatus.OK);
        assertThat(report.entries()).noneMatch(e -> e.path().startsWith("data/linked-dir/"));
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void noPayloadDirectory() throws IOException {
        Path bag = bag().algorithms().tagAlgorithms().noOxum().write();
        Files.delete(bag.resolve("data/abc.txt"));
        Files.delete(bag.resolve("data/dir/letter.txt"));
        Files.delete(bag.resolve("data/dir"));
        Files.delete(bag.resolve("data"));
        assertThat(codes(verify(bag))).contains(PAYLOAD_DIRECTORY_MISSING);
    }

    // --- system files ----------------------------------------------------------------------------

    @Test
    void anUnlistedSystemFileIsOnlyAWarning() throws IOException {
        Path bag = bag().write();
        Files.writeString(bag.resolve("data/dir/.DS_Store"), "finder state");
        VerificationReport report = verify(bag);
        assertThat(codes(report)).containsExactlyInAnyOrder(SYSTEM_FILE, PAYLOAD_OXUM_MISMATCH);
        assertThat(report.problems(PAYLOAD_OXUM_MISMATCH).get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aListedSystemFileThatVanishedIsOnlyAWarning() throws IOException {
        Path bag = bag().file("Thumbs.db", "thumbnails").write();
        Files.delete(bag.resolve("data/Thumbs.db"));
        VerificationReport report = verify(bag);
        assertThat(codes(report)).containsExactlyInAnyOrder(SYSTEM_FILE_MISSING, PAYLOAD_OXUM_MISMATCH);
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aListedSystemFileIsAWarning() throws IOException {
        VerificationReport report = verify(bag().file("desktop.ini", "[.ShellClassInfo]").write());
        assertThat(codes(report)).containsExactly(SYSTEM_FILE);
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    }

    // --- fetch.txt ------------------------------------------------------------------------------

    @Test
    void aHoleyBagWithEveryItemFetchedIsValid() throws IOException {
        Path bag = bag().tagAlgorithms().write();
        Files.writeString(bag.resolve("fetch.txt"), "https://example.org/abc.txt 3 data/abc.txt\r\n"
                + "https://example.org/letter.txt - data/dir/letter.txt\r\n");
        assertThat(verify(bag).problems()).isEmpty();
    }

    @Test
    void anItemNotYetFetchedIsReportedAsSuch() throws IOException {
        Path bag = bag().tagAlgorithms().write();
        Files.writeString(bag.resolve("fetch.txt"), "https://example.org/abc.txt 3 data/abc.txt\n");
        Files.delete(bag.resolve("data/abc.txt"));
        VerificationReport report = verify(bag);
        assertThat(codes(report)).contains(FETCH_ITEM_NOT_PRESENT).doesNotContain(FILE_MISSING);
        assertThat(report.problems(FETCH_ITEM_NOT_PRESENT).get(0).message()).contains("https://example.org/abc.txt");
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void malformedFetchLines() throws IOException {
        Path bag = bag().tagAlgorithms().write();
        Files.writeString(bag.resolve("fetch.txt"), "https://example.org/x\n" + "not-a-url 3 data/abc.txt\n"
                + "https://example.org/x three data/abc.txt\n");
        assertThat(verify(bag).problems(FETCH_LINE_MALFORMED)).hasSize(3);
    }

    // --- inputs, threading and builder ------------------------------------------------------

    @Test
    void aPathThatDoesNotExistIsANoSuchFileException() {
        assertThatThrownBy(() -> VERIFIER.verify(tmp.resolve("nope"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void aFileThatIsNeitherAFolderNorAZipIsUnrecognised() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "hello");
        VerificationReport report = VERIFIER.verify(file);
        assertThat(codes(report)).containsExactly(FORMAT_UNRECOGNISED);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void anUnreadablePayloadFileIsReportedNotThrown() throws IOException {
        Path bag = bag().write();
        Path file = bag.resolve("data/abc.txt");
        Files.setPosixFilePermissions(file, java.util.Set.of());
        try {
            Assumptions.assumeFalse(Files.isReadable(file), "this process reads files whatever their permissions (root)");
            VerificationReport report = verify(bag);
            assertThat(report.problems(ProblemCode.FILE_UNREADABLE)).singleElement()
                    .satisfies(p -> assertThat(p.path()).contains("data/abc.txt"));
            assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        } finally {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void hashingOnTheCallersExecutorGivesTheSameReport() throws IOException {
        Path bag = bag().file("more/1.txt", "1").file("more/2.txt", "2").file("more/3.txt", "3").write();
        Files.writeString(bag.resolve("data/more/2.txt"), "two");
        AtomicInteger tasks = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            BagVerifier onPool = BagVerifier.builder().parallelism(3).executor(r -> {
                tasks.incrementAndGet();
                pool.execute(r);
            }).build();
            VerificationReport parallel = onPool.verify(bag);
            VerificationReport serial = BagVerifier.builder().parallelism(1).build().verify(bag);
            assertThat(tasks.get()).isEqualTo(3);
            assertThat(parallel.toJson()).isEqualTo(serial.toJson());
            assertThat(parallel.problems(FILE_MODIFIED)).isNotEmpty();
            assertThat(pool.isShutdown()).as("the caller's executor is left running").isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theBuilderRejectsNonsense() {
        assertThatThrownBy(() -> BagVerifier.builder().parallelism(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parallelism");
        assertThatThrownBy(() -> BagVerifier.builder().maxTagFileBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BagVerifier.builder().maxTagFileBytes(2L << 30))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BagVerifier.builder().maxZipCompressionRatio(1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VERIFIER.verify(null)).isInstanceOf(NullPointerException.class);
    }
}
