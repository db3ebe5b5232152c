package dev.palimpsest.pdf.apitests;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.pdf.ContentSource;
import dev.palimpsest.pdf.PortfolioBuilder;
import dev.palimpsest.pdf.PortfolioItem;
import dev.palimpsest.pdf.PortfolioMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sample inputs: small real files with their digests, as a manifest would describe them. */
final class Fixtures {
    static final Instant CREATED = Instant.parse("2017-10-20T09:30:00Z");

    /** A tiny but well-formed PDF, stored raw in a portfolio. */
    static final byte[] PDF_BYTES = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            + "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);
    static final byte[] CSV_BYTES = "year,requests\n2015,7124\n2016,8301\n".repeat(40).getBytes(StandardCharsets.UTF_8);
    static final byte[] HTML_BYTES = "<!doctype html><title>Memorandum — Ünïcödé</title><p>Text</p>\n"
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] MANIFEST = "{\"format\":\"palimpsest-manifest\",\"version\":1,\"entries\":[]}\n"
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] SIGNATURE = new byte[] {0x30, (byte) 0x82, 0x01, 0x00, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48};

    private Fixtures() {
    }

    static DigestValue digest(DigestAlgorithm algorithm, byte[] bytes) {
        return DigestValue.of(algorithm, algorithm.newMessageDigest().digest(bytes));
    }

    static PortfolioItem.Builder item(String path, String mediaType, byte[] bytes) {
        return PortfolioItem.builder(path)
                .mediaType(mediaType)
                .size(bytes.length)
                .sha256(digest(DigestAlgorithm.SHA256, bytes))
                .content(ContentSource.ofBytes(bytes));
    }

    static PortfolioMetadata metadata() {
        return PortfolioMetadata.builder("FOIA library — removed documents (Ünïcödé, Ελληνικά, Кириллица)", CREATED)
                .description("Documents removed from an agency's FOIA reading room in October 2017, recovered from "
                        + "the Wayback Machine.")
                .creator("Jane Archivist")
                .signerFingerprint("3f1a9c0e5b7d2468ace013579bdf02468ace13579bdf02468ace13579bdf0246")
                .build();
    }

    /** The files of the standard sample, keyed by path. */
    static Map<String, byte[]> sampleBytes() {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        bytes.put("documents/memo-2016.pdf", PDF_BYTES);
        bytes.put("statistics/requests.csv", CSV_BYTES);
        bytes.put("memorandums/Ünïcödé memo 東京.html", HTML_BYTES);
        return bytes;
    }

    static List<PortfolioItem> sampleItems() {
        List<PortfolioItem> items = new ArrayList<>();
        items.add(item("documents/memo-2016.pdf", "application/pdf", PDF_BYTES)
                .title("Memorandum of agreement, 2016")
                .collection("documents")
                .originalUrl("https://www.agency.example/foia/reading-room/documents/memo-2016.pdf")
                .captured(Instant.parse("2017-03-04T05:06:07Z"))
                .mementoUrl("https://web.archive.org/web/20170304050607/https://www.agency.example/foia/"
                        + "reading-room/documents/memo-2016.pdf")
                .captureCheck(CaptureCheck.MATCH)
                .md5(digest(DigestAlgorithm.MD5, PDF_BYTES))
                .modified(Instant.parse("2016-12-01T10:00:00Z"))
                .build());
        items.add(item("statistics/requests.csv", "text/csv", CSV_BYTES)
                .title("FOIA requests per year")
                .collection("statistics")
                .originalUrl("https://www.agency.example/foia/stats/requests.csv?format=csv&year=all")
                .captured(Instant.parse("2017-01-02T03:04:05Z"))
                .mementoUrl("https://web.archive.org/web/20170102030405id_/https://www.agency.example/foia/"
                        + "stats/requests.csv?format=csv&year=all")
                .captureCheck(CaptureCheck.MISMATCH)
                .build());
        // A title in scripts the cover font partly lacks (CJK, emoji): they must come out as '?'.
        items.add(item("memorandums/Ünïcödé memo 東京.html", "text/html", HTML_BYTES)
                .title("Ünïcödé memorandum — Ελληνικά Кириллица 東京 \uD83D\uDCC4")
                .collection("memorandums")
                .build());
        return items;
    }

    static PortfolioBuilder sample() {
        return PortfolioBuilder.of(metadata(), MANIFEST).withManifestSignature(SIGNATURE).withItems(sampleItems());
    }

    static byte[] build(PortfolioBuilder builder) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        builder.build(out);
        return out.toByteArray();
    }
}
