package dev.palimpsest.core.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class DigestSetTest {
    static final DigestValue SHA256 = DigestValue.parse(DigestAlgorithm.SHA256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    static final DigestValue MD5 = DigestValue.parse(DigestAlgorithm.MD5, "900150983cd24fb0d6963f7d28e17f72");

    @Test
    void lookupsAndOrder() {
        DigestSet set = DigestSet.of(3, MD5, SHA256);
        assertThat(set.size()).isEqualTo(3);
        assertThat(set.get(DigestAlgorithm.SHA256)).isEqualTo(SHA256);
        assertThat(set.find(DigestAlgorithm.MD5)).contains(MD5);
        assertThat(set.find(DigestAlgorithm.SHA1)).isEmpty();
        assertThat(set.algorithms()).containsExactly(DigestAlgorithm.SHA256, DigestAlgorithm.MD5);
        assertThat(set.asMap().values()).containsExactly(SHA256, MD5);
        assertThat(set).hasToString("DigestSet[size=3, " + SHA256 + ", " + MD5 + "]");
    }

    @Test
    void getOfAnAbsentAlgorithmSaysWhatIsThere() {
        assertThatThrownBy(() -> DigestSet.of(3, MD5, SHA256).get(DigestAlgorithm.SHA512))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessage("no sha512 digest in this set (it has sha256, md5)");
    }

    @Test
    void isImmutable() {
        DigestSet set = DigestSet.of(3, SHA256);
        assertThatThrownBy(() -> set.asMap().put(DigestAlgorithm.MD5, MD5))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> set.algorithms().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equality() {
        assertThat(DigestSet.of(3, SHA256, MD5)).isEqualTo(DigestSet.of(3, List.of(MD5, SHA256)))
                .hasSameHashCodeAs(DigestSet.of(3, List.of(MD5, SHA256)));
        assertThat(DigestSet.of(3, SHA256)).isNotEqualTo(DigestSet.of(4, SHA256))
                .isNotEqualTo(DigestSet.of(3, SHA256, MD5));
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> DigestSet.of(-1, SHA256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size must not be negative: -1");
        assertThatThrownBy(() -> DigestSet.of(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a digest set needs at least one digest");
        assertThatThrownBy(() -> DigestSet.of(0, SHA256, SHA256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two sha256 digests in one set");
    }
}
