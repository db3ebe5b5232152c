package dev.palimpsest.examples.programs;

import dev.palimpsest.core.bundle.BundleContent;
import dev.palimpsest.core.bundle.BundleResult;
import dev.palimpsest.core.bundle.BundleWriter;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.manifest.ArchiveCollection;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.ManifestException;
import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.SigningException;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.sources.SourceRow;
import dev.palimpsest.core.sources.SourcesTable;
import dev.palimpsest.pdf.PadesLevel;
import dev.palimpsest.pdf.PadesSigner;
import dev.palimpsest.pdf.PortfolioBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Publishes a folder of recovered documents: the archive manifest made from the folder and a
 * sources table (where each file came from), signed, written as a bundle, and published as a
 * signed PDF portfolio.
 *
 * <pre>
 * java -cp examples/target/palimpsest.jar dev.palimpsest.examples.programs.PublishRecoveredDocuments \
 *     FOLDER SOURCES.csv KEY.p12 PASSWORD-FILE OUT
 * </pre>
 *
 * writes {@code OUT/bundle} and {@code OUT/portfolio.pdf}. {@code OUT} must not exist yet.
 */
public final class PublishRecoveredDocuments {
    private PublishRecoveredDocuments() {
    }

    /**
     * Runs the program.
     *
     * @param args the folder of recovered files, the sources table (CSV), the signer's PKCS#12
     *     key store, a file holding its password, and the output folder to create
     * @throws Exception whatever goes wrong, with a message naming the file
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: PublishRecoveredDocuments FOLDER SOURCES.csv KEY.p12 PASSWORD-FILE OUT");
            return;
        }
        Path folder = Path.of(args[0]);
        Path sources = Path.of(args[1]);
        Path out = Path.of(args[4]);

        // The password is read from a file, never taken from the command line, where other users
        // of the machine could see it; the array is wiped once the key is loaded.
        char[] password = Files.readString(Path.of(args[3]), StandardCharsets.UTF_8).strip().toCharArray();
        SigningIdentity signer;
        try {
            signer = SigningIdentity.loadPkcs12(Path.of(args[2]), password);
        } finally {
            Arrays.fill(password, '\0');
        }

        Path bundle = out.resolve("bundle");
        Path portfolio = out.resolve("portfolio.pdf");
        Files.createDirectory(out);
        BundleResult result = publish(folder, sources, signer, bundle, portfolio);
        System.out.println("Bundle:    " + bundle + " (" + result.manifest().entries().size() + " files, signed by "
                + signer.subject() + ")");
        System.out.println("Portfolio: " + portfolio);
        System.out.println("Signer's SHA-256 fingerprint, for readers to pin: " + signer.certificateSha256().hex());
    }

    /**
     * Writes the signed bundle of {@code folder} described by {@code sourcesCsv}, then the signed
     * portfolio of that bundle.
     *
     * @return what the bundle writer made: the manifest and any warnings
     * @throws IOException if a file cannot be read or written, or the sources table is wrong
     *     (its exception names the line)
     * @throws SigningException if the key cannot sign
     */
    public static BundleResult publish(Path folder, Path sourcesCsv, SigningIdentity signer, Path bundle,
            Path portfolio) throws IOException, SigningException {
        // 1. The manifest: every file in the folder, each described by its row of the sources
        //    table (original URL, web-archive copy, title, collection, the archive's digest).
        SourcesTable sources = SourcesTable.read(sourcesCsv);
        BundleContent.Builder content = BundleContent.builder()
                .title("Recovered documents")
                .folder(folder);
        Set<String> collections = new LinkedHashSet<>();
        for (Map.Entry<ArchivePath, SourceRow> row : sources.rows().entrySet()) {
            content.describe(row.getKey(), row.getValue()::applyTo);
            row.getValue().collection().ifPresent(collections::add);
        }
        for (String collection : collections) {
            try {
                content.collection(ArchiveCollection.builder().id(collection).build());
            } catch (ManifestException e) {
                throw new IOException(sourcesCsv + ": '" + collection + "' cannot be a collection id: "
                        + e.getMessage(), e);
            }
        }

        // 2. The bundle: files copied and hashed in one read (SHA-256 and SHA-512), the manifest
        //    signed as detached CMS. It appears complete at its path or not at all. Add
        //    .timestampClient(TimestampClient.of(URI.create("https://..."))) to the signer for an
        //    RFC 3161 timestamp; this example stays offline.
        BundleResult result = BundleWriter.builder()
                .digests(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512)
                .signer(CmsSigner.builder(signer).build())
                .build()
                .write(content.build(), bundle);

        // 3. The portfolio: one PDF/A-3b file with a cover page, every file attached with its
        //    provenance, and the signed manifest, signed as PAdES.
        PadesSigner pades = PadesSigner.builder(signer).level(PadesLevel.B_B).build();
        PortfolioBuilder.fromBundle(bundle).buildSigned(portfolio, pades);
        return result;
    }
}
