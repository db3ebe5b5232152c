package dev.palimpsest.pdf.verify;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.sign.TimestampClient;
import dev.palimpsest.core.testing.TestTsa;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureInterface;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;

/**
 * PAdES signatures made in test code with PDFBox and core's CmsSigner (until the library's own
 * signer is merged): a signature revision, a DSS revision and a document timestamp revision.
 */
final class Pades {
    private Pades() {
    }

    private static byte[] sha256(InputStream content) throws IOException {
        MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
        byte[] buffer = new byte[65536];
        for (int n; (n = content.read(buffer)) >= 0;) {
            md.update(buffer, 0, n);
        }
        return md.digest();
    }

    /** Changes the document or the signature dictionary before the signature is added. */
    interface Preparation {
        void prepare(PDDocument doc, PDSignature signature) throws IOException;
    }

    private static void addRevision(Path in, Path out, PDSignature signature, SignatureInterface signer) throws IOException {
        addRevision(in, out, signature, signer, (d, s) -> { });
    }

    private static void addRevision(Path in, Path out, PDSignature signature, SignatureInterface signer,
            Preparation preparation) throws IOException {
        try (PDDocument doc = Loader.loadPDF(in.toFile()); SignatureOptions options = new SignatureOptions()) {
            options.setPreferredSignatureSize(24 * 1024);
            preparation.prepare(doc, signature);
            doc.addSignature(signature, signer, options);
            try (OutputStream os = Files.newOutputStream(out)) {
                doc.saveIncremental(os);
            }
        }
    }

    /** Signs {@code in} into {@code out} (ETSI.CAdES.detached), with a signature timestamp when {@code tsa} is given. */
    static Path sign(Path in, Path out, SigningIdentity identity, TestTsa tsa) throws IOException {
        return sign(in, out, identity, tsa, "ETSI.CAdES.detached");
    }

    static Path sign(Path in, Path out, SigningIdentity identity, TestTsa tsa, String subFilter) throws IOException {
        return sign(in, out, identity, tsa, subFilter, (d, s) -> { });
    }

    /**
     * Signs {@code in} into {@code out} as a certification signature with DocMDP permission
     * {@code p} (1, 2 or 3): a {@code /Reference} with the DocMDP transform in the signature
     * dictionary, and the catalog's {@code /Perms /DocMDP} pointing at it.
     */
    static Path certify(Path in, Path out, SigningIdentity identity, int p) throws IOException {
        return sign(in, out, identity, null, "ETSI.CAdES.detached", (doc, signature) -> {
            COSDictionary params = new COSDictionary();
            params.setItem(COSName.TYPE, COSName.getPDFName("TransformParams"));
            params.setInt(COSName.P, p);
            params.setName(COSName.V, "1.2");
            params.setDirect(true);
            COSDictionary reference = new COSDictionary();
            reference.setItem(COSName.TYPE, COSName.getPDFName("SigRef"));
            reference.setItem(COSName.getPDFName("TransformMethod"), COSName.DOCMDP);
            reference.setItem(COSName.getPDFName("TransformParams"), params);
            reference.setDirect(true);
            COSArray references = new COSArray();
            references.add(reference);
            references.setDirect(true);
            signature.getCOSObject().setItem(COSName.getPDFName("Reference"), references);
            COSDictionary perms = new COSDictionary();
            perms.setItem(COSName.DOCMDP, signature.getCOSObject());
            perms.setDirect(true);
            COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
            catalog.setItem(COSName.PERMS, perms);
            catalog.setNeedToBeUpdated(true);
        });
    }

    static Path sign(Path in, Path out, SigningIdentity identity, TestTsa tsa, String subFilter, Preparation preparation)
            throws IOException {
        PDSignature signature = new PDSignature();
        signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        signature.setSubFilter(COSName.getPDFName(subFilter));
        Calendar when = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        signature.setSignDate(when);
        CmsSigner.Builder b = CmsSigner.builder(identity).signingTime(false);
        if (tsa != null) {
            b.timestampClient(TimestampClient.of(tsa.url()));
        }
        CmsSigner signer = b.build();
        addRevision(in, out, signature, content -> {
            try {
                MessageDigest md = signer.digestAlgorithm().newMessageDigest();
                byte[] buffer = new byte[65536];
                for (int n; (n = content.read(buffer)) >= 0;) {
                    md.update(buffer, 0, n);
                }
                return signer.signDigest(DigestValue.of(signer.digestAlgorithm(), md.digest()));
            } catch (Exception e) {
                throw new IOException(e);
            }
        }, preparation);
        return out;
    }

    /** Appends a DSS revision with {@code certificates} and {@code crls}. */
    static Path addDss(Path in, Path out, List<X509Certificate> certificates, List<X509CRL> crls) throws Exception {
        try (PDDocument doc = Loader.loadPDF(in.toFile())) {
            COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
            COSDictionary dss = new COSDictionary();
            dss.setItem(COSName.TYPE, COSName.getPDFName("DSS"));
            COSArray certs = new COSArray();
            for (X509Certificate c : certificates) {
                certs.add(stream(doc, c.getEncoded()));
            }
            COSArray crlArray = new COSArray();
            for (X509CRL c : crls) {
                crlArray.add(stream(doc, c.getEncoded()));
            }
            dss.setItem(COSName.getPDFName("Certs"), certs);
            dss.setItem(COSName.getPDFName("CRLs"), crlArray);
            catalog.setItem(COSName.getPDFName("DSS"), dss);
            catalog.setNeedToBeUpdated(true);
            try (OutputStream os = Files.newOutputStream(out)) {
                doc.saveIncremental(os);
            }
        }
        return out;
    }

    private static COSStream stream(PDDocument doc, byte[] data) throws IOException {
        COSStream s = doc.getDocument().createCOSStream();
        try (OutputStream o = s.createOutputStream()) {
            o.write(data);
        }
        return s;
    }

    /** Appends a document timestamp revision made by {@code tsa}. */
    static Path addDocumentTimestamp(Path in, Path out, TestTsa tsa) throws IOException {
        PDSignature ts = new PDSignature();
        ts.setType(COSName.DOC_TIME_STAMP);
        ts.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        ts.setSubFilter(COSName.getPDFName("ETSI.RFC3161"));
        addRevision(in, out, ts, content -> tsa.token(sha256(content)));
        return out;
    }

    /** A B-LTA portfolio: signature with timestamp, DSS with the chain and the TSA's, document timestamp. */
    static Path lta(Path dir, TestTsa tsa) throws Exception {
        Path unsigned = TestPortfolios.portfolio(dir.resolve("unsigned.pdf"));
        Path bt = sign(unsigned, dir.resolve("b-t.pdf"), TestPortfolios.SIGNER.identity(), tsa);
        Path lt = addDss(bt, dir.resolve("b-lt.pdf"), List.of(TestPortfolios.SIGNER.certificate(),
                TestPortfolios.PKI.root().certificate(), tsa.tsaCertificate()), List.of());
        return addDocumentTimestamp(lt, dir.resolve("b-lta.pdf"), tsa);
    }
}
