package dev.palimpsest.core.manifest;

import static dev.palimpsest.core.manifest.Samples.digest;
import static dev.palimpsest.core.manifest.Samples.minimalEntry;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.digest.DigestAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestCodecTest {
    private static final ManifestCodec CODEC = ManifestCodec.standard();

    /** The exact bytes of a small manifest: layout, member order, escaping, final newline. */
    @Test
    void writesTheDocumentedLayoutExactly() throws Exception {
        ArchiveManifest manifest = ArchiveManifest.builder()
                .title("Recovered \"FOIA\" documents — 2017")
                .created(Instant.parse("2026-11-28T10:00:00Z"))
                .collection(ArchiveCollection.builder().id("documents").title("Documents").build())
                .entry(ManifestEntry.builder(ArchivePath.of("documents/abc.txt"))
                        .collection("documents")
                        .mediaType("text/plain")
                        .size(3)
                        .digest(digest(DigestAlgorithm.SHA1, "abc"))
                        .digest(digest(DigestAlgorithm.SHA256, "abc"))
                        .capture(CaptureRecord.builder()
                                .originalUrl("https://example.gov/abc.txt")
                                .waybackTimestamp("20171012140300")
                                .responseHeader("Memento-Datetime", "Thu, 12 Oct 2017 14:03:00 GMT")
                                .check(CaptureCheck.MATCH)
                                .build())
                        .metadata("note", "tab\there")
                        .build())
                .entry(minimalEntry("empty.txt", ""))
                .build();
        String expected = "{\n"
                + "  \"format\": \"palimpsest-archive\",\n"
                + "  \"version\": \"1.0\",\n"
                + "  \"title\": \"Recovered \\\"FOIA\\\" documents — 2017\",\n"
                + "  \"created\": \"2026-11-28T10:00:00Z\",\n"
                + "  \"collections\": [\n"
                + "    {\n"
                + "      \"id\": \"documents\",\n"
                + "      \"title\": \"Documents\"\n"
                + "    }\n"
                + "  ],\n"
                + "  \"entries\": [\n"
                + "    {\n"
                + "      \"path\": \"documents/abc.txt\",\n"
                + "      \"collection\": \"documents\",\n"
                + "      \"mediaType\": \"text/plain\",\n"
                + "      \"size\": 3,\n"
                + "      \"digests\": {\n"
                // FIPS 180-4 examples for "abc".
                + "        \"sha256\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\",\n"
                + "        \"sha1\": \"a9993e364706816aba3e25717850c26c9cd0d89d\"\n"
                + "      },\n"
                + "      \"capture\": {\n"
                + "        \"originalUrl\": \"https://example.gov/abc.txt\",\n"
                + "        \"captureTime\": \"2017-10-12T14:03:00Z\",\n"
                + "        \"waybackTimestamp\": \"20171012140300\",\n"
                + "        \"headers\": {\n"
                + "          \"memento-datetime\": [\n"
                + "            \"Thu, 12 Oct 2017 14:03:00 GMT\"\n"
                + "          ]\n"
                + "        },\n"
                + "        \"check\": \"MATCH\"\n"
                + "      },\n"
                + "      \"metadata\": {\n"
                + "        \"note\": \"tab\\there\"\n"
                + "      }\n"
                + "    },\n"
                + "    {\n"
                + "      \"path\": \"empty.txt\",\n"
                + "      \"size\": 0,\n"
                + "      \"digests\": {\n"
                + "        \"sha256\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"\n"
                + "      }\n"
                + "    }\n"
                + "  ]\n"
                + "}\n";
        assertThat(new String(CODEC.toBytes(manifest), UTF_8)).isEqualTo(expected);
        assertThat(CODEC.read(expected.getBytes(UTF_8))).isEqualTo(manifest);
    }

    @Test
    void emptyManifestHasAnEmptyEntriesArray() throws Exception {
        assertThat(new String(CODEC.toBytes(ArchiveManifest.builder().build()), UTF_8))
                .isEqualTo("{\n  \"format\": \"palimpsest-archive\",\n  \"version\": \"1.0\",\n  \"entries\": []\n}\n");
    }

    @Test
    void fullManifestRoundTripsToAnEqualValueAndTheSameBytes() throws Exception {
        ArchiveManifest full = Samples.full();
        byte[] bytes = CODEC.toBytes(full);
        ArchiveManifest read = CODEC.read(bytes);
        assertThat(read).isEqualTo(full).hasSameHashCodeAs(full);
        assertThat(CODEC.toBytes(read)).isEqualTo(bytes);
        String text = new String(bytes, UTF_8);
        // Readable Unicode, not escapes; LF only; numbers in unknown fields kept exactly.
        assertThat(text).contains("\"path\": \"Ω/ǅemal/𝒳.txt\"", "報告書 📄", "1.10", "-0", "1e400",
                "12345678901234567890123").doesNotContain("\r", "\\uD8");
        assertThat(read.entries().get(0).capture().get().extraFields().get("x-note"))
                .isEqualTo("{\"numbers\":[1.10,-0,1e400,12345678901234567890123],\"ok\":true,\"none\":null}");
    }

    @Test
    void sameManifestGivesSameBytesWhateverTheBuildOrder() throws Exception {
        ArchiveManifest one = ArchiveManifest.builder()
                .extraField("b", "2").extraField("a", "1")
                .entry(minimalEntry("z.txt", "z").toBuilder().metadata("k2", "v").metadata("k1", "v").build())
                .entry(minimalEntry("a.txt", "a"))
                .build();
        ArchiveManifest two = ArchiveManifest.builder()
                .entry(minimalEntry("a.txt", "a"))
                .entry(minimalEntry("z.txt", "z").toBuilder().metadata("k1", "v").metadata("k2", "v").build())
                .extraField("a", "1").extraField("b", "2")
                .build();
        assertThat(CODEC.toBytes(one)).isEqualTo(CODEC.toBytes(two));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CODEC.write(one, out);
        assertThat(out.toByteArray()).isEqualTo(CODEC.toBytes(one));
    }

    @Test
    void timesAreWrittenInUtcAndReadWithAnyOffset() throws Exception {
        String json = "{\"format\":\"palimpsest-archive\",\"version\":\"1.0\",\"created\":\"2017-10-12T16:03:00.5+02:00\","
                + "\"entries\":[]}";
        ArchiveManifest manifest = CODEC.read(json.getBytes(UTF_8));
        assertThat(manifest.created()).contains(Instant.parse("2017-10-12T14:03:00.500Z"));
        assertThat(new String(CODEC.toBytes(manifest), UTF_8)).contains("\"created\": \"2017-10-12T14:03:00.500Z\"");
    }

    /** A manifest from a newer minor version: read, its additions kept at every level, written back. */
    @Test
    void newerMinorVersionIsReadAndItsAdditionsPreserved() throws Exception {
        String json = "{\n"
                + "  \"format\": \"palimpsest-archive\",\n"
                + "  \"version\": \"1.7\",\n"
                + "  \"collections\": [\n"
                + "    {\n"
                + "      \"id\": \"c\",\n"
                + "      \"colour\": \"red\"\n"
                + "    }\n"
                + "  ],\n"
                + "  \"entries\": [\n"
                + "    {\n"
                + "      \"path\": \"a.txt\",\n"
                + "      \"collection\": \"c\",\n"
                + "      \"size\": 0,\n"
                + "      \"digests\": {\n"
                + "        \"sha256\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"\n"
                + "      },\n"
                + "      \"capture\": {\n"
                + "        \"originalUrl\": \"http://example.com/a.txt\",\n"
                + "        \"cdx\": {\n"
                + "          \"digest\": \"-\",\n"
                + "          \"robotflags\": \"A\"\n"
                + "        },\n"
                + "        \"warc\": {\n"
                + "          \"recordId\": \"<urn:uuid:1>\",\n"
                + "          \"segment\": 2\n"
                + "        },\n"
                + "        \"replay\": {\n"
                + "          \"engine\": \"pywb\",\n"
                + "          \"ratio\": 0.50\n"
                + "        }\n"
                + "      },\n"
                + "      \"license\": [\n"
                + "        \"public-domain\",\n"
                + "        null\n"
                + "      ]\n"
                + "    }\n"
                + "  ],\n"
                + "  \"signatures\": {}\n"
                + "}\n";
        ArchiveManifest manifest = CODEC.read(json.getBytes(UTF_8));
        assertThat(manifest.version()).isEqualTo("1.7");
        assertThat(manifest.extraFields()).containsEntry("signatures", "{}");
        assertThat(manifest.collections().get(0).extraFields()).containsEntry("colour", "\"red\"");
        ManifestEntry entry = manifest.entries().get(0);
        assertThat(entry.extraFields()).containsEntry("license", "[\"public-domain\",null]");
        CaptureRecord capture = entry.capture().get();
        assertThat(capture.extraFields()).containsEntry("replay", "{\"engine\":\"pywb\",\"ratio\":0.50}");
        assertThat(capture.cdx().get().extraFields()).containsEntry("robotflags", "\"A\"");
        assertThat(capture.warc().get().extraFields()).containsEntry("segment", "2");
        assertThat(new String(CODEC.toBytes(manifest), UTF_8)).isEqualTo(json);
    }

    @Test
    void readsFromStreamsAndFilesWithoutClosingStreams(@TempDir Path dir) throws Exception {
        ArchiveManifest full = Samples.full();
        Path file = dir.resolve("archive.json");
        Files.write(file, CODEC.toBytes(full));
        assertThat(CODEC.read(file)).isEqualTo(full);
        boolean[] closed = {false};
        ByteArrayInputStream in = new ByteArrayInputStream(Files.readAllBytes(file)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertThat(CODEC.read(in)).isEqualTo(full);
        assertThat(closed[0]).isFalse();
        // A UTF-8 byte order mark is tolerated, as RFC 8259 allows.
        byte[] withBom = ("\uFEFF" + new String(CODEC.toBytes(full), UTF_8)).getBytes(UTF_8);
        assertThat(CODEC.read(withBom)).isEqualTo(full);
    }

    /** The builders hold values to the reader's limits, so a manifest at every limit reads back. */
    @Test
    void whateverCanBeBuiltCanBeReadBack() throws Exception {
        String deepest = "[".repeat(59) + "]".repeat(59);
        String longest = "é".repeat(ManifestCodec.MAX_STRING_LENGTH);
        String longestKey = "報".repeat(341) + "k"; // 1024 bytes in UTF-8
        String longestHeader = "h".repeat(ManifestCodec.MAX_NAME_LENGTH);
        ManifestEntry entry = minimalEntry("a.txt", "a").toBuilder()
                .title(longest)
                .metadata(longestKey, "v")
                .capture(CaptureRecord.builder().originalUrl("http://a/")
                        .responseHeader(longestHeader, "v")
                        .cdx(CdxRecord.builder().extraField("x-deep", deepest).build())
                        .build())
                .build();
        ArchiveManifest manifest = ArchiveManifest.builder().entry(entry).build();
        assertThat(CODEC.read(CODEC.toBytes(manifest))).isEqualTo(manifest);

        assertThatThrownBy(() -> CdxRecord.builder().extraField("x-deep", "[" + deepest + "]").build())
                .hasMessageStartingWith("CDX record: extra field 'x-deep' is not an acceptable JSON value: Document"
                        + " nesting depth (60) exceeds the maximum allowed (59");
        assertThatThrownBy(() -> entry.toBuilder().title(longest + "x").build())
                .hasMessage("entry 'a.txt': title is 1048577 characters long, more than the 1048576 a manifest allows");
        assertThatThrownBy(() -> entry.toBuilder().metadata(longestKey + "k", "v").build())
                .hasMessageEndingWith("is 1025 bytes long in UTF-8, more than the 1024 a manifest allows");
        assertThatThrownBy(() -> CaptureRecord.builder().originalUrl("http://a/")
                        .responseHeader(longestHeader + "h", "v").build())
                .hasMessage("capture record 'http://a/': response header name is 1025 bytes long in UTF-8, more than the"
                        + " 1024 a manifest allows");
    }

    /** Many random valid manifests: parse(write(x)) equals x, and writing again gives the same bytes. */
    @Test
    void randomManifestsRoundTrip() throws Exception {
        Random random = new Random(20171012);
        for (int i = 0; i < 150; i++) {
            ArchiveManifest manifest = randomManifest(random);
            byte[] bytes = CODEC.toBytes(manifest);
            ArchiveManifest read = CODEC.read(bytes);
            assertThat(read).as("manifest %d:\n%s", i, new String(bytes, UTF_8)).isEqualTo(manifest);
            assertThat(CODEC.toBytes(read)).isEqualTo(bytes);
        }
    }

    private static ArchiveManifest randomManifest(Random random) throws ManifestException {
        ArchiveManifest.Builder b = ArchiveManifest.builder();
        if (random.nextBoolean()) {
            b.title(randomText(random, 40));
        }
        if (random.nextBoolean()) {
            b.description(randomText(random, 200));
        }
        if (random.nextBoolean()) {
            b.created(Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(4) * 250_000_000L));
        }
        List<String> collections = new ArrayList<>();
        for (int c = random.nextInt(3); c > 0; c--) {
            String id = "c" + c;
            collections.add(id);
            b.collection(ArchiveCollection.builder().id(id).title(random.nextBoolean() ? randomText(random, 10) : null)
                    .build());
        }
        List<String> used = new ArrayList<>();
        for (int e = random.nextInt(6); e > 0; e--) {
            String path = randomPath(random);
            String key = ArchivePath.of(path).collisionKey();
            if (used.stream().anyMatch(u -> u.equals(key) || u.startsWith(key + "/") || key.startsWith(u + "/"))) {
                continue;
            }
            used.add(key);
            String content = randomText(random, 30);
            ManifestEntry.Builder entry = ManifestEntry.builder(ArchivePath.of(path))
                    .size(content.getBytes(UTF_8).length)
                    .digest(digest(DigestAlgorithm.SHA256, content));
            if (random.nextBoolean()) {
                entry.digest(digest(DigestAlgorithm.values()[1 + random.nextInt(5)], content));
            }
            if (!collections.isEmpty() && random.nextBoolean()) {
                entry.collection(collections.get(random.nextInt(collections.size())));
            }
            if (random.nextBoolean()) {
                entry.title(randomText(random, 20));
            }
            if (random.nextBoolean()) {
                entry.metadata(randomText(random, 8).replaceAll("\\p{Cc}", "") + "k", randomText(random, 12));
            }
            if (random.nextBoolean()) {
                CaptureRecord.Builder capture = CaptureRecord.builder()
                        .originalUrl("http://example.com/" + random.nextInt(1000) + "?q=" + randomText(random, 5)
                                .replaceAll("\\p{Cc}", "_"));
                if (random.nextBoolean()) {
                    capture.captureTime(Instant.ofEpochSecond(800_000_000 + random.nextInt(1_000_000_000)));
                }
                if (random.nextBoolean()) {
                    capture.responseHeader("X-Archive-Orig-Server", randomText(random, 10).replaceAll("[\\r\\n\\x00]", " "));
                }
                if (random.nextBoolean()) {
                    capture.check(CaptureCheck.values()[random.nextInt(3)]).checkExplanation(randomText(random, 30));
                }
                entry.capture(capture.build());
            }
            if (random.nextBoolean()) {
                entry.extraField("x-" + random.nextInt(10), "[" + random.nextInt() + ",\"" + random.nextInt() + "\"]");
            }
            b.entry(entry.build());
        }
        return b.build();
    }

    private static final String[] ALPHABET = {
        "a", "b", "Z", "0", " ", "-", ".", "é", "ß", "Ω", "ǅ", "報", "告", "📄", "𝒳", "\u0301", "\u00A0", "\"", "\\",
        "\n", "\t", "\u0000", "\u001F", "\u007F", "\u2028", "/"
    };

    private static String randomText(Random random, int maxLength) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
            s.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return s.toString();
    }

    private static String randomPath(Random random) {
        while (true) {
            StringBuilder path = new StringBuilder();
            for (int segments = 1 + random.nextInt(3); segments > 0; segments--) {
                if (path.length() > 0) {
                    path.append('/');
                }
                path.append(randomText(random, 6).replaceAll("[/\\\\\\p{Cc}]", "")).append("x");
            }
            String nfc = Normalizer.normalize(path.toString(), Normalizer.Form.NFC);
            try {
                return ArchivePath.of(nfc).toString();
            } catch (ArchivePathException e) {
                // e.g. a drive-letter-like first segment; draw again
            }
        }
    }
}
