package dev.palimpsest.examples.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * The demo's RFC 3161 time-stamping authority: an HTTP server on 127.0.0.1 (an ephemeral port)
 * that answers timestamp requests with tokens signed by a key it generates when it starts.
 *
 * <p>It exists so that {@code palimpsest demo} can show timestamped signatures without the
 * network. Its self-signed certificate says so in its subject ({@value #SUBJECT}); nothing it
 * signs means more than "this process saw these bytes at this time". The key lives only in
 * memory and dies with the server.
 */
final class DemoTsa implements AutoCloseable {
    /** The subject of the demo TSA's certificate. */
    static final String SUBJECT = "CN=Palimpsest demo TSA (not for real use)";

    /**
     * The policy of every token: an OID under the UUID arc 2.25 (ITU-T X.667), which needs no
     * registration, so the demo claims no one else's policy.
     */
    static final String POLICY = "2.25.190278434722018846937393470411870584211";

    private static final int MAX_REQUEST_BYTES = 16 * 1024;
    private static final String PATH = "/tsa";

    private final HttpServer server;
    private final ExecutorService executor;
    private final KeyPair keyPair;
    private final X509Certificate certificate;
    private final AtomicLong serials = new AtomicLong();

    private DemoTsa(HttpServer server, ExecutorService executor, KeyPair keyPair, X509Certificate certificate) {
        this.server = server;
        this.executor = executor;
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /**
     * Generates the TSA's key and certificate and starts serving on loopback.
     *
     * @throws IOException if no loopback port can be bound
     */
    static DemoTsa start() throws IOException {
        KeyPair keyPair = newKeyPair();
        X509Certificate certificate = selfSignedCertificate(keyPair);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "palimpsest-demo-tsa");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        DemoTsa tsa = new DemoTsa(server, executor, keyPair, certificate);
        server.createContext(PATH, tsa::handle);
        server.start();
        return tsa;
    }

    /** Where to post requests, e.g. {@code http://127.0.0.1:40123/tsa}. */
    URI url() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + PATH);
    }

    /** The TSA's self-signed certificate: the trust anchor for its timestamps. */
    X509Certificate certificate() {
        return certificate;
    }

    /** Stops the server; requests in progress get no answer. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_REQUEST_BYTES + 1);
            }
            if (body.length == 0 || body.length > MAX_REQUEST_BYTES) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            byte[] answer;
            try {
                answer = respond(new TimeStampRequest(body));
            } catch (IOException | IllegalArgumentException | TSPException e) {
                // Not a timestamp request (or one for an algorithm we do not know): RFC 3161 wants
                // a rejection inside a response, but for the demo's own client a 400 says as much.
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private byte[] respond(TimeStampRequest request) throws TSPException, IOException {
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate());
            SignerInfoGenerator signerInfo = new JcaSignerInfoGeneratorBuilder(digests).build(signer, certificate);
            // The ESS signing-certificate-v2 attribute is made with this calculator (SHA-256).
            DigestCalculator sha256 = digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(signerInfo, sha256,
                    new ASN1ObjectIdentifier(POLICY));
            tokens.addCertificates(new JcaCertStore(List.of(certificate)));
            tokens.setAccuracySeconds(1);
            tokens.setTSA(new GeneralName(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())));
            TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
            TimeStampResponse response = responses.generate(request, BigInteger.valueOf(serials.incrementAndGet()),
                    new Date());
            return response.getEncoded();
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("the demo TSA cannot sign: " + e.getMessage(), e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate ECDSA P-256 keys", e);
        }
    }

    /**
     * A self-signed certificate valid from yesterday for five years (the key dies with the process
     * anyway), marked for time stamping only:
     * RFC 3161 section 2.3 requires the extended key usage id-kp-timeStamping, critical, as the
     * sole purpose, and {@code TimestampClient} and {@code openssl ts -verify} both insist on it.
     */
    private static X509Certificate selfSignedCertificate(KeyPair keyPair) {
        try {
            Instant now = Instant.now();
            X500Name subject = new X500Name(SUBJECT);
            BigInteger serial = new BigInteger(64, new SecureRandom()).setBit(63);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(5 * 365))), subject,
                    keyPair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate());
            X509CertificateHolder holder = builder.build(signer);
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException | GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the demo TSA certificate: " + e.getMessage(), e);
        }
    }
}
