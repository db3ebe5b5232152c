package dev.palimpsest.pdf.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.sign.CmsVerifier;
import dev.palimpsest.core.sign.SignatureVerification;
import dev.palimpsest.core.sign.TimestampClient;
import dev.palimpsest.core.sign.TimestampToken;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.pdf.PadesLevel;
import dev.palimpsest.pdf.PadesSigner;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TSA whose tokens carry 61 certificates (over 25 KiB, more than the room reserved for a token
 * in {@code /Contents}): the signature and the document timestamp revisions are prepared again
 * with the size they need, and the result is sound.
 */
class LargeTokenTest {
    @TempDir
    Path dir;

    @Test
    void tokensLargerThanTheReservedRoomStillFit() throws Exception {
        TestPki pki = TestPki.create("Large Token CA");
        TestPki.Credential tsaCredential = pki.issue("Verbose TSA").keyUsage(KeyUsage.digitalSignature)
                .extendedKeyUsage(true, KeyPurposeId.id_kp_timeStamping).build();
        List<X509Certificate> certificates = new ArrayList<>(List.of(tsaCredential.certificate()));
        for (int i = 0; i < 60; i++) {
            certificates.add(pki.issue("Padding certificate " + i).build().certificate());
        }
        AtomicInteger requests = new AtomicInteger();
        // A minimal HTTP/1.1 TSA on loopback, one request per connection (plain sockets: the test
        // runs in the module, which does not read jdk.httpserver).
        ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread serving = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.setSoTimeout(15_000);
                    InputStream in = socket.getInputStream();
                    String head = readHead(in);
                    int length = 0;
                    for (String line : head.split("\r\n")) {
                        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(15).strip());
                        }
                    }
                    requests.incrementAndGet();
                    TimeStampRequest request = new TimeStampRequest(in.readNBytes(length));
                    TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                            new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                                    .build(TestPki.signer(tsaCredential.keyPair()), tsaCredential.certificate()),
                            new JcaDigestCalculatorProviderBuilder().build()
                                    .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                            new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.3161.2"));
                    tokens.addCertificates(new JcaCertStore(certificates));
                    byte[] answer = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
                            .generate(request, BigInteger.valueOf(requests.get()), Date.from(SigningFixtures.TSA_TIME))
                            .getEncoded();
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\nContent-Length: "
                            + answer.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(answer);
                    out.flush();
                } catch (Exception e) {
                    // closed, or a client that went away: the client's own error tells the test
                }
            }
        }, "large-token-tsa");
        serving.setDaemon(true);
        serving.start();
        try (SigningFixtures fixtures = new SigningFixtures()) {
            URI url = URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort() + "/tsa");
            PadesSigner signer = PadesSigner.builder(fixtures.signer.identity()).level(PadesLevel.B_LTA)
                    .clock(fixtures.clock).timestampClient(TimestampClient.of(url))
                    .crls(List.of(TestPki.emptyCrl(fixtures.pki.root(), SigningFixtures.TSA_TIME, SigningFixtures.TSA_TIME
                            .plus(Duration.ofDays(30))), TestPki.emptyCrl(pki.root(), SigningFixtures.TSA_TIME,
                            SigningFixtures.TSA_TIME.plus(Duration.ofDays(30)))))
                    .build();
            Path unsigned = dir.resolve("unsigned.pdf");
            Fixtures.sample().build(unsigned);
            Path out = dir.resolve("large-tokens.pdf");
            signer.sign(unsigned, out);

            byte[] pdf = Files.readAllBytes(out);
            List<SignedPdfs.Signature> signatures = SignedPdfs.signatures(pdf);
            assertThat(signatures).hasSize(2);
            SignedPdfs.Signature sig = signatures.get(0);
            assertThat(sig.contents().length).isGreaterThan(20 * 1024);
            assertThat(SignedPdfs.zeroPadded(sig)).isTrue();
            SignatureVerification v = CmsVerifier.of(TrustPolicy.builder().anchor(fixtures.pki.root().certificate())
                    .anchor(pki.root().certificate()).build()).verifyDigest(sig.contents(), sig.digest(DigestAlgorithm.SHA256, pdf));
            assertThat(v.isTrusted()).as(v.toString()).isTrue();
            SignedPdfs.Signature ts = signatures.get(1);
            assertThat(ts.contents().length).isGreaterThan(20 * 1024);
            TimestampToken.parse(ts.contents()).verifyDigest(ts.digest(DigestAlgorithm.SHA256, pdf));
            // Each revision was prepared twice: the signature timestamp and the document timestamp
            // were each asked for again once the needed size was known.
            assertThat(requests.get()).isEqualTo(4);
        } finally {
            server.close();
        }
    }

    private static String readHead(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.length() > 16_384) {
                throw new java.io.IOException("incomplete request head");
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
