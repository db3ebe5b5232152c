package dev.palimpsest.core.bag;

import static dev.palimpsest.core.verify.ProblemCode.BAGIT_DECLARATION_MISSING;
import static dev.palimpsest.core.verify.ProblemCode.FILE_MODIFIED;
import static dev.palimpsest.core.verify.ProblemCode.FILE_NOT_IN_MANIFEST;
import static dev.palimpsest.core.verify.ProblemCode.FILE_NOT_REGULAR;
import static dev.palimpsest.core.verify.ProblemCode.SYSTEM_FILE;
import static dev.palimpsest.core.verify.ProblemCode.ZIP_ENTRY_UNSAFE;
import static dev.palimpsest.core.verify.ProblemCode.ZIP_LIMIT_EXCEEDED;
import static dev.palimpsest.core.verify.ProblemCode.ZIP_MALFORMED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.verify.EntryResult;
import dev.palimpsest.core.verify.EntryStatus;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.verify.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bags serialised as ZIPs, read in place. */
class BagZipTest {
    private static final BagVerifier VERIFIER = BagVerifier.builder().build();

    @TempDir
    Path tmp;

    private Path bag() throws IOException {
        return TestBag.in(tmp.resolve("bag")).file("abc.txt", "abc").file("dir/letter.txt", "Dear reader,\n").write();
    }

    private static List<ProblemCode> codes(VerificationReport report) {
        return report.problems().stream().map(Problem::code).collect(Collectors.toList());
    }

    private List<String> everythingIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(Path::toString).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aBagInOneTopLevelFolderVerifiesLikeTheFolder() throws IOException {
        Path bag = bag();
        Path zip = TestBag.zip(bag, tmp.resolve("bag.zip"), "my-bag");
        VerificationReport fromZip = VERIFIER.verify(zip);
        assertThat(fromZip.problems()).isEmpty();
        assertThat(fromZip.verdict()).isEqualTo(Verdict.VALID);
        assertThat(fromZip.source()).isEqualTo(zip.toString());
        assertThat(fromZip.entries()).usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(VERIFIER.verify(bag).entries());
    }

    @Test
    void aBagAtTheZipRootVerifies() throws IOException {
        VerificationReport report = VERIFIER.verify(TestBag.zip(bag(), tmp.resolve("bag.zip"), ""));
        assertThat(report.problems()).isEmpty();
        assertThat(report.entries()).extracting(EntryResult::status).containsOnly(EntryStatus.OK);
    }

