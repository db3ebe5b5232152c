package dev.palimpsest.core.internal.sign;

import dev.palimpsest.core.sign.MalformedSignatureException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAlgorithmProtection;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;

/** Building and parsing CMS SignedData (RFC 5652) at the ASN.1 level. */
public final class CmsStructures {
    /** id-aa-signatureTimeStampToken (RFC 3161 appendix A). */
    public static final ASN1ObjectIdentifier SIGNATURE_TIMESTAMP = PKCSObjectIdentifiers.id_aa_signatureTimeStampToken;
    /** id-aa-signingCertificateV2 (RFC 5035). */
    public static final ASN1ObjectIdentifier SIGNING_CERTIFICATE_V2 = PKCSObjectIdentifiers.id_aa_signingCertificateV2;
    /** id-aa-signingCertificate (RFC 2634), the SHA-1 predecessor still used by many TSAs. */
    public static final ASN1ObjectIdentifier SIGNING_CERTIFICATE = PKCSObjectIdentifiers.id_aa_signingCertificate;
    /** id-aa-CMSAlgorithmProtection (RFC 6211). */
    public static final ASN1ObjectIdentifier ALGORITHM_PROTECTION = CMSAttributes.cmsAlgorithmProtect;

    /** Bounds on hostile input: no genuine signature comes near these. */
    public static final int MAX_SIGNERS = 64;
    public static final int MAX_CERTIFICATES = 256;
    public static final int MAX_CRLS = 64;

    private CmsStructures() {
    }

