package dev.palimpsest.core.sign;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.sign.Certs;
import dev.palimpsest.core.internal.sign.CmsDigest;
import dev.palimpsest.core.internal.sign.KeyFiles;
import dev.palimpsest.core.internal.sign.TspSupport;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * An RFC 3161 timestamp token: a TSA's signed statement that a digest (the message imprint)
 * existed at a time.
 *
 * <p>Parsing checks structure only. {@link #verify(byte[])} and its variants check that the token
 * covers given data and that its signature and TSA certificate are sound; whether the TSA is
 * <em>trusted</em> is a separate question for a {@link TrustPolicy}
 * ({@link TrustPolicy#evaluateTimestamp(TimestampToken)}). Instances are immutable.
 */
public final class TimestampToken {
    private final byte[] encoded;
    private final TimeStampToken token;
    private final List<X509Certificate> certificates;
    private final DigestValue imprint;

    private TimestampToken(byte[] encoded, TimeStampToken token, List<X509Certificate> certificates, DigestValue imprint) {
        this.encoded = encoded;
        this.token = token;
        this.certificates = certificates;
        this.imprint = imprint;
    }

    /**
     * Parses a DER timestamp token (a CMS ContentInfo holding a SignedData over a TSTInfo), with
     * nothing after it.
     *
     * @throws TimestampException {@code MALFORMED} if it is not such a token;
     *     {@code UNSUPPORTED_ALGORITHM} if the imprint uses a digest that Palimpsest does not know
     */
    public static TimestampToken parse(byte[] der) throws TimestampException {
        Objects.requireNonNull(der, "der");
        TimeStampToken token;
        List<X509Certificate> certs = new ArrayList<>();
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            ASN1Primitive top = in.readObject();
            if (top == null || in.readObject() != null) {
                throw new TimestampException(TimestampException.Reason.MALFORMED,
                        top == null ? "the timestamp token is empty" : "data follows the timestamp token", null);
            }
            token = new TimeStampToken(ContentInfo.getInstance(top));
            for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
                certs.add(Certs.parse(holder.getEncoded()));
            }
        } catch (TimestampException e) {
            throw e;
        } catch (IOException | CertificateException | RuntimeException | org.bouncycastle.tsp.TSPException e) {
            throw new TimestampException(TimestampException.Reason.MALFORMED,
                    "not an RFC 3161 timestamp token: " + KeyFiles.safeMessage(e), e);
        }
        return fromParsed(der.clone(), token, certs);
    }

    static TimestampToken fromParsed(byte[] encoded, TimeStampToken token, List<X509Certificate> certs)
            throws TimestampException {
        TimeStampTokenInfo info = token.getTimeStampInfo();
        CmsDigest digest = CmsDigest.fromOid(info.getMessageImprintAlgOID()).orElseThrow(() -> new TimestampException(
                TimestampException.Reason.UNSUPPORTED_ALGORITHM, "the token's imprint algorithm "
                        + info.getMessageImprintAlgOID().getId() + " is not supported", null));
        DigestAlgorithm algorithm = digest.publicAlgorithm().orElseThrow(() -> new TimestampException(
                TimestampException.Reason.UNSUPPORTED_ALGORITHM, "the token's imprint algorithm " + digest
                        + " is not supported", null));
        DigestValue imprint;
        try {
            imprint = DigestValue.of(algorithm, info.getMessageImprintDigest());
        } catch (IllegalArgumentException e) {
            throw new TimestampException(TimestampException.Reason.MALFORMED, "the token's imprint: " + e.getMessage(), e);
        }
        return new TimestampToken(encoded, token, Collections.unmodifiableList(certs), imprint);
    }

    /** The DER encoding, exactly as parsed or as received from the TSA. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** The time the TSA asserts (TSTInfo {@code genTime}). */
    public Instant time() {
        return token.getTimeStampInfo().getGenTime().toInstant();
    }

    /**
     * The TSA's name: the token's {@code tsa} field when present (an X.500 name as an RFC 2253
     * string), otherwise the subject of the certificate that signed the token.
     */
    public Optional<String> tsaName() {
        return TspSupport.tsaName(token, certificates);
    }

    /** The digest that was timestamped. */
    public DigestValue imprint() {
        return imprint;
    }

    /** The serial number the TSA gave the token. */
    public BigInteger serialNumber() {
        return token.getTimeStampInfo().getSerialNumber();
    }

    /** The nonce, when the request carried one. */
    public Optional<BigInteger> nonce() {
        return Optional.ofNullable(token.getTimeStampInfo().getNonce());
    }

    /** The TSA policy under which the token was issued, as a dotted object identifier. */
    public String policy() {
        return token.getTimeStampInfo().getPolicy().getId();
    }

    /** The certificates the token carries (the TSA certificate, when the request asked for it). */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** The certificate that signed the token, when the token carries it. */
    public Optional<X509Certificate> tsaCertificate() {
        return TspSupport.signerCertificate(token, certificates);
    }

    /**
     * Verifies that the token covers {@code data}: its imprint is the digest of {@code data} and its
     * signature and TSA certificate are sound (see {@link #verifySignature()}).
     *
     * @throws TimestampException {@code BAD_IMPRINT} if the token covers other data; otherwise as
     *     {@link #verifySignature()}
     */
    public void verify(byte[] data) throws TimestampException {
        Objects.requireNonNull(data, "data");
        verifyDigest(DigestValue.of(imprint.algorithm(), imprint.algorithm().newMessageDigest().digest(data)));
    }

    /**
     * As {@link #verify(byte[])}, reading the data from a stream, which is not closed.
     *
     * @throws IOException if the stream cannot be read
     */
    public void verify(InputStream data) throws IOException, TimestampException {
        Objects.requireNonNull(data, "data");
        MessageDigest md = imprint.algorithm().newMessageDigest();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = data.read(buffer)) >= 0;) {
            md.update(buffer, 0, n);
        }
        verifyDigest(DigestValue.of(imprint.algorithm(), md.digest()));
    }

    /**
     * Verifies that the token's imprint is {@code digest}, then verifies its signature.
     *
     * @throws TimestampException {@code BAD_IMPRINT} if the imprint differs or uses another
     *     algorithm than {@code digest}; otherwise as {@link #verifySignature()}
     */
    public void verifyDigest(DigestValue digest) throws TimestampException {
        Objects.requireNonNull(digest, "digest");
        if (digest.algorithm() != imprint.algorithm()) {
            throw new TimestampException(TimestampException.Reason.BAD_IMPRINT, "the token's imprint is "
                    + imprint.algorithm().label() + ", the digest given is " + digest.algorithm().label(), null);
        }
        if (!imprint.equals(digest)) {
            throw new TimestampException(TimestampException.Reason.BAD_IMPRINT, "the token's imprint "
                    + imprint.labelledHex() + " is not the digest of the data, " + digest.labelledHex(), null);
        }
        verifySignature();
    }

    /**
     * Verifies the token's own signature and its TSA certificate, whatever data it covers: the
     * token must carry the TSA certificate, its signing-certificate attribute must name it, the
     * certificate's only extended key usage must be a critical {@code id-kp-timeStamping}, the
     * certificate must have been valid at {@link #time()}, the signature must verify, and neither
     * MD5 nor SHA-1 may be used.
     *
     * @throws TimestampException {@code BAD_SIGNATURE}, {@code BAD_TSA_CERTIFICATE},
     *     {@code UNSUPPORTED_ALGORITHM} or {@code MALFORMED}
     */
    public void verifySignature() throws TimestampException {
        if (imprint.algorithm() == DigestAlgorithm.SHA1 || imprint.algorithm() == DigestAlgorithm.MD5) {
            throw new TimestampException(TimestampException.Reason.UNSUPPORTED_ALGORITHM,
                    "the token's imprint uses " + imprint.algorithm().label() + ", which is not accepted", null);
        }
        TspSupport.verifySignature(token, certificates);
    }

    /** Time, TSA and imprint. */
    @Override
    public String toString() {
        return "TimestampToken[time=" + time() + ", tsa=" + tsaName().orElse("?") + ", imprint=" + imprint + "]";
    }
}
