package dev.palimpsest.pdf.verify;

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
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.pdf.ContentSource;
import dev.palimpsest.pdf.PortfolioBuilder;
import dev.palimpsest.pdf.PortfolioItem;
import dev.palimpsest.pdf.PortfolioMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Portfolios the library builds, with a real signed manifest: the inputs of every verifier and
 * attack test. Signing keys come from a test PKI; the same signer signs the manifest and the PDF.
 */
final class TestPortfolios {
    static final Instant CREATED = Instant.parse("2017-10-20T09:30:00Z");
    static final TestPki PKI = TestPki.create("Palimpsest Test Root");
    static final TestPki.Credential SIGNER = PKI.issue("Jane Archivist").build();
    static final TestPki.Credential OTHER = PKI.issue("Someone Else").build();

    static final byte[] PDF = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            + "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);
    static final byte[] CSV = "year,requests\n2015,7124\n2016,8301\n".repeat(50).getBytes(StandardCharsets.UTF_8);
    static final byte[] TEXT = "Reading room notice — Ünïcödé\n".repeat(20).getBytes(StandardCharsets.UTF_8);

    private TestPortfolios() {
    }

    static DigestValue digest(DigestAlgorithm a, byte[] b) {
        return DigestValue.of(a, a.newMessageDigest().digest(b));
    }

    /** The files: path to bytes. */
    static Map<String, byte[]> files() {
        Map<String, byte[]> f = new LinkedHashMap<>();
        f.put("documents/memo-2016.pdf", PDF);
        f.put("statistics/requests.csv", CSV);
        f.put("documents/notice.txt", TEXT);
        return f;
    }

    static ArchiveManifest manifest(Map<String, byte[]> files) throws Exception {
        ArchiveManifest.Builder m = ArchiveManifest.builder().title("FOIA library — removed documents").creator("Jane Archivist")
                .created(CREATED)
                .collection(ArchiveCollection.builder().id("documents").title("Documents").build())
                .collection(ArchiveCollection.builder().id("statistics").title("Statistics").build());
        int i = 0;
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            byte[] b = e.getValue();
            ManifestEntry.Builder entry = ManifestEntry.builder(ArchivePath.of(e.getKey()))
                    .collection(e.getKey().substring(0, e.getKey().indexOf('/')))
                    .size(b.length)
                    .digest(digest(DigestAlgorithm.SHA256, b))
                    .digest(digest(DigestAlgorithm.SHA512, b))
                    .digest(digest(DigestAlgorithm.MD5, b));
            if (i++ % 2 == 0) {
                entry.capture(CaptureRecord.builder()
                        .originalUrl("https://www.agency.example/foia/" + e.getKey())
                        .captureTime(Instant.parse("2017-03-04T05:06:07Z").plusSeconds(3600L * i))
                        .mementoUrl("https://web.archive.org/web/2017/https://www.agency.example/foia/" + e.getKey())
                        .check(CaptureCheck.MATCH)
                        .build());
            }
            m.entry(entry.build());
        }
        return m.build();
    }

    /** The items a portfolio embeds for {@code manifest}, from {@code files}. */
    static List<PortfolioItem> items(ArchiveManifest manifest, Map<String, byte[]> files) {
        List<PortfolioItem> items = new ArrayList<>();
        for (ManifestEntry e : manifest.entries()) {
            byte[] b = files.get(e.path().toString());
            PortfolioItem.Builder item = PortfolioItem.builder(e.path().toString()).size(b.length).sha256(e.sha256())
                    .mediaType(e.path().toString().endsWith(".pdf") ? "application/pdf"
                            : e.path().toString().endsWith(".csv") ? "text/csv" : "text/plain")
                    .content(ContentSource.ofBytes(b));
            e.digest(DigestAlgorithm.MD5).ifPresent(item::md5);
            e.collection().ifPresent(item::collection);
            e.capture().ifPresent(c -> {
                item.originalUrl(c.originalUrl());
                c.captureTime().ifPresent(item::captured);
                c.mementoUrl().ifPresent(item::mementoUrl);
                c.check().ifPresent(item::captureCheck);
            });
            items.add(item.build());
        }
        return items;
    }

    /** An unsigned portfolio (its manifest signed by {@code manifestSigner}) at {@code out}. */
    static Path portfolio(Path out, Map<String, byte[]> files, SigningIdentity manifestSigner) throws Exception {
        ArchiveManifest manifest = manifest(files);
        byte[] json = ManifestCodec.standard().toBytes(manifest);
        PortfolioBuilder b = PortfolioBuilder.of(PortfolioMetadata.builder("FOIA library — removed documents", CREATED)
                .creator("Jane Archivist").build(), json).withItems(items(manifest, files));
        if (manifestSigner != null) {
            b = b.withManifestSignature(CmsSigner.builder(manifestSigner).build().sign(json));
        }
        b.build(out);
        return out;
    }

    static Path portfolio(Path out) throws Exception {
        return portfolio(out, files(), SIGNER.identity());
    }

    /** Trusts the test PKI's root (and a TSA's root, when given). */
    static TrustPolicy trust(java.security.cert.X509Certificate... more) {
        TrustPolicy.Builder b = TrustPolicy.builder().anchor(PKI.root().certificate());
        for (java.security.cert.X509Certificate c : more) {
            b.anchor(c);
        }
        return b.build();
    }
}
