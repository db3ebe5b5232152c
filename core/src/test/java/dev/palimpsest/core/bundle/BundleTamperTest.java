package dev.palimpsest.core.bundle;

import static dev.palimpsest.core.bundle.Fixtures.REPORT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Severity;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.verify.Verdict;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of change to a signed bundle is caught, as a folder and as a ZIP: the verdict is
 * INVALID (or, for a signature made with another key, not TRUSTED) with the problem that names
 * the change.
 */
class BundleTamperTest {
    private static final String PDF = "data/documents/report-2016.pdf";
    private static final String CSV = "data/statistics/requests.csv";
    private static final String NOTES = "data/notes.txt";
    private static final String ARCHIVE_JSON = "provenance/archive.json";
    private static final String P7S = "provenance/archive.json.p7s";

    @TempDir
    Path tmp;

    /** A change to a bundle folder, and the problems it must cause (code and path). */
    interface Tamper {
        void apply(Path bundle, Path tmp) throws Exception;
    }

    record Expected(ProblemCode code, String path) {
        @Override
        public String toString() {
            return code + " " + path;
        }
    }

    static Expected problem(ProblemCode code, String path) {
        return new Expected(code, path);
    }

    static Stream<Arguments> tampering() {
        return Stream.of(
                Arguments.of("a flipped byte in a payload file", (Tamper) (b, t) -> flipByte(b.resolve(PDF), 10),
                        Verdict.INVALID, List.of(problem(ProblemCode.FILE_MODIFIED, PDF))),
                Arguments.of("a truncated payload file", (Tamper) (b, t) -> truncate(b.resolve(CSV), 5),
                        Verdict.INVALID, List.of(problem(ProblemCode.FILE_MODIFIED, CSV),
                                problem(ProblemCode.PAYLOAD_OXUM_MISMATCH, "bag-info.txt"))),
                Arguments.of("a removed payload file", (Tamper) (b, t) -> Files.delete(b.resolve(NOTES)),
                        Verdict.INVALID, List.of(problem(ProblemCode.FILE_MISSING, NOTES))),
                Arguments.of("an added payload file", (Tamper) (b, t) -> Fixtures.write(b.resolve("data/added.txt"), "x"),
                        Verdict.INVALID, List.of(problem(ProblemCode.FILE_NOT_IN_MANIFEST, "data/added.txt"))),
                Arguments.of("an added file listed in the BagIt manifests, tag manifests re-hashed", (Tamper) (b, t) -> {
                    Fixtures.addListedFile(b, "data/added.txt", "planted");
                    Fixtures.rehashTagManifests(b);
                }, Verdict.INVALID, List.of(problem(ProblemCode.ARCHIVE_MANIFEST_MISMATCH, "data/added.txt"))),
                Arguments.of("an edited archive.json", (Tamper) (b, t) -> edit(b.resolve(ARCHIVE_JSON), "report-2016",
                        "report-2015"),
                        Verdict.INVALID, List.of(problem(ProblemCode.TAG_FILE_MODIFIED, ARCHIVE_JSON),
                                problem(ProblemCode.SIGNATURE_INVALID, P7S))),
                Arguments.of("an edited archive.json re-hashed in the tag manifests", (Tamper) (b, t) -> {
                    edit(b.resolve(ARCHIVE_JSON), "\"size\": 24", "\"size\": 25");
                    Fixtures.rehashTagManifests(b);
                }, Verdict.INVALID, List.of(problem(ProblemCode.SIGNATURE_INVALID, P7S))),
                Arguments.of("an edited BagIt manifest re-hashed in the tag manifests", (Tamper) (b, t) -> {
                    edit(b.resolve("manifest-sha256.txt"), Fixtures.sha256(REPORT), Fixtures.sha256("forged"));
                    Fixtures.rehashTagManifests(b);
                }, Verdict.INVALID, List.of(problem(ProblemCode.ARCHIVE_MANIFEST_MISMATCH, PDF),
                        problem(ProblemCode.FILE_MODIFIED, PDF))),
                Arguments.of("a replaced file with every BagIt manifest re-hashed", (Tamper) (b, t) -> {
                    Files.writeString(b.resolve(PDF), "%PDF-1.7\n% a forged report\n");
                    Fixtures.rehashPayloadManifests(b);
                    Fixtures.rehashTagManifests(b);
                }, Verdict.INVALID, List.of(problem(ProblemCode.FILE_MODIFIED, PDF),
                        problem(ProblemCode.ARCHIVE_MANIFEST_MISMATCH, PDF))),
                Arguments.of("a signature swapped for one over another manifest", (Tamper) (b, t) -> {
                    Path other = Fixtures.writer().signer(Fixtures.signer(Fixtures.ARCHIVIST)).build()
                            .write(BundleContent.builder().title("another").folder(Fixtures.recovered(t.resolve("other-in")))
                                    .build(), t.resolve("other")).path();
                    Files.copy(other.resolve(P7S), b.resolve(P7S), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Fixtures.rehashTagManifests(b);
                }, Verdict.INVALID, List.of(problem(ProblemCode.SIGNATURE_INVALID, P7S))),
                Arguments.of("a signature from another key over the same manifest", (Tamper) (b, t) -> {
                    byte[] json = Files.readAllBytes(b.resolve(ARCHIVE_JSON));
                    Files.write(b.resolve(P7S), Fixtures.signer(Fixtures.MALLORY).sign(json));
                    Fixtures.rehashTagManifests(b);
                }, Verdict.VALID, List.of(problem(ProblemCode.SIGNER_UNTRUSTED, P7S))),
                Arguments.of("a manifest rewritten for a forged file and signed with another key", (Tamper) (b, t) -> {
                    Files.writeString(b.resolve(PDF), "forged");
                    Fixtures.rehashPayloadManifests(b);
                    edit(b.resolve(ARCHIVE_JSON), Fixtures.sha256(REPORT), Fixtures.sha256("forged"));
                    byte[] json = Files.readAllBytes(b.resolve(ARCHIVE_JSON));
                    Files.write(b.resolve(P7S), CmsSigner.builder(Fixtures.MALLORY.identity()).build().sign(json));
                    Fixtures.rehashTagManifests(b);
                }, Verdict.INVALID, List.of(problem(ProblemCode.FILE_MODIFIED, PDF),
                        problem(ProblemCode.SIGNER_UNTRUSTED, P7S))),
                Arguments.of("a stripped signature", (Tamper) (b, t) -> {
                    Files.delete(b.resolve(P7S));
                    for (String m : List.of("tagmanifest-sha256.txt", "tagmanifest-sha512.txt")) {
                        Files.write(b.resolve(m), Files.readAllLines(b.resolve(m)).stream()
                                .filter(l -> !l.endsWith(P7S)).collect(Collectors.toList()));
                    }
                }, Verdict.VALID, List.of(problem(ProblemCode.SIGNATURE_MISSING, P7S))));
    }

    private Path signedBundle() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        return Fixtures.writer().signer(Fixtures.signer(Fixtures.ARCHIVIST)).build()
                .write(BundleContent.builder().title("Signed").folder(in).build(), tmp.resolve("bundle")).path();
    }

