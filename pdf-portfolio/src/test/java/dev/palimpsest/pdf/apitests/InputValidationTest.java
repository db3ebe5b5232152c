package dev.palimpsest.pdf.apitests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.pdf.ContentSource;
import dev.palimpsest.pdf.PortfolioBuilder;
import dev.palimpsest.pdf.PortfolioException;
import dev.palimpsest.pdf.PortfolioItem;
import dev.palimpsest.pdf.PortfolioMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad inputs fail with an error that names the file and what was wrong, and leave nothing behind. */
class InputValidationTest {
    private static final byte[] BYTES = "the recovered bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void bytesWhoseSha256DiffersFromTheDeclaredOneAreRejected() {
        PortfolioItem item = Fixtures.item("docs/a.txt", "text/plain", BYTES)
                .sha256(Fixtures.digest(DigestAlgorithm.SHA256, "other bytes".getBytes(StandardCharsets.UTF_8)))
                .build();
        assertThatThrownBy(() -> build(item))
                .isInstanceOfSatisfying(PortfolioException.class, e -> assertThat(e.path()).isEqualTo("docs/a.txt"))
                .hasMessageStartingWith("docs/a.txt: sha256 is " + Fixtures.digest(DigestAlgorithm.SHA256, BYTES).hex())
                .hasMessageContaining("the manifest declares");
    }

    @Test
    void bytesWhoseMd5DiffersFromTheDeclaredOneAreRejected() {
        PortfolioItem item = Fixtures.item("docs/a.txt", "text/plain", BYTES)
                .md5(Fixtures.digest(DigestAlgorithm.MD5, "other".getBytes(StandardCharsets.UTF_8)))
                .build();
        assertThatThrownBy(() -> build(item)).isInstanceOf(PortfolioException.class)
                .hasMessageStartingWith("docs/a.txt: md5 is " + Fixtures.digest(DigestAlgorithm.MD5, BYTES).hex());
    }

    @Test
    void fewerBytesThanDeclaredAreRejected() {
        PortfolioItem item = Fixtures.item("docs/a.txt", "text/plain", BYTES).size(BYTES.length + 1).build();
        assertThatThrownBy(() -> build(item)).isInstanceOf(PortfolioException.class)
                .hasMessage("docs/a.txt: has " + BYTES.length + " bytes, the manifest declares " + (BYTES.length + 1));
    }

    @Test
    void moreBytesThanDeclaredStopTheCopyEarly() {
        // An endless source: the build must stop once it passes the declared size.
        ContentSource endless = () -> new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        PortfolioItem item = Fixtures.item("docs/endless.bin", "application/octet-stream", BYTES)
                .content(endless).build();
        assertThatThrownBy(() -> build(item)).isInstanceOf(PortfolioException.class)
                .hasMessage("docs/endless.bin: has more than the declared " + BYTES.length + " bytes");
    }

    @Test
    void anUnreadableSourceIsReportedWithItsPathAndCause() {
        IOException cause = new IOException("device not ready");
        PortfolioItem item = Fixtures.item("docs/a.txt", "text/plain", BYTES).content(() -> {
            throw cause;
        }).build();
        assertThatThrownBy(() -> build(item)).isInstanceOf(PortfolioException.class)
                .hasMessage("docs/a.txt: cannot be read: device not ready")
                .hasCause(cause);
    }

    @Test
    void aFailedBuildLeavesNothingAtTheTargetAndKeepsAnExistingFile() throws Exception {
        Path target = dir.resolve("out.pdf");
        Files.writeString(target, "previous portfolio");
        PortfolioItem bad = Fixtures.item("docs/a.txt", "text/plain", BYTES).size(1).build();
        assertThatThrownBy(() -> Fixtures.sample().withItems(List.of(bad)).build(target))
                .isInstanceOf(PortfolioException.class);
        assertThat(Files.readString(target)).isEqualTo("previous portfolio");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
        Fixtures.sample().build(target);
        assertThat(Files.readAllBytes(target)).startsWith("%PDF-1.7".getBytes(StandardCharsets.US_ASCII));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "a\\b.txt", "a/../b.txt", "./a.txt", "a//b.txt", "a/", "a/\u0001.txt"})
    void malformedArchivePathsAreRejected(String path) {
        assertThatThrownBy(() -> PortfolioItem.builder(path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("archive path '" + path + "' ");
    }

    @Test
    void pathsAreNormalisedToNfc() {
        PortfolioItem item = Fixtures.item("caf\u0065\u0301.txt", "text/plain", BYTES).build();
        assertThat(item.path()).isEqualTo("caf\u00e9.txt");
        assertThat(item.title()).isEqualTo("caf\u00e9.txt");
    }

    @Test
    void pathsThatCollideAfterCaseFoldingOrNfcAreRejected() {
        PortfolioItem upper = Fixtures.item("Docs/Memo.PDF", "application/pdf", BYTES).build();
        PortfolioItem lower = Fixtures.item("docs/memo.pdf", "application/pdf", BYTES).build();
        assertThatThrownBy(() -> Fixtures.sample().withItems(List.of(upper, lower)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("archive path 'docs/memo.pdf' collides with Docs/Memo.PDF");
    }

    @Test
    void theManifestNamesAreReserved() {
        PortfolioItem item = Fixtures.item("Archive.json", "application/json", BYTES).build();
        assertThatThrownBy(() -> Fixtures.sample().withItems(List.of(item)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("archive path 'Archive.json' collides with the reserved name archive.json");
    }

    @Test
    void digestsOfTheWrongAlgorithmAreRejected() {
        assertThatThrownBy(() -> PortfolioItem.builder("a.txt").sha256(Fixtures.digest(DigestAlgorithm.SHA1, BYTES)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a.txt: expected a sha256 digest, got sha1");
        assertThatThrownBy(() -> PortfolioItem.builder("a.txt").md5(Fixtures.digest(DigestAlgorithm.SHA256, BYTES)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a.txt: expected a md5 digest, got sha256");
    }

    @Test
    void requiredFieldsAndWellFormedValuesAreEnforced() {
        assertThatThrownBy(() -> PortfolioItem.builder("a.txt").content(ContentSource.ofBytes(BYTES)).size(3).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("a.txt: sha256 is required");
        assertThatThrownBy(() -> PortfolioItem.builder("a.txt").size(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("size of a.txt is negative: -1");
        assertThatThrownBy(() -> PortfolioItem.builder("a.txt").mediaType("pdf"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("media type of a.txt is not type/subtype: 'pdf'");
        assertThat(PortfolioItem.builder("a.txt").mediaType(" Text/HTML ").size(0)
                .sha256(Fixtures.digest(DigestAlgorithm.SHA256, new byte[0])).content(ContentSource.ofBytes(new byte[0]))
                .build().mediaType()).isEqualTo("text/html");
        assertThatThrownBy(() -> PortfolioMetadata.builder("  ", Fixtures.CREATED))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("title is blank");
    }

    private static void build(PortfolioItem item) throws IOException {
        PortfolioBuilder.of(Fixtures.metadata(), Fixtures.MANIFEST).withItems(List.of(item))
                .build(new ByteArrayOutputStream());
    }
}
