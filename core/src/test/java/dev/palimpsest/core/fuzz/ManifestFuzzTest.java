package dev.palimpsest.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.manifest.ManifestException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The manifest JSON reader on arbitrary bytes. Seeds: {@code ManifestFuzzTestInputs/manifestJson}.
 *
 * <p>Properties: the only failure is {@link ManifestException}; reading the bytes and reading the
 * same bytes from a stream agree; whatever is read writes back to JSON that reads as an equal
 * manifest and writes the same bytes again ({@code parse(write(x)) = x}, and writing is stable).
 */
class ManifestFuzzTest {
    private static final ManifestCodec CODEC = ManifestCodec.standard().withMaxEntries(10_000);

    @FuzzTest(maxDuration = "60s")
    void manifestJson(byte[] json) throws IOException {
        ArchiveManifest manifest;
        try {
            manifest = CODEC.read(json);
        } catch (ManifestException e) {
            assertThat(e.getMessage()).isNotBlank();
            try {
                CODEC.read(new ByteArrayInputStream(json));
                throw new AssertionError("bytes refused but the stream read: " + e.getMessage());
            } catch (ManifestException expected) {
                return;
            }
        }
        assertThat(CODEC.read(new ByteArrayInputStream(json))).isEqualTo(manifest);
        byte[] written = CODEC.toBytes(manifest);
        ArchiveManifest again = CODEC.read(written);
        assertThat(again).isEqualTo(manifest);
        assertThat(CODEC.toBytes(again)).isEqualTo(written);
    }
}
