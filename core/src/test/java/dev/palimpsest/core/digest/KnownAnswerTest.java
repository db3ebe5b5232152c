package dev.palimpsest.core.digest;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Published test vectors, computed through every public way of hashing: bytes in memory, a
 * stream, a file, a copy, and a fixity stream, always with all six algorithms in one pass.
 */
class KnownAnswerTest {
    /** The 448-bit message of FIPS 180-4 / RFC 6234 (TEST2_1). */
    static final String MSG_448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    /** The 896-bit message of FIPS 180-4 / RFC 6234 for SHA-384/512 (TEST2_2). */
    static final String MSG_896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
            + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    static final String MILLION_A = "<one million 'a'>";

    static Stream<Arguments> vectors() {
        return Stream.of(
                // FIPS 180-4 examples, also RFC 6234 section 8.5 TEST1, TEST2_1, TEST3.
                v(DigestAlgorithm.SHA256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                v(DigestAlgorithm.SHA256, "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                v(DigestAlgorithm.SHA256, MSG_448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
                v(DigestAlgorithm.SHA256, MILLION_A, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
                v(DigestAlgorithm.SHA512, "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                        + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
                v(DigestAlgorithm.SHA512, "", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                        + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"),
                v(DigestAlgorithm.SHA512, MSG_448, "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
                        + "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"),
                v(DigestAlgorithm.SHA512, MSG_896, "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
                        + "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"),
                v(DigestAlgorithm.SHA512, MILLION_A, "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
                        + "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"),
                v(DigestAlgorithm.SHA1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
                v(DigestAlgorithm.SHA1, "", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
                v(DigestAlgorithm.SHA1, MSG_448, "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
                v(DigestAlgorithm.SHA1, MILLION_A, "34aa973cd4c4daa4f61eeb2bdbad27316534016f"),
                // RFC 1321, appendix A.5.
                v(DigestAlgorithm.MD5, "", "d41d8cd98f00b204e9800998ecf8427e"),
                v(DigestAlgorithm.MD5, "a", "0cc175b9c0f1b6a831c399e269772661"),
                v(DigestAlgorithm.MD5, "abc", "900150983cd24fb0d6963f7d28e17f72"),
                v(DigestAlgorithm.MD5, "message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
                v(DigestAlgorithm.MD5, "abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
                v(DigestAlgorithm.MD5, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
                        "d174ab98d277d9f5a5611c2c9f419d9f"),
                v(DigestAlgorithm.MD5, "1234567890".repeat(8), "57edf4a22be3c955ac49da2e2107b67a"),
                // NIST FIPS 202 example values (SHA3-256 of "", "abc", the 448-bit message, a million 'a').
                v(DigestAlgorithm.SHA3_256, "", "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"),
                v(DigestAlgorithm.SHA3_256, "abc", "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"),
                v(DigestAlgorithm.SHA3_256, MSG_448, "41c0dba2a9d6240849100376a8235e2c82e1b9998a999e21db32dd97496d3376"),
                v(DigestAlgorithm.SHA3_256, MILLION_A, "5c8875ae474a3634ba4fd55ec85bffd661f32aca75c6d699d0cdcb6c115891c1"),
                // RFC 7693 appendix A ("abc"), and the unkeyed empty-input value of the reference implementation.
                v(DigestAlgorithm.BLAKE2B_512, "abc", "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                        + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"),
                v(DigestAlgorithm.BLAKE2B_512, "", "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
                        + "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce"));
    }

    private static Arguments v(DigestAlgorithm algorithm, String message, String hex) {
        return Arguments.of(algorithm, message, hex);
    }

    static byte[] bytes(String message) {
        if (message.equals(MILLION_A)) {
            byte[] a = new byte[1_000_000];
            Arrays.fill(a, (byte) 'a');
            return a;
        }
        return message.getBytes(US_ASCII);
    }

    private static final Hasher ALL = Hasher.builder().algorithms(EnumSet.allOf(DigestAlgorithm.class))
            .bufferSize(4096).build();

    @ParameterizedTest(name = "{0} of \"{1}\"")
    @MethodSource("vectors")
    void inMemory(DigestAlgorithm algorithm, String message, String hex) {
        assertThat(ALL.hash(bytes(message)).get(algorithm).hex()).isEqualTo(hex);
        assertThat(Hasher.of(algorithm).hash(bytes(message)).get(algorithm).hex()).isEqualTo(hex);
    }

    @ParameterizedTest(name = "{0} of \"{1}\"")
    @MethodSource("vectors")
    void fromStreamInOnePassWithEveryOtherAlgorithm(DigestAlgorithm algorithm, String message, String hex)
            throws IOException {
        byte[] data = bytes(message);
        DigestSet digests = ALL.hash(new ByteArrayInputStream(data));
        assertThat(digests.get(algorithm).hex()).isEqualTo(hex);
        assertThat(digests.size()).isEqualTo(data.length);
        assertThat(digests.algorithms()).containsExactly(DigestAlgorithm.values());
    }

    @ParameterizedTest(name = "{0} of \"{1}\"")
    @MethodSource("vectors")
    void fromFile(DigestAlgorithm algorithm, String message, String hex, @TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("vector"), bytes(message));
        assertThat(ALL.hash(file).get(algorithm).hex()).isEqualTo(hex);
    }

    @ParameterizedTest(name = "{0} of \"{1}\"")
    @MethodSource("vectors")
    void throughFixityStream(DigestAlgorithm algorithm, String message, String hex) throws IOException {
        DigestValue expected = DigestValue.parse(algorithm, hex);
        try (InputStream in = FixityInputStream.builder(new ByteArrayInputStream(bytes(message))).expect(expected)
                .expectSize(bytes(message).length).build()) {
            assertThat(in.readAllBytes()).isEqualTo(bytes(message));
        }
    }

    @ParameterizedTest(name = "{0} of \"{1}\"")
    @MethodSource("vectors")
    void viaNewMessageDigest(DigestAlgorithm algorithm, String message, String hex) {
        assertThat(DigestValue.of(algorithm, algorithm.newMessageDigest().digest(bytes(message))).hex())
                .isEqualTo(hex);
    }

    /**
     * The example in the CDX/WARC world: the SHA-1 of the 13 bytes "Hello World\n\n", in the
     * Base32 form web archives store.
     */
    @Test
    void cdxBase32Example() throws IOException {
        byte[] data = "Hello World\n\n".getBytes(US_ASCII);
        assertThat(data).hasSize(13);
        DigestValue sha1 = Hasher.of(DigestAlgorithm.SHA1).hash(new ByteArrayInputStream(data))
                .get(DigestAlgorithm.SHA1);
        assertThat(sha1.base32()).isEqualTo("XMABAYFTCASBJ5QATNBILSXH6PSZEMG4");
        assertThat(DigestValue.parseLabelled("sha1:XMABAYFTCASBJ5QATNBILSXH6PSZEMG4")).isEqualTo(sha1);
    }
}
