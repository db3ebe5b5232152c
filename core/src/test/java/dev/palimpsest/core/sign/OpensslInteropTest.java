package dev.palimpsest.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.palimpsest.core.testing.ExternalTool;
import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.core.testing.TestTsa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** OpenSSL as the independent judge: it verifies what we sign, and we verify what it signs. */
class OpensslInteropTest {
    static final byte[] CONTENT = CmsSignerTest.CONTENT;
    static Path openssl;
    static TestTsa tsa;

    @TempDir
    Path dir;

    @BeforeAll
    static void findOpenssl() {
        openssl = ExternalTool.find("openssl").orElse(null);
        tsa = TestTsa.start();
    }

    @AfterAll
    static void stopTsa() {
        tsa.close();
    }

    @BeforeEach
    void requireOpenssl() {
        assumeThat(openssl).as("openssl is not on the PATH: interoperability with OpenSSL is not tested").isNotNull();
    }

    private ExternalTool.Result openssl(String... args) {
        List<String> command = new ArrayList<>();
        command.add(openssl.toString());
        command.addAll(List.of(args));
        return ExternalTool.run(dir, Map.of(), command);
    }

    private void opensslVerifies(byte[] signature, Path caFile) throws Exception {
        Files.write(dir.resolve("content.json"), CONTENT);
        Files.write(dir.resolve("content.json.p7s"), signature);
        ExternalTool.Result r = openssl("cms", "-verify", "-binary", "-inform", "DER", "-in", "content.json.p7s",
                "-content", "content.json", "-CAfile", caFile.toString(), "-out", "/dev/null");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("Verification successful");

        byte[] changed = CONTENT.clone();
        changed[0] ^= 1;
        Files.write(dir.resolve("changed.json"), changed);
        ExternalTool.Result bad = openssl("cms", "-verify", "-binary", "-inform", "DER", "-in", "content.json.p7s",
                "-content", "changed.json", "-CAfile", caFile.toString(), "-out", "/dev/null");
        assertThat(bad.exitCode()).as("openssl must reject changed content").isNotZero();
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void opensslVerifiesOurSignatures(KeyAlgorithm algorithm) throws Exception {
        SigningIdentity identity = CmsSignerTest.identity(algorithm);
        byte[] signature = CmsSigner.builder(identity).build().sign(CONTENT);
        // Bouncy Castle's CMS verifier is a second independent judge, and the only one for Ed25519.
        bouncyCastleVerifies(signature, identity);
        assumeThat(algorithm).as("OpenSSL (3.0 to at least 3.6) cannot verify Ed25519 CMS signatures with signed "
                + "attributes: openssl/openssl#11915, #32248").isNotEqualTo(KeyAlgorithm.ED25519);
        opensslVerifies(signature, TestPki.writePem(dir.resolve("signer.pem"), identity.certificate()));
    }

    private static void bouncyCastleVerifies(byte[] signature, SigningIdentity identity) throws Exception {
        org.bouncycastle.cms.CMSSignedData cms = new org.bouncycastle.cms.CMSSignedData(
                new org.bouncycastle.cms.CMSProcessableByteArray(CONTENT), signature);
        org.bouncycastle.cms.SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        assertThat(signer.verify(new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder()
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(identity.certificate())))
                .isTrue();
    }

    @Test
    void opensslVerifiesATimestampedCountersignedChainSignature() throws Exception {
        TestPki pki = TestPki.create("Interop Root");
        TestPki.Credential intermediate = pki.issue("Interop Intermediate").ca().build();
        TestPki.Credential leaf = pki.issue("Interop Leaf").issuer(intermediate).build();
        tsa.time(Instant.now());
        byte[] first = CmsSigner.builder(leaf.identity()).timestampClient(TimestampClient.of(tsa.url())).build().sign(CONTENT);
        SigningIdentity witness = CmsSignerTest.identity(KeyAlgorithm.ECDSA_P256);
        byte[] both = CmsSigner.builder(witness).signingTime(false).build().countersign(first, CONTENT);
        Path cas = TestPki.writePem(dir.resolve("cas.pem"), pki.root().certificate(), witness.certificate());
        opensslVerifies(both, cas);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ec-p256", "ec-p384", "rsa", "rsa-pss"})
    void weVerifyOpensslSignatures(String keyType) throws Exception {
        List<String> req = new ArrayList<>(List.of("req", "-x509", "-newkey", keyType.startsWith("ec") ? "ec" : "rsa:2048"));
        if (keyType.startsWith("ec")) {
            req.addAll(List.of("-pkeyopt", "ec_paramgen_curve:" + (keyType.equals("ec-p256") ? "P-256" : "P-384")));
        }
        req.addAll(List.of("-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-subj", "/CN=OpenSSL Signer", "-days", "3",
                "-addext", "keyUsage=critical,digitalSignature,nonRepudiation"));
        ExternalTool.Result made = openssl(req.toArray(String[]::new));
        assertThat(made.exitCode()).as(made.output()).isZero();
        Files.write(dir.resolve("content.json"), CONTENT);
        List<String> sign = new ArrayList<>(List.of("cms", "-sign", "-binary", "-in", "content.json", "-signer", "cert.pem",
                "-inkey", "key.pem", "-outform", "DER", "-out", "content.json.p7s"));
        if (keyType.equals("rsa-pss")) {
            sign.addAll(List.of("-keyopt", "rsa_padding_mode:pss"));
        }
        ExternalTool.Result signed = openssl(sign.toArray(String[]::new));
        assertThat(signed.exitCode()).as(signed.output()).isZero();

        List<java.security.cert.X509Certificate> cert = Certificates.read(dir.resolve("cert.pem"));
        byte[] signature = Files.readAllBytes(dir.resolve("content.json.p7s"));
        SignatureVerification v = CmsVerifier.of(TrustPolicy.builder().anchors(cert).build()).verify(signature, CONTENT);
        assertThat(v.status()).as(v.toString()).isEqualTo(SignatureStatus.TRUSTED);
        assertThat(v.signers().get(0).signingTime()).isPresent();

        byte[] changed = CONTENT.clone();
        changed[0] ^= 1;
        assertThat(CmsVerifier.of(TrustPolicy.builder().anchors(cert).build()).verify(signature, changed).status())
                .isEqualTo(SignatureStatus.INVALID);
    }

    @Test
    void opensslTsVerifiesTheTokens() throws Exception {
        tsa.time(Instant.now());
        byte[] data = "a document to timestamp\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        TimestampToken token = TimestampClient.of(tsa.url()).timestamp(data);
        Files.write(dir.resolve("data.bin"), data);
        Files.write(dir.resolve("token.tst"), token.encoded());
        TestPki.writePem(dir.resolve("tsa-ca.pem"), tsa.caCertificate());
        TestPki.writePem(dir.resolve("tsa.pem"), tsa.tsaCertificate());

        ExternalTool.Result r = openssl("ts", "-verify", "-data", "data.bin", "-in", "token.tst", "-token_in",
                "-CAfile", "tsa-ca.pem", "-untrusted", "tsa.pem");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("Verification: OK");

        Files.write(dir.resolve("other.bin"), "another document\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ExternalTool.Result wrong = openssl("ts", "-verify", "-data", "other.bin", "-in", "token.tst", "-token_in",
                "-CAfile", "tsa-ca.pem", "-untrusted", "tsa.pem");
        assertThat(wrong.exitCode()).isNotZero();
    }

    @Test
    void opensslRequestsAndRepliesAgreeWithOurTokenParsing() throws Exception {
        // A request made by openssl, answered by the test TSA, checked by openssl, then read by us.
        Files.write(dir.resolve("data.bin"), CONTENT);
        ExternalTool.Result query = openssl("ts", "-query", "-data", "data.bin", "-sha256", "-cert", "-out", "req.tsq");
        assertThat(query.exitCode()).as(query.output()).isZero();
        java.net.http.HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(tsa.url()).header("Content-Type", "application/timestamp-query")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(dir.resolve("req.tsq"))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        Files.write(dir.resolve("reply.tsr"), response.body());
        TestPki.writePem(dir.resolve("tsa-ca.pem"), tsa.caCertificate());
        ExternalTool.Result verify = openssl("ts", "-verify", "-queryfile", "req.tsq", "-in", "reply.tsr", "-CAfile",
                "tsa-ca.pem");
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        ExternalTool.Result extract = openssl("ts", "-reply", "-in", "reply.tsr", "-token_out", "-out", "token.tst");
        assertThat(extract.exitCode()).as(extract.output()).isZero();

        TimestampToken token = TimestampToken.parse(Files.readAllBytes(dir.resolve("token.tst")));
        token.verify(CONTENT);
        assertThat(TrustPolicy.builder().anchor(tsa.caCertificate()).build().evaluateTimestamp(token).trusted()).isTrue();
    }
}
