package dev.palimpsest.core.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input: huge strings, deep nesting, millions of entries, endless documents. Every input
 * is generated lazily, so the test itself holds almost nothing; each case must end quickly with a
 * clear error after reading only a small part of the input.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ManifestReaderLimitsTest {
    private static final String HEAD = "{\"format\":\"palimpsest-archive\",\"version\":\"1.0\",";
    private static final String SHA256_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final long MB = 1024 * 1024;

    @Test
    void defaults() {
        ManifestCodec codec = ManifestCodec.standard();
        assertThat(codec.maxEntries()).isEqualTo(1_000_000).isEqualTo(ManifestCodec.DEFAULT_MAX_ENTRIES);
        assertThat(codec.maxDocumentBytes()).isEqualTo(64 * MB).isEqualTo(ManifestCodec.DEFAULT_MAX_DOCUMENT_BYTES);
        assertThat(codec.withMaxEntries(5).maxEntries()).isEqualTo(5);
        assertThat(codec.withMaxEntries(5).maxDocumentBytes()).isEqualTo(64 * MB);
        assertThat(codec.withMaxDocumentBytes(7).maxDocumentBytes()).isEqualTo(7);
        assertThat(codec.maxEntries()).as("with... returns a copy").isEqualTo(1_000_000);
        assertThatThrownBy(() -> codec.withMaxEntries(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.withMaxDocumentBytes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHundredMegabyteStringStopsAtTheStringLimit() {
        LazyInputStream in = LazyInputStream.repeat(HEAD + "\"title\":\"", "a", 100 * MB, "\",\"entries\":[]}");
        assertThatThrownBy(() -> ManifestCodec.standard().read(in))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("line 1, column ")
                .hasMessageContaining("(/title): limit exceeded: String value length")
                .hasMessageContaining("exceeds the maximum allowed (1048576");
        assertThat(in.bytesRead()).isLessThan(4 * MB);
    }

    @Test
    void aHundredMegabyteStringInAnUnknownFieldStopsToo() {
        LazyInputStream in = LazyInputStream.repeat(HEAD + "\"x-blob\":[\"", "b", 100 * MB, "\"],\"entries\":[]}");
        assertThatThrownBy(() -> ManifestCodec.standard().read(in))
                .hasMessageContaining("(/x-blob/0): limit exceeded: String value length");
        assertThat(in.bytesRead()).isLessThan(4 * MB);
    }

    @Test
    void aHundredMegabyteMemberNameStopsAtTheNameLimit() {
        LazyInputStream in = LazyInputStream.repeat(HEAD + "\"", "n", 100 * MB, "\":1,\"entries\":[]}");
        assertThatThrownBy(() -> ManifestCodec.standard().read(in))
                .hasMessageContaining("limit exceeded: Name length")
                .hasMessageContaining("exceeds the maximum allowed (1024");
        assertThat(in.bytesRead()).isLessThan(4 * MB);
    }

    @Test
    void tenMillionOpenBracketsStopAtTheNestingLimit() {
        LazyInputStream in = LazyInputStream.repeat(HEAD + "\"x-deep\":", "[", 10_000_000, "");
        assertThatThrownBy(() -> ManifestCodec.standard().read(in))
                .hasMessageContaining("limit exceeded: Document nesting depth (65) exceeds the maximum allowed (64");
        assertThat(in.bytesRead()).isLessThan(MB);
    }

    @Test
    void unknownValuesNestAtMost59Levels() throws Exception {
        String deep = "[".repeat(59) + "]".repeat(59);
        ArchiveManifest manifest = ManifestCodec.standard()
                .read((HEAD + "\"x-deep\":" + deep + ",\"entries\":[]}").getBytes(UTF_8));
        assertThat(manifest.extraFields().get("x-deep")).isEqualTo(deep);
        String deeper = "[" + deep + "]";
        assertThatThrownBy(() -> ManifestCodec.standard()
                        .read((HEAD + "\"x-deep\":" + deeper + ",\"entries\":[]}").getBytes(UTF_8)))
                .hasMessageContaining("manifest: extra field 'x-deep' is not an acceptable JSON value: Document"
                        + " nesting depth (60) exceeds the maximum allowed (59");
    }

    @Test
    void tenMillionJunkEntriesFailAtTheFirst() {
        LazyInputStream numbers = LazyInputStream.repeat(HEAD + "\"entries\":[", "0,", 10_000_000, "0]}");
        assertThatThrownBy(() -> ManifestCodec.standard().read(numbers))
                .hasMessageEndingWith("(/entries/0): expected an entry (a JSON object), found a number");
        assertThat(numbers.bytesRead()).isLessThan(MB);

        LazyInputStream objects = LazyInputStream.repeat(HEAD + "\"entries\":[", "{},", 10_000_000, "{}]}");
        assertThatThrownBy(() -> ManifestCodec.standard().read(objects))
                .hasMessageEndingWith("(/entries/0): an entry has no \"path\" (a required member)");
        assertThat(objects.bytesRead()).isLessThan(MB);
    }

    @Test
    void tenMillionCopiesOfOneEntryFailAtTheSecond() {
        String entry = "{\"path\":\"same.txt\",\"size\":0,\"digests\":{\"sha256\":\"" + SHA256_EMPTY + "\"}},";
        LazyInputStream in = LazyInputStream.repeat(HEAD + "\"entries\":[", entry, 10_000_000, "0]}");
        assertThatThrownBy(() -> ManifestCodec.standard().read(in))
                .isInstanceOfSatisfying(ArchivePathException.class,
                        e -> assertThat(e.rule()).isEqualTo(PathRule.COLLISION))
                .hasMessageEndingWith("(/entries/1): path 'same.txt' appears twice [COLLISION]");
        assertThat(in.bytesRead()).isLessThan(MB);
    }

    @Test
    void tenMillionDistinctEntriesStopAtTheEntryLimit() {
        LazyInputStream in = LazyInputStream.generate(HEAD + "\"entries\":[",
                i -> (i == 0 ? "" : ",") + "{\"path\":\"f" + i + "\",\"size\":0,\"digests\":{\"sha256\":\"" + SHA256_EMPTY
                        + "\"}}",
                10_000_000, "]}");
        assertThatThrownBy(() -> ManifestCodec.standard().withMaxEntries(1000).read(in))
                .isInstanceOf(ManifestException.class)
                .hasMessageEndingWith("(/entries/1000): the manifest has more than 1000 entries, the limit of this reader"
                        + " (see ManifestCodec.withMaxEntries)");
        assertThat(in.bytesRead()).isLessThan(MB);
    }

    @Test
    void exactlyTheEntryLimitIsAccepted() throws Exception {
        LazyInputStream in = LazyInputStream.generate(HEAD + "\"entries\":[",
                i -> (i == 0 ? "" : ",") + "{\"path\":\"f" + i + "\",\"size\":0,\"digests\":{\"sha256\":\"" + SHA256_EMPTY
                        + "\"}}",
                1000, "]}");
        assertThat(ManifestCodec.standard().withMaxEntries(1000).read(in).entries()).hasSize(1000);
    }

    @Test
    void anEndlessDocumentStopsAtTheDocumentLimit() {
        // Whitespace: the parser skips it without producing tokens, so only the byte count stops it.
        LazyInputStream spaces = LazyInputStream.repeat(HEAD, " ", Long.MAX_VALUE / 2, "");
        assertThatThrownBy(() -> ManifestCodec.standard().withMaxDocumentBytes(MB).read(spaces))
                .isInstanceOf(ManifestException.class)
                .hasMessageEndingWith("the manifest is larger than the limit of 1048576 bytes (see"
                        + " ManifestCodec.withMaxDocumentBytes)");
        assertThat(spaces.bytesRead()).isBetween(MB, 2 * MB);

        LazyInputStream numbers = LazyInputStream.repeat(HEAD + "\"x-list\":[0", ",1", Long.MAX_VALUE / 4, "");
        assertThatThrownBy(() -> ManifestCodec.standard().withMaxDocumentBytes(MB).read(numbers))
                .hasMessageContaining("(/x-list/")
                .hasMessageEndingWith("the manifest is larger than the limit of 1048576 bytes (see"
                        + " ManifestCodec.withMaxDocumentBytes)");
    }

    @Test
    void theDefaultDocumentLimitHolds() {
        LazyInputStream spaces = LazyInputStream.repeat(HEAD, " ", Long.MAX_VALUE / 2, "");
        assertThatThrownBy(() -> ManifestCodec.standard().read(spaces))
                .hasMessageEndingWith("the manifest is larger than the limit of 67108864 bytes (see"
                        + " ManifestCodec.withMaxDocumentBytes)");
        assertThat(spaces.bytesRead()).isBetween(64 * MB, 65 * MB);
    }

    @Test
    void oversizedInputsInMemoryOrOnDiskAreRejectedBeforeParsing(@TempDir Path dir) throws Exception {
        byte[] json = (HEAD + "\"title\":\"" + "t".repeat(2000) + "\",\"entries\":[]}").getBytes(UTF_8);
        ManifestCodec small = ManifestCodec.standard().withMaxDocumentBytes(1024);
        assertThatThrownBy(() -> small.read(json))
                .hasMessage("the manifest is " + json.length + " bytes, over the limit of 1024 bytes (see"
                        + " ManifestCodec.withMaxDocumentBytes)");
        Path file = dir.resolve("big.json");
        Files.write(file, json);
        assertThatThrownBy(() -> small.read(file))
                .hasMessage(file + ": the manifest is " + json.length + " bytes, over the limit of 1024 bytes (see"
                        + " ManifestCodec.withMaxDocumentBytes)");
        assertThat(ManifestCodec.standard().read(file).title()).contains("t".repeat(2000));
    }
}
