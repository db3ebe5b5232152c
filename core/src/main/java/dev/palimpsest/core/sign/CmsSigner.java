package dev.palimpsest.core.sign;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.sign.Certs;
import dev.palimpsest.core.internal.sign.CmsDigest;
import dev.palimpsest.core.internal.sign.CmsStructures;
import dev.palimpsest.core.internal.sign.CmsStructures.ParsedSignedData;
import dev.palimpsest.core.internal.sign.JcaSignatures;
import dev.palimpsest.core.internal.sign.SignatureAlgorithms;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Makes detached CMS SignedData signatures (RFC 5652) over exact bytes, as DER.
 *
 * <p>Each signature has the signed attributes content-type, message-digest, signing-certificate-v2
 * (RFC 5035) and CMS algorithm protection (RFC 6211), plus signing-time unless
 * {@linkplain Builder#signingTime(boolean) turned off} (PAdES forbids it), and carries the
 * signer's certificate chain. With a {@link TimestampClient}, an RFC 3161 token over the signature
 * value is added as the unsigned signature-timestamp attribute (CAdES-T).
 *
 * <p>Before signing, the signer's certificate must be valid at the signer's clock and allow
 * digital signatures; after signing, the signature is verified with the certificate, so a faulty
 * key, token or external signer fails here rather than producing a bad file.
 * Instances are immutable and thread-safe if the identity or external signer is.
 */
public final class CmsSigner {
    private final SigningIdentity identity;
    private final ExternalSigner external;
    private final SignatureAlgorithm algorithm;
    private final List<X509Certificate> chain;
    private final TimestampClient timestampClient;
    private final boolean signingTime;
    private final Clock clock;

    private CmsSigner(Builder b) {
        this.identity = b.identity;
        this.external = b.external;
        this.algorithm = b.algorithm;
        this.chain = b.chain;
        this.timestampClient = b.timestampClient;
        this.signingTime = b.signingTime;
        this.clock = b.clock;
    }

    /** A builder for a signer that signs with {@code identity}. */
    public static Builder builder(SigningIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        return new Builder(identity, null, identity.signatureAlgorithm(), identity.chain());
    }

    /**
     * A builder for a signer that signs through {@code signer}.
     *
     * @throws IllegalArgumentException if the signer has no certificate, its algorithm does not suit
     *     its certificate's key, or it wants digests with an algorithm that cannot sign them
     */
    public static Builder builder(ExternalSigner signer) {
        Objects.requireNonNull(signer, "signer");
        SignatureAlgorithm algorithm = Objects.requireNonNull(signer.algorithm(), "signer.algorithm()");
        List<X509Certificate> chain = List.copyOf(Objects.requireNonNull(signer.certificateChain(), "signer.certificateChain()"));
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the external signer's certificate chain is empty");
        }
        if (!SignatureAlgorithms.compatible(algorithm, chain.get(0).getPublicKey())) {
            throw new IllegalArgumentException("the external signer's algorithm " + algorithm
                    + " does not suit the key of " + Certs.subject(chain.get(0)));
        }
        if (signer.input() == ExternalSigner.Input.DIGEST && !algorithm.signsDigests()) {
            throw new IllegalArgumentException(algorithm + " cannot sign a digest; the external signer must take DATA");
        }
        return new Builder(null, signer, algorithm, chain);
    }

    /** The digest algorithm this signer uses, for callers that hash content themselves ({@link #signDigest}). */
    public DigestAlgorithm digestAlgorithm() {
        return algorithm.digestAlgorithm();
    }

    /** The signature algorithm. */
    public SignatureAlgorithm signatureAlgorithm() {
        return algorithm;
    }

    /** The signer's certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * A detached signature over exactly {@code content}.
     *
     * @return the DER-encoded CMS ContentInfo
     * @throws SigningException see {@link SigningException.Reason}
     */
    public byte[] sign(byte[] content) throws SigningException {
        Objects.requireNonNull(content, "content");
        return signDigest(DigestValue.of(digestAlgorithm(), digestAlgorithm().newMessageDigest().digest(content)));
    }

    /**
     * A detached signature over a stream's content, read to its end (not closed); memory use does
     * not depend on the content's size.
     *
     * @throws IOException if the stream cannot be read
     * @throws SigningException see {@link SigningException.Reason}
     */
    public byte[] sign(InputStream content) throws IOException, SigningException {
        Objects.requireNonNull(content, "content");
        return signDigest(DigestValue.of(digestAlgorithm(), digest(content, List.of(CmsDigest.of(digestAlgorithm())))
                .get(CmsDigest.of(digestAlgorithm()))));
    }

    /**
     * A detached signature for content whose digest the caller computed, e.g. over the byte ranges
     * of a PDF.
     *
     * @param contentDigest the content's digest with {@link #digestAlgorithm()}
     * @throws IllegalArgumentException if the digest uses another algorithm
     * @throws SigningException see {@link SigningException.Reason}
     */
    public byte[] signDigest(DigestValue contentDigest) throws SigningException {
        Objects.requireNonNull(contentDigest, "contentDigest");
        requireAlgorithm(contentDigest);
        SignerInfo signerInfo = signerInfo(contentDigest.bytes());
        return CmsStructures.signedData(signerInfo, CmsDigest.of(digestAlgorithm()), chain);
    }

    /**
     * Adds this signer to an existing detached signature over the same content (a witness
     * countersigning): every existing signer is kept byte for byte, so it stays valid.
     *
     * @param existingSignature a DER or BER detached CMS SignedData over {@code content}
     * @return the DER-encoded SignedData with one more signer
     * @throws SigningException {@code MALFORMED_SIGNATURE} if {@code existingSignature} is not a
     *     detached SignedData over id-data; {@code CONTENT_MISMATCH} if an existing signer's
     *     message digest is not that of {@code content}; otherwise as {@link #sign(byte[])}
     */
    public byte[] countersign(byte[] existingSignature, byte[] content) throws SigningException {
        Objects.requireNonNull(content, "content");
        try {
            return countersign(existingSignature, new java.io.ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array failed", e);
        }
    }

    /**
     * As {@link #countersign(byte[], byte[])}, reading the content from a stream (read to its end,
     * not closed).
     *
     * @throws IOException if the stream cannot be read
     */
    public byte[] countersign(byte[] existingSignature, InputStream content) throws IOException, SigningException {
        Objects.requireNonNull(existingSignature, "existingSignature");
        Objects.requireNonNull(content, "content");
        ParsedSignedData existing;
        try {
            existing = CmsStructures.parse(existingSignature);
        } catch (MalformedSignatureException e) {
            throw new SigningException(SigningException.Reason.MALFORMED_SIGNATURE,
                    "the existing signature cannot be read: " + e.getMessage(), e);
        }
        if (!CMSObjectIdentifiers.data.equals(existing.contentType()) || existing.encapsulatedContent().isPresent()) {
            throw new SigningException(SigningException.Reason.MALFORMED_SIGNATURE,
                    "the existing signature is not a detached signature over data", null);
        }
        List<CmsDigest> needed = new ArrayList<>(existing.signerDigests());
        CmsDigest ours = CmsDigest.of(digestAlgorithm());
        if (!needed.contains(ours)) {
            needed.add(ours);
        }
        Map<CmsDigest, byte[]> digests = digest(content, needed);
        int index = 0;
        for (SignerInfo s : existing.signerInfos()) {
            index++;
            Optional<CmsDigest> d = CmsDigest.fromOid(s.getDigestAlgorithm().getAlgorithm());
            Optional<byte[]> claimed = messageDigest(s);
            if (d.isPresent() && claimed.isPresent() && !MessageDigest.isEqual(claimed.get(), digests.get(d.get()))) {
                throw new SigningException(SigningException.Reason.CONTENT_MISMATCH, "signer " + index
                        + " of the existing signature signed other content (its message digest differs)", null);
            }
        }
        SignerInfo signerInfo = signerInfo(digests.get(ours));
        return CmsStructures.addSigner(existing, signerInfo, ours, chain);
    }

    private static Optional<byte[]> messageDigest(SignerInfo s) {
        ASN1Set attrs = s.getAuthenticatedAttributes();
        if (attrs == null) {
            return Optional.empty();
        }
        for (ASN1Encodable e : attrs) {
            Attribute a = Attribute.getInstance(e);
            if (CMSAttributes.messageDigest.equals(a.getAttrType()) && a.getAttrValues().size() == 1) {
                return Optional.of(ASN1OctetString.getInstance(a.getAttrValues().getObjectAt(0)).getOctets());
            }
        }
        return Optional.empty();
    }

    private SignerInfo signerInfo(byte[] contentDigest) throws SigningException {
        X509Certificate cert = chain.get(0);
        Instant now = clock.instant();
        checkCertificate(cert, now);
        CmsDigest digest = CmsDigest.of(digestAlgorithm());
        AlgorithmIdentifier signatureAlgorithm = SignatureAlgorithms.identifier(algorithm);
        ASN1Set signedAttributes = CmsStructures.signedAttributes(digest, contentDigest,
                signingTime ? now.truncatedTo(ChronoUnit.SECONDS) : null, signatureAlgorithm, cert);
        byte[] toBeSigned;
        try {
            toBeSigned = signedAttributes.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the signed attributes", e);
        }
        byte[] signature = rawSign(toBeSigned);
        if (!JcaSignatures.verify(cert.getPublicKey(), algorithm, toBeSigned, signature)) {
            throw new SigningException(SigningException.Reason.SIGNER_FAILED, "the " + (external != null
                    ? "external signer" : "private key") + " produced a signature that does not verify with the certificate of "
                    + Certs.subject(cert) + (external != null ? " (wrong key, wrong algorithm or wrong input mode?)" : ""),
                    null);
        }
        Attribute timestamp = null;
        if (timestampClient != null) {
            byte[] imprint = CmsDigest.SHA256.newDigest().digest(signature);
            try {
                TimestampToken token = timestampClient.timestampDigest(DigestValue.of(DigestAlgorithm.SHA256, imprint));
                timestamp = CmsStructures.timestampAttribute(token.encoded());
            } catch (TimestampException e) {
                throw new SigningException(SigningException.Reason.TIMESTAMP_FAILED,
                        "no signature timestamp: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new IllegalStateException("a verified timestamp token does not re-parse", e);
            }
        }
        return CmsStructures.signerInfo(cert, digest, signedAttributes, signatureAlgorithm, signature, timestamp);
    }

    private byte[] rawSign(byte[] toBeSigned) throws SigningException {
        try {
            if (identity != null) {
                return JcaSignatures.sign(identity.privateKey(), algorithm, toBeSigned, identity.provider());
            }
            byte[] input = external.input() == ExternalSigner.Input.DIGEST
                    ? digestAlgorithm().newMessageDigest().digest(toBeSigned) : toBeSigned;
            byte[] signature = external.sign(input);
            if (signature == null || signature.length == 0) {
                throw new SigningException(SigningException.Reason.SIGNER_FAILED, "the external signer returned no signature",
                        null);
            }
            if (algorithm == SignatureAlgorithm.ECDSA_SHA256 || algorithm == SignatureAlgorithm.ECDSA_SHA384
                    || algorithm == SignatureAlgorithm.ECDSA_SHA512) {
                signature = JcaSignatures.ecdsaToDer(signature, SignatureAlgorithms.ecFieldBytes(chain.get(0).getPublicKey()));
            }
            return signature;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new SigningException(SigningException.Reason.SIGNER_FAILED, "the " + (external != null
                    ? "external signer" : "private key") + " could not sign: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    private static void checkCertificate(X509Certificate cert, Instant now) throws SigningException {
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            throw new SigningException(SigningException.Reason.CERTIFICATE_EXPIRED, "the certificate of "
                    + Certs.subject(cert) + " expired on " + cert.getNotAfter().toInstant() + "; it is now " + now, null);
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            throw new SigningException(SigningException.Reason.CERTIFICATE_NOT_YET_VALID, "the certificate of "
                    + Certs.subject(cert) + " is valid only from " + cert.getNotBefore().toInstant() + "; it is now " + now,
                    null);
        }
        if (!Certs.allowsDocumentSigning(cert)) {
            throw new SigningException(SigningException.Reason.KEY_USAGE, "the certificate of " + Certs.subject(cert)
                    + " does not allow digitalSignature or nonRepudiation", null);
        }
    }

    private void requireAlgorithm(DigestValue digest) {
        if (digest.algorithm() != digestAlgorithm()) {
            throw new IllegalArgumentException("this signer needs a " + digestAlgorithm().label() + " digest, got "
                    + digest.algorithm().label());
        }
    }

    private static Map<CmsDigest, byte[]> digest(InputStream in, List<CmsDigest> algorithms) throws IOException {
        Map<CmsDigest, MessageDigest> mds = new EnumMap<>(CmsDigest.class);
        for (CmsDigest d : algorithms) {
            mds.put(d, d.newDigest());
        }
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0;) {
            for (MessageDigest md : mds.values()) {
                md.update(buffer, 0, n);
            }
        }
        Map<CmsDigest, byte[]> out = new EnumMap<>(CmsDigest.class);
        mds.forEach((d, md) -> out.put(d, md.digest()));
        return out;
    }

    /** Signer, algorithm and options; never key material. */
    @Override
    public String toString() {
        return "CmsSigner[" + Certs.subject(chain.get(0)) + ", " + algorithm + (external != null ? ", external" : "")
                + (timestampClient != null ? ", tsa=" + timestampClient.url() : "") + (signingTime ? "" : ", no signing-time")
                + "]";
    }

    /** Configures a {@link CmsSigner}. Mutable; not thread-safe. */
    public static final class Builder {
        private final SigningIdentity identity;
        private final ExternalSigner external;
        private final SignatureAlgorithm algorithm;
        private final List<X509Certificate> chain;
        private TimestampClient timestampClient;
        private boolean signingTime = true;
        private Clock clock = Clock.systemUTC();

        private Builder(SigningIdentity identity, ExternalSigner external, SignatureAlgorithm algorithm,
                List<X509Certificate> chain) {
            this.identity = identity;
            this.external = external;
            this.algorithm = algorithm;
            this.chain = chain;
        }

        /** Adds an RFC 3161 signature timestamp from this TSA to every signature; none unless set. */
        public Builder timestampClient(TimestampClient client) {
            this.timestampClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Whether to include the signing-time attribute; true unless set. PAdES signatures must not
         * have it (their time is in the PDF signature dictionary or a timestamp).
         */
        public Builder signingTime(boolean include) {
            this.signingTime = include;
            return this;
        }

        /** The clock for the signing time and the certificate validity check; the system clock unless set. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The signer. */
        public CmsSigner build() {
            return new CmsSigner(this);
        }
    }
}
