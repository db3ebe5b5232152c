package dev.palimpsest.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Locale;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A real RFC 3161 time-stamping authority on the loopback interface, built with Bouncy Castle's
 * TSP generator and its own {@link TestPki}, that can also be told to misbehave.
 *
 * <pre>{@code
 * try (TestTsa tsa = TestTsa.start()) {
 *     TimestampClient client = TimestampClient.of(tsa.url());
 *     tsa.behaviour(TestTsa.Behaviour.WRONG_NONCE);
 *     ...
 * }
 * }</pre>
 *
 * <p>Its certificates are valid from 2000 to 2100, so its {@linkplain #time(Instant) time} can be
 * set anywhere in between. Reusable from any test package and, through the core test-jar, from
 * other modules.
 */
public final class TestTsa implements AutoCloseable {
    /** The TSA policy of every token. */
    public static final String POLICY = "1.3.6.1.4.1.55555.3161.1";

    /** How the TSA answers. */
    public enum Behaviour {
        /** A correct token. */
        NORMAL,
        /** A correct token for a request with another nonce. */
        WRONG_NONCE,
        /** A correct token for another imprint. */
        WRONG_IMPRINT,
        /** HTTP 200 with 64 random bytes. */
        GARBAGE,
        /** Waits (up to 10 s, or until closed) before answering. */
        SLOW,
        /** HTTP 500. */
        HTTP_500,
        /** A PKIStatus rejection with failure info badAlg. */
        REJECTION,
        /** A token that does not carry the TSA certificate although it was requested. */
        NO_CERTIFICATE,
        /** A correct token, but under the TSA's own policy whatever the request asked for. */
        WRONG_POLICY,
        /** A token signed by a certificate without the timeStamping extended key usage. */
        WRONG_KEY_USAGE,
        /** A token whose signature value has been altered. */
        BAD_SIGNATURE
    }

    private final ServerSocket server;
    private final ExecutorService executor;
    private final TestPki pki;
    private final TestPki.Credential tsa;
    private final TestPki.Credential notTsa;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong serials = new AtomicLong(1);
    private volatile Behaviour behaviour = Behaviour.NORMAL;
    private volatile Clock clock = Clock.systemUTC();
    private volatile TimeStampRequest lastRequest;
    private volatile Exception lastError;

    private TestTsa() throws IOException {
        pki = TestPki.create("Test TSA Root");
        tsa = pki.issue("Test TSA").keyUsage(KeyUsage.digitalSignature)
                .extendedKeyUsage(true, KeyPurposeId.id_kp_timeStamping).build();
        notTsa = pki.issue("Test Not-A-TSA").keyUsage(KeyUsage.digitalSignature).build();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-tsa");
            t.setDaemon(true);
            return t;
        });
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        executor.execute(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                executor.execute(() -> serve(socket));
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    /** Starts a TSA on an ephemeral loopback port. */
    public static TestTsa start() {
        try {
            return new TestTsa();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test TSA", e);
        }
    }

    /** The URL to post requests to. */
    public URI url() {
        return URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort() + "/tsa");
    }

    /** The root CA that issued the TSA certificate (the anchor to trust it by). */
    public X509Certificate caCertificate() {
        return pki.root().certificate();
    }

    /**
     * A CRL from the TSA's root CA that revokes nothing, for tests that need revocation data for
     * the TSA certificate (e.g. long-term validation material in a signed PDF).
     */
    public java.security.cert.X509CRL crl(Instant thisUpdate, Instant nextUpdate) {
        return TestPki.emptyCrl(pki.root(), thisUpdate, nextUpdate);
    }

    /** The TSA's own certificate. */
    public X509Certificate tsaCertificate() {
        return tsa.certificate();
    }

    /** Sets how the next requests are answered; returns this TSA. */
    public TestTsa behaviour(Behaviour behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    /** Makes the TSA assert this time in its tokens (the system clock by default); returns this TSA. */
    public TestTsa time(Instant time) {
        this.clock = Clock.fixed(time, java.time.ZoneOffset.UTC);
        return this;
    }

    /** How many requests arrived. */
    public int requests() {
        return requests.get();
    }

    /** The last failure of the TSA itself (answered with HTTP 500), for diagnosing tests. */
    public Exception lastError() {
        return lastError;
    }

    /** The last request received, if any. */
    public TimeStampRequest lastRequest() {
        return lastRequest;
    }

    /**
     * A token over {@code digest} (SHA-256), made directly rather than over HTTP: for tests that
     * need a token without a client.
     */
    public byte[] token(byte[] sha256Digest) {
        try {
            TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
            generator.setCertReq(true);
            TimeStampRequest request = generator.generate(NISTObjectIdentifiers.id_sha256, sha256Digest,
                    BigInteger.valueOf(serials.get()));
            return respond(request, Behaviour.NORMAL).getTimeStampToken().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A minimal HTTP/1.1 exchange over one connection (plain sockets rather than jdk.httpserver, so
     * that tests in any module can use this class without extra module flags).
     */
    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(15_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String head = readHead(in);
            int length = 0;
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                    length = Integer.parseInt(line.substring(colon + 1).trim());
                }
            }
            if (!head.startsWith("POST ") || length <= 0 || length > (1 << 16)) {
                send(out, 400, "text/plain", "bad request".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            byte[] body = in.readNBytes(length);
            requests.incrementAndGet();
            handle(body, out);
        } catch (IOException | RuntimeException e) {
            // the client went away: nothing to answer
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > (1 << 14)) {
                throw new IOException("incomplete request head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private void handle(byte[] body, OutputStream out) throws IOException {
        Behaviour current = behaviour;
        if (current == Behaviour.HTTP_500) {
            send(out, 500, "text/plain", "internal error".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        if (current == Behaviour.GARBAGE) {
            byte[] garbage = new byte[64];
            new Random(42).nextBytes(garbage);
            send(out, 200, "application/timestamp-reply", garbage);
            return;
        }
        if (current == Behaviour.SLOW) {
            try {
                closing.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        TimeStampRequest request;
        try {
            request = new TimeStampRequest(body);
        } catch (IOException | RuntimeException e) {
            send(out, 400, "text/plain", "bad request".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        lastRequest = request;
        byte[] answer;
        try {
            answer = respond(request, current).getEncoded();
        } catch (Exception e) {
            lastError = e;
            send(out, 500, "text/plain", e.toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(out, 200, "application/timestamp-reply", answer);
    }

    private static void send(OutputStream out, int status, String type, byte[] body) throws IOException {
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : status == 400 ? " Bad Request" : " Internal Server Error")
                + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private TimeStampResponse respond(TimeStampRequest request, Behaviour current) throws Exception {
        TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokenGenerator(), TSPAlgorithms.ALLOWED);
        BigInteger serial = BigInteger.valueOf(serials.incrementAndGet());
        Date now = Date.from(clock.instant());
        switch (current) {
            case REJECTION:
                return responses.generateFailResponse(PKIStatus.REJECTION, PKIFailureInfo.badAlg, "test rejection");
            case WRONG_NONCE:
                return responses.generate(copy(request, request.getMessageImprintDigest(),
                        request.getNonce().add(BigInteger.ONE), true), serial, now);
            case WRONG_IMPRINT:
                byte[] other = MessageDigest.getInstance("SHA-256").digest("something else".getBytes(StandardCharsets.US_ASCII));
                return responses.generate(copy(request, other, request.getNonce(), true), serial, now);
            case WRONG_POLICY:
                TimeStampRequestGenerator plain = new TimeStampRequestGenerator();
                plain.setCertReq(true);
                return responses.generate(plain.generate(request.getMessageImprintAlgOID(),
                        request.getMessageImprintDigest(), request.getNonce()), serial, now);
            case NO_CERTIFICATE:
                return responses.generate(copy(request, request.getMessageImprintDigest(), request.getNonce(), false),
                        serial, now);
            case WRONG_KEY_USAGE:
                return resign(responses.generate(request, serial, now), notTsa, false);
            case BAD_SIGNATURE:
                return resign(responses.generate(request, serial, now), tsa, true);
            default:
                return responses.generate(request, serial, now);
        }
    }

    private TimeStampTokenGenerator tokenGenerator() throws Exception {
        SignerInfoGenerator signer = new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(TestPki.signer(tsa.keyPair()), tsa.certificate());
        DigestCalculator sha256 = new JcaDigestCalculatorProviderBuilder().build()
                .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
        TimeStampTokenGenerator generator = new TimeStampTokenGenerator(signer, sha256, new ASN1ObjectIdentifier(POLICY));
        generator.addCertificates(new JcaCertStore(List.of(tsa.certificate())));
        generator.setAccuracySeconds(1);
        generator.setTSA(new GeneralName(X500Name.getInstance(tsa.certificate().getSubjectX500Principal().getEncoded())));
        return generator;
    }

    private static TimeStampRequest copy(TimeStampRequest request, byte[] imprint, BigInteger nonce, boolean certReq) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(certReq);
        if (request.getReqPolicy() != null) {
            generator.setReqPolicy(request.getReqPolicy());
        }
        return generator.generate(request.getMessageImprintAlgOID(), imprint, nonce);
    }

    /**
     * Re-signs a granted response's TSTInfo: with {@code by}'s key and certificate, or (when
     * {@code corrupt}) keeps the signature but flips a bit of it.
     */
    private static TimeStampResponse resign(TimeStampResponse granted, TestPki.Credential by, boolean corrupt)
            throws Exception {
        TimeStampToken token = granted.getTimeStampToken();
        CMSSignedData signed = token.toCMSSignedData();
        ContentInfo contentInfo;
        if (corrupt) {
            SignedData sd = SignedData.getInstance(signed.toASN1Structure().getContent());
            SignerInfo si = SignerInfo.getInstance(sd.getSignerInfos().getObjectAt(0));
            byte[] value = si.getEncryptedDigest().getOctets();
            value[value.length / 2] ^= 0x01;
            SignerInfo altered = new SignerInfo(si.getSID(), si.getDigestAlgorithm(), si.getAuthenticatedAttributes(),
                    si.getDigestEncryptionAlgorithm(), new DEROctetString(value), si.getUnauthenticatedAttributes());
            SignedData alteredData = new SignedData(sd.getDigestAlgorithms(), sd.getEncapContentInfo(),
                    sd.getCertificates(), sd.getCRLs(), new DERSet(altered));
            contentInfo = new ContentInfo(CMSObjectIdentifiers.signedData, alteredData);
        } else {
            byte[] tstInfo = (byte[]) signed.getSignedContent().getContent();
            byte[] certHash = MessageDigest.getInstance("SHA-256").digest(by.certificate().getEncoded());
            AttributeTable attributes = new AttributeTable(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {new ESSCertIDv2(certHash)}))))
                    .add(org.bouncycastle.asn1.cms.CMSAttributes.signingTime,
                            new org.bouncycastle.asn1.cms.Time(token.getTimeStampInfo().getGenTime()));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(attributes))
                    .build(TestPki.signer(by.keyPair()), by.certificate()));
            generator.addCertificate(new JcaX509CertificateHolder(by.certificate()));
            contentInfo = generator.generate(new CMSProcessableByteArray(PKCSObjectIdentifiers.id_ct_TSTInfo, tstInfo), true)
                    .toASN1Structure();
        }
        TimeStampResp resp = new TimeStampResp(new PKIStatusInfo(PKIStatus.granted), contentInfo);
        return new TimeStampResponse(resp.getEncoded(ASN1Encoding.DER));
    }

    /** Stops the server and releases any request held by {@link Behaviour#SLOW}. */
    @Override
    public void close() {
        closing.countDown();
        try {
            server.close();
        } catch (IOException e) {
            // closing a listening socket does not fail in practice
        }
        executor.shutdownNow();
    }
}
