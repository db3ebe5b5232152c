package dev.palimpsest.core.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and formatting of digest values; reference encodings made with Python's base64 module. */
class DigestValueTest {
    // SHA-256("abc") from FIPS 180-4, in each encoding.
    static final String ABC_HEX = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    static final String ABC_BASE32 = "XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ";
    static final String ABC_BASE64 = "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=";
    static final String ABC_BASE64_URL = "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0";
    // SHA-1("abc") and MD5("abc").
    static final String SHA1_ABC_BASE32 = "VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5";
    static final String MD5_ABC_BASE32_PADDED = "SAAVBGB42JH3BVUWH56SRYL7OI======";

    static DigestValue abc() {
        return DigestValue.parse(DigestAlgorithm.SHA256, ABC_HEX);
    }

    @Test
    void formatsAllThreeEncodings() {
        DigestValue value = abc();
        assertThat(value.hex()).isEqualTo(ABC_HEX);
        assertThat(value.base32()).isEqualTo(ABC_BASE32);
        assertThat(value.base64()).isEqualTo(ABC_BASE64);
        assertThat(value.labelledHex()).isEqualTo("sha256:" + ABC_HEX);
        assertThat(value).hasToString("sha256:" + ABC_HEX);
    }

    @ParameterizedTest
    @ValueSource(strings = {ABC_HEX, "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
            ABC_BASE32, ABC_BASE32 + "====", "xj4bnp4pahh6uqkbidpf3lrceoyagyndsylxvhfucd7wd4qacwwq",
            ABC_BASE64, "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0", ABC_BASE64_URL, ABC_BASE64_URL + "=",
            "  " + ABC_HEX + "\n"})
    void parsesEveryAcceptedSpellingToTheSameBytes(String text) {
        DigestValue value = DigestValue.parse(DigestAlgorithm.SHA256, text);
        assertThat(value).isEqualTo(abc());
        assertThat(value.hashCode()).isEqualTo(abc().hashCode());
        assertThat(value.hex()).isEqualTo(ABC_HEX);
    }

