package dev.palimpsest.examples.programs;

import dev.palimpsest.core.bundle.BundleContent;
import dev.palimpsest.core.bundle.BundleWriter;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.SigningIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Real inputs for the example programs, written into a test's temporary folder. */
final class ProgramFixtures {
    static final String NOTICE = "The reading room is closed until further notice.\n";
    static final String TABLE = "office,requests\nnorth,12\nsouth,7\n";

    private ProgramFixtures() {
    }

    /** {@code dir/recovered/} with two files in two collections, and {@code dir/sources.csv} describing them. */
    static Path recoveredFolder(Path dir) throws IOException {
        Path recovered = dir.resolve("recovered");
        Files.createDirectories(recovered.resolve("documents"));
        Files.createDirectories(recovered.resolve("statistics"));
        Files.writeString(recovered.resolve("documents/notice.txt"), NOTICE);
        Files.writeString(recovered.resolve("statistics/requests.csv"), TABLE);
        // The notice's web-archive digest is the real SHA-1 (Base32) of its bytes, so its capture
        // check gives MATCH; the table has no recorded digest (NOT_COMPARABLE).
        String sha1 = DigestValue.of(DigestAlgorithm.SHA1, sha1(NOTICE.getBytes(StandardCharsets.UTF_8))).base32();
        Files.writeString(dir.resolve("sources.csv"), String.join("\n",
                "path,original_url,memento_url,title,collection,media_type,cdx_digest",
                "documents/notice.txt,http://www.example.gov/notice.txt,"
                        + "https://wayback.example.org/web/20171021120501id_/http://www.example.gov/notice.txt,"
                        + "Reading room notice,documents,text/plain," + sha1,
                "statistics/requests.csv,http://www.example.gov/requests.csv,"
                        + "https://wayback.example.org/web/20170402081602id_/http://www.example.gov/requests.csv,"
                        + "Requests by office,statistics,text/csv,",
                ""));
        return recovered;
    }

    /** A bundle of {@link #recoveredFolder}'s files at {@code dir/name}, signed when {@code signer} is not null. */
    static Path bundle(Path dir, String name, SigningIdentity signer) throws IOException {
        Path recovered = recoveredFolder(dir.resolve(name + "-input"));
        BundleWriter.Builder writer = BundleWriter.builder();
        if (signer != null) {
            writer.signer(CmsSigner.builder(signer).build());
        }
        return writer.build().write(BundleContent.builder().title("Test archive").folder(recovered).build(),
                dir.resolve(name)).path();
    }

    static SigningIdentity identity(String name) {
        return SigningIdentity.generator().name(name).generate();
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
