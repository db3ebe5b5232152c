package dev.palimpsest.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.testing.TestPki;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAlgorithmProtection;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CmsSignerTest {
    static final Instant NOW = Instant.parse("2026-05-04T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final byte[] CONTENT = "{\"format\":\"palimpsest\",\"entries\":[]}\n".getBytes(StandardCharsets.UTF_8);

    private static final Map<KeyAlgorithm, SigningIdentity> IDENTITIES = new ConcurrentHashMap<>();

    /** One identity per algorithm, valid from a year before {@link #NOW} for two years. */
    static SigningIdentity identity(KeyAlgorithm algorithm) {
        return IDENTITIES.computeIfAbsent(algorithm, a -> SigningIdentity.generator().name("Signer " + a.label())
                .algorithm(a).validity(Duration.ofDays(730)).clock(Clock.fixed(NOW.minus(Duration.ofDays(365)), ZoneOffset.UTC))
                .generate());
    }

    static CmsVerifier trusting(X509Certificate... anchors) {
        TrustPolicy.Builder policy = TrustPolicy.builder().clock(CLOCK);
        for (X509Certificate a : anchors) {
            policy.anchor(a);
        }
        return CmsVerifier.of(policy.build());
    }

    static SignedData signedData(byte[] der) throws Exception {
        return SignedData.getInstance(ContentInfo.getInstance(ASN1Primitive.fromByteArray(der)).getContent());
    }

    static SignerInfo firstSigner(byte[] der) throws Exception {
        return SignerInfo.getInstance(signedData(der).getSignerInfos().getObjectAt(0));
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void signsAndVerifiesWithEveryAlgorithm(KeyAlgorithm algorithm) throws Exception {
        SigningIdentity identity = identity(algorithm);
        byte[] signature = CmsSigner.builder(identity).clock(CLOCK).build().sign(CONTENT);

        SignatureVerification result = trusting(identity.certificate()).verify(signature, CONTENT);
        assertThat(result.status()).isEqualTo(SignatureStatus.TRUSTED);
        SignerResult signer = result.signers().get(0);
        assertThat(signer.failures()).isEmpty();
        assertThat(signer.certificate()).contains(identity.certificate());
        assertThat(signer.certificateSha256()).contains(identity.certificateSha256());
        assertThat(signer.signatureAlgorithm()).contains(algorithm.signatureAlgorithm());
        assertThat(signer.signingTime()).contains(NOW);
        assertThat(signer.validationTime()).isEqualTo(NOW);
        assertThat(signer.trust().path()).containsExactly(identity.certificate());
        assertThat(signer.timestamp()).isEmpty();
    }

    @Test
    void signatureHasTheRequiredAttributesAndIsDer() throws Exception {
        SigningIdentity identity = identity(KeyAlgorithm.ECDSA_P256);
        byte[] signature = CmsSigner.builder(identity).clock(CLOCK).build().sign(CONTENT);

        assertThat(ASN1Primitive.fromByteArray(signature).getEncoded(ASN1Encoding.DER)).isEqualTo(signature);
        SignedData sd = signedData(signature);
        assertThat(sd.getEncapContentInfo().getContent()).as("detached").isNull();
        assertThat(sd.getEncapContentInfo().getContentType()).isEqualTo(PKCSObjectIdentifiers.data);
        assertThat(sd.getCertificates().size()).isEqualTo(1);
        SignerInfo si = firstSigner(signature);
        AttributeTable attrs = new AttributeTable(si.getAuthenticatedAttributes());
        assertThat(attrs.size()).isEqualTo(5);
        assertThat(attrs.get(CMSAttributes.contentType).getAttrValues().getObjectAt(0)).isEqualTo(PKCSObjectIdentifiers.data);
        assertThat(ASN1OctetString.getInstance(attrs.get(CMSAttributes.messageDigest).getAttrValues().getObjectAt(0))
                .getOctets()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(CONTENT));
        assertThat(Time.getInstance(attrs.get(CMSAttributes.signingTime).getAttrValues().getObjectAt(0)).getDate().toInstant())
                .isEqualTo(NOW);
        SigningCertificateV2 scv2 = SigningCertificateV2.getInstance(
                attrs.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2).getAttrValues().getObjectAt(0));
        assertThat(scv2.getCerts()[0].getCertHash())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(identity.certificate().getEncoded()));
        CMSAlgorithmProtection protection = CMSAlgorithmProtection.getInstance(
                attrs.get(CMSAttributes.cmsAlgorithmProtect).getAttrValues().getObjectAt(0));
        assertThat(protection.getDigestAlgorithm().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_sha256);
        assertThat(protection.getSignatureAlgorithm().getAlgorithm())
                .isEqualTo(new ASN1ObjectIdentifier("1.2.840.10045.4.3.2"));
        assertThat(si.getDigestAlgorithm().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_sha256);
    }

    @Test
    void aP384KeySignsWithSha384() throws Exception {
        TestPki pki = TestPki.create("P-384 Root");
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        TestPki.Credential p384 = pki.issue("P-384 Signer").keyPair(generator.generateKeyPair()).build();
        SigningIdentity identity = p384.identity();
        assertThat(identity.signatureAlgorithm()).isEqualTo(SignatureAlgorithm.ECDSA_SHA384);
        CmsSigner signer = CmsSigner.builder(identity).clock(CLOCK).build();
        assertThat(signer.digestAlgorithm()).isEqualTo(DigestAlgorithm.SHA384);

        byte[] signature = signer.sign(CONTENT);
        assertThat(firstSigner(signature).getDigestAlgorithm().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_sha384);
        DigestValue sha384 = DigestValue.of(DigestAlgorithm.SHA384, MessageDigest.getInstance("SHA-384").digest(CONTENT));
        SignatureVerification v = trusting(pki.root().certificate()).verifyDigest(signature, sha384);
        assertThat(v.status()).isEqualTo(SignatureStatus.TRUSTED);
        assertThat(v.signers().get(0).signatureAlgorithm()).contains(SignatureAlgorithm.ECDSA_SHA384);
    }

    @Test
    void ed25519UsesSha512AsRfc8419Requires() throws Exception {
        byte[] signature = CmsSigner.builder(identity(KeyAlgorithm.ED25519)).clock(CLOCK).build().sign(CONTENT);
        assertThat(firstSigner(signature).getDigestAlgorithm().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_sha512);
        assertThat(firstSigner(signature).getDigestEncryptionAlgorithm().getAlgorithm().getId()).isEqualTo("1.3.101.112");
    }

    @Test
    void padesStyleSignatureOverADigestWithoutSigningTime() throws Exception {
        SigningIdentity identity = identity(KeyAlgorithm.ECDSA_P256);
        CmsSigner signer = CmsSigner.builder(identity).signingTime(false).clock(CLOCK).build();
        assertThat(signer.digestAlgorithm()).isEqualTo(DigestAlgorithm.SHA256);
        DigestValue digest = DigestValue.of(DigestAlgorithm.SHA256, MessageDigest.getInstance("SHA-256").digest(CONTENT));

        byte[] signature = signer.signDigest(digest);

        AttributeTable attrs = new AttributeTable(firstSigner(signature).getAuthenticatedAttributes());
        assertThat(attrs.get(CMSAttributes.signingTime)).isNull();
        assertThat(attrs.size()).isEqualTo(4);
        SignatureVerification byDigest = trusting(identity.certificate()).verifyDigest(signature, digest);
        assertThat(byDigest.status()).isEqualTo(SignatureStatus.TRUSTED);
        assertThat(byDigest.signers().get(0).signingTime()).isEmpty();
        assertThat(trusting(identity.certificate()).verify(signature, CONTENT).isTrusted()).isTrue();
        assertThatThrownBy(() -> signer.signDigest(DigestValue.of(DigestAlgorithm.SHA512, new byte[64])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamsGiveTheSameResultAsBytes() throws Exception {
        SigningIdentity identity = identity(KeyAlgorithm.ECDSA_P256);
        byte[] signature = CmsSigner.builder(identity).clock(CLOCK).build().sign(new ByteArrayInputStream(CONTENT));
        assertThat(trusting(identity.certificate()).verify(signature, new ByteArrayInputStream(CONTENT)).status())
                .isEqualTo(SignatureStatus.TRUSTED);
        assertThat(trusting(identity.certificate()).verify(signature, CONTENT).status()).isEqualTo(SignatureStatus.TRUSTED);
    }

    @Test
    void changedContentIsInvalid() throws Exception {
        SigningIdentity identity = identity(KeyAlgorithm.ECDSA_P256);
        byte[] signature = CmsSigner.builder(identity).clock(CLOCK).build().sign(CONTENT);
        byte[] changed = CONTENT.clone();
        changed[3] ^= 1;

        SignatureVerification result = trusting(identity.certificate()).verify(signature, changed);
        assertThat(result.status()).isEqualTo(SignatureStatus.INVALID);
        SignerResult signer = result.signers().get(0);
        assertThat(signer.failures()).extracting(SignerResult.Failure::code)
                .containsExactly(SignerResult.Failure.Code.MESSAGE_DIGEST_MISMATCH);
        assertThat(signer.trust().reason()).contains(TrustResult.Reason.NOT_EVALUATED);
    }

    @Test
    void changedSignatureValueIsInvalid() throws Exception {
        SigningIdentity identity = identity(KeyAlgorithm.RSA_3072_PKCS1);
        byte[] signature = CmsSigner.builder(identity).clock(CLOCK).build().sign(CONTENT);
        byte[] value = firstSigner(signature).getEncryptedDigest().getOctets();
        int at = indexOf(signature, value) + value.length / 2;
        signature[at] ^= 0x20;

        SignerResult signer = trusting(identity.certificate()).verify(signature, CONTENT).signers().get(0);
        assertThat(signer.failures()).extracting(SignerResult.Failure::code)
                .containsExactly(SignerResult.Failure.Code.SIGNATURE_MISMATCH);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void refusesExpiredAndNotYetValidCertificates() {
        SigningIdentity identity = identity(KeyAlgorithm.ECDSA_P256);
        Instant after = identity.certificate().getNotAfter().toInstant().plusSeconds(1);
        assertThatThrownBy(() -> CmsSigner.builder(identity).clock(Clock.fixed(after, ZoneOffset.UTC)).build().sign(CONTENT))
                .isInstanceOfSatisfying(SigningException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SigningException.Reason.CERTIFICATE_EXPIRED);
                    assertThat(e.getMessage()).contains("CN=Signer ecdsa-p256").contains("expired");
                });
        Instant before = identity.certificate().getNotBefore().toInstant().minusSeconds(1);
        assertThatThrownBy(() -> CmsSigner.builder(identity).clock(Clock.fixed(before, ZoneOffset.UTC)).build().sign(CONTENT))
                .isInstanceOfSatisfying(SigningException.class,
                        e -> assertThat(e.reason()).isEqualTo(SigningException.Reason.CERTIFICATE_NOT_YET_VALID));
    }

    @Test
    void refusesACertificateWhoseKeyUsageForbidsSigning() {
        TestPki pki = TestPki.create("Root");
        TestPki.Credential encipher = pki.issue("Encipher only").keyUsage(KeyUsage.keyEncipherment | KeyUsage.keyAgreement)
                .build();
        assertThatThrownBy(() -> CmsSigner.builder(encipher.identity()).clock(CLOCK).build().sign(CONTENT))
                .isInstanceOfSatisfying(SigningException.class,
                        e -> assertThat(e.reason()).isEqualTo(SigningException.Reason.KEY_USAGE));
    }

    @Test
    void aCountersigningWitnessKeepsTheFirstSignerValid() throws Exception {
        SigningIdentity author = identity(KeyAlgorithm.ECDSA_P256);
        SigningIdentity witness = identity(KeyAlgorithm.ED25519);
        byte[] first = CmsSigner.builder(author).clock(CLOCK).build().sign(CONTENT);

        byte[] both = CmsSigner.builder(witness).clock(CLOCK).build().countersign(first, CONTENT);

        SignatureVerification result = trusting(author.certificate()).verify(both, CONTENT);
        assertThat(result.signers()).hasSize(2);
        assertThat(result.signers()).allMatch(SignerResult::valid);
        assertThat(result.status()).as("the author is trusted, the witness only valid").isEqualTo(SignatureStatus.TRUSTED);
        assertThat(result.signers()).extracting(SignerResult::status)
                .containsExactlyInAnyOrder(SignatureStatus.TRUSTED, SignatureStatus.VALID_UNTRUSTED);
        byte[] authorSignerInfo = firstSigner(first).getEncoded(ASN1Encoding.DER);
        List<byte[]> after = new ArrayList<>();
        signedData(both).getSignerInfos().forEach(s -> {
            try {
                after.add(s.toASN1Primitive().getEncoded(ASN1Encoding.DER));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(after).anyMatch(b -> Arrays.equals(b, authorSignerInfo));
        assertThat(signedData(both).getDigestAlgorithms().size()).as("SHA-256 and SHA-512").isEqualTo(2);
        assertThat(signedData(both).getCertificates().size()).isEqualTo(2);

        // A third signer, through the stream variant.
        byte[] three = CmsSigner.builder(identity(KeyAlgorithm.RSA_3072_PSS)).clock(CLOCK).build()
                .countersign(both, new ByteArrayInputStream(CONTENT));
        assertThat(trusting(author.certificate()).verify(three, CONTENT).signers()).hasSize(3).allMatch(SignerResult::valid);
    }

    @Test
    void countersigningChecksTheExistingSignature() throws Exception {
        SigningIdentity author = identity(KeyAlgorithm.ECDSA_P256);
        CmsSigner witness = CmsSigner.builder(identity(KeyAlgorithm.ED25519)).clock(CLOCK).build();
        byte[] first = CmsSigner.builder(author).clock(CLOCK).build().sign(CONTENT);

        assertThatThrownBy(() -> witness.countersign(first, "other content".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(SigningException.class,
                        e -> assertThat(e.reason()).isEqualTo(SigningException.Reason.CONTENT_MISMATCH));
        assertThatThrownBy(() -> witness.countersign("not cms".getBytes(StandardCharsets.US_ASCII), CONTENT))
                .isInstanceOfSatisfying(SigningException.class,
                        e -> assertThat(e.reason()).isEqualTo(SigningException.Reason.MALFORMED_SIGNATURE));
    }

    /** An external signer that holds its key privately and only ever sees digests. */
    static final class DigestOnlySigner implements ExternalSigner {
        private final KeyPair keys;
        private final List<X509Certificate> chain;
        private final SignatureAlgorithm algorithm;
        private final boolean p1363;
        final List<byte[]> seen = new ArrayList<>();

        DigestOnlySigner(KeyPair keys, List<X509Certificate> chain, SignatureAlgorithm algorithm, boolean p1363) {
            this.keys = keys;
            this.chain = chain;
            this.algorithm = algorithm;
            this.p1363 = p1363;
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return algorithm;
        }

        @Override
        public List<X509Certificate> certificateChain() {
            return chain;
        }

        @Override
        public Input input() {
            return Input.DIGEST;
        }

        @Override
        public byte[] sign(byte[] digest) throws java.security.GeneralSecurityException, java.io.IOException {
            seen.add(digest.clone());
            if (algorithm == SignatureAlgorithm.RSA_PKCS1_SHA256) {
                Signature rsa = Signature.getInstance("NONEwithRSA");
                rsa.initSign(keys.getPrivate());
                rsa.update(new DigestInfo(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256,
                        org.bouncycastle.asn1.DERNull.INSTANCE), digest).getEncoded(ASN1Encoding.DER));
                return rsa.sign();
            }
            Signature ecdsa = Signature.getInstance(p1363 ? "NONEwithECDSAinP1363Format" : "NONEwithECDSA");
            ecdsa.initSign(keys.getPrivate());
            ecdsa.update(digest);
            return ecdsa.sign();
        }
    }

    @ParameterizedTest
    @EnumSource(value = SignatureAlgorithm.class, names = {"ECDSA_SHA256", "RSA_PKCS1_SHA256"})
    void anExternalSignerThatOnlySeesDigests(SignatureAlgorithm algorithm) throws Exception {
        TestPki pki = TestPki.create("KMS Root");
        KeyPair keys = algorithm == SignatureAlgorithm.RSA_PKCS1_SHA256 ? TestPki.keyPair("RSA", 2048) : TestPki.ecKeyPair();
        TestPki.Credential kms = pki.issue("Cloud KMS key").keyPair(keys).build();
        DigestOnlySigner external = new DigestOnlySigner(keys, List.of(kms.certificate()), algorithm, false);

        byte[] signature = CmsSigner.builder(external).clock(CLOCK).build().sign(CONTENT);

        assertThat(external.seen).hasSize(1);
        assertThat(external.seen.get(0)).hasSize(32);
        byte[] signedAttributes = firstSigner(signature).getAuthenticatedAttributes().getEncoded(ASN1Encoding.DER);
        assertThat(external.seen.get(0)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(signedAttributes));
        SignatureVerification result = trusting(pki.root().certificate()).verify(signature, CONTENT);
        assertThat(result.status()).isEqualTo(SignatureStatus.TRUSTED);
        assertThat(result.signers().get(0).trust().path()).containsExactly(kms.certificate(), pki.root().certificate());
    }

    @Test
    void p1363EcdsaSignaturesFromTokensAreConverted() throws Exception {
        TestPki pki = TestPki.create("HSM Root");
        KeyPair keys = TestPki.ecKeyPair();
        TestPki.Credential hsm = pki.issue("HSM key").keyPair(keys).build();
        DigestOnlySigner external = new DigestOnlySigner(keys, List.of(hsm.certificate()), SignatureAlgorithm.ECDSA_SHA256,
                true);
        byte[] signature = CmsSigner.builder(external).clock(CLOCK).build().sign(CONTENT);
        assertThat(trusting(pki.root().certificate()).verify(signature, CONTENT).status()).isEqualTo(SignatureStatus.TRUSTED);
        assertThat(firstSigner(signature).getEncryptedDigest().getOctets()[0]).as("DER SEQUENCE").isEqualTo((byte) 0x30);
    }

    @Test
    void aMisbehavingExternalSignerIsCaught() {
        TestPki pki = TestPki.create("Root");
        TestPki.Credential claimed = pki.issue("Claimed").build();
        KeyPair otherKeys = TestPki.ecKeyPair();
        DigestOnlySigner wrongKey = new DigestOnlySigner(otherKeys, List.of(claimed.certificate()),
                SignatureAlgorithm.ECDSA_SHA256, false);
        assertThatThrownBy(() -> CmsSigner.builder(wrongKey).clock(CLOCK).build().sign(CONTENT))
                .isInstanceOfSatisfying(SigningException.class,
                        e -> assertThat(e.reason()).isEqualTo(SigningException.Reason.SIGNER_FAILED));

        ExternalSigner failing = new ExternalSigner() {
            @Override
            public SignatureAlgorithm algorithm() {
                return SignatureAlgorithm.ECDSA_SHA256;
            }

            @Override
            public List<X509Certificate> certificateChain() {
                return List.of(claimed.certificate());
            }

            @Override
            public byte[] sign(byte[] data) throws java.io.IOException {
                throw new java.io.IOException("signing service unreachable");
            }
        };
        assertThatThrownBy(() -> CmsSigner.builder(failing).clock(CLOCK).build().sign(CONTENT))
                .isInstanceOfSatisfying(SigningException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SigningException.Reason.SIGNER_FAILED);
                    assertThat(e.getMessage()).contains("signing service unreachable");
                });
    }

    @Test
    void ed25519CannotBeGivenADigest() {
        SigningIdentity ed = identity(KeyAlgorithm.ED25519);
        ExternalSigner digestEd = new ExternalSigner() {
            @Override
            public SignatureAlgorithm algorithm() {
                return SignatureAlgorithm.ED25519;
            }

            @Override
            public List<X509Certificate> certificateChain() {
                return ed.chain();
            }

            @Override
            public Input input() {
                return Input.DIGEST;
            }

            @Override
            public byte[] sign(byte[] data) {
                throw new AssertionError("never called");
            }
        };
        assertThatThrownBy(() -> CmsSigner.builder(digestEd)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ED25519");
    }

    @Test
    void anExternalSignerGivenDataSignsLikeALocalKey() throws Exception {
        SigningIdentity local = identity(KeyAlgorithm.ED25519);
        ExternalSigner remote = new ExternalSigner() {
            @Override
            public SignatureAlgorithm algorithm() {
                return SignatureAlgorithm.ED25519;
            }

            @Override
            public List<X509Certificate> certificateChain() {
                return local.chain();
            }

            @Override
            public byte[] sign(byte[] data) throws java.security.GeneralSecurityException {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(local.privateKey());
                s.update(data);
                return s.sign();
            }
        };
        byte[] signature = CmsSigner.builder(remote).clock(CLOCK).build().sign(CONTENT);
        assertThat(trusting(local.certificate()).verify(signature, CONTENT).status()).isEqualTo(SignatureStatus.TRUSTED);
    }
}
