package dev.palimpsest.pdf.verify;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.pdf.ContentSource;
import dev.palimpsest.pdf.PdfVerifier;
import dev.palimpsest.pdf.PortfolioBuilder;
import dev.palimpsest.pdf.PortfolioItem;
import dev.palimpsest.pdf.PortfolioMetadata;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Not a test: {@code build DIR MIB} writes a signed portfolio of about MIB mebibytes of random
 * files; {@code verify FILE} times a verification (run it with {@code -Xmx256m}); {@code sha256 FILE}
 * times one SHA-256 pass in Java. Used for pdf-portfolio/src/bench/BENCHMARK-verify.md.
 */
public final class VerifyBench {
    private VerifyBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "build":
                build(Path.of(args[1]), Integer.parseInt(args[2]));
                break;
            case "verify": {
                long t0 = System.nanoTime();
                VerificationReport r = PdfVerifier.of(TestPortfolios.trust()).verify(Path.of(args[1]));
                long t1 = System.nanoTime();
                System.out.printf("verify: %.2f s, verdict %s, %d entries, %d problems, max heap %d MiB%n", (t1 - t0) / 1e9,
                        r.verdict(), r.entries().size(), r.problems().size(), Runtime.getRuntime().maxMemory() >> 20);
                r.problems().forEach(System.out::println);
                r.signatures().forEach(s -> System.out.println(s + " " + s.coverage().orElse("") + " " + s.level().orElse("")));
                break;
            }
            case "sha256": {
                long t0 = System.nanoTime();
                MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
                try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
                    byte[] b = new byte[1 << 20];
                    for (int n; (n = in.read(b)) >= 0;) {
                        md.update(b, 0, n);
                    }
                }
                md.digest();
                System.out.printf("java sha256: %.2f s%n", (System.nanoTime() - t0) / 1e9);
                break;
            }
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    static void build(Path dir, int mib) throws Exception {
        Files.createDirectories(dir);
        ArchiveManifest.Builder m = ArchiveManifest.builder().title("Benchmark").created(TestPortfolios.CREATED);
        List<Path> files = new ArrayList<>();
        List<ManifestEntry> entries = new ArrayList<>();
        int count = (mib + 255) / 256;
        for (int i = 0; i < count; i++) {
            Path f = dir.resolve("file-" + i + ".bin");
            MessageDigest sha256 = DigestAlgorithm.SHA256.newMessageDigest();
            MessageDigest sha512 = DigestAlgorithm.SHA512.newMessageDigest();
            MessageDigest md5 = DigestAlgorithm.MD5.newMessageDigest();
            SplittableRandom random = new SplittableRandom(i);
            byte[] block = new byte[1 << 20];
            try (OutputStream out = Files.newOutputStream(f)) {
                int blocks = i < count - 1 ? 256 : mib - 256 * (count - 1);
                for (int k = 0; k < blocks; k++) {
                    for (int j = 0; j < block.length; j += 8) {
                        long v = random.nextLong();
                        for (int b = 0; b < 8; b++) {
                            block[j + b] = (byte) (v >>> (8 * b));
                        }
                    }
                    out.write(block);
                    sha256.update(block);
                    sha512.update(block);
                    md5.update(block);
                }
            }
            files.add(f);
            ManifestEntry e = ManifestEntry.builder(ArchivePath.of("data/file-" + i + ".bin")).size(Files.size(f))
                    .digest(DigestValue.of(DigestAlgorithm.SHA256, sha256.digest()))
                    .digest(DigestValue.of(DigestAlgorithm.SHA512, sha512.digest()))
                    .digest(DigestValue.of(DigestAlgorithm.MD5, md5.digest())).build();
            entries.add(e);
            m.entry(e);
        }
        ArchiveManifest manifest = m.build();
        byte[] json = ManifestCodec.standard().toBytes(manifest);
        List<PortfolioItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ManifestEntry e = entries.get(i);
            items.add(PortfolioItem.builder(e.path().toString()).size(e.size()).sha256(e.sha256())
                    .md5(e.digest(DigestAlgorithm.MD5).orElseThrow()).content(ContentSource.ofFile(files.get(i))).build());
        }
        Path unsigned = dir.resolve("unsigned.pdf");
        PortfolioBuilder.of(PortfolioMetadata.builder("Benchmark", TestPortfolios.CREATED).build(), json)
                .withManifestSignature(CmsSigner.builder(TestPortfolios.SIGNER.identity()).build().sign(json))
                .withItems(items).build(unsigned);
        for (Path f : files) {
            Files.delete(f);
        }
        Pades.sign(unsigned, dir.resolve("portfolio.pdf"), TestPortfolios.SIGNER.identity(), null);
        Files.delete(unsigned);
        System.out.println("wrote " + dir.resolve("portfolio.pdf") + " (" + Files.size(dir.resolve("portfolio.pdf")) + " bytes)");
    }
}
