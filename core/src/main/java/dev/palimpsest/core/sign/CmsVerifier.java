package dev.palimpsest.core.sign;

import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.sign.Certs;
import dev.palimpsest.core.internal.sign.CmsDigest;
import dev.palimpsest.core.internal.sign.CmsStructures;
import dev.palimpsest.core.internal.sign.CmsStructures.ParsedSignedData;
import dev.palimpsest.core.internal.sign.JcaSignatures;
import dev.palimpsest.core.internal.sign.KeyFiles;
import dev.palimpsest.core.internal.sign.SignatureAlgorithms;
import dev.palimpsest.core.sign.SignerResult.Failure;
import dev.palimpsest.core.sign.SignerResult.Failure.Code;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAlgorithmProtection;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertID;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificate;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.IssuerSerial;

/**
 * Verifies detached CMS SignedData signatures, collecting every problem of every signer rather
 * than stopping at the first.
 *
 * <p>For each signer it checks: the signer's certificate is in the signature; the digest and
 * signature algorithms are allowed (never MD5; SHA-1 only when a trusted timestamp proves the
 * signature older than the {@linkplain Builder#sha1Cutoff(Instant) SHA-1 cut-off}); the signed
 * attributes are well formed (exactly one content-type matching the content, one message-digest,
 * at most one signing-time, no attribute twice); the message digest matches the content; the
 * signing-certificate(-v2) and algorithm-protection attributes, when present, agree with the
 * SignerInfo; the signature verifies; the key usage allows signing. Signature timestamps are
 * verified over the signature value and their TSA judged by the {@link TrustPolicy} now (at the
 * policy's clock). Finally the signer is judged by the policy at the earliest trusted timestamp's
 * time, or now.
 *
 * <p>Input that is not a SignedData at all is a {@link MalformedSignatureException}; everything
 * else is reported in the {@link SignatureVerification}. Instances are immutable and thread-safe.
 */
public final class CmsVerifier {
    /**
     * The default SHA-1 cut-off, 2017-01-01: the first SHA-1 collision was published in February
     * 2017, so only signatures proven older may rely on SHA-1.
     */
    public static final Instant DEFAULT_SHA1_CUTOFF = Instant.parse("2017-01-01T00:00:00Z");

    /** How far a claimed signing time may lie after the timestamp before it is worth a warning. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final TrustPolicy policy;
    private final Instant sha1Cutoff;

    private CmsVerifier(Builder b) {
        this.policy = b.policy;
        this.sha1Cutoff = b.sha1Cutoff;
    }

    /** A verifier that judges trust by {@code policy}. */
    public static CmsVerifier of(TrustPolicy policy) {
        return builder().trustPolicy(policy).build();
    }

    /** A builder; without a policy, every valid signer is reported {@link SignatureStatus#VALID_UNTRUSTED}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The trust policy. */
    public TrustPolicy trustPolicy() {
        return policy;
    }

