package dev.palimpsest.core.bundle;

import static dev.palimpsest.core.bundle.Fixtures.CSV;
import static dev.palimpsest.core.bundle.Fixtures.REPORT;
import static dev.palimpsest.core.bundle.Fixtures.hex;
import static dev.palimpsest.core.bundle.Fixtures.read;
import static dev.palimpsest.core.bundle.Fixtures.sha256;
import static dev.palimpsest.core.bundle.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.bundle.ZipWriter;
import dev.palimpsest.core.manifest.ArchiveCollection;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.verify.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout and content of written bundles, and the writer's contract for outputs. */
class BundleWriterTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheBagItLayoutWithTheArchiveManifest() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Path out = tmp.resolve("out/bundle");
        BundleResult result = Fixtures.writer().contactName("A. Archivist").contactEmail("a@example.org")
                .sourceOrganization("Example Archive").build()
                .write(BundleContent.builder().title("Removed FOIA documents").creator("A. Archivist")
                        .folder(in).build(), out);

        assertThat(result.path()).isEqualTo(out);
        assertThat(result.signatures()).isZero();
        assertThat(Fixtures.snapshot(out).keySet()).containsExactly("bag-info.txt", "bagit.txt",
                "data/documents/report-2016.pdf", "data/notes.txt", "data/statistics/requests.csv",
                "manifest-sha256.txt", "manifest-sha512.txt", "provenance/archive.json", "tagmanifest-sha256.txt",
                "tagmanifest-sha512.txt");
        assertThat(read(out.resolve("bagit.txt"))).isEqualTo("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
        assertThat(read(out.resolve("data/documents/report-2016.pdf"))).isEqualTo(REPORT);

        long bytes = REPORT.length() + CSV.length() + "retrieved from the Wayback Machine\n".length();
        assertThat(read(out.resolve("bag-info.txt"))).isEqualTo("Source-Organization: Example Archive\n"
                + "Contact-Name: A. Archivist\n"
                + "Contact-Email: a@example.org\n"
                + "External-Description: Removed FOIA documents\n"
                + "Bagging-Date: 2026-11-28\n"
                + "Payload-Oxum: " + bytes + ".3\n"
                + "Bag-Software-Agent: " + read(out.resolve("bag-info.txt")).lines()
                        .filter(l -> l.startsWith("Bag-Software-Agent: ")).findFirst().orElseThrow()
                        .substring("Bag-Software-Agent: ".length()) + "\n");
        assertThat(read(out.resolve("bag-info.txt"))).contains("Bag-Software-Agent: Palimpsest");

        assertThat(read(out.resolve("manifest-sha256.txt"))).isEqualTo(
                sha256(REPORT) + "  data/documents/report-2016.pdf\n"
                        + sha256("retrieved from the Wayback Machine\n") + "  data/notes.txt\n"
                        + sha256(CSV) + "  data/statistics/requests.csv\n");
        assertThat(read(out.resolve("manifest-sha512.txt")))
                .startsWith(hex("SHA-512", REPORT.getBytes(StandardCharsets.UTF_8)) + "  data/documents/report-2016.pdf\n");

        byte[] json = Files.readAllBytes(out.resolve("provenance/archive.json"));
        assertThat(read(out.resolve("tagmanifest-sha256.txt"))).isEqualTo(
                hex("SHA-256", Files.readAllBytes(out.resolve("bag-info.txt"))) + "  bag-info.txt\n"
                        + hex("SHA-256", Files.readAllBytes(out.resolve("bagit.txt"))) + "  bagit.txt\n"
                        + hex("SHA-256", Files.readAllBytes(out.resolve("manifest-sha256.txt"))) + "  manifest-sha256.txt\n"
                        + hex("SHA-256", Files.readAllBytes(out.resolve("manifest-sha512.txt"))) + "  manifest-sha512.txt\n"
                        + hex("SHA-256", json) + "  provenance/archive.json\n");

        ArchiveManifest manifest = ManifestCodec.standard().read(json);
        assertThat(manifest).isEqualTo(result.manifest());
        assertThat(manifest.title()).contains("Removed FOIA documents");
        assertThat(manifest.creator()).contains("A. Archivist");
        assertThat(manifest.created()).contains(Fixtures.NOW);
        ManifestEntry report = manifest.entry("documents/report-2016.pdf").orElseThrow();
        assertThat(report.size()).isEqualTo(REPORT.length());
        assertThat(report.sha256().hex()).isEqualTo(sha256(REPORT));
        assertThat(report.digests()).containsOnlyKeys(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512);
        assertThat(manifest.entries()).extracting(e -> e.path().toString())
                .containsExactly("documents/report-2016.pdf", "notes.txt", "statistics/requests.csv");
    }

    @Test
    void theSha256OfAKnownInputIsTheNistVector() throws IOException {
        // FIPS 180-4 example "abc"
        Path in = write(tmp.resolve("in/abc.txt"), "abc").getParent();
        BundleResult result = Fixtures.writer().build().write(BundleContent.ofFolder(in), tmp.resolve("b"));
        assertThat(result.manifest().entry("abc.txt").orElseThrow().sha256().hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(read(tmp.resolve("b/manifest-sha512.txt"))).startsWith("ddaf35a193617abacc417349ae20413112e6fa4e89a97e"
                + "a20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f  data/abc.txt");
    }

    @Test
    void digestsAreConfigurableAndSha256IsAlwaysThere() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Fixtures.writer().digests(DigestAlgorithm.SHA512, DigestAlgorithm.SHA3_256).build()
                .write(BundleContent.ofFolder(in), tmp.resolve("b"));
        assertThat(Fixtures.names(tmp.resolve("b"))).contains("manifest-sha256.txt", "manifest-sha512.txt",
                "manifest-sha3-256.txt", "tagmanifest-sha256.txt", "tagmanifest-sha3-256.txt", "tagmanifest-sha512.txt");
        assertThat(BundleVerifier.builder().build().verify(tmp.resolve("b")).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void theSameInputAndClockGiveTheSameBytes() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        BundleWriter writer = Fixtures.writer().build();
        writer.write(BundleContent.ofFolder(in), tmp.resolve("a"));
        writer.write(BundleContent.ofFolder(in), tmp.resolve("b"));
        assertThat(Fixtures.snapshot(tmp.resolve("a"))).usingRecursiveComparison()
                .isEqualTo(Fixtures.snapshot(tmp.resolve("b")));
    }

    @Test
    void aDurableWriteSyncsAndGivesTheSameBundle() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Fixtures.writer().build().write(BundleContent.ofFolder(in), tmp.resolve("plain"));
        Fixtures.writer().durable(true).build().write(BundleContent.ofFolder(in), tmp.resolve("durable"));
        assertThat(Fixtures.snapshot(tmp.resolve("durable"))).usingRecursiveComparison()
                .isEqualTo(Fixtures.snapshot(tmp.resolve("plain")));
        Fixtures.writer().durable(true).zip(true).build().write(BundleContent.ofFolder(in), tmp.resolve("d.zip"));
        assertThat(BundleVerifier.builder().build().verify(tmp.resolve("d.zip")).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void anEmptyFolderGivesAValidBundleWithAnEmptyPayload() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("empty"));
        Fixtures.writer().build().write(BundleContent.ofFolder(in), tmp.resolve("b"));
        assertThat(tmp.resolve("b/data")).isEmptyDirectory();
        assertThat(read(tmp.resolve("b/bag-info.txt"))).contains("Payload-Oxum: 0.0\n");
        assertThat(BundleVerifier.builder().build().verify(tmp.resolve("b")).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aPercentSignIsEncodedOnlyWhereItWouldReadAsAnEscape() throws IOException {
        Path in = write(tmp.resolve("in/100% done.txt"), "x").getParent();
        write(in.resolve("report%252016.pdf"), "y");
        write(in.resolve("line%0a.txt"), "z");
        Fixtures.writer().build().write(BundleContent.ofFolder(in), tmp.resolve("b"));
        assertThat(read(tmp.resolve("b/manifest-sha256.txt"))).isEqualTo(sha256("x") + "  data/100% done.txt\n"
                + sha256("z") + "  data/line%250a.txt\n" + sha256("y") + "  data/report%25252016.pdf\n");
        assertThat(tmp.resolve("b/data/report%252016.pdf")).hasContent("y");
        assertThat(BundleVerifier.builder().build().verify(tmp.resolve("b")).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aTitleOnSeveralLinesBecomesContinuationLines() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Fixtures.writer().build().write(BundleContent.builder().title("Removed documents\r\nOctober 2017").folder(in)
                .build(), tmp.resolve("b"));
        assertThat(read(tmp.resolve("b/bag-info.txt"))).contains("External-Description: Removed documents\n  October 2017\n");
        assertThat(BundleVerifier.builder().build().verify(tmp.resolve("b")).problems()).extracting(p -> p.code().name())
                .containsExactly("SIGNATURE_MISSING");
    }

    @Test
    void aContactFieldMustBeOneLine() {
        assertThatThrownBy(() -> BundleWriter.builder().contactName("A\nB")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contactName");
    }

    @Test
    void filesDescribedInCodeKeepTheirEntriesAndGainTheComputedDigests() throws IOException {
        Path pdf = write(tmp.resolve("download.bin"), REPORT);
        CaptureRecord capture = CaptureRecord.builder().originalUrl("https://www.example.gov/foia/report-2016.pdf")
                .waybackTimestamp("20171012140300").build();
        ManifestEntry entry = ManifestEntry.builder(ArchivePath.of("documents/report-2016.pdf"))
                .collection("documents").title("Annual report 2016").mediaType("application/pdf")
                .size(REPORT.length())
                .digest(DigestValue.parse(DigestAlgorithm.SHA256, sha256(REPORT)))
                .digest(DigestValue.parse(DigestAlgorithm.SHA1, hex("SHA-1", REPORT.getBytes(StandardCharsets.UTF_8))))
                .capture(capture).build();
        Path csv = write(tmp.resolve("stats.csv"), CSV);
        BundleResult result = Fixtures.writer().build().write(BundleContent.builder()
                .collection(ArchiveCollection.builder().id("documents").title("Documents").build())
                .file(pdf, entry).file(csv, ArchivePath.of("statistics/requests.csv")).build(), tmp.resolve("b"));

        ManifestEntry written = result.manifest().entry("documents/report-2016.pdf").orElseThrow();
        assertThat(written.capture()).contains(capture);
        assertThat(written.title()).contains("Annual report 2016");
        assertThat(written.collection()).contains("documents");
        assertThat(written.digests()).containsOnlyKeys(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512, DigestAlgorithm.SHA1);
        assertThat(tmp.resolve("b/data/documents/report-2016.pdf")).hasContent(REPORT);
        assertThat(tmp.resolve("b/data/statistics/requests.csv")).hasContent(CSV);
        assertThat(read(tmp.resolve("b/manifest-sha256.txt"))).doesNotContain("sha1");
        assertThat(Fixtures.names(tmp.resolve("b"))).doesNotContain("manifest-sha1.txt");
    }

    @Test
    void filesInAFolderAreDescribedByPathAndTheirCaptureChecksRecorded() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        String reportSha1 = new org.apache.commons.codec.binary.Base32().encodeAsString(
                java.util.HexFormat.of().parseHex(hex("SHA-1", REPORT.getBytes(StandardCharsets.UTF_8))));
        CaptureRecord matching = CaptureRecord.builder().originalUrl("https://www.example.gov/report-2016.pdf")
                .cdx(dev.palimpsest.core.manifest.CdxRecord.builder().digest(reportSha1).build()).build();
        CaptureRecord mismatching = CaptureRecord.builder().originalUrl("https://www.example.gov/requests.csv")
                .cdx(dev.palimpsest.core.manifest.CdxRecord.builder().digest("UE4O73IIZQANRVJWDZCVVLC7G2C3YDLD").build())
                .build();
        BundleResult result = Fixtures.writer().build().write(BundleContent.builder().folder(in)
                .describe(ArchivePath.of("documents/report-2016.pdf"), e -> e.capture(matching).title("Report"))
                .describe(ArchivePath.of("statistics/requests.csv"), e -> e.capture(mismatching))
                .describe(ArchivePath.of("documents/missing.pdf"), e -> e.title("Not there"))
                .build(), tmp.resolve("b"));

        ManifestEntry report = result.manifest().entry("documents/report-2016.pdf").orElseThrow();
        assertThat(report.title()).contains("Report");
        assertThat(report.capture().orElseThrow().check()).contains(dev.palimpsest.core.manifest.CaptureCheck.MATCH);
        assertThat(report.digests()).containsKey(DigestAlgorithm.SHA1);
        assertThat(result.manifest().entry("statistics/requests.csv").orElseThrow().capture().orElseThrow().check())
                .contains(dev.palimpsest.core.manifest.CaptureCheck.MISMATCH);
        assertThat(result.manifest().entry("notes.txt").orElseThrow().digests())
                .containsOnlyKeys(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512);
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("capture check MISMATCH for statistics/requests.csv"));
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w)
                .isEqualTo("1 description matches no file in the input folders: documents/missing.pdf"));
        assertThat(Fixtures.names(tmp.resolve("b"))).doesNotContain("manifest-sha1.txt");
    }

    @Test
    void aFileThatDoesNotMatchItsEntryIsRefused() throws IOException {
        Path pdf = write(tmp.resolve("download.bin"), REPORT);
        ManifestEntry entry = ManifestEntry.builder(ArchivePath.of("report.pdf")).size(REPORT.length())
                .digest(DigestValue.parse(DigestAlgorithm.SHA256, sha256("something else"))).build();
        assertThatThrownBy(() -> Fixtures.writer().build().write(BundleContent.builder().file(pdf, entry).build(),
                tmp.resolve("b")))
                .isInstanceOfSatisfying(BundleException.class, e -> {
                    assertThat(e.reason()).isEqualTo(BundleException.Reason.INPUT_MISMATCH);
                    assertThat(e.file()).contains(pdf.toString());
                })
                .hasMessageContaining(pdf.toString()).hasMessageContaining("sha256 " + sha256(REPORT))
                .hasMessageContaining("records " + sha256("something else"));
        assertThat(tmp.resolve("b")).doesNotExist();
        assertThat(Fixtures.names(tmp)).containsExactly("download.bin");
    }

    @Test
    void aWrongSizeInAnEntryIsRefused() throws IOException {
        Path pdf = write(tmp.resolve("download.bin"), REPORT);
        ManifestEntry entry = ManifestEntry.builder(ArchivePath.of("report.pdf")).size(3)
                .digest(DigestValue.parse(DigestAlgorithm.SHA256, sha256(REPORT))).build();
        assertThatThrownBy(() -> Fixtures.writer().build().write(BundleContent.builder().file(pdf, entry).build(),
                tmp.resolve("b")))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.INPUT_MISMATCH))
                .hasMessageContaining("is " + REPORT.length() + " bytes").hasMessageContaining("records 3");
    }

    @Test
    void anUndeclaredCollectionIsAManifestError() throws IOException {
        Path pdf = write(tmp.resolve("download.bin"), REPORT);
        ManifestEntry entry = ManifestEntry.builder(ArchivePath.of("report.pdf")).collection("nowhere")
                .size(REPORT.length()).digest(DigestValue.parse(DigestAlgorithm.SHA256, sha256(REPORT))).build();
        assertThatThrownBy(() -> Fixtures.writer().build().write(BundleContent.builder().file(pdf, entry).build(),
                tmp.resolve("b")))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.MANIFEST_INVALID))
                .hasMessageContaining("nowhere");
        assertThat(Fixtures.names(tmp)).containsExactly("download.bin");
    }

    @Test
    void writesAZipWithOneTopLevelFolderThatStreamingReadersRead() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Path zip = tmp.resolve("removed-2017.zip");
        Fixtures.writer().zip(true).build().write(BundleContent.builder().title("t").folder(in).build(), zip);

        List<String> names = new ArrayList<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Collections.list(file.entries()).forEach(e -> names.add(e.getName()));
            ZipEntry pdf = file.getEntry("removed-2017/data/documents/report-2016.pdf");
            assertThat(pdf.getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(new String(file.getInputStream(pdf).readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(REPORT);
            assertThat(file.getEntry("removed-2017/manifest-sha256.txt").getMethod()).isEqualTo(ZipEntry.DEFLATED);
        }
        assertThat(names).allMatch(n -> n.startsWith("removed-2017/"));
        assertThat(names).contains("removed-2017/", "removed-2017/bagit.txt", "removed-2017/data/",
                "removed-2017/data/documents/", "removed-2017/provenance/archive.json", "removed-2017/tagmanifest-sha512.txt");
        assertThat(names.indexOf("removed-2017/data/documents/")).isLessThan(
                names.indexOf("removed-2017/data/documents/report-2016.pdf"));

        // ZipInputStream reads local headers only: the patched CRCs and sizes must be right there.
        Path unpacked = Fixtures.unzip(zip, tmp.resolve("unpacked"));
        Fixtures.writer().build().write(BundleContent.builder().title("t").folder(in).build(), tmp.resolve("removed-2017"));
        assertThat(Fixtures.snapshot(unpacked.resolve("removed-2017"))).usingRecursiveComparison()
                .isEqualTo(Fixtures.snapshot(tmp.resolve("removed-2017")));
        assertThat(BundleVerifier.builder().build().verify(zip).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aZipOfMoreThan65535EntriesUsesZip64() throws IOException {
        // Written with the internal ZIP writer directly: 70,000 files on disk would make a slow test.
        Path zip = tmp.resolve("many.zip");
        try (ZipWriter writer = ZipWriter.create(zip, Fixtures.NOW)) {
            writer.directory("many/");
            for (int i = 0; i < 70_000; i++) {
                ZipWriter.StoredEntry entry = writer.beginStored("many/f" + i, 1);
                entry.write(new byte[] {(byte) i}, 0, 1);
                entry.finish();
            }
            writer.finish(false);
        }
        try (ZipFile file = new ZipFile(zip.toFile())) {
            assertThat(file.size()).isEqualTo(70_001);
            assertThat(file.getInputStream(file.getEntry("many/f69999")).readAllBytes()).containsExactly((byte) 69999);
        }
        int count = 0;
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            while (in.getNextEntry() != null) {
                in.readAllBytes();
                count++;
            }
        }
        assertThat(count).isEqualTo(70_001);
    }

    @Test
    void anExistingTargetIsRefusedUnlessReplacingIsAllowed() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Path target = Files.createDirectories(tmp.resolve("b"));
        write(target.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> Fixtures.writer().build().write(BundleContent.ofFolder(in), target))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.TARGET_EXISTS))
                .hasMessageContaining(target.toString());
        assertThat(target.resolve("keep.txt")).hasContent("mine");

        Fixtures.writer().replaceExisting(true).build().write(BundleContent.ofFolder(in), target);
        assertThat(target.resolve("keep.txt")).doesNotExist();
        assertThat(target.resolve("bagit.txt")).exists();
        assertThat(Fixtures.names(tmp)).containsExactly("b", "in");

        Path zip = write(tmp.resolve("b.zip"), "not a zip");
        assertThatThrownBy(() -> Fixtures.writer().zip(true).build().write(BundleContent.ofFolder(in), zip))
                .isInstanceOf(BundleException.class);
        Fixtures.writer().zip(true).replaceExisting(true).build().write(BundleContent.ofFolder(in), zip);
        assertThat(BundleReader.isBundle(zip)).isTrue();
    }

    @Test
    void aMissingInputFolderIsNoSuchFile() {
        assertThatThrownBy(() -> Fixtures.writer().build().write(BundleContent.ofFolder(tmp.resolve("nope")),
                tmp.resolve("b"))).isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope");
        assertThat(tmp.resolve("b")).doesNotExist();
    }

    @Test
    void theTargetMayNotBeInsideTheInputFolderNorTheInputInsideAReplacedTarget() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Map<String, byte[]> before = Fixtures.snapshot(in);
        assertThatThrownBy(() -> Fixtures.writer().build().write(BundleContent.ofFolder(in), in.resolve("bundle")))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.TARGET_OVERLAPS_INPUT));
        assertThatThrownBy(() -> Fixtures.writer().replaceExisting(true).build().write(
                BundleContent.ofFolder(in.resolve("documents")), in))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.TARGET_OVERLAPS_INPUT));
        assertThat(Fixtures.snapshot(in)).usingRecursiveComparison().isEqualTo(before);
    }

    @Test
    void theInputsAreNeitherModifiedNorMoved() throws IOException {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Path single = write(tmp.resolve("single.txt"), "single");
        Map<String, byte[]> before = Fixtures.snapshot(in);
        var modified = Files.getLastModifiedTime(in.resolve("notes.txt"));
        Fixtures.writer().build().write(BundleContent.builder().folder(in)
                .file(single, ArchivePath.of("extra/single.txt")).build(), tmp.resolve("b"));
        Fixtures.writer().zip(true).build().write(BundleContent.ofFolder(in), tmp.resolve("b.zip"));
        assertThat(Fixtures.snapshot(in)).usingRecursiveComparison().isEqualTo(before);
        assertThat(Files.getLastModifiedTime(in.resolve("notes.txt"))).isEqualTo(modified);
        assertThat(single).hasContent("single");
    }
}
