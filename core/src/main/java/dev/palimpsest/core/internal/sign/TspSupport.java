package dev.palimpsest.core.internal.sign;

import dev.palimpsest.core.sign.TimestampException;
import dev.palimpsest.core.sign.TimestampException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.net.http.HttpResponse;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertID;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificate;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/** RFC 3161 token checks and the bounded HTTP body used by the client. */
public final class TspSupport {
    /** A TSA response is a few kilobytes; anything beyond this is not one. */
    public static final int MAX_RESPONSE_BYTES = 1 << 20;

    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";

    private TspSupport() {
    }

    /** The certificate in {@code certs} that signed the token, if present. */
    public static Optional<X509Certificate> signerCertificate(TimeStampToken token, List<X509Certificate> certs) {
        for (X509Certificate c : certs) {
            try {
                if (token.getSID().match(new JcaX509CertificateHolder(c))) {
                    return Optional.of(c);
                }
            } catch (CertificateEncodingException e) {
                // cannot be: the certificate was parsed from DER
            }
        }
        return Optional.empty();
    }

    /**
     * Verifies the token's signature, the algorithms it uses, and its TSA certificate: present,
     * named by the signing-certificate attribute, with {@code id-kp-timeStamping} as its only and
     * critical extended key usage, and valid at the time the token asserts.
     */
    public static X509Certificate verifySignature(TimeStampToken token, List<X509Certificate> certs)
            throws TimestampException {
        X509Certificate tsa = signerCertificate(token, certs).orElseThrow(() -> new TimestampException(
                Reason.BAD_TSA_CERTIFICATE, "the token does not include the TSA certificate", null));
        String tsaName = Certs.subject(tsa);
        checkExtendedKeyUsage(tsa, tsaName);
        Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
        if (!Certs.validAt(tsa, genTime)) {
            throw new TimestampException(Reason.BAD_TSA_CERTIFICATE, "the TSA certificate of " + tsaName
                    + " was not valid at the token's time " + genTime + " (valid " + tsa.getNotBefore().toInstant()
                    + " to " + tsa.getNotAfter().toInstant() + ")", null);
        }
        SignerInformation signer = token.toCMSSignedData().getSignerInfos().getSigners().iterator().next();
        CmsDigest digest = CmsDigest.fromOid(signer.getDigestAlgorithmID().getAlgorithm()).orElseThrow(
                () -> new TimestampException(Reason.UNSUPPORTED_ALGORITHM, "the token's digest algorithm "
                        + signer.getDigestAlgOID() + " is not supported", null));
        if (digest.strength() != CmsDigest.Strength.ACCEPTED) {
            throw new TimestampException(Reason.UNSUPPORTED_ALGORITHM, "the token is signed with " + digest
                    + ", which is not accepted", null);
        }
        try {
            SignatureAlgorithms.VerifierSpec spec = SignatureAlgorithms.forVerification(
                    signer.toASN1Structure().getDigestEncryptionAlgorithm(), digest);
            if (spec.innerDigest() != null && spec.innerDigest().strength() != CmsDigest.Strength.ACCEPTED) {
                throw new TimestampException(Reason.UNSUPPORTED_ALGORITHM, "the token is signed with "
                        + spec.jcaName() + ", which is not accepted", null);
            }
        } catch (SignatureAlgorithms.UnsupportedAlgorithmException e) {
            throw new TimestampException(Reason.UNSUPPORTED_ALGORITHM, "the token's " + e.getMessage(), null);
        }
        checkCertificateId(token.getSignedAttributes(), tsa, tsaName);
        boolean valid;
        try {
            valid = token.isSignatureValid(new JcaSimpleSignerInfoVerifierBuilder()
                    .setProvider(BouncyCastle.provider()).build(tsa));
        } catch (TSPException e) {
            throw new TimestampException(Reason.BAD_SIGNATURE, "the token's signature does not verify with the "
                    + "certificate of " + tsaName + ": " + KeyFiles.safeMessage(e), e);
        } catch (Exception e) {
            throw new TimestampException(Reason.BAD_TSA_CERTIFICATE, "the key of " + tsaName
                    + " cannot verify signatures: " + KeyFiles.safeMessage(e), e);
        }
        if (!valid) {
            throw new TimestampException(Reason.BAD_SIGNATURE, "the token's signature does not verify with the "
                    + "certificate of " + tsaName, null);
        }
        return tsa;
    }

