package dev.palimpsest.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.sign.SignerResult.Failure.Code;
import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.core.testing.TestTsa;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAlgorithmProtection;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signatures made by another implementation (Bouncy Castle) with the defects a verifier must catch. */
class CmsVerifierTest {
    static final byte[] CONTENT = CmsSignerTest.CONTENT;
    static TestPki pki;
    static TestTsa tsa;

    @BeforeAll
    static void setUp() {
        pki = TestPki.create("Verifier Root");
        tsa = TestTsa.start();
    }

    @AfterAll
    static void tearDown() {
        tsa.close();
    }

    /** A detached signature made by Bouncy Castle's generator with the given algorithm and extra signed attributes. */
    static CMSSignedData bcSign(TestPki.Credential signer, String algorithm, boolean withCertificates,
            AttributeTable signedAttributes) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        JcaSignerInfoGeneratorBuilder builder = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build());
        if (signedAttributes != null) {
            builder.setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signedAttributes));
        }
        generator.addSignerInfoGenerator(builder.build(new JcaContentSignerBuilder(algorithm).build(
                signer.keyPair().getPrivate()), signer.certificate()));
        if (withCertificates) {
            generator.addCertificate(new JcaX509CertificateHolder(signer.certificate()));
        }
        return generator.generate(new CMSProcessableByteArray(CONTENT), false);
    }

    static CmsVerifier trusting(TestPki.Credential... anchors) {
        TrustPolicy.Builder policy = TrustPolicy.builder().clock(CmsSignerTest.CLOCK).anchor(pki.root().certificate());
        for (TestPki.Credential c : anchors) {
            policy.anchor(c.certificate());
        }
        return CmsVerifier.of(policy.build());
    }

    static List<Code> codes(SignatureVerification v) {
        return v.signers().get(0).failures().stream().map(SignerResult.Failure::code).toList();
    }

    @Test
    void aBouncyCastleSignatureVerifies() throws Exception {
        TestPki.Credential signer = pki.issue("BC Signer").build();
        SignatureVerification v = trusting().verify(bcSign(signer, "SHA256withECDSA", true, null).getEncoded(), CONTENT);
        assertThat(v.status()).isEqualTo(SignatureStatus.TRUSTED);
        assertThat(v.signers().get(0).signatureAlgorithm()).contains(SignatureAlgorithm.ECDSA_SHA256);
    }

    @Test
    void md5IsNeverAccepted() throws Exception {
        TestPki.Credential signer = pki.issue("MD5 Signer").keyPair(TestPki.keyPair("RSA", 2048)).build();
        SignatureVerification v = trusting().verify(bcSign(signer, "MD5withRSA", true, null).getEncoded(), CONTENT);
        assertThat(v.status()).isEqualTo(SignatureStatus.INVALID);
        assertThat(codes(v)).contains(Code.DIGEST_ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void sha1IsRefusedUnlessATrustedTimestampProvesTheSignatureOld() throws Exception {
        TestPki.Credential signer = pki.issue("SHA-1 Signer").build();
        CMSSignedData sha1 = bcSign(signer, "SHA1withECDSA", true, null);
        SignatureVerification fresh = trusting().verify(sha1.getEncoded(), CONTENT);
        assertThat(fresh.status()).isEqualTo(SignatureStatus.INVALID);
        assertThat(codes(fresh)).containsExactly(Code.DIGEST_ALGORITHM_NOT_ALLOWED);
        assertThat(fresh.signers().get(0).failures().get(0).message()).contains("SHA-1");

        tsa.time(Instant.parse("2015-06-01T00:00:00Z"));
        byte[] old = withTimestamp(sha1, null);
        CmsVerifier trustingTsa = CmsVerifier.of(TrustPolicy.builder().clock(CmsSignerTest.CLOCK)
                .anchor(pki.root().certificate()).anchor(tsa.caCertificate()).build());
        SignatureVerification proven = trustingTsa.verify(old, CONTENT);
        assertThat(proven.status()).isEqualTo(SignatureStatus.TRUSTED);
        assertThat(proven.signers().get(0).validationTime()).isEqualTo(Instant.parse("2015-06-01T00:00:00Z"));

        // The same token, from a TSA no one trusts, proves nothing.
        assertThat(codes(trusting().verify(old, CONTENT))).containsExactly(Code.DIGEST_ALGORITHM_NOT_ALLOWED);
        // Nor does a trusted timestamp after the cut-off.
        CmsVerifier earlyCutoff = CmsVerifier.builder().trustPolicy(trustingTsa.trustPolicy())
                .sha1Cutoff(Instant.parse("2015-01-01T00:00:00Z")).build();
        assertThat(codes(earlyCutoff.verify(old, CONTENT))).containsExactly(Code.DIGEST_ALGORITHM_NOT_ALLOWED);
    }

    /** Adds a signature timestamp from the test TSA; over {@code imprintOverride} instead of the signature when given. */
    static byte[] withTimestamp(CMSSignedData signed, byte[] imprintOverride) throws Exception {
        SignerInformation si = signed.getSignerInfos().getSigners().iterator().next();
        byte[] imprint = imprintOverride != null ? imprintOverride : MessageDigest.getInstance("SHA-256").digest(si.getSignature());
        byte[] token = tsa.token(imprint);
        Attribute attribute = new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                new DERSet(ContentInfo.getInstance(ASN1Primitive.fromByteArray(token))));
        SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(si, new AttributeTable(attribute));
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped)).getEncoded();
    }

    @Test
    void aTimestampOverSomethingElseIsReportedAndIgnored() throws Exception {
        TestPki.Credential signer = pki.issue("Signer").build();
        tsa.time(CmsSignerTest.NOW.minusSeconds(60));
        byte[] stamped = withTimestamp(bcSign(signer, "SHA256withECDSA", true, null), new byte[32]);
        SignerResult result = CmsVerifier.of(TrustPolicy.builder().clock(CmsSignerTest.CLOCK).anchor(pki.root().certificate())
                .anchor(tsa.caCertificate()).build()).verify(stamped, CONTENT).signers().get(0);
        assertThat(result.status()).isEqualTo(SignatureStatus.TRUSTED);
        SignatureTimestamp ts = result.timestamp().orElseThrow();
        assertThat(ts.valid()).isFalse();
        assertThat(ts.failureReason()).contains(TimestampException.Reason.BAD_IMPRINT);
        assertThat(result.warnings()).anyMatch(w -> w.contains("BAD_IMPRINT"));
        assertThat(result.validationTime()).isEqualTo(CmsSignerTest.NOW);
    }

    @Test
    void aSignatureWithoutTheSignersCertificateIsInvalid() throws Exception {
        TestPki.Credential signer = pki.issue("Shy Signer").build();
        SignatureVerification v = trusting().verify(bcSign(signer, "SHA256withECDSA", false, null).getEncoded(), CONTENT);
        assertThat(codes(v)).containsExactly(Code.SIGNER_CERTIFICATE_MISSING);
        assertThat(v.signers().get(0).certificate()).isEmpty();
    }

    @Test
    void theKeyUsageMustAllowSigning() throws Exception {
        TestPki.Credential signer = pki.issue("Encipherer").keyUsage(KeyUsage.keyEncipherment | KeyUsage.keyAgreement).build();
        SignatureVerification v = trusting().verify(bcSign(signer, "SHA256withECDSA", true, null).getEncoded(), CONTENT);
        assertThat(codes(v)).containsExactly(Code.KEY_USAGE);
    }

    @Test
    void anAlgorithmSubstitutionIsCaughtByTheProtectionAttribute() throws Exception {
        TestPki.Credential signer = pki.issue("Protected").build();
        Attribute lie = new Attribute(CMSAttributes.cmsAlgorithmProtect, new DERSet(
                new CMSAlgorithmProtection(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha512),
                        CMSAlgorithmProtection.SIGNATURE, new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256))));
        // Bouncy Castle's default generator always writes its own protection attribute, so build the table by hand.
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .setSignedAttributeGenerator(params -> {
                    org.bouncycastle.asn1.ASN1EncodableVector v = new org.bouncycastle.asn1.ASN1EncodableVector();
                    v.add(new Attribute(CMSAttributes.contentType, new DERSet(PKCSObjectIdentifiers.data)));
                    v.add(new Attribute(CMSAttributes.messageDigest, new DERSet(new org.bouncycastle.asn1.DEROctetString(
                            (byte[]) params.get(org.bouncycastle.cms.CMSAttributeTableGenerator.DIGEST)))));
                    v.add(lie);
                    return new AttributeTable(v);
                })
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.keyPair().getPrivate()),
                        signer.certificate()));
        generator.addCertificate(new JcaX509CertificateHolder(signer.certificate()));
        byte[] sig = generator.generate(new CMSProcessableByteArray(CONTENT), false).getEncoded();
        SignatureVerification v = trusting().verify(sig, CONTENT);
        assertThat(codes(v)).containsExactly(Code.ALGORITHM_PROTECTION_MISMATCH);
    }

    @Test
    void aSigningCertificateAttributeForAnotherCertificateIsCaught() throws Exception {
        TestPki.Credential signer = pki.issue("Signer").build();
        TestPki.Credential other = pki.issue("Other").build();
        byte[] otherHash = MessageDigest.getInstance("SHA-256").digest(other.certificate().getEncoded());
        AttributeTable wrong = new AttributeTable(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {new ESSCertIDv2(otherHash)}))));
        SignatureVerification v = trusting().verify(bcSign(signer, "SHA256withECDSA", true, wrong).getEncoded(), CONTENT);
        assertThat(codes(v)).containsExactly(Code.SIGNING_CERTIFICATE_MISMATCH);
    }

    @Test
    void duplicatedSignedAttributesAreMalformed() throws Exception {
        TestPki.Credential signer = pki.issue("Signer").build();
        org.bouncycastle.asn1.ASN1EncodableVector twice = new org.bouncycastle.asn1.ASN1EncodableVector();
        twice.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(new Date(0)))));
        twice.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(new Date(1_000_000_000_000L)))));
        SignatureVerification v = trusting().verify(
                bcSign(signer, "SHA256withECDSA", true, new AttributeTable(twice)).getEncoded(), CONTENT);
        assertThat(codes(v)).contains(Code.MALFORMED_ATTRIBUTES);
        assertThat(v.signers().get(0).failures().get(0).message()).contains("1.2.840.113549.1.9.5");
    }

    @Test
    void digestVerificationNeedsTheSignersAlgorithm() throws Exception {
        SigningIdentity identity = CmsSignerTest.identity(KeyAlgorithm.ECDSA_P256);
        byte[] signature = CmsSigner.builder(identity).clock(CmsSignerTest.CLOCK).build().sign(CONTENT);
        DigestValue sha512 = DigestValue.of(DigestAlgorithm.SHA512, MessageDigest.getInstance("SHA-512").digest(CONTENT));
        SignatureVerification v = CmsVerifier.builder().build().verifyDigest(signature, sha512);
        assertThat(codes(v)).containsExactly(Code.DIGEST_UNAVAILABLE);
    }

    @Test
    void inputThatIsNoSignedDataIsRefusedWithAReason() throws Exception {
        CmsVerifier verifier = CmsVerifier.builder().build();
        assertThatThrownBy(() -> verifier.verify("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII), CONTENT))
                .isInstanceOf(MalformedSignatureException.class);
        assertThatThrownBy(() -> verifier.verify(new byte[0], CONTENT)).isInstanceOf(MalformedSignatureException.class)
                .hasMessageContaining("empty");

        byte[] good = CmsSigner.builder(CmsSignerTest.identity(KeyAlgorithm.ECDSA_P256)).clock(CmsSignerTest.CLOCK).build()
                .sign(CONTENT);
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 2);
        trailing[good.length] = 0x05;
        assertThatThrownBy(() -> verifier.verify(trailing, CONTENT)).isInstanceOf(MalformedSignatureException.class)
                .hasMessageContaining("follows");

        byte[] data = new ContentInfo(PKCSObjectIdentifiers.data, new org.bouncycastle.asn1.DEROctetString(CONTENT))
                .getEncoded(ASN1Encoding.DER);
        assertThatThrownBy(() -> verifier.verify(data, CONTENT)).isInstanceOf(MalformedSignatureException.class)
                .hasMessageContaining("1.2.840.113549.1.7.1");
    }

    @Test
    void aSignatureWithNoSignersIsInvalid() throws Exception {
        byte[] empty = new CMSSignedDataGenerator().generate(new CMSProcessableByteArray(CONTENT), false).getEncoded();
        SignatureVerification v = CmsVerifier.builder().build().verify(empty, CONTENT);
        assertThat(v.signers()).isEmpty();
        assertThat(v.status()).isEqualTo(SignatureStatus.INVALID);
    }

    @Test
    void everyProblemOfEverySignerIsCollected() throws Exception {
        TestPki.Credential signer = pki.issue("Careless").keyUsage(KeyUsage.keyEncipherment).build();
        TestPki.Credential other = pki.issue("Other").build();
        byte[] otherHash = MessageDigest.getInstance("SHA-256").digest(other.certificate().getEncoded());
        AttributeTable wrong = new AttributeTable(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {new ESSCertIDv2(otherHash)}))));
        byte[] changed = CONTENT.clone();
        changed[0] ^= 1;
        SignatureVerification v = trusting().verify(bcSign(signer, "SHA256withECDSA", true, wrong).getEncoded(), changed);
        assertThat(codes(v)).containsExactlyInAnyOrder(Code.MESSAGE_DIGEST_MISMATCH, Code.SIGNING_CERTIFICATE_MISMATCH,
                Code.KEY_USAGE);
    }

    @Test
    void anUnknownSignatureAlgorithmIsReported() throws Exception {
        // DSA is not among the accepted signature algorithms.
        KeyPair dsa = TestPki.keyPair("DSA", 2048);
        TestPki.Credential signer = pki.issue("DSA Signer").build();
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(new JcaContentSignerBuilder("SHA256withDSA").build(dsa.getPrivate()), signer.certificate()));
        generator.addCertificate(new JcaX509CertificateHolder(signer.certificate()));
        byte[] sig = generator.generate(new CMSProcessableByteArray(CONTENT), false).getEncoded();
        assertThat(codes(trusting().verify(sig, CONTENT))).containsExactly(Code.UNSUPPORTED_SIGNATURE_ALGORITHM);
    }
}
