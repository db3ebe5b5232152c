package dev.palimpsest.pdf.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.pdf.PadesLevel;
import dev.palimpsest.pdf.PadesSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same input, key, clock and TSA answers give the same file. Ed25519 and RSA PKCS#1 v1.5 sign
 * deterministically, so whole files are compared. ECDSA signature values and TSA tokens (whose
 * nonces are random) are not, so for B-LTA with ECDSA everything but the {@code /Contents} values
 * is compared.
 */
class PadesDeterminismTest {
    @TempDir
    Path dir;

    private byte[] buildSigned(String name, PadesSigner signer) throws Exception {
        Path out = dir.resolve(name);
        Fixtures.sample().buildSigned(out, signer);
        return Files.readAllBytes(out);
    }

    private static SigningIdentity identity(TestPki pki, String algorithm, int bits) {
        return pki.issue(algorithm + " signer").keyPair(TestPki.keyPair(algorithm, bits)).build().identity();
    }

    @Test
    void ed25519AndRsaSignaturesAreByteIdentical() throws Exception {
        TestPki pki = TestPki.create("Determinism CA");
        Clock clock = Clock.fixed(SigningFixtures.SIGNING_TIME, ZoneOffset.UTC);
        for (SigningIdentity identity : List.of(identity(pki, "Ed25519", 0), identity(pki, "RSA", 2048))) {
            PadesSigner signer = PadesSigner.builder(identity).clock(clock).certify(true).build();
            byte[] first = buildSigned("first.pdf", signer);
            byte[] second = buildSigned("second.pdf", signer);
            assertThat(Arrays.equals(first, second)).as(identity.toString()).isTrue();

            // Not vacuous: another clock changes /M (and the trailer ID), so the bytes differ.
            PadesSigner later = PadesSigner.builder(identity).certify(true)
                    .clock(Clock.offset(clock, java.time.Duration.ofSeconds(1))).build();
            assertThat(Arrays.equals(buildSigned("later.pdf", later), first)).isFalse();

            // Signing the same unsigned file twice through sign(Path, Path) gives the same bytes too.
            Path unsigned = dir.resolve("unsigned.pdf");
            Fixtures.sample().build(unsigned);
            signer.sign(unsigned, dir.resolve("a.pdf"));
            signer.sign(unsigned, dir.resolve("b.pdf"));
            byte[] a = Files.readAllBytes(dir.resolve("a.pdf"));
            assertThat(Arrays.equals(Files.readAllBytes(dir.resolve("b.pdf")), a)).isTrue();
            assertThat(Arrays.equals(a, first)).as("sign(Path, Path) and buildSigned agree").isTrue();
        }
    }

    @Test
    void ecdsaLongTermSignaturesDifferOnlyInContents() throws Exception {
        try (SigningFixtures fixtures = new SigningFixtures()) {
            byte[] first = buildSigned("first.pdf", fixtures.signer(PadesLevel.B_LTA).build());
            byte[] second = buildSigned("second.pdf", fixtures.signer(PadesLevel.B_LTA).build());
            assertThat(second.length).isEqualTo(first.length);
            assertThat(Arrays.equals(first, second)).as("random ECDSA values and TSA nonces").isFalse();
            List<SignedPdfs.Signature> a = SignedPdfs.signatures(first);
            List<SignedPdfs.Signature> b = SignedPdfs.signatures(second);
            assertThat(a).hasSize(2);
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).byteRange()).isEqualTo(a.get(i).byteRange());
                blank(first, a.get(i).byteRange());
                blank(second, b.get(i).byteRange());
            }
            assertThat(Arrays.equals(first, second)).as("identical outside /Contents").isTrue();
        }
    }

    private static void blank(byte[] pdf, int[] byteRange) {
        Arrays.fill(pdf, byteRange[1], byteRange[2], (byte) '0');
    }
}
