package dev.palimpsest.pdf.internal.pades;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.sign.CmsVerifier;
import dev.palimpsest.core.sign.MalformedSignatureException;
import dev.palimpsest.core.sign.SignatureTimestamp;
import dev.palimpsest.core.sign.SignatureVerification;
import dev.palimpsest.core.sign.SigningException;
import dev.palimpsest.core.sign.TimestampException;
import dev.palimpsest.core.sign.TimestampToken;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.pdf.PadesLevel;
import dev.palimpsest.pdf.PdfInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdfwriter.COSWriter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;

/**
 * Appends a PAdES signature to a PDF as incremental updates: the signature revision (with a CMS
 * signature timestamp from B-T on), then a revision adding the document security store (B-LT),
 * then a document timestamp revision (B-LTA).
 *
 * <p>Every value that varies between runs is fixed by the plan's clock: the signing time
 * {@code /M} and the seed of the trailer {@code /ID}. Space for {@code /Contents} is reserved from
 * the certificates' sizes plus room for a timestamp token; when a signature turns out larger (a TSA
 * with a long chain), the revision is prepared again with the size needed, which asks the signer
 * and the TSA a second time.
 */
public final class PadesWriter {
    static final COSName ETSI_CADES_DETACHED = COSName.getPDFName("ETSI.CAdES.detached");
    static final COSName ETSI_RFC3161 = COSName.getPDFName("ETSI.RFC3161");
    static final COSName DSS = COSName.getPDFName("DSS");
    static final COSName CERTS = COSName.getPDFName("Certs");
    static final COSName CRLS = COSName.getPDFName("CRLs");
    static final COSName EXTENSIONS = COSName.getPDFName("Extensions");
    static final COSName ESIC = COSName.getPDFName("ESIC");
    static final COSName BASE_VERSION = COSName.getPDFName("BaseVersion");
    static final COSName EXTENSION_LEVEL = COSName.getPDFName("ExtensionLevel");
    static final COSName REFERENCE = COSName.getPDFName("Reference");
    static final COSName SIG_REF = COSName.getPDFName("SigRef");
    static final COSName TRANSFORM_METHOD = COSName.getPDFName("TransformMethod");
    static final COSName TRANSFORM_PARAMS = COSName.getPDFName("TransformParams");

    /** Room for a timestamp token with its TSA certificate, DER. */
    private static final int TOKEN_ALLOWANCE = 12 * 1024;
    /** Room for the signed attributes, the signature value (RSA up to 8192 bits) and the CMS frame. */
    private static final int CMS_ALLOWANCE = 4 * 1024;
    /** Larger than any file signed here (100 GB), and as long as any offset in one. */
    private static final long BYTE_RANGE_PLACEHOLDER = 99_999_999_999L;
    /** ESIC extension level 5: PAdES part 4 (the DSS) for PDF 1.7. */
    private static final int ESIC_LEVEL = 5;

    private PadesWriter() {
    }

    /** The digest algorithms to keep over the unsigned file, for the signature and a document timestamp. */
    public static Set<DigestAlgorithm> digestsNeeded(PadesPlan plan) {
        Set<DigestAlgorithm> needed = EnumSet.of(plan.signer().digestAlgorithm());
        if (plan.level() == PadesLevel.B_LTA) {
            needed.add(DigestAlgorithm.SHA256);
        }
        return needed;
    }

    /** Fresh digests of {@link #digestsNeeded}, for a caller that writes the unsigned file. */
    public static Map<DigestAlgorithm, MessageDigest> newDigests(PadesPlan plan) {
        Map<DigestAlgorithm, MessageDigest> digests = new EnumMap<>(DigestAlgorithm.class);
        for (DigestAlgorithm a : digestsNeeded(plan)) {
            digests.put(a, a.newMessageDigest());
        }
        return digests;
    }

    /**
     * Signs the PDF in {@code file} in place by appending revisions.
     *
     * @param length the file's length
     * @param digests digests of {@link #digestsNeeded} over the file's {@code length} bytes
     * @param name how to name the file in messages
     * @throws PdfInputException if the PDF cannot be read or must not be signed as asked
     * @throws SigningException if the signer or the TSA fail, or validation data is missing
     */
    public static void sign(PadesPlan plan, Path file, long length, Map<DigestAlgorithm, MessageDigest> digests,
            String name) throws IOException, SigningException {
        IncrementalPdf pdf = new IncrementalPdf(file, length, digests);
        Instant now = plan.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Signed signed = signatureRevision(plan, pdf, now, name);
        if (plan.level().needsValidationData()) {
            dssRevision(plan, pdf, now, signed);
        }
        if (plan.level() == PadesLevel.B_LTA) {
            documentTimestampRevision(plan, pdf, now);
        }
    }

