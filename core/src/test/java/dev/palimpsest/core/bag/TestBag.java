package dev.palimpsest.core.bag;

import dev.palimpsest.core.digest.DigestAlgorithm;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes small, correct BagIt bags for tests, hashing with the JDK's {@link MessageDigest}
 * directly (not with the code under test), so that tests can then damage them one way at a time.
 */
final class TestBag {
    private final Path dir;
    private String version = "1.0";
    private Charset encoding = StandardCharsets.UTF_8;
    private List<String> algorithms = List.of("sha256", "sha512");
    private List<String> tagAlgorithms = List.of("sha256");
    private final Map<String, byte[]> payload = new TreeMap<>();
    private final Map<String, String> info = new LinkedHashMap<>();
    private boolean oxum = true;

    private TestBag(Path dir) {
        this.dir = dir;
        info.put("Source-Organization", "Palimpsest tests");
    }

    /** A bag to be written in {@code dir} (created if needed). */
    static TestBag in(Path dir) {
        return new TestBag(dir);
    }

    TestBag version(String version) {
        this.version = version;
        return this;
    }

    TestBag encoding(Charset encoding) {
        this.encoding = encoding;
        return this;
    }

    /** Payload manifest algorithms, as BagIt labels (md5, sha1, sha256, sha512, sha224, ...). */
    TestBag algorithms(String... labels) {
        this.algorithms = List.of(labels);
        return this;
    }

    /** Tag manifest algorithms; none for no tag manifest. */
    TestBag tagAlgorithms(String... labels) {
        this.tagAlgorithms = List.of(labels);
        return this;
    }

    /** A payload file at {@code data/<path>}. */
    TestBag file(String path, String content) {
        return file(path, content.getBytes(StandardCharsets.UTF_8));
    }

    TestBag file(String path, byte[] content) {
        payload.put("data/" + path, content);
        return this;
    }

    TestBag info(String label, String value) {
        info.put(label, value);
        return this;
    }

    TestBag noOxum() {
        oxum = false;
        return this;
    }

    /** Writes the bag and returns its folder. */
    Path write() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        long bytes = 0;
        for (Map.Entry<String, byte[]> e : payload.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
            bytes += e.getValue().length;
        }
        Files.writeString(dir.resolve("bagit.txt"), "BagIt-Version: " + version + "\nTag-File-Character-Encoding: "
                + encoding.name() + "\n", StandardCharsets.UTF_8);
        StringBuilder bagInfo = new StringBuilder();
        info.forEach((k, v) -> bagInfo.append(k).append(": ").append(v).append('\n'));
        if (oxum) {
            bagInfo.append("Payload-Oxum: ").append(bytes).append('.').append(payload.size()).append('\n');
        }
        Files.write(dir.resolve("bag-info.txt"), bagInfo.toString().getBytes(encoding));
        for (String algorithm : algorithms) {
            StringBuilder manifest = new StringBuilder();
            for (Map.Entry<String, byte[]> e : payload.entrySet()) {
                manifest.append(hex(algorithm, e.getValue())).append("  ").append(encode(e.getKey())).append('\n');
            }
            Files.write(dir.resolve("manifest-" + algorithm + ".txt"), manifest.toString().getBytes(encoding));
        }
        writeTagManifests(dir, encoding, tagAlgorithms.toArray(new String[0]));
        return dir;
    }

    /**
     * (Re)writes {@code tagmanifest-<algorithm>.txt} over every top-level file that is not a tag
     * manifest, so that a test can change a tag file and still have correct tag manifests.
     */
    static void writeTagManifests(Path bag, Charset encoding, String... algorithms) throws IOException {
        List<Path> tagFiles;
        try (Stream<Path> s = Files.list(bag)) {
            tagFiles = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("tagmanifest-")).sorted()
                    .collect(Collectors.toList());
        }
        for (String algorithm : algorithms) {
            StringBuilder manifest = new StringBuilder();
            for (Path p : tagFiles) {
                manifest.append(hex(algorithm, Files.readAllBytes(p))).append(' ').append(p.getFileName()).append('\n');
            }
            Files.write(bag.resolve("tagmanifest-" + algorithm + ".txt"), manifest.toString().getBytes(encoding));
        }
    }

    /** The hex digest of {@code bytes} with the JDK's implementation of a BagIt algorithm label. */
    static String hex(String label, byte[] bytes) {
        String jca = label.equals("md5") ? "MD5" : label.replace("sha", "SHA-").replace("SHA-3-", "SHA3-");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException(label, e);
        }
    }

    static String hex(String label, String text) {
        return hex(label, text.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 8493 manifest path encoding: %, CR and LF. */
    static String encode(String path) {
        return path.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D");
    }

    /** Appends a line to a file. */
    static void append(Path file, String line) throws IOException {
        Files.writeString(file, Files.readString(file, StandardCharsets.ISO_8859_1) + line,
                StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes the bag folder as a ZIP: under one top-level folder {@code top}, or at the ZIP root
     * when {@code top} is empty. {@code extra} entries (name, content) are added after the bag's.
     */
    static Path zip(Path bag, Path zip, String top, String... extra) throws IOException {
        String prefix = top.isEmpty() ? "" : top + "/";
        List<Path> files;
        try (Stream<Path> s = Files.walk(bag)) {
            files = s.sorted().collect(Collectors.toList());
        }
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Path p : files) {
                String rel = bag.relativize(p).toString();
                if (Files.isDirectory(p)) {
                    if (!prefix.isEmpty() || !rel.isEmpty()) {
                        z.putNextEntry(new ZipEntry(prefix + rel + (rel.isEmpty() ? "" : "/")));
                        z.closeEntry();
                    }
                } else {
                    z.putNextEntry(new ZipEntry(prefix + rel));
                    Files.copy(p, z);
                    z.closeEntry();
                }
            }
            for (int i = 0; i + 1 < extra.length; i += 2) {
                z.putNextEntry(new ZipEntry(extra[i]));
                z.write(extra[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip;
    }

    /** The lines of a manifest, for tests that rewrite them. */
    static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** Algorithms present in DigestAlgorithm that a label maps to, for assertions. */
    static DigestAlgorithm algorithm(String label) {
        return DigestAlgorithm.fromLabel(label).orElseThrow();
    }
}
