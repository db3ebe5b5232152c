package dev.palimpsest.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestAlgorithmTest {
    @ParameterizedTest
    @CsvSource({"SHA-256,SHA256", "sha256,SHA256", "SHA_256,SHA256", "' sha-256 ',SHA256", "SHA-512,SHA512",
            "sha512,SHA512", "SHA-1,SHA1", "sha1,SHA1", "SHA1,SHA1", "MD5,MD5", "md5,MD5", "sha3-256,SHA3_256",
            "SHA3-256,SHA3_256", "SHA3_256,SHA3_256", "BLAKE2b-512,BLAKE2B_512", "blake2b512,BLAKE2B_512"})
    void labelsInTheirUsualSpellings(String label, DigestAlgorithm expected) {
        assertThat(DigestAlgorithm.fromLabel(label)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "whirlpool", "sha-2", "sha", "blake2s-256", "sha512/256", "crc32"})
    void unknownLabels(String label) {
        assertThat(DigestAlgorithm.fromLabel(label)).isEmpty();
        assertThat(DigestAlgorithm.fromLabel(null)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void canonicalLabelsRoundTripAndLengthsMatchTheImplementation(DigestAlgorithm algorithm) {
        assertThat(DigestAlgorithm.fromLabel(algorithm.label())).contains(algorithm);
        assertThat(algorithm.label()).isLowerCase();
        assertThat(algorithm).hasToString(algorithm.label());
        assertThat(algorithm.newMessageDigest().getDigestLength()).isEqualTo(algorithm.length());
        assertThat(algorithm.newMessageDigest()).isNotSameAs(algorithm.newMessageDigest());
    }

    @Test
    void onlyShaOneAndMd5AreNotIntegrityGrade() {
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            assertThat(algorithm.isIntegrityGrade())
                    .isEqualTo(algorithm != DigestAlgorithm.SHA1 && algorithm != DigestAlgorithm.MD5);
        }
    }

    /**
     * Signing code often installs Bouncy Castle as the first provider; its SHA-256 is an order of
     * magnitude slower than the JDK's, so the JDK's must still be used.
     */
    @Test
    void jdkDigestsAreUsedEvenWhenBouncyCastleIsTheFirstProvider() throws NoSuchAlgorithmException {
        Provider bc = new BouncyCastleProvider();
        assertThat(Security.getProvider(bc.getName())).as("BC must not be installed before this test").isNull();
        Security.insertProviderAt(bc, 1);
        try {
            assertThat(MessageDigest.getInstance("SHA-256").getProvider().getName()).isEqualTo("BC");
            for (DigestAlgorithm algorithm : new DigestAlgorithm[] {DigestAlgorithm.SHA256, DigestAlgorithm.SHA512,
                    DigestAlgorithm.SHA1, DigestAlgorithm.MD5}) {
                assertThat(algorithm.newMessageDigest().getProvider().getName()).isEqualTo("SUN");
            }
        } finally {
            Security.removeProvider(bc.getName());
        }
    }
}