    /** A CMS signature and the digest of the byte ranges it signs. */
    private record Signed(byte[] cms, DigestValue contentDigest) {
    }

    private static Signed signatureRevision(PadesPlan plan, IncrementalPdf pdf, Instant now, String name)
            throws IOException, SigningException {
        int reserve = roundUp(certificatesSize(plan.chain()) + CMS_ALLOWANCE
                + (plan.level().needsTimestamps() ? TOKEN_ALLOWANCE : 0));
        for (int attempt = 0;; attempt++) {
            try (PDDocument doc = load(pdf, name); SignatureOptions options = new SignatureOptions()) {
                checkSignable(doc, plan.certify(), name);
                doc.setDocumentId(now.toEpochMilli());
                PDSignature signature = new PDSignature();
                signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
                signature.setSubFilter(ETSI_CADES_DETACHED);
                // PAdES puts the claimed signing time here; the CMS has no signing-time attribute.
                signature.setSignDate(utc(now));
                if (plan.certify()) {
                    certify(doc, signature);
                }
                options.setPreferredSignatureSize(reserve);
                doc.addSignature(signature, options);
                reserveByteRange(signature);
                try (OutputStream out = pdf.appender()) {
                    COSWriter writer = new COSWriter(out, pdf.stub());
                    writer.write(doc);
                    byte[] digest;
                    try (InputStream content = writer.getDataToSign()) {
                        digest = pdf.digestOfSignedRanges(plan.signer().digestAlgorithm(), content);
                    }
                    DigestValue contentDigest = DigestValue.of(plan.signer().digestAlgorithm(), digest);
                    byte[] cms = plan.signer().signDigest(contentDigest);
                    if (cms.length > reserve) {
                        if (attempt > 0) {
                            throw new IllegalStateException("a signature of " + cms.length + " bytes after reserving "
                                    + reserve);
                        }
                        reserve = roundUp(cms.length + CMS_ALLOWANCE);
                        continue;
                    }
                    writer.writeExternalSignature(cms);
                    return new Signed(cms, contentDigest);
                }
            }
        }
    }

    private static void dssRevision(PadesPlan plan, IncrementalPdf pdf, Instant now, Signed signed)
            throws IOException, SigningException {
        List<X509Certificate> certificates = new ArrayList<>(plan.chain());
        List<X509CRL> crls;
        try {
            crls = ValidationData.crlsFor(plan.chain(), plan.crls(), certificates);
        } catch (ValidationData.MissingRevocationData e) {
            throw new IllegalStateException("checked when the signer was built: " + e.getMessage(), e);
        }
        List<X509Certificate> tsaCertificates = timestampCertificates(signed);
        List<X509Certificate> known = new ArrayList<>(certificates);
        known.addAll(tsaCertificates);
        try {
            for (X509CRL crl : ValidationData.crlsFor(tsaCertificates, plan.crls(), known)) {
                if (!crls.contains(crl)) {
                    crls.add(crl);
                }
            }
        } catch (ValidationData.MissingRevocationData e) {
            throw new SigningException(SigningException.Reason.TIMESTAMP_FAILED,
                    "the signature timestamp cannot be validated offline: " + e.getMessage(), null);
        }
        for (X509Certificate c : tsaCertificates) {
            if (!containsCertificate(certificates, c)) {
                certificates.add(c);
            }
        }
        try (PDDocument doc = pdf.load()) {
            doc.setDocumentId(now.toEpochMilli());
            PDDocumentCatalog catalog = doc.getDocumentCatalog();
            COSDictionary root = catalog.getCOSObject();
            COSDictionary dss = root.getCOSDictionary(DSS);
            if (dss == null) {
                dss = new COSDictionary();
                dss.setItem(COSName.TYPE, DSS);
                root.setItem(DSS, dss);
            }
            COSArray certArray = array(dss, CERTS);
            for (X509Certificate c : certificates) {
                certArray.add(stream(doc, encoded(c)));
            }
            COSArray crlArray = array(dss, CRLS);
            for (X509CRL crl : crls) {
                crlArray.add(stream(doc, encoded(crl)));
            }
            certArray.setNeedToBeUpdated(true);
            crlArray.setNeedToBeUpdated(true);
            dss.setNeedToBeUpdated(true);
            declareEsic(root);
            root.setNeedToBeUpdated(true);
            try (OutputStream out = pdf.appender()) {
                new COSWriter(out, pdf.stub()).write(doc);
            }
        }
    }

