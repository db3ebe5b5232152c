package dev.palimpsest.pdf.apitests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.sign.CmsVerifier;
import dev.palimpsest.core.sign.ExternalSigner;
import dev.palimpsest.core.sign.SignatureAlgorithm;
import dev.palimpsest.core.sign.SignatureStatus;
import dev.palimpsest.core.sign.SignatureVerification;
import dev.palimpsest.core.sign.SignerResult;
import dev.palimpsest.core.sign.SigningException;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.sign.TimestampToken;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.core.testing.TestTsa;
import dev.palimpsest.pdf.PadesLevel;
import dev.palimpsest.pdf.PadesSigner;
import dev.palimpsest.pdf.PdfInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What each PAdES level puts in the file, read back from the raw bytes with PDFBox and checked with
 * core's CMS verifier; and every way signing refuses bad input.
 */
class PadesSigningTest {
    @TempDir
    static Path dir;

    static SigningFixtures fixtures;
    static Path unsigned;
    static byte[] unsignedBytes;

    @BeforeAll
    static void setUp() throws Exception {
        fixtures = new SigningFixtures();
        unsigned = dir.resolve("unsigned.pdf");
        Fixtures.sample().build(unsigned);
        unsignedBytes = Files.readAllBytes(unsigned);
    }

    @AfterAll
    static void tearDown() {
        fixtures.close();
    }

    private static byte[] sign(PadesSigner signer, String name) throws Exception {
        Path out = dir.resolve(name);
        signer.sign(unsigned, out);
        return Files.readAllBytes(out);
    }

    private static TrustPolicy trustingTheTestCa() {
        return TrustPolicy.builder().anchor(fixtures.pki.root().certificate()).anchor(fixtures.tsa.caCertificate()).build();
    }

    @ParameterizedTest
    @EnumSource(PadesLevel.class)
    void eachLevelAppendsWhatItNeeds(PadesLevel level) throws Exception {
        byte[] pdf = sign(fixtures.signer(level).build(), level.shortName() + ".pdf");

        // The original revision is kept byte for byte.
        assertThat(Arrays.copyOf(pdf, unsignedBytes.length)).isEqualTo(unsignedBytes);

        List<SignedPdfs.Signature> signatures = SignedPdfs.signatures(pdf);
        assertThat(signatures).hasSize(level == PadesLevel.B_LTA ? 2 : 1);
        SignedPdfs.Signature sig = signatures.get(0);
        assertThat(sig.filter()).isEqualTo("Adobe.PPKLite");
        assertThat(sig.subFilter()).isEqualTo("ETSI.CAdES.detached");
        assertThat(sig.signDate()).isEqualTo("D:20261128120000+00'00'");
        assertThat(sig.byteRange()[0]).isZero();
        assertThat(sig.byteRange()[1]).isGreaterThan(unsignedBytes.length);
        assertThat(pdf[sig.byteRange()[1]]).isEqualTo((byte) '<');
        assertThat(pdf[sig.byteRange()[2] - 1]).isEqualTo((byte) '>');
        assertThat(SignedPdfs.zeroPadded(sig)).isTrue();
        if (level == PadesLevel.B_B || level == PadesLevel.B_T) {
            assertThat(sig.end()).isEqualTo(pdf.length);
        }

        SignatureVerification verification = CmsVerifier.of(trustingTheTestCa())
                .verifyDigest(sig.contents(), sig.digest(DigestAlgorithm.SHA256, pdf));
        assertThat(verification.status()).as(verification.toString()).isIn(SignatureStatus.TRUSTED,
                SignatureStatus.TRUSTED_AT_TIMESTAMP);
        SignerResult signer = verification.signers().get(0);
        assertThat(signer.signingTime()).as("PAdES forbids the CMS signing-time attribute").isEmpty();
        assertThat(signer.certificate()).contains(fixtures.signer.certificate());
        assertThat(signer.timestamp().isPresent()).isEqualTo(level.needsTimestamps());
        signer.timestamp().ifPresent(t -> assertThat(t.valid()).isTrue());

        try (PDDocument doc = Loader.loadPDF(pdf)) {
            COSDictionary root = doc.getDocumentCatalog().getCOSObject();
            COSDictionary dss = root.getCOSDictionary(COSName.getPDFName("DSS"));
            assertThat(dss != null).isEqualTo(level.needsValidationData());
            if (dss != null) {
                assertThat(certificates(dss.getCOSArray(COSName.getPDFName("Certs"))))
                        .contains(fixtures.signer.certificate(), fixtures.tsa.tsaCertificate());
                assertThat(crls(dss.getCOSArray(COSName.getPDFName("CRLs")))).map(c -> c.getIssuerX500Principal())
                        .containsExactlyInAnyOrder(fixtures.pki.root().certificate().getSubjectX500Principal(),
                                fixtures.tsa.caCertificate().getSubjectX500Principal());
                COSDictionary esic = root.getCOSDictionary(COSName.getPDFName("Extensions"))
                        .getCOSDictionary(COSName.getPDFName("ESIC"));
                assertThat(esic.getInt(COSName.getPDFName("ExtensionLevel"))).isEqualTo(5);
                assertThat(esic.getNameAsString(COSName.getPDFName("BaseVersion"))).isEqualTo("1.7");
            }
        }

        if (level == PadesLevel.B_LTA) {
            SignedPdfs.Signature ts = signatures.get(1);
            assertThat(ts.type()).isEqualTo("DocTimeStamp");
            assertThat(ts.subFilter()).isEqualTo("ETSI.RFC3161");
            assertThat(ts.end()).isEqualTo(pdf.length);
            // It covers the whole file before it, the DSS revision included.
            assertThat(ts.byteRange()[1]).isGreaterThan(indexOf(pdf, "/DSS"));
            TimestampToken token = TimestampToken.parse(ts.contents());
            token.verifyDigest(ts.digest(DigestAlgorithm.SHA256, pdf));
            assertThat(token.time()).isEqualTo(SigningFixtures.TSA_TIME);
        }
    }

