package dev.palimpsest.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.TimestampClient;
import dev.palimpsest.core.sign.TimestampException;
import dev.palimpsest.core.sign.TimestampToken;
import dev.palimpsest.core.sign.TrustPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's time-stamping authority, through our own RFC 3161 client and trust policy. */
class DemoTsaTest {

    @Test
    void itsTimestampsVerifyAndAreTrustedWithItsCertificateAsAnchor() throws Exception {
        byte[] data = "the demo's manifest".getBytes(StandardCharsets.UTF_8);
        try (DemoTsa tsa = DemoTsa.start()) {
            assertThat(tsa.url().getHost()).isEqualTo("127.0.0.1");
            TimestampToken token = TimestampClient.builder(tsa.url()).policy(DemoTsa.POLICY).build().timestamp(data);
            token.verify(data);
            assertThat(token.policy()).isEqualTo(DemoTsa.POLICY);
            assertThat(token.time()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
            assertThat(token.tsaCertificate()).contains(tsa.certificate());

            assertThat(TrustPolicy.builder().anchor(tsa.certificate()).build().evaluateTimestamp(token).trusted()).isTrue();
            assertThat(TrustPolicy.none().evaluateTimestamp(token).trusted()).isFalse();
            assertThatThrownBy(() -> token.verify("other bytes".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(TimestampException.class);
        }
    }

    @Test
    void itsCertificateSaysWhatItIsAndIsForTimeStampingOnly() throws Exception {
        try (DemoTsa tsa = DemoTsa.start()) {
            X509Certificate cert = tsa.certificate();
            assertThat(Certificates.subject(cert)).isEqualTo("CN=Palimpsest demo TSA (not for real use)");
            assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
            assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.37");
            assertThat(cert.getBasicConstraints()).isEqualTo(-1);
            cert.verify(cert.getPublicKey());
        }
    }

    @Test
    void anotherStartHasAnotherKey() throws Exception {
        try (DemoTsa a = DemoTsa.start(); DemoTsa b = DemoTsa.start()) {
            assertThat(a.certificate().getPublicKey()).isNotEqualTo(b.certificate().getPublicKey());
            assertThat(a.url()).isNotEqualTo(b.url());
        }
    }

    @Test
    void answersOnlyPostedTimestampRequests() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (DemoTsa tsa = DemoTsa.start()) {
            HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(tsa.url()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(get.statusCode()).isEqualTo(405);
            HttpResponse<byte[]> garbage = http.send(HttpRequest.newBuilder(tsa.url())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x30, 0x03, 1, 2, 3})).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(garbage.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void afterCloseNothingAnswers() throws Exception {
        URI url;
        try (DemoTsa tsa = DemoTsa.start()) {
            url = tsa.url();
        }
        assertThatThrownBy(() -> TimestampClient.of(url).timestamp(new byte[] {1}))
                .isInstanceOfSatisfying(TimestampException.class,
                        e -> assertThat(e.reason()).isEqualTo(TimestampException.Reason.NETWORK));
    }

    @Test
    void theDefaultFolderIsTheFirstFreeName(@TempDir Path parent) throws Exception {
        assertThat(Demo.createDefaultFolder(parent)).isEqualTo(parent.resolve("palimpsest-demo-1")).isEmptyDirectory();
        assertThat(Demo.createDefaultFolder(parent)).isEqualTo(parent.resolve("palimpsest-demo-2"));
        Files.writeString(parent.resolve("palimpsest-demo-3"), "a file, not a folder");
        assertThat(Demo.createDefaultFolder(parent)).isEqualTo(parent.resolve("palimpsest-demo-4"));
        assertThat(Files.readString(parent.resolve("palimpsest-demo-3"))).isEqualTo("a file, not a folder");
    }

    @Test
    void runRefusesAFolderThatIsNotEmpty(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve("x"), "x");
        assertThatThrownBy(() -> Demo.run(out, new java.io.PrintWriter(java.io.Writer.nullWriter())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not empty");
        assertThat(List.of(out.toFile().list())).containsExactly("x");
    }
}
