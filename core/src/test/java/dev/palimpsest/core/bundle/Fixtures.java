package dev.palimpsest.core.bundle;

import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Inputs, keys and an attacker's tools for the bundle tests. Digests here are computed with the
 * JDK's {@link MessageDigest} directly, never with the code under test.
 */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final TestPki PKI = TestPki.create("Palimpsest Test Root");
    static final TestPki.Credential ARCHIVIST = PKI.issue("A. Archivist").build();
    static final TestPki.Credential WITNESS = PKI.issue("W. Witness").build();
    /** A key from another PKI, which the tests' trust policy does not trust. */
    static final TestPki.Credential MALLORY = TestPki.create("Mallory Root").issue("Mallory").build();

    static final String REPORT = "%PDF-1.7\n% a recovered report\n";
    static final String CSV = "year,requests\n2016,1204\n";

    private Fixtures() {
    }

    /** A folder of recovered files: two in sub-folders, one at the top. */
    static Path recovered(Path dir) throws IOException {
        Path in = Files.createDirectories(dir);
        write(in.resolve("documents/report-2016.pdf"), REPORT);
        write(in.resolve("statistics/requests.csv"), CSV);
        write(in.resolve("notes.txt"), "retrieved from the Wayback Machine\n");
        return in;
    }

    static Path write(Path file, String content) throws IOException {
        return write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    static CmsSigner signer(TestPki.Credential credential) {
        return CmsSigner.builder(credential.identity()).clock(CLOCK).build();
    }

    static SigningIdentity identity(TestPki.Credential credential) {
        return credential.identity();
    }

    /** Trusts the test root. */
    static TrustPolicy trustRoot() {
        return TrustPolicy.builder().anchor(PKI.root().certificate()).clock(CLOCK).build();
    }

    static BundleWriter.Builder writer() {
        return BundleWriter.builder().clock(CLOCK);
    }

    static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        return hex("SHA-256", text.getBytes(StandardCharsets.UTF_8));
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Every regular file under {@code root}, by relative path, with its bytes. */
    static Map<String, byte[]> snapshot(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** Every name in {@code dir}, to check that no temporary file was left behind. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    // --- the attacker's tools: rewrite manifests the way a careful forger would -------------------

    /** Rewrites every tag manifest's lines with the current digests of the files they list. */
    static void rehashTagManifests(Path bundle) throws IOException {
        for (String algorithm : List.of("sha256", "sha512")) {
            Path manifest = bundle.resolve("tagmanifest-" + algorithm + ".txt");
            if (Files.exists(manifest)) {
                rehash(bundle, manifest, algorithm);
            }
        }
    }

    /** Rewrites every payload manifest's lines with the current digests of the files they list. */
    static void rehashPayloadManifests(Path bundle) throws IOException {
        for (String algorithm : List.of("sha256", "sha512")) {
            Path manifest = bundle.resolve("manifest-" + algorithm + ".txt");
            if (Files.exists(manifest)) {
                rehash(bundle, manifest, algorithm);
            }
        }
    }

    private static void rehash(Path bundle, Path manifest, String algorithm) throws IOException {
        String jca = algorithm.equals("sha256") ? "SHA-256" : "SHA-512";
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            String path = line.substring(line.indexOf(' ')).trim();
            Path file = bundle.resolve(path);
            out.append(Files.exists(file) ? hex(jca, Files.readAllBytes(file)) : line.substring(0, line.indexOf(' ')))
                    .append("  ").append(path).append('\n');
        }
        Files.writeString(manifest, out.toString(), StandardCharsets.UTF_8);
    }

    /** Adds a payload file and lists it in every payload manifest, as a forger adding a file would. */
    static void addListedFile(Path bundle, String path, String content) throws IOException {
        write(bundle.resolve(path), content);
        for (String algorithm : List.of("sha256", "sha512")) {
            Path manifest = bundle.resolve("manifest-" + algorithm + ".txt");
            String jca = algorithm.equals("sha256") ? "SHA-256" : "SHA-512";
            Files.writeString(manifest, read(manifest) + hex(jca, content.getBytes(StandardCharsets.UTF_8)) + "  "
                    + path + "\n", StandardCharsets.UTF_8);
        }
    }

    /** Zips a bundle folder the way a person would: one top-level folder named after it. */
    static Path zipFolder(Path folder, Path zip) throws IOException {
        String top = folder.getFileName().toString() + "/";
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file);
                Stream<Path> walk = Files.walk(folder)) {
            List<Path> paths = walk.sorted().collect(Collectors.toList());
            for (Path p : paths) {
                String relative = folder.relativize(p).toString().replace('\\', '/');
                if (Files.isDirectory(p)) {
                    out.putNextEntry(new ZipEntry(top + (relative.isEmpty() ? "" : relative + "/")));
                } else {
                    out.putNextEntry(new ZipEntry(top + relative));
                    Files.copy(p, out);
                }
                out.closeEntry();
            }
        }
        return zip;
    }

    /** Unpacks a ZIP with {@link ZipInputStream} (a streaming reader, which needs no central directory). */
    static Path unzip(Path zip, Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file, StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                names.add(e.getName());
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("unsafe entry " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        if (names.isEmpty()) {
            throw new IOException("empty ZIP " + zip);
        }
        return dir;
    }

    static void uncheck(IOException e) {
        throw new UncheckedIOException(e);
    }
}
