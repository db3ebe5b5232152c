package dev.palimpsest.pdf.apitests;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.manifest.ArchiveCollection;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.SigningIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes a Palimpsest bundle folder by hand, in the layout of DESIGN.md: files under
 * {@code data/}, {@code provenance/archive.json} written with {@link ManifestCodec}, and its
 * detached signature {@code provenance/archive.json.p7s} made with {@link CmsSigner}. (The bundle
 * writer is not used, so these tests depend on the layout only.)
 */
final class Bundles {
    static final Instant CREATED = Instant.parse("2017-10-20T09:30:00Z");

    static final byte[] REPORT = Fixtures.PDF_BYTES;
    static final byte[] STATS = "year,requests\n2016,8301\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] MEMO = "<!doctype html><title>Memorandum</title>\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] NOTES = "loose notes\n".getBytes(StandardCharsets.UTF_8);

    private Bundles() {
    }

    /** The files of the sample bundle, by archive path. */
    static Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("documents/report-2016.pdf", REPORT);
        files.put("memorandums/moa-2015.html", MEMO);
        files.put("notes.txt", NOTES);
        files.put("statistics/requests.csv", STATS);
        return files;
    }

    /** The sample manifest: two declared collections plus one in use only by an entry, and one file in none. */
    static ArchiveManifest manifest() throws Exception {
        return ArchiveManifest.builder()
                .title("FOIA library documents removed in October 2017")
                .description("Recovered from the Wayback Machine")
                .creator("A. Archivist")
                .created(CREATED)
                .collection(ArchiveCollection.builder().id("documents").title("Documents").build())
                .collection(ArchiveCollection.builder().id("statistics").title("Statistics")
                        .description("Request statistics").build())
                .collection(ArchiveCollection.builder().id("memorandums").build())
                .entry(entry("documents/report-2016.pdf", REPORT).collection("documents").title("Annual report 2016")
                        .mediaType("application/pdf")
                        .digest(Fixtures.digest(DigestAlgorithm.MD5, REPORT))
                        .capture(CaptureRecord.builder()
                                .originalUrl("https://www.example.gov/foia/docs/report-2016.pdf")
                                .captureTime(Instant.parse("2017-10-12T14:03:00Z"))
                                .mementoUrl("https://web.archive.org/web/20171012140300/https://www.example.gov/foia/"
                                        + "docs/report-2016.pdf")
                                .check(CaptureCheck.MATCH)
                                .build())
                        .build())
                .entry(entry("statistics/requests.csv", STATS).collection("statistics").mediaType("text/csv; charset=utf-8")
                        .capture(CaptureRecord.builder().originalUrl("https://www.example.gov/foia/stats/requests.csv")
                                .build())
                        .build())
                .entry(entry("memorandums/moa-2015.html", MEMO).collection("memorandums").mediaType("text/html").build())
                .entry(entry("notes.txt", NOTES).build())
                .build();
    }

    private static ManifestEntry.Builder entry(String path, byte[] bytes) throws Exception {
        return ManifestEntry.builder(ArchivePath.of(path)).size(bytes.length)
                .digest(Fixtures.digest(DigestAlgorithm.SHA256, bytes));
    }

    /** Writes the sample bundle under {@code folder}, signed by {@code signer} when it is not null. */
    static Path write(Path folder, SigningIdentity signer) throws Exception {
        for (Map.Entry<String, byte[]> e : files().entrySet()) {
            Path file = folder.resolve("data").resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        byte[] json = ManifestCodec.standard().toBytes(manifest());
        Path provenance = Files.createDirectories(folder.resolve("provenance"));
        Files.write(provenance.resolve("archive.json"), json);
        if (signer != null) {
            Files.write(provenance.resolve("archive.json.p7s"), CmsSigner.builder(signer).build().sign(json));
        }
        return folder;
    }
}