    private static VerificationReport verify(Path bundle) throws IOException {
        return BundleVerifier.builder().trustPolicy(Fixtures.trustRoot()).build().verify(bundle);
    }

    private static void assertCaught(VerificationReport report, Verdict verdict, List<Expected> expected) {
        assertThat(report.verdict()).as(report.toText()).isEqualTo(verdict);
        List<Expected> found = report.problems().stream()
                .map(p -> problem(p.code(), p.path().orElse(null))).collect(Collectors.toList());
        assertThat(found).as(report.toText()).containsAll(expected);
        if (verdict == Verdict.VALID) {
            assertThat(report.problems()).allMatch(p -> p.severity() == Severity.WARNING);
        }
    }

    @ParameterizedTest(name = "folder: {0}")
    @MethodSource("tampering")
    void aTamperedFolderIsCaught(String name, Tamper tamper, Verdict verdict, List<Expected> expected) throws Exception {
        Path bundle = signedBundle();
        assertThat(verify(bundle).verdict()).isEqualTo(Verdict.TRUSTED);
        tamper.apply(bundle, tmp);
        assertCaught(verify(bundle), verdict, expected);
    }

    @ParameterizedTest(name = "ZIP: {0}")
    @MethodSource("tampering")
    void aTamperedZipIsCaught(String name, Tamper tamper, Verdict verdict, List<Expected> expected) throws Exception {
        Path bundle = signedBundle();
        Path genuine = Fixtures.zipFolder(bundle, tmp.resolve("genuine.zip"));
        assertThat(verify(genuine).verdict()).isEqualTo(Verdict.TRUSTED);
        tamper.apply(bundle, tmp);
        assertCaught(verify(Fixtures.zipFolder(bundle, tmp.resolve("tampered.zip"))), verdict, expected);
    }

    @Test
    void aFlippedByteInsideTheWritersOwnZipIsCaught() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Path zip = Fixtures.writer().zip(true).signer(Fixtures.signer(Fixtures.ARCHIVIST)).build()
                .write(BundleContent.ofFolder(in), tmp.resolve("b.zip")).path();
        byte[] bytes = Files.readAllBytes(zip);
        int at = indexOf(bytes, REPORT.getBytes(StandardCharsets.UTF_8));
        assertThat(at).as("the payload is stored uncompressed").isPositive();
        flipByte(zip, at + 12);
        VerificationReport report = verify(zip);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        Optional<Problem> caught = report.problems().stream().filter(p -> p.code() == ProblemCode.FILE_MODIFIED
                || p.code() == ProblemCode.ZIP_MALFORMED).findFirst();
        assertThat(caught).as(report.toText()).hasValueSatisfying(p -> assertThat(p.path()).contains(PDF));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x01);
        }
    }

    static void truncate(Path file, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }

    static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }
}
