package dev.palimpsest.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.palimpsest.core.testing.ExternalTool;
import dev.palimpsest.core.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SigningIdentityTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.250Z");
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;

    /** RSA key generation takes seconds: each algorithm's identity is made once. */
    private static final java.util.Map<KeyAlgorithm, SigningIdentity> GENERATED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static SigningIdentity generate(KeyAlgorithm algorithm) {
        return GENERATED.computeIfAbsent(algorithm, SigningIdentityTest::generateFresh);
    }

    private static SigningIdentity generateFresh(KeyAlgorithm algorithm) {
        return SigningIdentity.generator().name("Jane Archivist").email("jane@example.org").algorithm(algorithm)
                .validity(Duration.ofDays(30)).clock(Clock.fixed(T0, ZoneOffset.UTC)).generate();
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void generatesAKeyWithASelfSignedCertificateForAnIndividual(KeyAlgorithm algorithm) throws Exception {
        SigningIdentity identity = generate(algorithm);
        X509Certificate cert = identity.certificate();

        assertThat(identity.signatureAlgorithm()).isEqualTo(algorithm.signatureAlgorithm());
        assertThat(identity.subject()).isEqualTo("CN=Jane Archivist");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        cert.verify(cert.getPublicKey());
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(1, "jane@example.org"));
        boolean[] usage = cert.getKeyUsage();
        assertThat(usage[0]).as("digitalSignature").isTrue();
        assertThat(usage[1]).as("nonRepudiation").isTrue();
        assertThat(usage[5]).as("keyCertSign").isFalse();
        assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.15");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(Instant.parse("2026-03-01T10:15:30Z"));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(Instant.parse("2026-03-31T10:15:30Z"));
        assertThat(identity.chain()).containsExactly(cert);
        assertThat(identity.isExportable()).isTrue();
    }

    @Test
    void keyTypesAreTheOnesAsked() {
        assertThat(generate(KeyAlgorithm.ECDSA_P256).certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(generate(KeyAlgorithm.ED25519).certificate().getPublicKey().getAlgorithm()).isIn("Ed25519", "EdDSA");
        X509Certificate pss = generate(KeyAlgorithm.RSA_3072_PSS).certificate();
        assertThat(pss.getPublicKey().getAlgorithm()).isEqualTo("RSASSA-PSS");
        assertThat(((java.security.interfaces.RSAKey) pss.getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
        assertThat(pss.getSigAlgOID()).isEqualTo("1.2.840.113549.1.1.10");
    }

    @Test
    void algorithmLabelsRoundTrip() {
        for (KeyAlgorithm a : KeyAlgorithm.values()) {
            assertThat(KeyAlgorithm.fromLabel(" " + a.label().toUpperCase() + " ")).contains(a);
        }
        assertThat(KeyAlgorithm.fromLabel("rsa-1024")).isEmpty();
        assertThat(KeyAlgorithm.fromLabel("rsa-3072")).contains(KeyAlgorithm.RSA_3072_PKCS1);
    }

    @Test
    void generatorRejectsBadInput() {
        assertThatThrownBy(() -> SigningIdentity.generator().name("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningIdentity.generator().name("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningIdentity.generator().email("not-an-address"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningIdentity.generator().validity(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningIdentity.generator().generate()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("name");
    }

    @Test
    void pkcs12RoundTripKeepsKeyAndCertificate() throws Exception {
        SigningIdentity identity = generate(KeyAlgorithm.ECDSA_P256);
        Path file = dir.resolve("key.p12");
        identity.savePkcs12(file, PASSWORD);

        SigningIdentity loaded = SigningIdentity.loadPkcs12(file, PASSWORD);
        assertThat(loaded.certificate()).isEqualTo(identity.certificate());
        assertThat(loaded.signatureAlgorithm()).isEqualTo(SignatureAlgorithm.ECDSA_SHA256);
        // The loaded key signs for the certificate.
        byte[] sig = CmsSigner.builder(loaded).clock(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC)).build()
                .sign("x".getBytes(StandardCharsets.US_ASCII));
        assertThat(CmsVerifier.builder().build().verify(sig, "x".getBytes(StandardCharsets.US_ASCII)).isValid()).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"RSA_3072_PSS", "ED25519"})
    void pkcs12RoundTripForOtherKeyTypes(KeyAlgorithm algorithm) throws Exception {
        SigningIdentity identity = generate(algorithm);
        Path file = dir.resolve("key.p12");
        identity.savePkcs12(file, PASSWORD);
        SigningIdentity loaded = SigningIdentity.loadPkcs12(file, PASSWORD);
        assertThat(loaded.certificate()).isEqualTo(identity.certificate());
        assertThat(loaded.signatureAlgorithm()).isEqualTo(algorithm.signatureAlgorithm());
    }

    @Test
    void savePkcs12RefusesToOverwrite() throws Exception {
        Path file = Files.writeString(dir.resolve("key.p12"), "precious");
        assertThatThrownBy(() -> generate(KeyAlgorithm.ECDSA_P256).savePkcs12(file, PASSWORD))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(file)).isEqualTo("precious");
    }

    @Test
    void wrongPasswordIsToldApartFromCorruption() throws Exception {
        Path file = dir.resolve("key.p12");
        generate(KeyAlgorithm.ECDSA_P256).savePkcs12(file, PASSWORD);

        assertThatThrownBy(() -> SigningIdentity.loadPkcs12(file, "wrong password".toCharArray()))
                .isInstanceOfSatisfying(KeyStoreLoadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(KeyStoreLoadException.Reason.WRONG_PASSWORD);
                    assertThat(e.path()).contains(file);
                    assertThat(e.getMessage()).contains(file.toString()).doesNotContain("wrong password");
                });

        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("truncated.p12"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> SigningIdentity.loadPkcs12(truncated, PASSWORD))
                .isInstanceOfSatisfying(KeyStoreLoadException.class,
                        e -> assertThat(e.reason()).isEqualTo(KeyStoreLoadException.Reason.CORRUPT));

        Path text = Files.writeString(dir.resolve("text.p12"), "this is not a key store");
        assertThatThrownBy(() -> SigningIdentity.loadPkcs12(text, PASSWORD))
                .isInstanceOfSatisfying(KeyStoreLoadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(KeyStoreLoadException.Reason.CORRUPT);
                    assertThat(e.getMessage()).doesNotContain(new String(PASSWORD));
                });
    }

    @Test
    void missingKeyStoreIsAnIoError() {
        assertThatThrownBy(() -> SigningIdentity.loadPkcs12(dir.resolve("absent.p12"), PASSWORD))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void opensslReadsTheKeyStoreAndSeesModernAlgorithms() throws Exception {
        Path openssl = ExternalTool.find("openssl").orElse(null);
        assumeThat(openssl).as("openssl is not on the PATH; PKCS#12 interop with OpenSSL not tested").isNotNull();
        Path file = dir.resolve("key.p12");
        generate(KeyAlgorithm.ECDSA_P256).savePkcs12(file, PASSWORD);

        ExternalTool.Result info = ExternalTool.run(dir, openssl.toString(), "pkcs12", "-in", file.toString(), "-info",
                "-noout", "-passin", "pass:" + new String(PASSWORD));
        assertThat(info.exitCode()).as(info.output()).isZero();
        assertThat(info.output()).contains("MAC: sha256").contains("PBES2, PBKDF2, AES-256-CBC")
                .contains("hmacWithSHA256").doesNotContain("RC2").doesNotContain("3DES");

        ExternalTool.Result wrong = ExternalTool.run(dir, openssl.toString(), "pkcs12", "-in", file.toString(), "-noout",
                "-passin", "pass:nope");
        assertThat(wrong.exitCode()).isNotZero();
    }

    @Test
    void keytoolReadsTheKeyStore() throws Exception {
        Path file = dir.resolve("key.p12");
        SigningIdentity identity = generate(KeyAlgorithm.ECDSA_P256);
        identity.savePkcs12(file, PASSWORD);
        ExternalTool.Result list = ExternalTool.run(dir, ExternalTool.keytool().toString(), "-list", "-v", "-storetype",
                "PKCS12", "-keystore", file.toString(), "-storepass", new String(PASSWORD));
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).contains("PrivateKeyEntry").contains("CN=Jane Archivist")
                .containsIgnoringCase(identity.certificateSha256().hex().substring(0, 2).toUpperCase() + ":");
    }

    @Test
    void loadsAKeyStoreWrittenByOpenssl() throws Exception {
        Path openssl = ExternalTool.find("openssl").orElse(null);
        assumeThat(openssl).as("openssl is not on the PATH").isNotNull();
        run(openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                "k.pem", "-out", "c.pem", "-subj", "/CN=From OpenSSL", "-days", "2");
        run(openssl, "pkcs12", "-export", "-inkey", "k.pem", "-in", "c.pem", "-out", "o.p12", "-passout", "pass:secret");
        SigningIdentity loaded = SigningIdentity.loadPkcs12(dir.resolve("o.p12"), "secret".toCharArray());
        assertThat(loaded.subject()).isEqualTo("CN=From OpenSSL");

        SigningIdentity fromPem = SigningIdentity.fromPem(dir.resolve("k.pem"), dir.resolve("c.pem"), null);
        assertThat(fromPem.certificate()).isEqualTo(loaded.certificate());

        run(openssl, "pkcs8", "-topk8", "-in", "k.pem", "-out", "enc.pem", "-v2", "aes-256-cbc", "-passout", "pass:pw");
        assertThat(SigningIdentity.fromPem(dir.resolve("enc.pem"), dir.resolve("c.pem"), "pw".toCharArray()).certificate())
                .isEqualTo(loaded.certificate());
        assertThatThrownBy(() -> SigningIdentity.fromPem(dir.resolve("enc.pem"), dir.resolve("c.pem"), "bad".toCharArray()))
                .isInstanceOfSatisfying(KeyStoreLoadException.class,
                        e -> assertThat(e.reason()).isEqualTo(KeyStoreLoadException.Reason.WRONG_PASSWORD));

        run(openssl, "genrsa", "-traditional", "-out", "rsa.pem", "2048");
        run(openssl, "req", "-x509", "-key", "rsa.pem", "-out", "rsa-cert.pem", "-subj", "/CN=RSA", "-days", "2");
        assertThat(SigningIdentity.fromPem(dir.resolve("rsa.pem"), dir.resolve("rsa-cert.pem"), null).signatureAlgorithm())
                .isEqualTo(SignatureAlgorithm.RSA_PKCS1_SHA256);
    }

    private void run(Path tool, String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(tool.toString());
        command.addAll(List.of(args));
        ExternalTool.Result r = ExternalTool.run(dir, java.util.Map.of(), command);
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    @Test
    void loadsPemWithEncryptedPkcs8AndAChainInAnyOrder() throws Exception {
        TestPki pki = TestPki.create("PEM Root");
        TestPki.Credential intermediate = pki.issue("PEM Intermediate").ca().build();
        TestPki.Credential leaf = pki.issue("PEM Leaf").issuer(intermediate).build();

        Path keyFile = dir.resolve("leaf-key.pem");
        try (JcaPEMWriter writer = new JcaPEMWriter(Files.newBufferedWriter(keyFile))) {
            writer.writeObject(new JcaPKCS8Generator(leaf.keyPair().getPrivate(),
                    new JceOpenSSLPKCS8EncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                            .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                            .setPassword("pem pw".toCharArray()).build()));
        }
        Path certs = TestPki.writePem(dir.resolve("chain.pem"), pki.root().certificate(), leaf.certificate(),
                intermediate.certificate());

        SigningIdentity identity = SigningIdentity.fromPem(keyFile, certs, "pem pw".toCharArray());
        assertThat(identity.chain()).containsExactly(leaf.certificate(), intermediate.certificate(),
                pki.root().certificate());

        assertThatThrownBy(() -> SigningIdentity.fromPem(keyFile, certs, null))
                .isInstanceOfSatisfying(KeyStoreLoadException.class,
                        e -> assertThat(e.reason()).isEqualTo(KeyStoreLoadException.Reason.WRONG_PASSWORD));
        assertThatThrownBy(() -> SigningIdentity.fromPem(keyFile, certs, "other".toCharArray()))
                .isInstanceOfSatisfying(KeyStoreLoadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(KeyStoreLoadException.Reason.WRONG_PASSWORD);
                    assertThat(e.getMessage()).contains("leaf-key.pem").doesNotContain("other");
                });
    }

    @Test
    void pemErrorsAreSpecific() throws Exception {
        TestPki pki = TestPki.create("PEM Root");
        TestPki.Credential a = pki.issue("A").build();
        TestPki.Credential b = pki.issue("B").build();
        Path keyA = writeKey("a.pem", a.keyPair());
        Path keyB = writeKey("b.pem", b.keyPair());
        Path certB = TestPki.writePem(dir.resolve("b-cert.pem"), b.certificate());
        Path certsOnly = TestPki.writePem(dir.resolve("certs.pem"), a.certificate(), b.certificate());

        assertReason(() -> SigningIdentity.fromPem(keyA, certB, null), KeyStoreLoadException.Reason.KEY_CERTIFICATE_MISMATCH);
        assertReason(() -> SigningIdentity.fromPem(certsOnly, certsOnly, null), KeyStoreLoadException.Reason.NO_PRIVATE_KEY);
        Path twoKeys = dir.resolve("two.pem");
        Files.writeString(twoKeys, Files.readString(keyA) + Files.readString(keyB));
        assertReason(() -> SigningIdentity.fromPem(twoKeys, certsOnly, null), KeyStoreLoadException.Reason.AMBIGUOUS);
        assertReason(() -> SigningIdentity.fromPem(keyA, keyA, null), KeyStoreLoadException.Reason.NO_CERTIFICATE);
        Path broken = Files.writeString(dir.resolve("broken.pem"),
                "-----BEGIN CERTIFICATE-----\nMIIB!!!!\n-----END CERTIFICATE-----\n");
        assertReason(() -> SigningIdentity.fromPem(keyA, broken, null), KeyStoreLoadException.Reason.CORRUPT);
        // Both certificates offered, the matching one is picked.
        assertThat(SigningIdentity.fromPem(keyB, certsOnly, null).certificate()).isEqualTo(b.certificate());
    }

    private Path writeKey(String name, KeyPair keys) throws Exception {
        Path file = dir.resolve(name);
        try (JcaPEMWriter writer = new JcaPEMWriter(Files.newBufferedWriter(file))) {
            writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
        }
        return file;
    }

    private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
            KeyStoreLoadException.Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KeyStoreLoadException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    @Test
    void ofChecksTheKeyBelongsToTheCertificate() {
        TestPki pki = TestPki.create("Root");
        TestPki.Credential a = pki.issue("A").build();
        TestPki.Credential b = pki.issue("B").build();
        assertThatThrownBy(() -> SigningIdentity.of(a.keyPair().getPrivate(), List.of(b.certificate())))
                .isInstanceOfSatisfying(SigningException.class,
                        e -> assertThat(e.reason()).isEqualTo(SigningException.Reason.KEY_CERTIFICATE_MISMATCH));
        KeyPair rsa = TestPki.keyPair("RSA", 2048);
        assertThatThrownBy(() -> SigningIdentity.of(rsa.getPrivate(), List.of(b.certificate())))
                .isInstanceOfSatisfying(SigningException.class,
                        e -> assertThat(e.reason()).isEqualTo(SigningException.Reason.KEY_CERTIFICATE_MISMATCH));
    }

    @Test
    void shortRsaKeysAreRefused() {
        TestPki pki = TestPki.create("Root");
        KeyPair weak = TestPki.keyPair("RSA", 1024);
        TestPki.Credential c = pki.issue("Weak").keyPair(weak).build();
        assertThatThrownBy(() -> SigningIdentity.of(weak.getPrivate(), List.of(c.certificate())))
                .isInstanceOfSatisfying(SigningException.class,
                        e -> assertThat(e.reason()).isEqualTo(SigningException.Reason.UNSUPPORTED_KEY));
    }

    @Test
    void aPlainRsaKeyMayChoosePss() throws Exception {
        TestPki pki = TestPki.create("Root");
        KeyPair rsa = TestPki.keyPair("RSA", 2048);
        TestPki.Credential c = pki.issue("RSA").keyPair(rsa).build();
        SigningIdentity pss = SigningIdentity.of(rsa.getPrivate(), List.of(c.certificate()), SignatureAlgorithm.RSA_PSS_SHA256);
        assertThat(pss.signatureAlgorithm()).isEqualTo(SignatureAlgorithm.RSA_PSS_SHA256);
        assertThatThrownBy(() -> SigningIdentity.of(rsa.getPrivate(), List.of(c.certificate()), SignatureAlgorithm.ED25519))
                .isInstanceOfSatisfying(SigningException.class,
                        e -> assertThat(e.reason()).isEqualTo(SigningException.Reason.UNSUPPORTED_KEY));
    }

    @Test
    void toStringShowsNoSecrets() {
        SigningIdentity identity = generate(KeyAlgorithm.ECDSA_P256);
        String text = identity.toString();
        byte[] keyBytes = identity.privateKey().getEncoded();
        assertThat(text).contains("CN=Jane Archivist").contains(identity.certificateSha256().hex())
                .doesNotContain(Base64.getEncoder().encodeToString(keyBytes).substring(0, 16))
                .doesNotContain(HexFormat.of().formatHex(keyBytes).substring(40, 80));
        assertThat(CmsSigner.builder(identity).build().toString()).doesNotContain(
                HexFormat.of().formatHex(keyBytes).substring(40, 80));
    }
}
