package dev.palimpsest.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.testing.TestTsa;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampClientTest {
    static final Instant TSA_TIME = Instant.parse("2026-05-04T12:00:03Z");
    static final byte[] DATA = "bytes that existed".getBytes(StandardCharsets.US_ASCII);

    static TestTsa tsa;

    @BeforeAll
    static void startTsa() {
        tsa = TestTsa.start();
    }

    @AfterAll
    static void stopTsa() {
        tsa.close();
    }

    @BeforeEach
    void reset() {
        tsa.behaviour(TestTsa.Behaviour.NORMAL).time(TSA_TIME);
    }

    static TimestampClient client() {
        return TimestampClient.builder(tsa.url()).timeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void timestampsBytesAndChecksTheAnswer() throws Exception {
        TimestampToken token = client().timestamp(DATA);

        assertThat(token.time()).isEqualTo(TSA_TIME);
        assertThat(token.imprint()).isEqualTo(DigestValue.of(DigestAlgorithm.SHA256,
                MessageDigest.getInstance("SHA-256").digest(DATA)));
        assertThat(token.tsaName()).contains(tsa.tsaCertificate().getSubjectX500Principal().getName("RFC2253"));
        assertThat(token.tsaCertificate()).contains(tsa.tsaCertificate());
        assertThat(token.policy()).isEqualTo(TestTsa.POLICY);
        assertThat(token.nonce()).isPresent();
        assertThat(tsa.lastRequest().getNonce()).isEqualTo(token.nonce().get());
        assertThat(tsa.lastRequest().getCertReq()).isTrue();
        assertThat(tsa.lastRequest().getMessageImprintAlgOID().getId()).isEqualTo("2.16.840.1.101.3.4.2.1");
        token.verify(DATA);
        token.verify(new ByteArrayInputStream(DATA));

        TimestampToken reparsed = TimestampToken.parse(token.encoded());
        assertThat(reparsed.time()).isEqualTo(TSA_TIME);
        assertThat(reparsed.serialNumber()).isEqualTo(token.serialNumber());
        reparsed.verify(DATA);
    }

    @Test
    void noncesDifferBetweenRequests() throws Exception {
        TimestampToken a = client().timestamp(DATA);
        TimestampToken b = client().timestamp(DATA);
        assertThat(a.nonce()).isNotEqualTo(b.nonce());
    }

    @Test
    void timestampsADigestAndAStream() throws Exception {
        DigestValue sha512 = DigestValue.of(DigestAlgorithm.SHA512, MessageDigest.getInstance("SHA-512").digest(DATA));
        TimestampToken token = client().timestampDigest(sha512);
        assertThat(token.imprint()).isEqualTo(sha512);
        token.verify(DATA);
        assertThat(client().timestamp(new ByteArrayInputStream(DATA)).imprint().algorithm()).isEqualTo(DigestAlgorithm.SHA256);
        assertThatThrownBy(() -> client().timestampDigest(DigestValue.of(DigestAlgorithm.SHA1, new byte[20])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTokenDoesNotVerifyOverOtherData() throws Exception {
        TimestampToken token = client().timestamp(DATA);
        assertThatThrownBy(() -> token.verify("other".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(TimestampException.class,
                        e -> assertThat(e.reason()).isEqualTo(TimestampException.Reason.BAD_IMPRINT));
        assertThatThrownBy(() -> token.verifyDigest(DigestValue.of(DigestAlgorithm.SHA512, new byte[64])))
                .isInstanceOfSatisfying(TimestampException.class,
                        e -> assertThat(e.reason()).isEqualTo(TimestampException.Reason.BAD_IMPRINT));
    }

    @ParameterizedTest
    @CsvSource({
        "WRONG_NONCE, BAD_NONCE",
        "WRONG_IMPRINT, BAD_IMPRINT",
        "GARBAGE, MALFORMED",
        "HTTP_500, HTTP_STATUS",
        "REJECTION, REJECTED",
        "NO_CERTIFICATE, BAD_TSA_CERTIFICATE",
        "WRONG_KEY_USAGE, BAD_TSA_CERTIFICATE",
        "BAD_SIGNATURE, BAD_SIGNATURE"})
    void aMisbehavingTsaGivesASpecificError(TestTsa.Behaviour behaviour, TimestampException.Reason reason) {
        tsa.behaviour(behaviour);
        assertThatThrownBy(() -> client().timestamp(DATA)).isInstanceOfSatisfying(TimestampException.class, e -> {
            assertThat(e.reason()).as(e.getMessage() + " / TSA error: " + tsa.lastError()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(tsa.url().toString());
        });
    }

    @Test
    void httpErrorsCarryTheStatus() {
        tsa.behaviour(TestTsa.Behaviour.HTTP_500);
        assertThatThrownBy(() -> client().timestamp(DATA)).isInstanceOfSatisfying(TimestampException.class,
                e -> assertThat(e.httpStatus()).hasValue(500));
    }

    @Test
    void rejectionsNameTheFailure() {
        tsa.behaviour(TestTsa.Behaviour.REJECTION);
        assertThatThrownBy(() -> client().timestamp(DATA)).isInstanceOfSatisfying(TimestampException.class,
                e -> assertThat(e.getMessage()).contains("rejection").contains("badAlg").contains("test rejection"));
    }

    @Test
    void aSlowTsaTimesOut() {
        tsa.behaviour(TestTsa.Behaviour.SLOW);
        TimestampClient impatient = TimestampClient.builder(tsa.url()).timeout(Duration.ofMillis(400)).build();
        long start = System.nanoTime();
        assertThatThrownBy(() -> impatient.timestamp(DATA)).isInstanceOfSatisfying(TimestampException.class,
                e -> assertThat(e.reason()).isEqualTo(TimestampException.Reason.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anUnreachableTsaIsANetworkError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TimestampClient client = TimestampClient.of(URI.create("http://127.0.0.1:" + port + "/tsa"));
        assertThatThrownBy(() -> client.timestamp(DATA)).isInstanceOfSatisfying(TimestampException.class,
                e -> assertThat(e.reason()).isEqualTo(TimestampException.Reason.NETWORK));
    }

    @Test
    void aRequestedPolicyMustBeHonoured() throws Exception {
        TimestampClient withPolicy = TimestampClient.builder(tsa.url()).policy("1.2.3.4.5").build();
        assertThat(withPolicy.timestamp(DATA).policy()).isEqualTo("1.2.3.4.5");
        tsa.behaviour(TestTsa.Behaviour.WRONG_POLICY);
        assertThatThrownBy(() -> withPolicy.timestamp(DATA)).isInstanceOfSatisfying(TimestampException.class,
                e -> assertThat(e.reason()).isEqualTo(TimestampException.Reason.BAD_POLICY));
        assertThat(client().timestamp(DATA).policy()).as("no policy asked, any accepted").isEqualTo(TestTsa.POLICY);
    }

    @Test
    void onlyHttpUrlsAreAccepted() {
        assertThatThrownBy(() -> TimestampClient.of(URI.create("ftp://tsa.example/"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimestampClient.of(URI.create("/relative"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void garbageIsNotAToken() {
        assertThatThrownBy(() -> TimestampToken.parse(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}))
                .isInstanceOfSatisfying(TimestampException.class,
                        e -> assertThat(e.reason()).isEqualTo(TimestampException.Reason.MALFORMED));
    }

    @Test
    void signingWithATimestampAddsASignatureTimestamp() throws Exception {
        SigningIdentity identity = CmsSignerTest.identity(KeyAlgorithm.ECDSA_P256);
        Clock clock = Clock.fixed(TSA_TIME.minusSeconds(3), ZoneOffset.UTC);
        byte[] signature = CmsSigner.builder(identity).timestampClient(client()).clock(clock).build()
                .sign(CmsSignerTest.CONTENT);

        AttributeTable unsigned = new AttributeTable(CmsSignerTest.firstSigner(signature).getUnauthenticatedAttributes());
        assertThat(unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)).isNotNull();
        byte[] signatureValue = CmsSignerTest.firstSigner(signature).getEncryptedDigest().getOctets();
        assertThat(tsa.lastRequest().getMessageImprintDigest())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(signatureValue));

        TrustPolicy policy = TrustPolicy.builder().anchor(identity.certificate()).anchor(tsa.caCertificate())
                .clock(Clock.fixed(TSA_TIME.plusSeconds(3600), ZoneOffset.UTC)).build();
        SignerResult signer = CmsVerifier.of(policy).verify(signature, CmsSignerTest.CONTENT).signers().get(0);
        assertThat(signer.status()).isEqualTo(SignatureStatus.TRUSTED);
        SignatureTimestamp ts = signer.timestamp().orElseThrow();
        assertThat(ts.valid()).isTrue();
        assertThat(ts.trusted()).isTrue();
        assertThat(ts.time()).contains(TSA_TIME);
        assertThat(ts.tsa()).contains(tsa.tsaCertificate().getSubjectX500Principal().getName("RFC2253"));
        assertThat(signer.validationTime()).as("judged at the timestamp's time").isEqualTo(TSA_TIME);

        // Without trusting the TSA the timestamp is valid but untrusted, and "now" is the validation time.
        SignerResult untrustedTsa = CmsVerifier.of(TrustPolicy.builder().anchor(identity.certificate())
                .clock(Clock.fixed(TSA_TIME.plusSeconds(3600), ZoneOffset.UTC)).build())
                .verify(signature, CmsSignerTest.CONTENT).signers().get(0);
        assertThat(untrustedTsa.timestamp().orElseThrow().valid()).isTrue();
        assertThat(untrustedTsa.timestamp().orElseThrow().trusted()).isFalse();
        assertThat(untrustedTsa.validationTime()).isEqualTo(TSA_TIME.plusSeconds(3600));
    }

    @Test
    void aTsaFailureFailsSigningButSigningWithoutATsaStillWorks() throws Exception {
        SigningIdentity identity = CmsSignerTest.identity(KeyAlgorithm.ECDSA_P256);
        tsa.behaviour(TestTsa.Behaviour.WRONG_NONCE);
        assertThatThrownBy(() -> CmsSigner.builder(identity).timestampClient(client()).clock(CmsSignerTest.CLOCK).build()
                .sign(CmsSignerTest.CONTENT)).isInstanceOfSatisfying(SigningException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SigningException.Reason.TIMESTAMP_FAILED);
                    assertThat(e.getCause()).isInstanceOfSatisfying(TimestampException.class,
                            c -> assertThat(c.reason()).isEqualTo(TimestampException.Reason.BAD_NONCE));
                });
        byte[] plain = CmsSigner.builder(identity).clock(CmsSignerTest.CLOCK).build().sign(CmsSignerTest.CONTENT);
        assertThat(CmsSignerTest.trusting(identity.certificate()).verify(plain, CmsSignerTest.CONTENT).status())
                .isEqualTo(SignatureStatus.TRUSTED);
    }

    @Test
    void theTsaCanBeJudgedByATrustPolicy() throws Exception {
        TimestampToken token = client().timestamp(DATA);
        Clock later = Clock.fixed(TSA_TIME.plusSeconds(60), ZoneOffset.UTC);
        assertThat(TrustPolicy.builder().anchor(tsa.caCertificate()).clock(later).build().evaluateTimestamp(token).trusted())
                .isTrue();
        TrustResult none = TrustPolicy.builder().clock(later).build().evaluateTimestamp(token);
        assertThat(none.trusted()).isFalse();
        assertThat(none.reason()).contains(TrustResult.Reason.NO_TRUST_ANCHOR);
    }
}