    /**
     * The signed attributes: content-type (id-data), message-digest, signing-time (when
     * {@code signingTime} is not null), CMS algorithm protection and signing-certificate-v2.
     */
    public static ASN1Set signedAttributes(CmsDigest digest, byte[] contentDigest, Instant signingTime,
            AlgorithmIdentifier signatureAlgorithm, X509Certificate signer) {
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new Attribute(CMSAttributes.contentType, new DERSet(CMSObjectIdentifiers.data)));
        if (signingTime != null) {
            attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(signingTime)))));
        }
        attributes.add(new Attribute(CMSAttributes.messageDigest, new DERSet(new DEROctetString(contentDigest))));
        attributes.add(new Attribute(ALGORITHM_PROTECTION, new DERSet(
                new CMSAlgorithmProtection(digest.identifier(), CMSAlgorithmProtection.SIGNATURE, signatureAlgorithm))));
        attributes.add(new Attribute(SIGNING_CERTIFICATE_V2, new DERSet(signingCertificateV2(signer))));
        return new DERSet(attributes);
    }

    private static SigningCertificateV2 signingCertificateV2(X509Certificate cert) {
        byte[] hash = CmsDigest.SHA256.newDigest().digest(Certs.encoded(cert));
        IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(issuer(cert))),
                cert.getSerialNumber());
        // The hash algorithm is the DEFAULT (SHA-256), so it is left out of the encoding.
        return new SigningCertificateV2(new ESSCertIDv2[] {new ESSCertIDv2(hash, issuerSerial)});
    }

    /** The issuer name as encoded in the certificate, never re-encoded from a string. */
    public static X500Name issuer(X509Certificate cert) {
        return X500Name.getInstance(cert.getIssuerX500Principal().getEncoded());
    }

    /** A version 1 SignerInfo identifying the signer by issuer and serial number. */
    public static SignerInfo signerInfo(X509Certificate signer, CmsDigest digest, ASN1Set signedAttributes,
            AlgorithmIdentifier signatureAlgorithm, byte[] signature, Attribute unsignedAttribute) {
        SignerIdentifier sid = new SignerIdentifier(new IssuerAndSerialNumber(issuer(signer), signer.getSerialNumber()));
        ASN1Set unsigned = unsignedAttribute == null ? null : new DERSet(unsignedAttribute);
        return new SignerInfo(sid, digest.identifier(), signedAttributes, signatureAlgorithm,
                new DEROctetString(signature), unsigned);
    }

    /** The signature-timestamp unsigned attribute holding a timestamp token. */
    public static Attribute timestampAttribute(byte[] token) throws IOException {
        return new Attribute(SIGNATURE_TIMESTAMP, new DERSet(ContentInfo.getInstance(ASN1Primitive.fromByteArray(token))));
    }

    /** A detached SignedData (no eContent) with one signer and its chain, as DER. */
    public static byte[] signedData(SignerInfo signer, CmsDigest digest, List<X509Certificate> chain) {
        ASN1EncodableVector certs = new ASN1EncodableVector();
        for (X509Certificate c : chain) {
            certs.add(certificateStructure(c));
        }
        SignedData sd = new SignedData(new DERSet(digest.identifier()), new ContentInfo(CMSObjectIdentifiers.data, null),
                new DERSet(certs), null, new DERSet(signer));
        return der(new ContentInfo(CMSObjectIdentifiers.signedData, sd));
    }

    /**
     * {@code existing} with one more signer: its digest algorithm and certificates are added to the
     * sets, and every existing SignerInfo is carried over unchanged.
     */
    public static byte[] addSigner(ParsedSignedData existing, SignerInfo signer, CmsDigest digest,
            List<X509Certificate> chain) {
        SignedData old = existing.signedData();
        ASN1EncodableVector digests = new ASN1EncodableVector();
        boolean haveDigest = false;
        for (ASN1Encodable d : old.getDigestAlgorithms()) {
            digests.add(d);
            haveDigest |= AlgorithmIdentifier.getInstance(d).getAlgorithm().equals(digest.oid());
        }
        if (!haveDigest) {
            digests.add(digest.identifier());
        }
        ASN1EncodableVector certs = new ASN1EncodableVector();
        if (old.getCertificates() != null) {
            for (ASN1Encodable c : old.getCertificates()) {
                certs.add(c);
            }
        }
        for (X509Certificate c : chain) {
            if (!Certs.contains(existing.certificates(), c)) {
                certs.add(certificateStructure(c));
            }
        }
        ASN1EncodableVector signers = new ASN1EncodableVector();
        for (ASN1Encodable s : old.getSignerInfos()) {
            signers.add(s);
        }
        signers.add(signer);
        SignedData sd = new SignedData(new DERSet(digests), old.getEncapContentInfo(), new DERSet(certs),
                old.getCRLs(), new DERSet(signers));
        return der(new ContentInfo(CMSObjectIdentifiers.signedData, sd));
    }

    private static org.bouncycastle.asn1.x509.Certificate certificateStructure(X509Certificate cert) {
        return org.bouncycastle.asn1.x509.Certificate.getInstance(Certs.encoded(cert));
    }

    public static byte[] der(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot DER-encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** A parsed SignedData together with its certificates and CRLs in JDK form. */
    public static final class ParsedSignedData {
        private final SignedData signedData;
        private final List<SignerInfo> signerInfos;
        private final List<X509Certificate> certificates;
        private final List<X509CRL> crls;

        private ParsedSignedData(SignedData signedData, List<SignerInfo> signerInfos, List<X509Certificate> certificates,
                List<X509CRL> crls) {
            this.signedData = signedData;
            this.signerInfos = Collections.unmodifiableList(signerInfos);
            this.certificates = Collections.unmodifiableList(certificates);
            this.crls = Collections.unmodifiableList(crls);
        }

        public SignedData signedData() {
            return signedData;
        }

        public List<SignerInfo> signerInfos() {
            return signerInfos;
        }

        public List<X509Certificate> certificates() {
            return certificates;
        }

        public List<X509CRL> crls() {
            return crls;
        }

        /** The encapsulated content type (id-data for our signatures). */
        public ASN1ObjectIdentifier contentType() {
            return signedData.getEncapContentInfo().getContentType();
        }

        /** The encapsulated content, when the signature is not detached. */
        public Optional<byte[]> encapsulatedContent() {
            ASN1Encodable content = signedData.getEncapContentInfo().getContent();
            return content == null ? Optional.empty() : Optional.of(ASN1OctetString.getInstance(content).getOctets());
        }

        /** The digest algorithms of all signers, known ones only. */
        public List<CmsDigest> signerDigests() {
            List<CmsDigest> digests = new ArrayList<>();
            for (SignerInfo s : signerInfos) {
                CmsDigest.fromOid(s.getDigestAlgorithm().getAlgorithm()).filter(d -> !digests.contains(d))
                        .ifPresent(digests::add);
            }
            return digests;
        }
    }

    /**
     * Parses DER or BER bytes that must be exactly one ContentInfo of type SignedData, with
     * nothing after it.
     *
     * @throws MalformedSignatureException naming what is wrong
     */
    public static ParsedSignedData parse(byte[] encoded) throws MalformedSignatureException {
        ASN1Primitive top;
        try (ASN1InputStream in = new ASN1InputStream(encoded)) {
            top = in.readObject();
            if (top == null) {
                throw new MalformedSignatureException("the signature is empty", null);
            }
            if (in.readObject() != null) {
                throw new MalformedSignatureException("data follows the CMS structure", null);
            }
        } catch (IOException | RuntimeException e) {
            throw new MalformedSignatureException("not a DER/BER-encoded CMS structure: " + KeyFiles.safeMessage(e), e);
        }
        SignedData sd;
        try {
            ContentInfo info = ContentInfo.getInstance(top);
            if (!CMSObjectIdentifiers.signedData.equals(info.getContentType())) {
                throw new MalformedSignatureException("the CMS content type is " + info.getContentType().getId()
                        + ", not SignedData (1.2.840.113549.1.7.2)", null);
            }
            sd = SignedData.getInstance(info.getContent());
        } catch (MalformedSignatureException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedSignatureException("not a CMS SignedData: " + KeyFiles.safeMessage(e), e);
        }
        List<SignerInfo> signers = new ArrayList<>();
        List<X509Certificate> certs = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        try {
            ASN1Set signerSet = sd.getSignerInfos();
            if (signerSet.size() > MAX_SIGNERS) {
                throw new MalformedSignatureException(signerSet.size() + " signers exceed the limit of " + MAX_SIGNERS, null);
            }
            for (ASN1Encodable s : signerSet) {
                signers.add(SignerInfo.getInstance(s));
            }
            if (sd.getCertificates() != null) {
                if (sd.getCertificates().size() > MAX_CERTIFICATES) {
                    throw new MalformedSignatureException(sd.getCertificates().size()
                            + " certificates exceed the limit of " + MAX_CERTIFICATES, null);
                }
                int index = 0;
                for (ASN1Encodable c : sd.getCertificates()) {
                    index++;
                    // Only the plain X.509 choice of CertificateChoices; attribute certificates carry no keys.
                    if (c.toASN1Primitive() instanceof ASN1Sequence) {
                        try {
                            certs.add(Certs.parse(c.toASN1Primitive().getEncoded(ASN1Encoding.DER)));
                        } catch (CertificateException | IOException e) {
                            throw new MalformedSignatureException("certificate " + index
                                    + " in the SignedData is not a valid X.509 certificate", e);
                        }
                    }
                }
            }
            if (sd.getCRLs() != null) {
                if (sd.getCRLs().size() > MAX_CRLS) {
                    throw new MalformedSignatureException(sd.getCRLs().size() + " CRLs exceed the limit of " + MAX_CRLS,
                            null);
                }
                for (ASN1Encodable c : sd.getCRLs()) {
                    if (c.toASN1Primitive() instanceof ASN1Sequence) {
                        try {
                            crls.add(Certs.parseCrl(c.toASN1Primitive().getEncoded(ASN1Encoding.DER)));
                        } catch (CRLException | IOException e) {
                            throw new MalformedSignatureException("a CRL in the SignedData is not a valid X.509 CRL", e);
                        }
                    }
                }
            }
            if (sd.getEncapContentInfo().getContent() != null) {
                ASN1OctetString.getInstance(sd.getEncapContentInfo().getContent());
            }
        } catch (MalformedSignatureException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedSignatureException("the SignedData is not well formed: " + KeyFiles.safeMessage(e), e);
        }
        return new ParsedSignedData(sd, signers, certs, crls);
    }

    /** The serial number and issuer a SignerInfo names, when it names the signer that way. */
    public static Optional<IssuerAndSerialNumber> issuerAndSerial(SignerInfo info) {
        ASN1Encodable id = info.getSID().getId();
        if (id.toASN1Primitive() instanceof ASN1Sequence) {
            return Optional.of(IssuerAndSerialNumber.getInstance(id));
        }
        return Optional.empty();
    }

    /** The certificate a SignerInfo names, among {@code certs}. */
    public static Optional<X509Certificate> findSigner(SignerInfo info, List<X509Certificate> certs) {
        Optional<IssuerAndSerialNumber> ias = issuerAndSerial(info);
        if (ias.isPresent()) {
            X500Name issuer = ias.get().getName();
            BigInteger serial = ias.get().getSerialNumber().getValue();
            for (X509Certificate c : certs) {
                if (c.getSerialNumber().equals(serial) && issuer(c).equals(issuer)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
        byte[] ski = ASN1OctetString.getInstance(info.getSID().getId()).getOctets();
        for (X509Certificate c : certs) {
            Optional<byte[]> certSki = Certs.subjectKeyIdentifier(c);
            if (certSki.isPresent() && java.util.Arrays.equals(certSki.get(), ski)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
