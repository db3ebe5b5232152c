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
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.sign.TimestampClient;
import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.core.testing.TestTsa;
import dev.palimpsest.pdf.PadesLevel;
import dev.palimpsest.pdf.PadesSigner;
import dev.palimpsest.pdf.PortfolioBuilder;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The portfolio benchmark's Java side (run by run-portfolio-benchmark.sh, which times it):
 *
 *   prepare BUNDLE FILES TOTAL_BYTES [no-md5]
 *                                      writes a signed bundle of FILES random files (not timed);
 *                                      the manifest records each file's SHA-256 and MD5, or with
 *                                      no-md5 only its SHA-256 (the portfolio then computes MD5s)
 *   sign BUNDLE OUT.pdf LEVEL          reads the bundle, builds and signs its portfolio
 *
 * Everything the library does is included in "sign": reading the manifest and its signature,
 * hashing every file (SHA-256 and MD5, checked against the manifest) while embedding it, writing
 * the PDF, and signing it (B-T and above against a TSA on loopback).
 */
public final class PortfolioBenchmark {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "prepare":
                prepare(Path.of(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]),
                        !(args.length > 4 && args[4].equals("no-md5")));
                break;
            case "sign":
                sign(Path.of(args[1]), Path.of(args[2]), PadesLevel.fromName(args[3]));
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }

    private static void prepare(Path bundle, int files, long total, boolean recordMd5) throws Exception {
        SigningIdentity author = SigningIdentity.generator().name("Benchmark Archivist").generate();
        ArchiveManifest.Builder manifest = ArchiveManifest.builder().title("Benchmark: " + files + " files")
                .created(Instant.parse("2017-10-20T09:30:00Z"))
                .collection(ArchiveCollection.builder().id("documents").build());
        SplittableRandom random = new SplittableRandom(42);
        byte[] buffer = new byte[1 << 20];
        for (int i = 0; i < files; i++) {
            long size = total / files + (i < total % files ? 1 : 0);
            String path = String.format("documents/doc-%04d.pdf", i);
            Path file = bundle.resolve("data").resolve(path);
            Files.createDirectories(file.getParent());
            MessageDigest sha256 = DigestAlgorithm.SHA256.newMessageDigest();
            MessageDigest md5 = DigestAlgorithm.MD5.newMessageDigest();
            try (OutputStream out = Files.newOutputStream(file)) {
                for (long left = size; left > 0;) {
                    int n = (int) Math.min(buffer.length, left);
                    random.nextBytes(buffer);
                    out.write(buffer, 0, n);
                    sha256.update(buffer, 0, n);
                    md5.update(buffer, 0, n);
                    left -= n;
                }
            }
            ManifestEntry.Builder entry = ManifestEntry.builder(ArchivePath.of(path)).collection("documents")
                    .mediaType("application/pdf").title("Document " + i).size(size)
                    .digest(DigestValue.of(DigestAlgorithm.SHA256, sha256.digest()));
            if (recordMd5) {
                entry.digest(DigestValue.of(DigestAlgorithm.MD5, md5.digest()));
            }
            manifest.entry(entry
                    .capture(CaptureRecord.builder().originalUrl("https://agency.example/foia/" + path)
                            .captureTime(Instant.parse("2017-03-04T05:06:07Z"))
                            .mementoUrl("https://web.archive.org/web/20170304050607/https://agency.example/foia/" + path)
                            .check(CaptureCheck.MATCH).build())
                    .build());
        }
        byte[] json = ManifestCodec.standard().toBytes(manifest.build());
        Files.createDirectories(bundle.resolve("provenance"));
        Files.write(bundle.resolve("provenance/archive.json"), json);
        Files.write(bundle.resolve("provenance/archive.json.p7s"), CmsSigner.builder(author).build().sign(json));
    }

    private static void sign(Path bundle, Path out, PadesLevel level) throws Exception {
        long start = System.nanoTime();
        TestPki pki = TestPki.create("Benchmark CA");
        TestPki.Credential signer = pki.issue("Benchmark Signer").build();
        try (TestTsa tsa = TestTsa.start()) {
            Instant now = Instant.now();
            PadesSigner.Builder b = PadesSigner.builder(signer.identity()).level(level);
            if (level.needsTimestamps()) {
                b.timestampClient(TimestampClient.of(tsa.url()));
            }
            if (level.needsValidationData()) {
                b.crls(List.of(TestPki.emptyCrl(pki.root(), now, now.plus(Duration.ofDays(7))),
                        tsa.crl(now, now.plus(Duration.ofDays(7)))));
            }
            PortfolioBuilder.fromBundle(bundle).buildSigned(out, b.build());
        }
        System.out.printf("%s: %d bytes in %.2f s (in-process)%n", level.shortName(), Files.size(out),
                (System.nanoTime() - start) / 1e9);
    }
}
