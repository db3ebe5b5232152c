package dev.palimpsest.core.sign;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.sign.CmsDigest;
import dev.palimpsest.core.internal.sign.KeyFiles;
import dev.palimpsest.core.internal.sign.TspSupport;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * An RFC 3161 client: asks a time-stamping authority over HTTP(S) to timestamp a digest and
 * checks its answer.
 *
 * <p>Each request carries a SHA-256 (or the given digest's) message imprint, a fresh 64-bit
 * nonce and {@code certReq=true}. The answer must have HTTP status 200 and a granted PKIStatus,
 * and its token must echo the nonce and imprint (and the policy, when one was requested), carry
 * the TSA certificate with the critical {@code id-kp-timeStamping} extended key usage, and have
 * a valid signature. Every failure is a {@link TimestampException} whose reason names it. Redirects
 * are not followed. Instances are immutable and thread-safe.
 */
public final class TimestampClient {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI url;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final ASN1ObjectIdentifier policy;
    private final HttpClient httpClient;

    private TimestampClient(Builder b) {
        this.url = b.url;
        this.connectTimeout = b.connectTimeout;
        this.timeout = b.timeout;
        this.policy = b.policy;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (b.sslContext != null) {
            http.sslContext(b.sslContext);
        }
        if (b.proxy != null) {
            http.proxy(b.proxy);
        }
        this.httpClient = http.build();
    }

    /**
     * A builder for a client of the TSA at {@code url}.
     *
     * @throws IllegalArgumentException if the URL is not absolute {@code http} or {@code https}
     */
    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /** A client of the TSA at {@code url} with the default timeouts (10 s to connect, 30 s in all). */
    public static TimestampClient of(URI url) {
        return builder(url).build();
    }

    /** The TSA's URL. */
    public URI url() {
        return url;
    }

    /**
     * Timestamps the SHA-256 digest of {@code data} (a plain "these bytes existed" timestamp, e.g.
     * a PDF document timestamp).
     *
     * @throws TimestampException naming what went wrong; see the class description
     */
    public TimestampToken timestamp(byte[] data) throws TimestampException {
        Objects.requireNonNull(data, "data");
        return timestampDigest(DigestValue.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(data)));
    }

    /**
     * Timestamps the SHA-256 digest of a stream's content; the stream is read to its end and not
     * closed.
     *
     * @throws IOException if the stream cannot be read
     * @throws TimestampException naming what went wrong; see the class description
     */
    public TimestampToken timestamp(InputStream data) throws IOException, TimestampException {
        Objects.requireNonNull(data, "data");
        MessageDigest md = DigestAlgorithm.SHA256.newMessageDigest();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = data.read(buffer)) >= 0;) {
            md.update(buffer, 0, n);
        }
        return timestampDigest(DigestValue.of(DigestAlgorithm.SHA256, md.digest()));
    }

    /**
     * Timestamps a digest computed elsewhere.
     *
     * @param digest a SHA-2 or SHA3-256 digest
     * @throws IllegalArgumentException for SHA-1, MD5 or BLAKE2b digests, which a timestamp must not
     *     (or, for BLAKE2b, cannot) carry
     * @throws TimestampException naming what went wrong; see the class description
     */
    public TimestampToken timestampDigest(DigestValue digest) throws TimestampException {
        Objects.requireNonNull(digest, "digest");
        DigestAlgorithm algorithm = digest.algorithm();
        if (!algorithm.isIntegrityGrade() || algorithm == DigestAlgorithm.BLAKE2B_512) {
            throw new IllegalArgumentException(algorithm.label() + " digests cannot be timestamped; use sha256");
        }
        byte[] imprint = digest.bytes();
        BigInteger nonce = new BigInteger(64, RANDOM);
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        if (policy != null) {
            generator.setReqPolicy(policy);
        }
        TimeStampRequest request = generator.generate(CmsDigest.of(algorithm).oid(), imprint, nonce);
        byte[] body;
        try {
            body = request.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a timestamp request", e);
        }
        byte[] answer = post(body);
        return check(request, answer);
    }

    private byte[] post(byte[] body) throws TimestampException {
        HttpRequest httpRequest = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/timestamp-query")
                .header("Accept", "application/timestamp-reply")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        CompletableFuture<HttpResponse<byte[]>> future = httpClient.sendAsync(httpRequest,
                TspSupport.limitedBody(TspSupport.MAX_RESPONSE_BYTES));
        HttpResponse<byte[]> response;
        try {
            // The request timeout stops at the response headers; this deadline also covers the body.
            response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new TimestampException(TimestampException.Reason.TIMEOUT, "the TSA " + url
                    + " did not answer within " + timeout.toMillis() + " ms", null);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new TimestampException(TimestampException.Reason.NETWORK, "interrupted while waiting for the TSA " + url, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new TimestampException(TimestampException.Reason.TIMEOUT, "the TSA " + url
                        + " did not answer in time (connect timeout " + connectTimeout.toMillis() + " ms, timeout "
                        + timeout.toMillis() + " ms)", cause);
            }
            if (cause instanceof TspSupport.ResponseTooLargeException) {
                throw new TimestampException(TimestampException.Reason.MALFORMED, "the TSA " + url + " answered with "
                        + "more than " + TspSupport.MAX_RESPONSE_BYTES + " bytes, which is no timestamp response", cause);
            }
            throw new TimestampException(TimestampException.Reason.NETWORK, "cannot reach the TSA " + url + ": "
                    + KeyFiles.safeMessage(cause), cause);
        }
        if (response.statusCode() != 200) {
            throw new TimestampException("the TSA " + url + " answered HTTP " + response.statusCode(),
                    response.statusCode());
        }
        return response.body();
    }

    private TimestampToken check(TimeStampRequest request, byte[] answer) throws TimestampException {
        TimeStampResponse response;
        try {
            response = new TimeStampResponse(answer);
        } catch (Exception e) {
            throw new TimestampException(TimestampException.Reason.MALFORMED, "the TSA " + url
                    + " answered with something that is not an RFC 3161 response (" + answer.length + " bytes)", e);
        }
        int status = response.getStatus();
        if (status != 0 && status != 1) {
            throw new TimestampException(TimestampException.Reason.REJECTED, "the TSA " + url + " refused the request: "
                    + statusName(status) + failure(response.getFailInfo())
                    + (response.getStatusString() == null ? "" : " (" + response.getStatusString() + ")"), null);
        }
        TimeStampToken token = response.getTimeStampToken();
        if (token == null) {
            throw new TimestampException(TimestampException.Reason.MALFORMED, "the TSA " + url
                    + " granted the request but sent no token", null);
        }
        var info = token.getTimeStampInfo();
        if (!info.getMessageImprintAlgOID().equals(request.getMessageImprintAlgOID())
                || !TspSupport.same(info.getMessageImprintDigest(), request.getMessageImprintDigest())) {
            throw new TimestampException(TimestampException.Reason.BAD_IMPRINT, "the token from " + url
                    + " timestamps another digest than the one sent", null);
        }
        if (info.getNonce() == null || !info.getNonce().equals(request.getNonce())) {
            throw new TimestampException(TimestampException.Reason.BAD_NONCE, "the token from " + url + " carries "
                    + (info.getNonce() == null ? "no nonce" : "nonce " + info.getNonce().toString(16))
                    + " instead of " + request.getNonce().toString(16) + " (a replayed or misrouted answer)", null);
        }
        if (policy != null && !policy.equals(info.getPolicy())) {
            throw new TimestampException(TimestampException.Reason.BAD_POLICY, "the token from " + url
                    + " was issued under policy " + info.getPolicy().getId() + ", not the requested " + policy.getId(), null);
        }
        List<X509Certificate> certs = new ArrayList<>();
        byte[] encoded;
        try {
            for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
                certs.add(dev.palimpsest.core.internal.sign.Certs.parse(holder.getEncoded()));
            }
            encoded = token.getEncoded();
        } catch (IOException | CertificateException e) {
            throw new TimestampException(TimestampException.Reason.MALFORMED, "a certificate in the token from " + url
                    + " is malformed", e);
        }
        TimestampToken result = TimestampToken.fromParsed(encoded, token, certs);
        try {
            result.verifySignature();
        } catch (TimestampException e) {
            throw new TimestampException(e.reason(), "the token from " + url + ": " + e.getMessage(), e);
        }
        return result;
    }

    private static String statusName(int status) {
        switch (status) {
            case 2:
                return "rejection";
            case 3:
                return "waiting";
            case 4:
                return "revocationWarning";
            case 5:
                return "revocationNotification";
            default:
                return "status " + status;
        }
    }

    private static String failure(PKIFailureInfo info) {
        if (info == null) {
            return "";
        }
        List<String> names = new ArrayList<>();
        int[] bits = {PKIFailureInfo.badAlg, PKIFailureInfo.badRequest, PKIFailureInfo.badDataFormat,
            PKIFailureInfo.timeNotAvailable, PKIFailureInfo.unacceptedPolicy, PKIFailureInfo.unacceptedExtension,
            PKIFailureInfo.addInfoNotAvailable, PKIFailureInfo.systemFailure};
        String[] labels = {"badAlg", "badRequest", "badDataFormat", "timeNotAvailable", "unacceptedPolicy",
            "unacceptedExtension", "addInfoNotAvailable", "systemFailure"};
        for (int i = 0; i < bits.length; i++) {
            if ((info.intValue() & bits[i]) != 0) {
                names.add(labels[i]);
            }
        }
        return names.isEmpty() ? "" : " " + names;
    }

    /** Identifies the TSA. */
    @Override
    public String toString() {
        return "TimestampClient[" + url + "]";
    }

    /** Configures a {@link TimestampClient}. Mutable; not thread-safe. */
    public static final class Builder {
        private final URI url;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration timeout = Duration.ofSeconds(30);
        private ASN1ObjectIdentifier policy;
        private javax.net.ssl.SSLContext sslContext;
        private java.net.ProxySelector proxy;

        private Builder(URI url) {
            Objects.requireNonNull(url, "url");
            String scheme = Optional.ofNullable(url.getScheme()).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
            if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new IllegalArgumentException("a TSA URL must be absolute http or https, got '" + url + "'");
            }
            this.url = url;
        }

        /** The time allowed to open the connection; 10 seconds unless set. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** The time allowed for the whole exchange, body included; 30 seconds unless set. */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /**
         * The TSA policy to request, as a dotted object identifier; the token must then carry it.
         *
         * @throws IllegalArgumentException if not a well-formed object identifier
         */
        public Builder policy(String oid) {
            Objects.requireNonNull(oid, "oid");
            try {
                this.policy = new ASN1ObjectIdentifier(oid);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not an object identifier: '" + oid + "'", e);
            }
            return this;
        }

        /** The TLS settings for an {@code https} TSA (e.g. trusting a private CA); the JDK's defaults unless set. */
        public Builder sslContext(javax.net.ssl.SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /** The proxy selector; the system-wide default unless set. */
        public Builder proxy(java.net.ProxySelector proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /** The client. */
        public TimestampClient build() {
            return new TimestampClient(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