    private static void documentTimestampRevision(PadesPlan plan, IncrementalPdf pdf, Instant now)
            throws IOException, SigningException {
        int reserve = TOKEN_ALLOWANCE;
        for (int attempt = 0;; attempt++) {
            try (PDDocument doc = pdf.load(); SignatureOptions options = new SignatureOptions()) {
                doc.setDocumentId(now.toEpochMilli());
                PDSignature timestamp = new PDSignature();
                timestamp.setType(COSName.DOC_TIME_STAMP);
                timestamp.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
                timestamp.setSubFilter(ETSI_RFC3161);
                options.setPreferredSignatureSize(reserve);
                doc.addSignature(timestamp, options);
                reserveByteRange(timestamp);
                try (OutputStream out = pdf.appender()) {
                    COSWriter writer = new COSWriter(out, pdf.stub());
                    writer.write(doc);
                    byte[] digest;
                    try (InputStream content = writer.getDataToSign()) {
                        digest = pdf.digestOfSignedRanges(DigestAlgorithm.SHA256, content);
                    }
                    byte[] token;
                    try {
                        TimestampToken t = plan.timestampClient().timestampDigest(DigestValue.of(DigestAlgorithm.SHA256, digest));
                        token = t.encoded();
                    } catch (TimestampException e) {
                        throw new SigningException(SigningException.Reason.TIMESTAMP_FAILED,
                                "no document timestamp: " + e.getMessage(), e);
                    }
                    if (token.length > reserve) {
                        if (attempt > 0) {
                            throw new IllegalStateException("a timestamp of " + token.length + " bytes after reserving "
                                    + reserve);
                        }
                        reserve = roundUp(token.length + CMS_ALLOWANCE);
                        continue;
                    }
                    writer.writeExternalSignature(token);
                    return;
                }
            }
        }
    }

    /**
     * Replaces PDFBox's placeholder {@code /ByteRange} by one with 11-digit values. PDFBox writes
     * the real values over the placeholder, so it must be as long as they are; and its writer
     * recognises the new signature only by a placeholder value beyond the end of the file, which
     * its own 1000000000 is not for a file of more than a gigabyte.
     */
    private static void reserveByteRange(PDSignature signature) {
        COSArray placeholder = new COSArray();
        placeholder.add(COSInteger.ZERO);
        for (int i = 0; i < 3; i++) {
            placeholder.add(COSInteger.get(BYTE_RANGE_PLACEHOLDER));
        }
        signature.getCOSObject().setItem(COSName.BYTERANGE, placeholder);
    }

    private static PDDocument load(IncrementalPdf pdf, String name) throws PdfInputException {
        try {
            return pdf.load();
        } catch (org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException e) {
            throw new PdfInputException(name, "is encrypted; only unencrypted PDFs are signed", e);
        } catch (IOException e) {
            throw new PdfInputException(name, "is not a PDF that can be read: " + e.getMessage(), e);
        }
    }