    /**
     * Verifies a detached signature over exactly {@code content}.
     *
     * @throws MalformedSignatureException if {@code signature} is not a CMS SignedData
     */
    public SignatureVerification verify(byte[] signature, byte[] content) throws MalformedSignatureException {
        Objects.requireNonNull(content, "content");
        try {
            return verify(signature, new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array failed", e);
        }
    }

    /**
     * Verifies a detached signature over a stream's content, read once to its end (not closed)
     * with every digest algorithm the signers use; memory use does not depend on its size.
     *
     * @throws IOException if the stream cannot be read
     * @throws MalformedSignatureException if {@code signature} is not a CMS SignedData
     */
    public SignatureVerification verify(byte[] signature, InputStream content)
            throws IOException, MalformedSignatureException {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(content, "content");
        ParsedSignedData parsed = CmsStructures.parse(signature);
        Map<CmsDigest, MessageDigest> mds = new EnumMap<>(CmsDigest.class);
        for (CmsDigest d : parsed.signerDigests()) {
            if (d.strength() != CmsDigest.Strength.FORBIDDEN) {
                mds.put(d, d.newDigest());
            }
        }
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = content.read(buffer)) >= 0;) {
            for (MessageDigest md : mds.values()) {
                md.update(buffer, 0, n);
            }
        }
        Map<CmsDigest, byte[]> digests = new EnumMap<>(CmsDigest.class);
        mds.forEach((d, md) -> digests.put(d, md.digest()));
        return verify(parsed, digests);
    }

    /**
     * Verifies a detached signature given only the content's digest (for large content, or the
     * byte ranges of a PDF). Signers that use another digest algorithm are reported invalid with
     * {@link Code#DIGEST_UNAVAILABLE}.
     *
     * @throws IllegalArgumentException for a BLAKE2b digest, which CMS has no identifier for
     * @throws MalformedSignatureException if {@code signature} is not a CMS SignedData
     */
    public SignatureVerification verifyDigest(byte[] signature, DigestValue contentDigest)
            throws MalformedSignatureException {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(contentDigest, "contentDigest");
        Map<CmsDigest, byte[]> digests = new EnumMap<>(CmsDigest.class);
        digests.put(CmsDigest.of(contentDigest.algorithm()), contentDigest.bytes());
        return verify(CmsStructures.parse(signature), digests);
    }

    private SignatureVerification verify(ParsedSignedData parsed, Map<CmsDigest, byte[]> digests) {
        Instant now = policy.clock().instant();
        List<SignerResult> results = new ArrayList<>();
        List<SignerInfo> infos = parsed.signerInfos();
        for (int i = 0; i < infos.size(); i++) {
            results.add(new SignerCheck(i, infos.get(i), parsed, digests, now).run());
        }
        return new SignatureVerification(results);
    }

    /** The checks for one signer; collects failures as it goes. */
    private final class SignerCheck {
        private final int index;
        private final SignerInfo info;
        private final ParsedSignedData parsed;
        private final Map<CmsDigest, byte[]> digests;
        private final Instant now;
        private final List<Failure> failures = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private X509Certificate cert;
        private Instant signingTime;
        private boolean legacyDigest;

        SignerCheck(int index, SignerInfo info, ParsedSignedData parsed, Map<CmsDigest, byte[]> digests, Instant now) {
            this.index = index;
            this.info = info;
            this.parsed = parsed;
            this.digests = digests;
            this.now = now;
        }

        private void fail(Code code, String message) {
            failures.add(new Failure(code, message));
        }

        SignerResult run() {
            try {
                cert = CmsStructures.findSigner(info, parsed.certificates()).orElse(null);
                if (cert == null) {
                    fail(Code.SIGNER_CERTIFICATE_MISSING, "the signature does not carry the certificate of signer "
                            + index + " (" + describeSid() + ")");
                }
            } catch (RuntimeException e) {
                fail(Code.MALFORMED_SIGNER, "the signer identifier is malformed");
            }
            CmsDigest digest = checkDigestAlgorithm();
            SignatureAlgorithms.VerifierSpec spec = digest == null ? null : checkSignatureAlgorithm(digest);
            ASN1Set signed = info.getAuthenticatedAttributes();
            if (signed == null) {
                fail(Code.MALFORMED_ATTRIBUTES, "the signer has no signed attributes; signatures without them are not accepted");
            } else {
                checkSignedAttributes(signed, digest);
            }
            if (cert != null && spec != null && signed != null) {
                checkSignatureValue(signed, spec);
            }
            if (cert != null && !Certs.allowsDocumentSigning(cert)) {
                fail(Code.KEY_USAGE, "the key usage of " + Certs.subject(cert) + " allows neither digitalSignature nor "
                        + "nonRepudiation");
            }
            List<SignatureTimestamp> timestamps = checkTimestamps();
            Instant trustedTime = timestamps.stream().filter(SignatureTimestamp::trusted).map(t -> t.time().get())
                    .min(Instant::compareTo).orElse(null);
            if (legacyDigest && (trustedTime == null || !trustedTime.isBefore(sha1Cutoff))) {
                fail(Code.DIGEST_ALGORITHM_NOT_ALLOWED, "SHA-1 is accepted only for signatures that a trusted timestamp "
                        + "proves older than " + sha1Cutoff + (trustedTime == null ? "; there is no trusted timestamp"
                                : "; the timestamp says " + trustedTime));
            }
            if (signingTime != null && trustedTime != null && signingTime.isAfter(trustedTime.plus(CLOCK_SKEW))) {
                warnings.add("the claimed signing time " + signingTime + " is after the timestamp " + trustedTime);
            }
            Instant validationTime = trustedTime != null ? trustedTime : now;
            SignatureStatus status;
            TrustResult trust;
            if (!failures.isEmpty()) {
                status = SignatureStatus.INVALID;
                trust = TrustResult.untrusted(validationTime, TrustResult.Reason.NOT_EVALUATED,
                        "trust is not evaluated for an invalid signature");
            } else {
                trust = policy.evaluate(cert, parsed.certificates(), parsed.crls(), validationTime);
                if (!trust.trusted()) {
                    status = SignatureStatus.VALID_UNTRUSTED;
                } else if (trustedTime != null && trust.path().stream().anyMatch(c -> now.isAfter(c.getNotAfter().toInstant()))) {
                    status = SignatureStatus.TRUSTED_AT_TIMESTAMP;
                } else {
                    status = SignatureStatus.TRUSTED;
                }
            }
            SignatureAlgorithm algorithm = spec == null ? null : spec.known().orElse(null);
            return new SignerResult(index, status, failures, warnings, cert, algorithm, signingTime, timestamps, trust);
        }

        private String describeSid() {
            return CmsStructures.issuerAndSerial(info)
                    .map(ias -> "issuer " + ias.getName() + ", serial " + ias.getSerialNumber().getValue().toString(16))
                    .orElse("subject key identifier");
        }

        private CmsDigest checkDigestAlgorithm() {
            ASN1ObjectIdentifier oid = info.getDigestAlgorithm().getAlgorithm();
            Optional<CmsDigest> digest = CmsDigest.fromOid(oid);
            if (digest.isEmpty()) {
                fail(Code.DIGEST_ALGORITHM_NOT_ALLOWED, "digest algorithm " + oid.getId() + " is unknown");
                return null;
            }
            if (digest.get().strength() == CmsDigest.Strength.FORBIDDEN) {
                fail(Code.DIGEST_ALGORITHM_NOT_ALLOWED, digest.get() + " is never accepted in a signature");
                return null;
            }
            legacyDigest |= digest.get().strength() == CmsDigest.Strength.LEGACY;
            return digest.get();
        }

        private SignatureAlgorithms.VerifierSpec checkSignatureAlgorithm(CmsDigest digest) {
            SignatureAlgorithms.VerifierSpec spec;
            try {
                spec = SignatureAlgorithms.forVerification(info.getDigestEncryptionAlgorithm(), digest);
            } catch (SignatureAlgorithms.UnsupportedAlgorithmException | RuntimeException e) {
                fail(Code.UNSUPPORTED_SIGNATURE_ALGORITHM, KeyFiles.safeMessage(e));
                return null;
            }
            CmsDigest inner = spec.innerDigest();
            if (inner != null && inner.strength() == CmsDigest.Strength.FORBIDDEN) {
                fail(Code.DIGEST_ALGORITHM_NOT_ALLOWED, spec.jcaName() + " is never accepted in a signature");
                return null;
            }
            legacyDigest |= inner != null && inner.strength() == CmsDigest.Strength.LEGACY;
            if (cert != null && !SignatureAlgorithms.keyFamilyMatches(spec, cert.getPublicKey())) {
                fail(Code.UNSUPPORTED_SIGNATURE_ALGORITHM, spec.jcaName() + " does not suit the "
                        + cert.getPublicKey().getAlgorithm() + " key of " + Certs.subject(cert));
                return null;
            }
            return spec;
        }

        private void checkSignedAttributes(ASN1Set signed, CmsDigest digest) {
            Map<ASN1ObjectIdentifier, Attribute> byType = new HashMap<>();
            try {
                for (ASN1Encodable e : signed) {
                    Attribute a = Attribute.getInstance(e);
                    if (byType.put(a.getAttrType(), a) != null) {
                        fail(Code.MALFORMED_ATTRIBUTES, "signed attribute " + a.getAttrType().getId() + " appears twice");
                    }
                    if (a.getAttrValues().size() == 0) {
                        fail(Code.MALFORMED_ATTRIBUTES, "signed attribute " + a.getAttrType().getId() + " has no value");
                    }
                }
            } catch (RuntimeException e) {
                fail(Code.MALFORMED_ATTRIBUTES, "the signed attributes are not a set of attributes");
                return;
            }
            ASN1Encodable contentType = single(byType, CMSAttributes.contentType, "content-type", true);
            if (contentType != null) {
                try {
                    if (!ASN1ObjectIdentifier.getInstance(contentType).equals(parsed.contentType())) {
                        fail(Code.MALFORMED_ATTRIBUTES, "the content-type attribute " + contentType
                                + " is not the encapsulated content type " + parsed.contentType().getId());
                    }
                } catch (RuntimeException e) {
                    fail(Code.MALFORMED_ATTRIBUTES, "the content-type attribute is not an object identifier");
                }
            }
            ASN1Encodable messageDigest = single(byType, CMSAttributes.messageDigest, "message-digest", true);
            if (messageDigest != null && digest != null) {
                checkMessageDigest(messageDigest, digest);
            }
            ASN1Encodable time = single(byType, CMSAttributes.signingTime, "signing-time", false);
            if (time != null) {
                try {
                    signingTime = Time.getInstance(time).getDate().toInstant();
                } catch (RuntimeException e) {
                    fail(Code.MALFORMED_ATTRIBUTES, "the signing-time attribute is not a valid time");
                }
            }
            ASN1Encodable v2 = single(byType, CmsStructures.SIGNING_CERTIFICATE_V2, "signing-certificate-v2", false);
            if (v2 != null && cert != null) {
                checkSigningCertificateV2(v2);
            }
            ASN1Encodable v1 = single(byType, CmsStructures.SIGNING_CERTIFICATE, "signing-certificate", false);
            if (v1 != null && cert != null) {
                checkSigningCertificateV1(v1);
            }
            ASN1Encodable protection = single(byType, CmsStructures.ALGORITHM_PROTECTION, "cms-algorithm-protection", false);
            if (protection != null) {
                checkAlgorithmProtection(protection);
            }
        }

        private ASN1Encodable single(Map<ASN1ObjectIdentifier, Attribute> byType, ASN1ObjectIdentifier type, String name,
                boolean required) {
            Attribute a = byType.get(type);
            if (a == null) {
                if (required) {
                    fail(Code.MALFORMED_ATTRIBUTES, "the " + name + " signed attribute is missing");
                }
                return null;
            }
            if (a.getAttrValues().size() != 1) {
                fail(Code.MALFORMED_ATTRIBUTES, "the " + name + " attribute must have exactly one value, it has "
                        + a.getAttrValues().size());
                return null;
            }
            return a.getAttrValues().getObjectAt(0);
        }

        private void checkMessageDigest(ASN1Encodable value, CmsDigest digest) {
            byte[] claimed;
            try {
                claimed = ASN1OctetString.getInstance(value).getOctets();
            } catch (RuntimeException e) {
                fail(Code.MALFORMED_ATTRIBUTES, "the message-digest attribute is not an octet string");
                return;
            }
            byte[] actual = digests.get(digest);
            if (actual == null) {
                fail(Code.DIGEST_UNAVAILABLE, "the signer uses " + digest + ", but only a "
                        + digests.keySet() + " digest of the content was given");
                return;
            }
            if (claimed.length != digest.length()) {
                fail(Code.MALFORMED_ATTRIBUTES, "the message digest has " + claimed.length + " bytes; " + digest + " has "
                        + digest.length());
            } else if (!MessageDigest.isEqual(claimed, actual)) {
                fail(Code.MESSAGE_DIGEST_MISMATCH, "the content's " + digest + " digest is not the one signed: the content "
                        + "was changed, or is not what this signature is for");
            }
        }

        private void checkSigningCertificateV2(ASN1Encodable value) {
            try {
                ESSCertIDv2 id = SigningCertificateV2.getInstance(value).getCerts()[0];
                Optional<CmsDigest> hash = CmsDigest.fromOid(id.getHashAlgorithm().getAlgorithm());
                if (hash.isEmpty() || hash.get().strength() == CmsDigest.Strength.FORBIDDEN) {
                    fail(Code.MALFORMED_ATTRIBUTES, "the signing-certificate-v2 hash algorithm "
                            + id.getHashAlgorithm().getAlgorithm().getId() + " is not accepted");
                    return;
                }
                boolean same = MessageDigest.isEqual(hash.get().newDigest().digest(Certs.encoded(cert)), id.getCertHash())
                        && issuerSerialMatches(id.getIssuerSerial());
                if (!same) {
                    fail(Code.SIGNING_CERTIFICATE_MISMATCH, "the signing-certificate-v2 attribute names another "
                            + "certificate than the signer's, " + Certs.subject(cert));
                }
            } catch (RuntimeException e) {
                fail(Code.MALFORMED_ATTRIBUTES, "the signing-certificate-v2 attribute is malformed");
            }
        }

        private void checkSigningCertificateV1(ASN1Encodable value) {
            try {
                ESSCertID id = SigningCertificate.getInstance(value).getCerts()[0];
                boolean same = MessageDigest.isEqual(CmsDigest.SHA1.newDigest().digest(Certs.encoded(cert)), id.getCertHash())
                        && issuerSerialMatches(id.getIssuerSerial());
                if (!same) {
                    fail(Code.SIGNING_CERTIFICATE_MISMATCH, "the signing-certificate attribute names another "
                            + "certificate than the signer's, " + Certs.subject(cert));
                }
            } catch (RuntimeException e) {
                fail(Code.MALFORMED_ATTRIBUTES, "the signing-certificate attribute is malformed");
            }
        }

        private boolean issuerSerialMatches(IssuerSerial issuerSerial) {
            if (issuerSerial == null) {
                return true;
            }
            if (!issuerSerial.getSerial().getValue().equals(cert.getSerialNumber())) {
                return false;
            }
            X500Name issuer = CmsStructures.issuer(cert);
            for (GeneralName name : issuerSerial.getIssuer().getNames()) {
                if (name.getTagNo() == GeneralName.directoryName && issuer.equals(X500Name.getInstance(name.getName()))) {
                    return true;
                }
            }
            return false;
        }

        private void checkAlgorithmProtection(ASN1Encodable value) {
            try {
                CMSAlgorithmProtection protection = CMSAlgorithmProtection.getInstance(value);
                boolean same = sameAlgorithm(protection.getDigestAlgorithm(), info.getDigestAlgorithm())
                        && protection.getMacAlgorithm() == null && protection.getSignatureAlgorithm() != null
                        && sameAlgorithm(protection.getSignatureAlgorithm(), info.getDigestEncryptionAlgorithm());
                if (!same) {
                    fail(Code.ALGORITHM_PROTECTION_MISMATCH, "the cms-algorithm-protection attribute names other "
                            + "algorithms than the SignerInfo uses (an algorithm substitution)");
                }
            } catch (RuntimeException e) {
                fail(Code.MALFORMED_ATTRIBUTES, "the cms-algorithm-protection attribute is malformed");
            }
        }

        private void checkSignatureValue(ASN1Set signed, SignatureAlgorithms.VerifierSpec spec) {
            byte[] data;
            try {
                // RFC 5652 section 5.4: the signature covers the DER encoding of the SET OF attributes.
                data = signed.getEncoded(ASN1Encoding.DER);
            } catch (IOException e) {
                fail(Code.MALFORMED_ATTRIBUTES, "the signed attributes cannot be DER-encoded");
                return;
            }
            byte[] value = info.getEncryptedDigest().getOctets();
            if (!JcaSignatures.verify(cert.getPublicKey(), spec.jcaName(), spec.parameters(), data, value)) {
                fail(Code.SIGNATURE_MISMATCH, "the signature value does not verify with the public key of "
                        + Certs.subject(cert));
            }
        }

        private List<SignatureTimestamp> checkTimestamps() {
            List<SignatureTimestamp> result = new ArrayList<>();
            ASN1Set unsigned = info.getUnauthenticatedAttributes();
            if (unsigned == null) {
                return result;
            }
            byte[] signatureValue = info.getEncryptedDigest().getOctets();
            for (ASN1Encodable e : unsigned) {
                Attribute a;
                try {
                    a = Attribute.getInstance(e);
                } catch (RuntimeException ex) {
                    warnings.add("an unsigned attribute is malformed and was ignored");
                    continue;
                }
                if (!CmsStructures.SIGNATURE_TIMESTAMP.equals(a.getAttrType())) {
                    continue;
                }
                for (ASN1Encodable value : a.getAttrValues()) {
                    result.add(checkTimestamp(value, signatureValue));
                }
            }
            return result;
        }

        private SignatureTimestamp checkTimestamp(ASN1Encodable value, byte[] signatureValue) {
            TimestampToken token = null;
            try {
                token = TimestampToken.parse(value.toASN1Primitive().getEncoded(ASN1Encoding.DER));
                token.verify(signatureValue);
            } catch (TimestampException e) {
                warnings.add("a signature timestamp is invalid and was not used (" + e.reason() + "): " + e.getMessage());
                return new SignatureTimestamp(token, e, TrustResult.untrusted(now, TrustResult.Reason.NOT_EVALUATED,
                        "trust is not evaluated for an invalid timestamp"));
            } catch (IOException e) {
                return new SignatureTimestamp(null, new TimestampException(TimestampException.Reason.MALFORMED,
                        "the timestamp cannot be encoded", e), TrustResult.untrusted(now, TrustResult.Reason.NOT_EVALUATED,
                        "trust is not evaluated for an invalid timestamp"));
            }
            X509Certificate tsa = token.tsaCertificate().orElseThrow();
            List<X509Certificate> others = new ArrayList<>(token.certificates());
            others.addAll(parsed.certificates());
            return new SignatureTimestamp(token, null, policy.evaluate(tsa, others, parsed.crls(), now));
        }
    }

    /** Whether two algorithm identifiers are the same, treating absent and NULL parameters alike. */
    private static boolean sameAlgorithm(AlgorithmIdentifier a, AlgorithmIdentifier b) {
        if (!a.getAlgorithm().equals(b.getAlgorithm())) {
            return false;
        }
        ASN1Encodable pa = a.getParameters();
        ASN1Encodable pb = b.getParameters();
        boolean aEmpty = pa == null || DERNull.INSTANCE.equals(pa.toASN1Primitive());
        boolean bEmpty = pb == null || DERNull.INSTANCE.equals(pb.toASN1Primitive());
        if (aEmpty || bEmpty) {
            return aEmpty && bEmpty;
        }
        return pa.toASN1Primitive().equals(pb.toASN1Primitive());
    }

    @Override
    public String toString() {
        return "CmsVerifier[" + policy + ", sha1Cutoff=" + sha1Cutoff + "]";
    }

    /** Configures a {@link CmsVerifier}. Mutable; not thread-safe. */
    public static final class Builder {
        private TrustPolicy policy = TrustPolicy.none();
        private Instant sha1Cutoff = DEFAULT_SHA1_CUTOFF;

        private Builder() {
        }

        /** The trust policy; {@link TrustPolicy#none()} unless set. */
        public Builder trustPolicy(TrustPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * SHA-1 signatures are accepted only when a trusted timestamp proves them older than this;
         * {@link #DEFAULT_SHA1_CUTOFF} unless set.
         */
        public Builder sha1Cutoff(Instant cutoff) {
            this.sha1Cutoff = Objects.requireNonNull(cutoff, "cutoff");
            return this;
        }

        /** The verifier. */
        public CmsVerifier build() {
            return new CmsVerifier(this);
        }
    }
}
