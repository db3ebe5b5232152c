package dev.palimpsest.core.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Golden fixtures built on the RFC 8032 section 7.1 TEST 1 Ed25519 key. Ed25519 is deterministic,
 * so a signature without signing time over fixed content with a fixed certificate must come out
 * byte for byte the same, today and in every later version: the stability the PDF module's
 * reproducible output depends on.
 */
class GoldenSignatureTest {
    /** RFC 8032 section 7.1, TEST 1, PUBLIC KEY. */
    private static final String RFC8032_TEST1_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    private static Path resource(String name) throws Exception {
        return Path.of(GoldenSignatureTest.class.getResource(name).toURI());
    }

    private static SigningIdentity rfcIdentity() throws Exception {
        return SigningIdentity.fromPem(resource("rfc8032-test1-key.pem"), resource("rfc8032-test1-cert.pem"), null);
    }

    @Test
    void theFixtureKeyIsTheRfc8032TestKey() throws Exception {
        SigningIdentity identity = rfcIdentity();
        byte[] spki = identity.certificate().getPublicKey().getEncoded();
        assertThat(HexFormat.of().formatHex(Arrays.copyOfRange(spki, spki.length - 32, spki.length)))
                .isEqualTo(RFC8032_TEST1_PUBLIC);
        assertThat(identity.signatureAlgorithm()).isEqualTo(SignatureAlgorithm.ED25519);
    }

    @Test
    void signingIsByteForByteReproducible() throws Exception {
        byte[] content = Files.readAllBytes(resource("golden-content.txt"));
        byte[] golden = Files.readAllBytes(resource("golden-content.txt.p7s"));
        byte[] signature = CmsSigner.builder(rfcIdentity()).signingTime(false)
                .clock(Clock.fixed(Instant.parse("2028-02-29T00:00:00Z"), ZoneOffset.UTC)).build().sign(content);
        assertThat(signature).isEqualTo(golden);
    }

    @Test
    void theGoldenSignatureVerifies() throws Exception {
        SigningIdentity identity = rfcIdentity();
        byte[] content = Files.readAllBytes(resource("golden-content.txt"));
        byte[] golden = Files.readAllBytes(resource("golden-content.txt.p7s"));
        SignatureVerification v = CmsVerifier.of(TrustPolicy.builder().pin(identity.certificateSha256())
                .clock(Clock.fixed(Instant.parse("2028-02-29T00:00:00Z"), ZoneOffset.UTC)).build()).verify(golden, content);
        assertThat(v.status()).isEqualTo(SignatureStatus.TRUSTED);
        assertThat(v.signers().get(0).signingTime()).isEmpty();
    }
}
