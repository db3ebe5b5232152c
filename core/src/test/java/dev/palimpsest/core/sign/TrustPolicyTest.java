package dev.palimpsest.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.core.testing.TestTsa;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustPolicyTest {
    static final Instant NOW = CmsSignerTest.NOW;
    static final Clock CLOCK = CmsSignerTest.CLOCK;
    static final byte[] CONTENT = CmsSignerTest.CONTENT;

    static TestPki pki;
    static TestPki.Credential intermediate;
    static TestPki.Credential leaf;
    static byte[] signature;
    static TestTsa tsa;

    @BeforeAll
    static void setUp() throws Exception {
        pki = TestPki.create("Trust Root");
        intermediate = pki.issue("Trust Intermediate").ca().build();
        leaf = pki.issue("Leaf Signer").issuer(intermediate).build();
        signature = CmsSigner.builder(leaf.identity()).clock(CLOCK).build().sign(CONTENT);
        tsa = TestTsa.start();
    }

    @AfterAll
    static void tearDown() {
        tsa.close();
    }

    private static SignerResult verify(TrustPolicy policy) throws Exception {
        return verify(policy, signature);
    }

    private static SignerResult verify(TrustPolicy policy, byte[] sig) throws Exception {
        SignatureVerification v = CmsVerifier.of(policy).verify(sig, CONTENT);
        assertThat(v.signers()).hasSize(1);
        return v.signers().get(0);
    }

    private static TrustPolicy.Builder policy() {
        return TrustPolicy.builder().clock(CLOCK);
    }

    @Test
    void trustedThroughAnIntermediateToTheRoot() throws Exception {
        SignerResult signer = verify(policy().anchor(pki.root().certificate()).build());
        assertThat(signer.status()).isEqualTo(SignatureStatus.TRUSTED);
        assertThat(signer.trust().path()).containsExactly(leaf.certificate(), intermediate.certificate(),
                pki.root().certificate());
        assertThat(signer.trust().anchor()).contains(pki.root().certificate());
        assertThat(signer.trust().revocation()).as("no CRL given: reported, not assumed").isEqualTo(RevocationStatus.UNKNOWN);
        assertThat(signer.trust().explanation()).contains("revocation status unknown");
    }

    @Test
    void withoutAnchorsAValidSignatureIsUntrustedNotInvalid() throws Exception {
        SignerResult signer = verify(policy().build());
        assertThat(signer.status()).isEqualTo(SignatureStatus.VALID_UNTRUSTED);
        assertThat(signer.valid()).isTrue();
        assertThat(signer.trust().reason()).contains(TrustResult.Reason.NO_TRUST_ANCHOR);
        assertThat(CmsVerifier.builder().build().verify(signature, CONTENT).status()).isEqualTo(SignatureStatus.VALID_UNTRUSTED);
    }

    @Test
    void anUnrelatedAnchorGivesNoPath() throws Exception {
        SignerResult signer = verify(policy().anchor(TestPki.create("Other Root").root().certificate()).build());
        assertThat(signer.status()).isEqualTo(SignatureStatus.VALID_UNTRUSTED);
        assertThat(signer.trust().reason()).contains(TrustResult.Reason.NO_PATH);
    }

    @Test
    void aPinnedSignerCertificateIsAnAnchor() throws Exception {
        SignerResult signer = verify(policy().pin(Certificates.sha256(leaf.certificate())).build());
        assertThat(signer.status()).isEqualTo(SignatureStatus.TRUSTED);
        assertThat(signer.trust().path()).containsExactly(leaf.certificate());
        assertThat(signer.trust().revocation()).isEqualTo(RevocationStatus.NOT_APPLICABLE);
        assertThat(signer.trust().explanation()).contains("pinned");
    }

    @Test
    void aPinnedIntermediateInTheSignersChainIsAnAnchor() throws Exception {
        SignerResult signer = verify(policy().pin(Certificates.sha256(intermediate.certificate())).build());
        assertThat(signer.status()).isEqualTo(SignatureStatus.TRUSTED);
        assertThat(signer.trust().path()).containsExactly(leaf.certificate(), intermediate.certificate());
    }

    @Test
    void aPinThatMatchesNothingTrustsNothing() throws Exception {
        DigestValue unrelated = DigestValue.of(DigestAlgorithm.SHA256, new byte[32]);
        SignerResult signer = verify(policy().pin(unrelated).build());
        assertThat(signer.status()).isEqualTo(SignatureStatus.VALID_UNTRUSTED);
        assertThatThrownBy(() -> TrustPolicy.builder().pin(DigestValue.of(DigestAlgorithm.SHA1, new byte[20])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRevokedSignerIsNotTrusted() throws Exception {
        var crl = TestPki.crl(intermediate, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)),
                Map.of(leaf.certificate(), NOW.minus(Duration.ofDays(2))));
        SignerResult signer = verify(policy().anchor(pki.root().certificate()).crl(crl).build());
        assertThat(signer.status()).isEqualTo(SignatureStatus.VALID_UNTRUSTED);
        assertThat(signer.trust().reason()).contains(TrustResult.Reason.REVOKED);
        assertThat(signer.trust().revocation()).isEqualTo(RevocationStatus.REVOKED);
        assertThat(signer.trust().explanation()).contains("Leaf Signer").contains("revoked");
    }

    @Test
    void currentCrlsFromEveryIssuerMakeTheStatusGood() throws Exception {
        var fromIntermediate = TestPki.emptyCrl(intermediate, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)));
        var fromRoot = TestPki.emptyCrl(pki.root(), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)));
        SignerResult signer = verify(policy().anchor(pki.root().certificate()).crl(fromIntermediate).crl(fromRoot).build());
        assertThat(signer.status()).isEqualTo(SignatureStatus.TRUSTED);
        assertThat(signer.trust().revocation()).isEqualTo(RevocationStatus.GOOD);

        // Missing the root's CRL, the intermediate's status is unknown; a strict policy refuses that.
        SignerResult partial = verify(policy().anchor(pki.root().certificate()).crl(fromIntermediate).build());
        assertThat(partial.status()).isEqualTo(SignatureStatus.TRUSTED);
        assertThat(partial.trust().revocation()).isEqualTo(RevocationStatus.UNKNOWN);
        SignerResult strict = verify(policy().anchor(pki.root().certificate()).crl(fromIntermediate)
                .requireRevocationStatus().build());
        assertThat(strict.status()).isEqualTo(SignatureStatus.VALID_UNTRUSTED);
        assertThat(strict.trust().reason()).contains(TrustResult.Reason.REVOCATION_UNKNOWN);
    }

    @Test
    void aStaleCrlDoesNotCount() throws Exception {
        var stale = TestPki.emptyCrl(intermediate, NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(23)));
        var fromRoot = TestPki.emptyCrl(pki.root(), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)));
        SignerResult signer = verify(policy().anchor(pki.root().certificate()).crl(stale).crl(fromRoot).build());
        assertThat(signer.trust().revocation()).isEqualTo(RevocationStatus.UNKNOWN);
    }

    @Test
    void aCrlFromAnImpostorWithTheIssuersNameIsIgnored() throws Exception {
        TestPki.Credential impostor = TestPki.create("Impostor Root").issue("Trust Intermediate").ca().build();
        var forged = TestPki.crl(impostor, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)),
                Map.of(leaf.certificate(), NOW.minus(Duration.ofDays(2))));
        assertThat(forged.getIssuerX500Principal()).isEqualTo(intermediate.certificate().getSubjectX500Principal());
        SignerResult signer = verify(policy().anchor(pki.root().certificate()).crl(forged).build());
        assertThat(signer.status()).isEqualTo(SignatureStatus.TRUSTED);
        assertThat(signer.trust().revocation()).isEqualTo(RevocationStatus.UNKNOWN);
    }

    @Test
    void anExpiredCertificateIsTrustedAtTheTimestampsTime() throws Exception {
        Instant signedAt = NOW.minus(Duration.ofDays(10));
        TestPki.Credential shortLived = pki.issue("Short-lived Signer").issuer(intermediate)
                .validity(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1))).build();
        tsa.time(signedAt.plusSeconds(2));
        byte[] stamped = CmsSigner.builder(shortLived.identity()).clock(Clock.fixed(signedAt, ZoneOffset.UTC))
                .timestampClient(TimestampClient.of(tsa.url())).build().sign(CONTENT);

        SignerResult withTrustedTsa = verify(policy().anchor(pki.root().certificate()).anchor(tsa.caCertificate()).build(),
                stamped);
        assertThat(withTrustedTsa.status()).isEqualTo(SignatureStatus.TRUSTED_AT_TIMESTAMP);
        assertThat(withTrustedTsa.validationTime()).isEqualTo(signedAt.plusSeconds(2));
        assertThat(withTrustedTsa.trusted()).isTrue();

        SignerResult withoutTsaTrust = verify(policy().anchor(pki.root().certificate()).build(), stamped);
        assertThat(withoutTsaTrust.status()).isEqualTo(SignatureStatus.VALID_UNTRUSTED);
        assertThat(withoutTsaTrust.trust().reason()).contains(TrustResult.Reason.EXPIRED);
        assertThat(withoutTsaTrust.validationTime()).isEqualTo(NOW);
    }

    @Test
    void aRevocationAfterTheTimestampDoesNotUndoTheSignature() throws Exception {
        Instant signedAt = NOW.minus(Duration.ofDays(10));
        tsa.time(signedAt);
        byte[] stamped = CmsSigner.builder(leaf.identity()).clock(Clock.fixed(signedAt, ZoneOffset.UTC))
                .timestampClient(TimestampClient.of(tsa.url())).build().sign(CONTENT);
        var crl = TestPki.crl(intermediate, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)),
                Map.of(leaf.certificate(), NOW.minus(Duration.ofDays(2))));
        TrustPolicy.Builder base = policy().anchor(pki.root().certificate()).crl(crl);

        SignerResult stampedResult = verify(base.anchor(tsa.caCertificate()).build(), stamped);
        assertThat(stampedResult.status()).isEqualTo(SignatureStatus.TRUSTED);
        assertThat(stampedResult.trust().revocation()).isEqualTo(RevocationStatus.UNKNOWN);

        SignerResult unstamped = verify(policy().anchor(pki.root().certificate()).crl(crl).build());
        assertThat(unstamped.trust().reason()).contains(TrustResult.Reason.REVOKED);
    }

    @Test
    void theClockIsInjectable() throws Exception {
        TestPki.Credential future = pki.issue("Future Signer").validity(NOW, NOW.plus(Duration.ofDays(30))).build();
        byte[] sig = CmsSigner.builder(future.identity()).clock(CLOCK).build().sign(CONTENT);
        TrustPolicy early = TrustPolicy.builder().anchor(pki.root().certificate())
                .clock(Clock.fixed(NOW.minusSeconds(60), ZoneOffset.UTC)).build();
        SignerResult signer = verify(early, sig);
        assertThat(signer.trust().reason()).contains(TrustResult.Reason.NOT_YET_VALID);
        assertThat(signer.validationTime()).isEqualTo(NOW.minusSeconds(60));
    }

    @Test
    void evaluatesACertificateDirectly() {
        TrustPolicy policy = policy().anchor(pki.root().certificate()).build();
        TrustResult result = policy.evaluate(leaf.certificate(), List.of(intermediate.certificate()), NOW);
        assertThat(result.trusted()).isTrue();
        assertThat(policy.evaluate(leaf.certificate(), List.of(), NOW).reason()).contains(TrustResult.Reason.NO_PATH);
    }

    @Test
    void aPemFileMayHoldSeveralAnchors(@TempDir Path dir) throws Exception {
        Path pem = TestPki.writePem(dir.resolve("trust.pem"), tsa.caCertificate(), pki.root().certificate());
        List<java.security.cert.X509Certificate> anchors = Certificates.read(pem);
        assertThat(anchors).containsExactly(tsa.caCertificate(), pki.root().certificate());
        assertThat(verify(policy().anchors(anchors).build()).status()).isEqualTo(SignatureStatus.TRUSTED);

        Path der = java.nio.file.Files.write(dir.resolve("root.der"), pki.root().certificate().getEncoded());
        assertThat(Certificates.read(der)).containsExactly(pki.root().certificate());
        Path empty = java.nio.file.Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        assertThatThrownBy(() -> Certificates.read(empty)).isInstanceOfSatisfying(KeyStoreLoadException.class,
                e -> assertThat(e.reason()).isEqualTo(KeyStoreLoadException.Reason.CORRUPT));
    }

    @Test
    void crlsCanBeReadFromFiles(@TempDir Path dir) throws Exception {
        var crl = TestPki.emptyCrl(intermediate, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(6)));
        Path der = java.nio.file.Files.write(dir.resolve("i.crl"), crl.getEncoded());
        assertThat(Certificates.readCrls(der)).containsExactly(crl);
    }
}
