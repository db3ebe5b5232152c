package dev.palimpsest.core.manifest;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Manifests for tests, built through the public API only. */
final class Samples {
    private Samples() {}

    /** A digest of {@code content} computed with the real algorithm. */
    static DigestValue digest(DigestAlgorithm algorithm, String content) {
        return DigestValue.of(algorithm,
                algorithm.newMessageDigest().digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** The smallest valid entry: path, size and SHA-256 of {@code content}. */
    static ManifestEntry minimalEntry(String path, String content) throws ManifestException {
        return ManifestEntry.builder(ArchivePath.of(path))
                .size(content.getBytes(StandardCharsets.UTF_8).length)
                .digest(digest(DigestAlgorithm.SHA256, content))
                .build();
    }

    static CaptureRecord fullCapture() throws ManifestException {
        String content = "%PDF-1.4 report";
        DigestValue sha1 = digest(DigestAlgorithm.SHA1, content);
        CdxRecord cdx = CdxRecord.builder()
                .urlkey("gov,example)/foia/report.pdf")
                .timestamp("20171012140300")
                .original("https://www.example.gov/foia/report.pdf")
                .mimetype("application/pdf")
                .status("200")
                .digest(sha1.base32())
                .length("12345")
                .offset("67890")
                .filename("EXAMPLE-20171012140300-00042.warc.gz")
                .extraField("robotflags", "\"-\"")
                .build();
        WarcSource warc = WarcSource.builder()
                .filename("recovered.warc.gz")
                .offset(1234L)
                .recordId("<urn:uuid:6f0e2d2c-8b7a-4f7e-9a53-2f1f3b0c9d11>")
                .targetUri("https://www.example.gov/foia/report.pdf")
                .date(Instant.parse("2017-10-12T14:03:00Z"))
                .payloadDigest("sha1:" + sha1.base32())
                .extraField("warcType", "\"response\"")
                .build();
        return CaptureRecord.builder()
                .originalUrl("https://www.example.gov/foia/report.pdf")
                .captureTime(Instant.parse("2017-10-12T14:03:00Z"))
                .archive("web.archive.org")
                .mementoUrl("https://web.archive.org/web/20171012140300/https://www.example.gov/foia/report.pdf")
                .rawMementoUrl("https://web.archive.org/web/20171012140300id_/https://www.example.gov/foia/report.pdf")
                .cdx(cdx)
                .retrievedAt(Instant.parse("2026-11-28T09:15:42.123Z"))
                .retrievedBy("palimpsest/0.1.0")
                .responseHeader("Memento-Datetime", "Thu, 12 Oct 2017 14:03:00 GMT")
                .responseHeader("Link", "<https://www.example.gov/foia/report.pdf>; rel=\"original\"")
                .responseHeader("link", "<https://web.archive.org/web/timemap/link/https://www.example.gov/foia/report.pdf>; rel=\"timemap\"")
                .responseHeader("X-Archive-Orig-Content-Type", "application/pdf")
                .warc(warc)
                .check(CaptureCheck.MATCH)
                .checkExplanation("the file's SHA-1 equals the CDX digest")
                .extraField("x-note", "{ \"numbers\": [1.10, -0, 1e400, 12345678901234567890123], \"ok\": true, \"none\": null }")
                .build();
    }

    /** A manifest that uses every field of every type, Unicode text and unknown fields at every level. */
    static ArchiveManifest full() throws ManifestException {
        String report = "%PDF-1.4 report";
        ManifestEntry.Builder entry = ManifestEntry.builder(ArchivePath.of("documents/Überprüfung – 2017.pdf"))
                .collection("documents")
                .title("Überprüfung des Programms — 報告書 📄")
                .mediaType("application/pdf")
                .size(report.length())
                .capture(fullCapture())
                .metadata("agency-id", "FOIA-2017-001")
                .metadata("notes", "two\nlines and a tab\t")
                .extraField("x-reviewed", "{\"by\":\"Ana\",\"at\":\"2026-11-28\"}");
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            entry.digest(digest(algorithm, report));
        }
        return ArchiveManifest.builder()
                .title("Recovered FOIA library — October 2017")
                .description("Documents removed from the agency's FOIA library,\nrecovered from the Wayback Machine.")
                .creator("Ana Archivist <ana@example.org>")
                .created(Instant.parse("2026-11-28T10:00:00Z"))
                .collection(ArchiveCollection.builder().id("documents").title("Documents")
                        .description("Reports and letters").extraField("x-order", "1").build())
                .collection(ArchiveCollection.builder().id("statistics").title("Statistics").build())
                .collection(ArchiveCollection.builder().id("memorandums-of-agreement").build())
                .entry(entry.build())
                .entry(minimalEntry("statistics/table 1.csv", "a,b\n1,2\n").toBuilder().collection("statistics")
                        .mediaType("text/csv; charset=utf-8").build())
                .entry(minimalEntry("Ω/ǅemal/𝒳.txt", "astral"))
                .entry(minimalEntry("memorandums-of-agreement/moa.pdf", "moa").toBuilder()
                        .collection("memorandums-of-agreement").build())
                .extraField("x-future", "{\"deep\":{\"nested\":[true,false,null,\"é\\u0000\"]}}")
                .extraField("x-count", "3")
                .build();
    }
}