    private static void checkSignable(PDDocument doc, boolean certify, String name) throws IOException {
        if (doc.isEncrypted()) {
            throw new PdfInputException(name, "is encrypted; only unencrypted PDFs are signed", null);
        }
        if (doc.getNumberOfPages() == 0) {
            throw new PdfInputException(name, "has no page to put the signature field on", null);
        }
        COSDictionary perms = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PERMS);
        COSDictionary docMdp = perms == null ? null : perms.getCOSDictionary(COSName.DOCMDP);
        if (docMdp != null) {
            int p = docMdpPermissions(docMdp);
            if (p == 1) {
                throw new PdfInputException(name, "is certified with no changes allowed (DocMDP P=1), so no further"
                        + " signature can be added", null);
            }
        }
        if (certify && !doc.getSignatureDictionaries().isEmpty()) {
            throw new PdfInputException(name, "is already signed; a certification signature must be the first"
                    + " signature of a document", null);
        }
    }

    private static int docMdpPermissions(COSDictionary signature) {
        COSArray references = signature.getCOSArray(REFERENCE);
        if (references == null) {
            return 2;
        }
        for (COSBase base : references) {
            COSBase ref = base instanceof COSObject ? ((COSObject) base).getObject() : base;
            if (ref instanceof COSDictionary && COSName.DOCMDP.equals(((COSDictionary) ref).getCOSName(TRANSFORM_METHOD))) {
                COSDictionary params = ((COSDictionary) ref).getCOSDictionary(TRANSFORM_PARAMS);
                return params == null ? 2 : params.getInt(COSName.P, 2);
            }
        }
        return 2;
    }

    /** Makes {@code signature} a certification signature that permits no changes (DocMDP, P=1). */
    private static void certify(PDDocument doc, PDSignature signature) {
        COSDictionary params = new COSDictionary();
        params.setItem(COSName.TYPE, COSName.getPDFName("TransformParams"));
        params.setInt(COSName.P, 1);
        params.setName(COSName.V, "1.2");
        params.setDirect(true);
        COSDictionary reference = new COSDictionary();
        reference.setItem(COSName.TYPE, SIG_REF);
        reference.setItem(TRANSFORM_METHOD, COSName.DOCMDP);
        reference.setItem(TRANSFORM_PARAMS, params);
        reference.setDirect(true);
        COSArray references = new COSArray();
        references.add(reference);
        references.setDirect(true);
        signature.getCOSObject().setItem(REFERENCE, references);
        COSDictionary root = doc.getDocumentCatalog().getCOSObject();
        COSDictionary perms = new COSDictionary();
        perms.setItem(COSName.DOCMDP, signature.getCOSObject());
        perms.setDirect(true);
        root.setItem(COSName.PERMS, perms);
        root.setNeedToBeUpdated(true);
    }

    /** Declares the ESIC developer extension (PAdES DSS) in {@code /Extensions}, keeping what is there. */
    private static void declareEsic(COSDictionary root) {
        COSDictionary extensions = root.getCOSDictionary(EXTENSIONS);
        if (extensions == null) {
            extensions = new COSDictionary();
            extensions.setDirect(true);
            root.setItem(EXTENSIONS, extensions);
        }
        COSDictionary esic = extensions.getCOSDictionary(ESIC);
        if (esic != null && esic.getInt(EXTENSION_LEVEL, 0) >= ESIC_LEVEL) {
            return;
        }
        COSDictionary declared = new COSDictionary();
        declared.setItem(COSName.TYPE, COSName.getPDFName("DeveloperExtensions"));
        declared.setName(BASE_VERSION, "1.7");
        declared.setInt(EXTENSION_LEVEL, ESIC_LEVEL);
        declared.setDirect(true);
        extensions.setItem(ESIC, declared);
        extensions.setNeedToBeUpdated(true);
    }

    private static COSArray array(COSDictionary dss, COSName key) {
        COSArray array = dss.getCOSArray(key);
        if (array == null) {
            array = new COSArray();
            dss.setItem(key, array);
        }
        return array;
    }

    private static COSStream stream(PDDocument doc, byte[] der) throws IOException {
        COSStream stream = doc.getDocument().createCOSStream();
        try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
            out.write(der);
        }
        return stream;
    }

    /** The certificates of the signature timestamp in {@code cms} (none without one). */
    private static List<X509Certificate> timestampCertificates(Signed signed) {
        SignatureVerification verification;
        try {
            verification = CmsVerifier.of(TrustPolicy.none()).verifyDigest(signed.cms(), signed.contentDigest());
        } catch (MalformedSignatureException e) {
            throw new IllegalStateException("a signature just made does not parse", e);
        }
        List<X509Certificate> certs = new ArrayList<>();
        for (var signer : verification.signers()) {
            for (SignatureTimestamp t : signer.timestamps()) {
                t.token().ifPresent(token -> certs.addAll(token.certificates()));
            }
        }
        return certs;
    }

    private static boolean containsCertificate(List<X509Certificate> certs, X509Certificate cert) {
        byte[] der = encoded(cert);
        for (X509Certificate c : certs) {
            if (Arrays.equals(encoded(c), der)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate cannot be encoded", e);
        }
    }

    private static byte[] encoded(X509CRL crl) {
        try {
            return crl.getEncoded();
        } catch (CRLException e) {
            throw new IllegalStateException("a parsed CRL cannot be encoded", e);
        }
    }

    private static int certificatesSize(List<X509Certificate> chain) {
        int size = 0;
        for (X509Certificate c : chain) {
            size += encoded(c).length;
        }
        return size;
    }

    private static int roundUp(int size) {
        return (size + 1023) / 1024 * 1024;
    }

    private static Calendar utc(Instant instant) {
        Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        calendar.setTimeInMillis(instant.toEpochMilli());
        return calendar;
    }
}