    @Test
    void existingExtensionsAreKeptBesideEsic() throws Exception {
        Path withExtensions = dir.resolve("extensions.pdf");
        try (PDDocument doc = Loader.loadPDF(unsignedBytes)) {
            COSDictionary adbe = new COSDictionary();
            adbe.setName(COSName.getPDFName("BaseVersion"), "1.7");
            adbe.setInt(COSName.getPDFName("ExtensionLevel"), 3);
            COSDictionary extensions = new COSDictionary();
            extensions.setItem(COSName.getPDFName("ADBE"), adbe);
            doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("Extensions"), extensions);
            doc.save(withExtensions.toFile());
        }
        Path out = dir.resolve("extensions-signed.pdf");
        fixtures.signer(PadesLevel.B_LT).build().sign(withExtensions, out);
        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            COSDictionary extensions = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("Extensions"));
            assertThat(extensions.getCOSDictionary(COSName.getPDFName("ADBE")).getInt(COSName.getPDFName("ExtensionLevel")))
                    .isEqualTo(3);
            assertThat(extensions.getCOSDictionary(COSName.getPDFName("ESIC")).getInt(COSName.getPDFName("ExtensionLevel")))
                    .isEqualTo(5);
        }
    }

    @Test
    void aCertificationSignaturePermitsNoChangesButLaterDssAndTimestamps() throws Exception {
        byte[] pdf = sign(fixtures.signer(PadesLevel.B_LTA).certify(true).build(), "certified.pdf");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            COSDictionary perms = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PERMS);
            COSDictionary docMdp = perms.getCOSDictionary(COSName.DOCMDP);
            assertThat(docMdp.getNameAsString(COSName.SUB_FILTER)).isEqualTo("ETSI.CAdES.detached");
            COSDictionary reference = (COSDictionary) docMdp.getCOSArray(COSName.getPDFName("Reference")).getObject(0);
            assertThat(reference.getNameAsString(COSName.getPDFName("TransformMethod"))).isEqualTo("DocMDP");
            assertThat(reference.getCOSDictionary(COSName.getPDFName("TransformParams")).getInt(COSName.P)).isEqualTo(1);
        }
        assertThat(SignedPdfs.signatures(pdf)).hasSize(2);

        Path again = dir.resolve("certified-again.pdf");
        assertThatThrownBy(() -> fixtures.signer(PadesLevel.B_B).build().sign(dir.resolve("certified.pdf"), again))
                .isInstanceOf(PdfInputException.class)
                .hasMessageContaining("certified.pdf")
                .hasMessageContaining("DocMDP P=1");
        assertThat(again).doesNotExist();
    }

    @Test
    void aSignedDocumentCannotBeCertified() throws Exception {
        sign(fixtures.signer(PadesLevel.B_B).build(), "signed-once.pdf");
        assertThatThrownBy(() -> fixtures.signer(PadesLevel.B_B).certify(true).build()
                .sign(dir.resolve("signed-once.pdf"), dir.resolve("signed-twice.pdf")))
                .isInstanceOf(PdfInputException.class)
                .hasMessageContaining("already signed");
        // Without certification a second signature is fine, and the first stays intact.
        fixtures.signer(PadesLevel.B_B).build().sign(dir.resolve("signed-once.pdf"), dir.resolve("signed-twice.pdf"));
        byte[] twice = Files.readAllBytes(dir.resolve("signed-twice.pdf"));
        List<SignedPdfs.Signature> sigs = SignedPdfs.signatures(twice);
        assertThat(sigs).hasSize(2);
        for (SignedPdfs.Signature s : sigs) {
            assertThat(CmsVerifier.of(trustingTheTestCa()).verifyDigest(s.contents(), s.digest(DigestAlgorithm.SHA256, twice))
                    .isTrusted()).isTrue();
        }
    }

    @Test
    void anEncryptedPdfIsRefused() throws Exception {
        Path encrypted = dir.resolve("encrypted.pdf");
        try (PDDocument doc = Loader.loadPDF(unsignedBytes)) {
            doc.protect(new StandardProtectionPolicy("owner", "", new AccessPermission()));
            doc.save(encrypted.toFile());
        }
        assertThatThrownBy(() -> fixtures.signer(PadesLevel.B_B).build().sign(encrypted, dir.resolve("never.pdf")))
                .isInstanceOf(PdfInputException.class)
                .hasMessageContaining("encrypted.pdf")
                .hasMessageContaining("is encrypted");
        assertThat(dir.resolve("never.pdf")).doesNotExist();
    }

    @Test
    void somethingThatIsNotAPdfIsRefused() throws Exception {
        Path text = dir.resolve("not-a-pdf.pdf");
        Files.writeString(text, "just text\n");
        assertThatThrownBy(() -> fixtures.signer(PadesLevel.B_B).build().sign(text, dir.resolve("never.pdf")))
                .isInstanceOf(PdfInputException.class)
                .hasMessageContaining("not-a-pdf.pdf")
                .hasMessageContaining("not a PDF");
        assertThat(dir.resolve("never.pdf")).doesNotExist();
    }

    @Test
    void aFailingTsaLeavesAnExistingTargetUntouched() throws Exception {
        Path out = dir.resolve("tsa-down.pdf");
        Files.writeString(out, "previous");
        try (TestTsa down = TestTsa.start().behaviour(TestTsa.Behaviour.HTTP_500)) {
            PadesSigner signer = PadesSigner.builder(fixtures.signer.identity()).level(PadesLevel.B_T)
                    .timestampClient(dev.palimpsest.core.sign.TimestampClient.of(down.url())).clock(fixtures.clock).build();
            assertThatThrownBy(() -> signer.sign(unsigned, out))
                    .isInstanceOfSatisfying(SigningException.class,
                            e -> assertThat(e.reason()).isEqualTo(SigningException.Reason.TIMESTAMP_FAILED))
                    .hasMessageContaining("500");
        }
        assertThat(Files.readString(out)).isEqualTo("previous");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".palimpsest-tmp"));
        }
    }

    @Test
    void longTermSigningNeedsTheTsaCertificatesCrl() throws Exception {
        Instant thisUpdate = SigningFixtures.TSA_TIME;
        PadesSigner signer = fixtures.signer(PadesLevel.B_LT)
                .crls(List.of(TestPki.emptyCrl(fixtures.pki.root(), thisUpdate, thisUpdate.plus(Duration.ofDays(30)))))
                .build();
        Path out = dir.resolve("no-tsa-crl.pdf");
        assertThatThrownBy(() -> signer.sign(unsigned, out))
                .isInstanceOfSatisfying(SigningException.class,
                        e -> assertThat(e.reason()).isEqualTo(SigningException.Reason.TIMESTAMP_FAILED))
                .hasMessageContaining("CN=Test TSA")
                .hasMessageContaining("no CRL");
        assertThat(out).doesNotExist();
    }

    @Test
    void theBuilderRefusesInconsistentOptions() {
        SigningIdentity identity = fixtures.signer.identity();
        assertThatThrownBy(() -> PadesSigner.builder(identity).level(PadesLevel.B_T).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("B-T needs a time-stamping authority");
        assertThatThrownBy(() -> PadesSigner.builder(identity).timestampClient(fixtures.timestampClient()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not at B-B");
        assertThatThrownBy(() -> PadesSigner.builder(identity).level(PadesLevel.B_LT)
                .timestampClient(fixtures.timestampClient()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no CRL given for the certificate of CN=Jane Archivist");
        Instant now = SigningFixtures.SIGNING_TIME;
        X509CRL revoking = TestPki.crl(fixtures.pki.root(), now, now.plus(Duration.ofDays(1)),
                Map.of(fixtures.signer.certificate(), now.minusSeconds(3600)));
        assertThatThrownBy(() -> PadesSigner.builder(identity).level(PadesLevel.B_LTA)
                .timestampClient(fixtures.timestampClient()).crls(List.of(revoking)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is revoked");
    }

    @Test
    void aSelfSignedSignerNeedsNoCrlOfItsOwn() throws Exception {
        SigningIdentity self = SigningIdentity.generator().name("Self Signed").clock(fixtures.clock).generate();
        Instant thisUpdate = SigningFixtures.TSA_TIME;
        PadesSigner signer = PadesSigner.builder(self).level(PadesLevel.B_LT).clock(fixtures.clock)
                .timestampClient(fixtures.timestampClient())
                .crls(List.of(fixtures.tsa.crl(thisUpdate, thisUpdate.plus(Duration.ofDays(30))))).build();
        byte[] pdf = sign(signer, "self-signed-lt.pdf");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            COSDictionary dss = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
            assertThat(certificates(dss.getCOSArray(COSName.getPDFName("Certs")))).contains(self.certificate());
            assertThat(crls(dss.getCOSArray(COSName.getPDFName("CRLs")))).hasSize(1);
        }
    }

    @Test
    void anExternalSignerThatOnlySeesTheDigestSigns() throws Exception {
        TestPki.Credential key = fixtures.signer;
        List<byte[]> received = new ArrayList<>();
        ExternalSigner digestOnly = new ExternalSigner() {
            @Override
            public SignatureAlgorithm algorithm() {
                return SignatureAlgorithm.ECDSA_SHA256;
            }

            @Override
            public List<X509Certificate> certificateChain() {
                return List.of(key.certificate());
            }

            @Override
            public Input input() {
                return Input.DIGEST;
            }

            @Override
            public byte[] sign(byte[] digest) throws GeneralSecurityException {
                received.add(digest.clone());
                // A raw ECDSA over a digest it is given, as an HSM's or KMS's digest mode does.
                Signature ecdsa = Signature.getInstance("NONEwithECDSA");
                ecdsa.initSign(key.keyPair().getPrivate());
                ecdsa.update(digest);
                return ecdsa.sign();
            }
        };
        byte[] pdf = sign(PadesSigner.builder(digestOnly).level(PadesLevel.B_T).clock(fixtures.clock)
                .timestampClient(fixtures.timestampClient()).build(), "external.pdf");
        assertThat(received).hasSize(1);
        assertThat(received.get(0)).hasSize(32);
        SignedPdfs.Signature sig = SignedPdfs.signatures(pdf).get(0);
        SignatureVerification v = CmsVerifier.of(trustingTheTestCa()).verifyDigest(sig.contents(),
                sig.digest(DigestAlgorithm.SHA256, pdf));
        assertThat(v.isTrusted()).as(v.toString()).isTrue();
        // What the signer got is the SHA-256 of the CMS signed attributes, not of the PDF.
        assertThat(received.get(0)).isNotEqualTo(sig.digest(DigestAlgorithm.SHA256, pdf).bytes());
    }

    @Test
    void aFileCanBeSignedInPlace() throws Exception {
        Path copy = dir.resolve("in-place.pdf");
        Files.write(copy, unsignedBytes);
        fixtures.signer(PadesLevel.B_B).build().sign(copy, copy);
        byte[] signed = Files.readAllBytes(copy);
        assertThat(signed.length).isGreaterThan(unsignedBytes.length);
        assertThat(SignedPdfs.signatures(signed)).hasSize(1);
    }

    private static int indexOf(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).indexOf(needle);
    }

    private static List<X509Certificate> certificates(COSArray array) throws Exception {
        List<X509Certificate> out = new ArrayList<>();
        for (byte[] der : streams(array)) {
            out.add((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)));
        }
        return out;
    }

    private static List<X509CRL> crls(COSArray array) throws Exception {
        List<X509CRL> out = new ArrayList<>();
        for (byte[] der : streams(array)) {
            out.add((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der)));
        }
        return out;
    }

    private static List<byte[]> streams(COSArray array) throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (COSBase b : array) {
            COSStream s = (COSStream) (b instanceof COSObject ? ((COSObject) b).getObject() : b);
            try (var in = s.createInputStream()) {
                out.add(in.readAllBytes());
            }
        }
        return out;
    }
}