    private static void checkExtendedKeyUsage(X509Certificate tsa, String tsaName) throws TimestampException {
        List<String> usages;
        try {
            usages = tsa.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            usages = null;
        }
        boolean critical = tsa.getCriticalExtensionOIDs() != null && tsa.getCriticalExtensionOIDs().contains(EXTENDED_KEY_USAGE);
        // RFC 3161 section 2.3: exactly id-kp-timeStamping, in a critical extension.
        if (usages == null || usages.size() != 1 || !usages.get(0).equals(KeyPurposeId.id_kp_timeStamping.getId())
                || !critical) {
            throw new TimestampException(Reason.BAD_TSA_CERTIFICATE, "the certificate of " + tsaName
                    + " is not a TSA certificate: its extended key usage must be exactly id-kp-timeStamping and critical"
                    + (usages == null ? " (it has none)" : " (it has " + usages + (critical ? ", critical)" : ", not critical)")),
                    null);
        }
    }

    private static void checkCertificateId(AttributeTable signed, X509Certificate tsa, String tsaName)
            throws TimestampException {
        byte[] encoded = Certs.encoded(tsa);
        try {
            Attribute v2 = signed == null ? null : signed.get(CmsStructures.SIGNING_CERTIFICATE_V2);
            if (v2 != null) {
                ESSCertIDv2 id = SigningCertificateV2.getInstance(v2.getAttrValues().getObjectAt(0)).getCerts()[0];
                CmsDigest hash = CmsDigest.fromOid(id.getHashAlgorithm().getAlgorithm()).orElse(null);
                if (hash == null || hash == CmsDigest.MD5) {
                    throw new TimestampException(Reason.UNSUPPORTED_ALGORITHM, "the token's signing-certificate-v2 uses "
                            + id.getHashAlgorithm().getAlgorithm().getId(), null);
                }
                requireCertMatch(MessageDigest.isEqual(hash.newDigest().digest(encoded), id.getCertHash())
                        && issuerSerialMatches(id.getIssuerSerial(), tsa), tsaName);
                return;
            }
            Attribute v1 = signed == null ? null : signed.get(CmsStructures.SIGNING_CERTIFICATE);
            if (v1 != null) {
                // ESSCertID names the certificate by its SHA-1 hash: an identifier, not a signature digest.
                ESSCertID id = SigningCertificate.getInstance(v1.getAttrValues().getObjectAt(0)).getCerts()[0];
                requireCertMatch(MessageDigest.isEqual(CmsDigest.SHA1.newDigest().digest(encoded), id.getCertHash())
                        && issuerSerialMatches(id.getIssuerSerial(), tsa), tsaName);
                return;
            }
        } catch (TimestampException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TimestampException(Reason.MALFORMED, "the token's signing-certificate attribute is malformed", e);
        }
        throw new TimestampException(Reason.BAD_TSA_CERTIFICATE,
                "the token has no signing-certificate attribute naming the TSA certificate (RFC 3161 section 2.4.2)", null);
    }

    private static boolean issuerSerialMatches(IssuerSerial issuerSerial, X509Certificate cert) {
        if (issuerSerial == null) {
            return true;
        }
        if (!issuerSerial.getSerial().getValue().equals(cert.getSerialNumber())) {
            return false;
        }
        for (GeneralName name : issuerSerial.getIssuer().getNames()) {
            if (name.getTagNo() == GeneralName.directoryName
                    && CmsStructures.issuer(cert).equals(org.bouncycastle.asn1.x500.X500Name.getInstance(name.getName()))) {
                return true;
            }
        }
        return false;
    }

    private static void requireCertMatch(boolean matches, String tsaName) throws TimestampException {
        if (!matches) {
            throw new TimestampException(Reason.BAD_TSA_CERTIFICATE, "the token's signing-certificate attribute does not "
                    + "name the certificate of " + tsaName + " that signed it", null);
        }
    }

    /** The TSA's name: the token's {@code tsa} field when present, else the signer's subject. */
    public static Optional<String> tsaName(TimeStampToken token, List<X509Certificate> certs) {
        GeneralName name = token.getTimeStampInfo().getTsa();
        if (name != null) {
            if (name.getTagNo() == GeneralName.directoryName) {
                try {
                    return Optional.of(new X500Principal(name.getName().toASN1Primitive().getEncoded(ASN1Encoding.DER))
                            .getName(X500Principal.RFC2253));
                } catch (IOException | RuntimeException e) {
                    return Optional.of(name.getName().toString());
                }
            }
            return Optional.of(name.getName().toString());
        }
        return signerCertificate(token, certs).map(Certs::subject);
    }

    /** Whether two byte arrays are equal, in constant time. */
    public static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /** The response body exceeded {@link #MAX_RESPONSE_BYTES}. */
    public static final class ResponseTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        ResponseTooLargeException(String message) {
            super(message);
        }
    }

    /** A body handler that collects at most {@code limit} bytes and fails beyond. */
    public static HttpResponse.BodyHandler<byte[]> limitedBody(int limit) {
        return info -> new LimitedBody(limit);
    }

    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final int limit;
        private Flow.Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (buffer.size() + item.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new ResponseTooLargeException("the response exceeds " + limit + " bytes"));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}
