package dev.palimpsest.core.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.manifest.ManifestException;
import org.junit.jupiter.api.Test;

/**
 * Plain unit tests for what the fuzz tests found, each reproducing one finding through the public
 * API (the crashing inputs themselves replay from the fuzz tests' input folders).
 */
class FuzzFindingsTest {
    @Test
    void manifestDigestInMixedCaseHexIsAManifestExceptionNotAnIllegalArgumentException() {
        String sha256 = "E3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        String json = "{\"format\":\"palimpsest-archive\",\"version\":\"1.0\",\"entries\":[{\"path\":\"a.txt\",\"size\":0,"
                + "\"digests\":{\"sha256\":\"" + sha256 + "\"}}]}";
        assertThatThrownBy(() -> ManifestCodec.standard().read(json.getBytes(UTF_8)))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("/entries/0/digests/sha256")
                .hasMessageContaining("not a valid sha256 digest '" + sha256 + "'")
                .hasMessageContaining("mixes upper- and lower-case");
    }
}