    @Test
    void parsesBase32OfOtherLengths() {
        assertThat(DigestValue.parse(DigestAlgorithm.SHA1, SHA1_ABC_BASE32).hex())
                .isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(DigestValue.parse(DigestAlgorithm.MD5, MD5_ABC_BASE32_PADDED).hex())
                .isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(DigestValue.parse(DigestAlgorithm.MD5, "SAAVBGB42JH3BVUWH56SRYL7OI").hex())
                .isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void roundTripsRandomValuesInEveryEncoding(DigestAlgorithm algorithm) {
        Random random = new Random(algorithm.ordinal());
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[algorithm.length()];
            random.nextBytes(bytes);
            DigestValue value = DigestValue.of(algorithm, bytes);
            assertThat(DigestValue.parse(algorithm, value.hex())).isEqualTo(value);
            assertThat(DigestValue.parse(algorithm, value.hex().toUpperCase())).isEqualTo(value);
            assertThat(DigestValue.parse(algorithm, value.base32())).isEqualTo(value);
            assertThat(DigestValue.parse(algorithm, value.base32().toLowerCase())).isEqualTo(value);
            assertThat(DigestValue.parse(algorithm, value.base64())).isEqualTo(value);
            assertThat(DigestValue.parse(algorithm, value.base64().replace('+', '-').replace('/', '_')))
                    .isEqualTo(value);
            assertThat(DigestValue.parseLabelled(value.labelledHex())).isEqualTo(value);
            assertThat(value.bytes()).isEqualTo(bytes);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA-1", "sha1", "SHA1", "sha-1", "Sha_1"})
    void labelsNormalise(String label) {
        DigestValue value = DigestValue.parseLabelled(label + ":" + SHA1_ABC_BASE32);
        assertThat(value.algorithm()).isEqualTo(DigestAlgorithm.SHA1);
        assertThat(value.labelledHex()).isEqualTo("sha1:a9993e364706816aba3e25717850c26c9cd0d89d");
    }

    @Test
    void equalityNeedsTheSameAlgorithmNotJustTheSameBytes() {
        byte[] bytes = abc().bytes();
        assertThat(DigestValue.of(DigestAlgorithm.SHA3_256, bytes)).isNotEqualTo(abc());
        assertThat(abc().matches(bytes)).isTrue();
        bytes[31] ^= 1;
        assertThat(abc().matches(bytes)).isFalse();
        assertThat(abc().matches(null)).isFalse();
    }

    @Test
    void isImmutable() {
        byte[] bytes = new byte[32];
        DigestValue value = DigestValue.of(DigestAlgorithm.SHA256, bytes);
        bytes[0] = 1;
        value.bytes()[1] = 1;
        assertThat(value.bytes()).isEqualTo(new byte[32]);
    }

    @Test
    void rawBytesOfTheWrongLength() {
        assertThatThrownBy(() -> DigestValue.of(DigestAlgorithm.SHA256, new byte[20]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sha256 digest must be 32 bytes, got 20");
    }

    @Test
    void emptyText() {
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA256, "  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid sha256 digest '': empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015", // 62 hex
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015adad", // 66 hex
            "a9993e364706816aba3e25717850c26c9cd0d89d"}) // a SHA-1 where a SHA-256 is expected
    void wrongLengths(String text) {
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA256, text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid sha256 digest")
                .hasMessageContaining("wrong length: " + text.length() + " characters")
                .hasMessageContaining("expected 64 hex digits, 52 Base32 or 43 Base64 characters");
    }

    @Test
    void badCharacters() {
        String hexWithG = "g" + ABC_HEX.substring(1);
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA256, hexWithG))
                .hasMessageContaining("'g' at index 0 is not a hex digit");
        String inner = ABC_HEX.substring(0, 10) + " " + ABC_HEX.substring(11);
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA256, inner))
                .hasMessageContaining("unexpected character U+0020 at index 10");
        String bang = "!" + ABC_HEX.substring(1);
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA256, bang))
                .hasMessageContaining("unexpected character '!' at index 0");
        // Base32 has no 0, 1, 8 or 9.
        String base32With1 = "1" + ABC_BASE32.substring(1);
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA256, base32With1))
                .hasMessageContaining("'1' at index 0 is not a Base32 character");
    }

    @Test
    void nonAsciiLookAlikesAreRejected() {
        // Character.digit accepts the full-width digit; toUpperCase turns the long s into 'S'.
        String fullWidth = "\uFF10" + ABC_HEX.substring(1);
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA256, fullWidth))
                .hasMessageContaining("unexpected character U+FF10 at index 0");
        String longS = "VGMT4N\u017FHA2AWVOR6EVYXQUGCNSONBWE5";
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA1, longS))
                .hasMessageContaining("unexpected character U+017F at index 6");
        String dotlessI = "XJ4BNP4PAHH6UQKB\u0131DPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ";
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA256, dotlessI))
                .hasMessageContaining("unexpected character U+0131 at index 16");
    }

    @Test
    void mixedEncodings() {
        String bothBase64Alphabets = ABC_BASE64.replace('/', '_'); // has '+' and '_'
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA256, bothBase64Alphabets))
                .hasMessageContaining("mixes the standard (+/) and URL-safe (-_) Base64 alphabets");
        String mixedCaseHex = ABC_HEX.substring(0, 32) + ABC_HEX.substring(32).toUpperCase();
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA256, mixedCaseHex))
                .hasMessageContaining("mixes upper- and lower-case letters, which no hex encoder writes");
        String mixedCaseBase32 = ABC_BASE32.substring(0, 20) + ABC_BASE32.substring(20).toLowerCase();
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA256, mixedCaseBase32))
                .hasMessageContaining("mixes upper- and lower-case letters, which no Base32 encoder writes");
        // Hex digits padded like Base32.
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA256, ABC_HEX + "===="))
                .hasMessageContaining("hex padding must be absent, found 4");
    }

    @Test
    void wrongPadding() {
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA256, ABC_BASE32 + "=="))
                .hasMessageContaining("Base32 padding must be absent or exactly 4 '=' characters, found 2");
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA256, ABC_BASE64 + "="))
                .hasMessageContaining("Base64 padding must be absent or exactly 1 '=' characters, found 2");
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA1, SHA1_ABC_BASE32 + "="))
                .hasMessageContaining("Base32 padding must be absent, found 1");
        String middle = ABC_BASE32.substring(0, 10) + "=" + ABC_BASE32.substring(11);
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA256, middle))
                .hasMessageContaining("'=' padding is only allowed at the end");
    }

    @Test
    void nonCanonicalTrailingBits() {
        // 52 Base32 characters carry 260 bits: the last character's low 4 bits must be zero.
        // 'Q' is 16; 'R' (17) decodes to the same 32 bytes with a stray bit set.
        String base32 = ABC_BASE32.substring(0, 51) + "R";
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA256, base32))
                .hasMessageContaining("is not canonical Base32: the unused bits of the last character are not zero");
        // 26 Base32 characters for MD5 carry 130 bits: 2 spare. 'I' is 8; 'J' is 9.
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.MD5, "SAAVBGB42JH3BVUWH56SRYL7OJ"))
                .hasMessageContaining("is not canonical Base32");
        // 43 Base64 characters carry 258 bits: '0' is 52; '1' is 53.
        String base64 = ABC_BASE64.substring(0, 42) + "1";
        assertThatThrownBy(() -> DigestValue.parse(DigestAlgorithm.SHA256, base64))
                .hasMessageContaining("is not canonical Base64: the unused bits of the last character are not zero");
    }

    @Test
    void labelledValues() {
        assertThatThrownBy(() -> DigestValue.parseLabelled(ABC_HEX))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("expected <algorithm>:<value>");
        assertThatThrownBy(() -> DigestValue.parseLabelled("whirlpool:" + ABC_HEX))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported digest algorithm 'whirlpool'");
        assertThatThrownBy(() -> DigestValue.parseLabelled("sha1:" + ABC_HEX))
                .hasMessageContaining("not a valid sha1 digest");
    }
}