    @Test
    void aTamperedEntryIsFileModified() throws IOException {
        Path bag = bag();
        Files.writeString(bag.resolve("data/abc.txt"), "abd");
        VerificationReport report = VERIFIER.verify(TestBag.zip(bag, tmp.resolve("bag.zip"), "bag"));
        assertThat(report.problems(FILE_MODIFIED)).isNotEmpty()
                .allSatisfy(p -> assertThat(p.path()).contains("data/abc.txt"));
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aManifestLineForAnImpliedDirectoryIsNotARegularFile() throws IOException {
        Path bag = bag();
        TestBag.append(bag.resolve("manifest-sha256.txt"), TestBag.hex("sha256", "") + "  data/dir\n");
        // no directory entries in this ZIP: data/dir exists only as the parent of data/dir/letter.txt
        Path zip = tmp.resolve("bag.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out);
                Stream<Path> files = Files.walk(bag)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                z.putNextEntry(new ZipEntry(bag.relativize(p).toString()));
                Files.copy(p, z);
                z.closeEntry();
            }
        }
        assertThat(VERIFIER.verify(zip).problems(FILE_NOT_REGULAR)).singleElement()
                .satisfies(p -> assertThat(p.path()).contains("data/dir"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.txt", "bag/../../evil.txt", "/tmp/evil.txt", "bag\\..\\..\\evil.txt",
        "C:/evil.txt", "bag//data/evil.txt", "bag/./data/evil.txt"})
    void anEntryThatCouldEscapeIsUnsafeAndNothingIsWritten(String name) throws IOException {
        Path zip = TestBag.zip(bag(), tmp.resolve("bag.zip"), "bag", name, "pwned");
        List<String> before = everythingIn(tmp);
        VerificationReport report = VERIFIER.verify(zip);
        assertThat(report.problems(ZIP_ENTRY_UNSAFE)).singleElement()
                .satisfies(p -> assertThat(p.actual()).contains(name));
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(everythingIn(tmp)).isEqualTo(before);
        assertThat(tmp.getParent().resolve("evil.txt")).doesNotExist();
        // the rest of the bag is still verified
        assertThat(report.entries()).extracting(EntryResult::status).containsOnly(EntryStatus.OK);
    }

    /** A ZIP of the bag plus {@code data/zeros.bin}: {@code size} zero bytes, deflated, listed or not. */
    private Path zipWithZeros(long size, boolean listed) throws Exception {
        Path bag = bag();
        if (listed) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            byte[] chunk = new byte[1 << 16];
            for (long done = 0; done < size; done += chunk.length) {
                sha256.update(chunk, 0, (int) Math.min(chunk.length, size - done));
                sha512.update(chunk, 0, (int) Math.min(chunk.length, size - done));
            }
            TestBag.append(bag.resolve("manifest-sha256.txt"),
                    HexFormat.of().formatHex(sha256.digest()) + "  data/zeros.bin\n");
            TestBag.append(bag.resolve("manifest-sha512.txt"),
                    HexFormat.of().formatHex(sha512.digest()) + "  data/zeros.bin\n");
            Files.writeString(bag.resolve("bag-info.txt"), "Payload-Oxum: " + (16 + size) + ".3\n");
            TestBag.writeTagManifests(bag, StandardCharsets.UTF_8, "sha256");
        }
        Path zip = TestBag.zip(bag, tmp.resolve("bag.zip"), "");
        Path bomb = tmp.resolve("bomb.zip");
        try (ZipFile in = new ZipFile(zip.toFile()); OutputStream out = Files.newOutputStream(bomb);
                ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e : in.stream().collect(Collectors.toList())) {
                z.putNextEntry(new ZipEntry(e.getName()));
                in.getInputStream(e).transferTo(z);
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry("data/zeros.bin"));
            byte[] chunk = new byte[1 << 16];
            for (long done = 0; done < size; done += chunk.length) {
                z.write(chunk, 0, (int) Math.min(chunk.length, size - done));
            }
            z.closeEntry();
        }
        return bomb;
    }

    @Test
    void aZipBombIsRefusedBeforeItIsInflated() throws Exception {
        Path bomb = zipWithZeros(16L << 20, true); // 16 MiB of zeros deflate about a thousandfold
        assertThat(Files.size(bomb)).isLessThan(1L << 20);
        VerificationReport report = VERIFIER.verify(bomb);
        assertThat(report.problems(ZIP_LIMIT_EXCEEDED)).singleElement().satisfies(p -> {
            assertThat(p.path()).contains("data/zeros.bin");
            assertThat(p.message()).contains("ratio");
        });
        assertThat(report.entries()).noneMatch(e -> e.path().equals("data/zeros.bin") && e.status() == EntryStatus.OK);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void anEntryThatLiesAboutItsSizeIsStoppedWhileInflating() throws Exception {
        Path zip = zipWithZeros(16L << 20, true);
        // Rewrite the central directory's uncompressed size of data/zeros.bin to 1000 bytes, so that
        // neither the declared total nor the declared ratio gives the bomb away before it is read.
        byte[] bytes = Files.readAllBytes(zip);
        byte[] name = "data/zeros.bin".getBytes(StandardCharsets.UTF_8);
        int patched = 0;
        for (int i = 0; i + 46 + name.length <= bytes.length; i++) {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2
                    && java.util.Arrays.equals(bytes, i + 46, i + 46 + name.length, name, 0, name.length)) {
                java.nio.ByteBuffer.wrap(bytes, i + 24, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(1000);
                patched++;
            }
        }
        assertThat(patched).isEqualTo(1);
        Files.write(zip, bytes);
        VerificationReport report = VERIFIER.verify(zip);
        assertThat(report.problems(ZIP_MALFORMED)).singleElement().satisfies(p -> {
            assertThat(p.path()).contains("data/zeros.bin");
            assertThat(p.message()).contains("expands beyond the 1000 bytes");
        });
        assertThat(report.entries()).noneMatch(e -> e.path().equals("data/zeros.bin") && e.status() == EntryStatus.OK);
    }

    @Test
    void anUnlistedZipBombIsReportedToo() throws Exception {
        VerificationReport report = VERIFIER.verify(zipWithZeros(16L << 20, false));
        assertThat(codes(report)).contains(ZIP_LIMIT_EXCEEDED, FILE_NOT_IN_MANIFEST);
    }

    @Test
    void theCompressionRatioLimitIsConfigurable() throws Exception {
        Path zip = zipWithZeros(2L << 20, true); // zeros deflate about a thousandfold
        assertThat(codes(VERIFIER.verify(zip))).containsExactly(ZIP_LIMIT_EXCEEDED);
        VerificationReport lenient = BagVerifier.builder().maxZipCompressionRatio(10_000).build().verify(zip);
        assertThat(lenient.problems()).isEmpty();
        assertThat(lenient.entries()).extracting(EntryResult::status).containsOnly(EntryStatus.OK);
    }

    @Test
    void smallEntriesMayCompressWell() throws Exception {
        // a highly compressible entry below 1 MiB is no bomb: it is read and checked
        assertThat(VERIFIER.verify(zipWithZeros(512L << 10, true)).problems()).isEmpty();
    }

    @Test
    void tooManyEntries() throws IOException {
        Path zip = TestBag.zip(bag(), tmp.resolve("bag.zip"), "bag");
        VerificationReport report = BagVerifier.builder().maxZipEntries(3).build().verify(zip);
        assertThat(codes(report)).containsExactly(ZIP_LIMIT_EXCEEDED);
        assertThat(report.problems().get(0).message()).contains("entries").contains("3");
    }

    @Test
    void tooLargeOnceExpanded() throws IOException {
        Path zip = TestBag.zip(bag(), tmp.resolve("bag.zip"), "bag");
        VerificationReport report = BagVerifier.builder().maxZipExpandedBytes(100).build().verify(zip);
        assertThat(codes(report)).containsExactly(ZIP_LIMIT_EXCEEDED);
        assertThat(report.entries()).isEmpty();
    }

    /**
     * The expansion limit counts the bytes actually inflated. With the limit set to exactly the
     * ZIP's expanded size, verification passes only if each file is read once, for all three
     * manifests together; reading once per manifest would inflate the payload three times.
     */
    @Test
    void eachFileIsReadOnceForEveryAlgorithm() throws IOException {
        byte[] noise = new byte[200_000];
        new Random(8493).nextBytes(noise);
        Path bag = TestBag.in(tmp.resolve("bag")).algorithms("md5", "sha256", "sha512").tagAlgorithms("sha256", "sha512")
                .file("noise.bin", noise).write();
        Path zip = TestBag.zip(bag, tmp.resolve("bag.zip"), "bag");
        long expanded;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            expanded = z.stream().mapToLong(ZipEntry::getSize).sum();
        }
        VerificationReport exact = BagVerifier.builder().maxZipExpandedBytes(expanded).build().verify(zip);
        assertThat(exact.problems()).isEmpty();
        assertThat(exact.entries()).singleElement().satisfies(e -> assertThat(e.actual()).hasSize(3));
        assertThat(BagVerifier.builder().maxZipExpandedBytes(expanded - 1).build().verify(zip).problems(ZIP_LIMIT_EXCEEDED))
                .isNotEmpty();
    }

    @Test
    void macOsResourceForksAreIgnoredWithAWarning() throws IOException {
        Path zip = TestBag.zip(bag(), tmp.resolve("bag.zip"), "bag", "__MACOSX/bag/._bagit.txt", "resource fork");
        VerificationReport report = VERIFIER.verify(zip);
        assertThat(codes(report)).containsExactly(SYSTEM_FILE);
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aZipWithoutABagIsNotABag() throws IOException {
        Path zip = tmp.resolve("photos.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (String name : List.of("a/one.jpg", "b/two.jpg")) {
                z.putNextEntry(new ZipEntry(name));
                z.write(name.getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        VerificationReport report = VERIFIER.verify(zip);
        assertThat(codes(report)).contains(BAGIT_DECLARATION_MISSING);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aCorruptZipIsMalformed() throws IOException {
        Path zip = Files.write(tmp.resolve("broken.zip"), "PK\u0003\u0004 and then nothing a ZIP needs"
                .getBytes(StandardCharsets.ISO_8859_1));
        VerificationReport report = VERIFIER.verify(zip);
        assertThat(codes(report)).containsExactly(ZIP_MALFORMED);
        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    }
}
