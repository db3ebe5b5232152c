package dev.palimpsest.pdf.apitests;

import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.core.testing.TestTsa;
import dev.palimpsest.pdf.PadesLevel;
import dev.palimpsest.pdf.PadesSigner;
import dev.palimpsest.core.sign.TimestampClient;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A test CA with a signer (EC P-256) and CRLs, and a TSA on loopback with a CRL for its
 * certificate: everything a B-LTA signature needs, offline. The signing clock is fixed a little
 * before the TSA's time, which is fixed too.
 */
final class SigningFixtures implements AutoCloseable {
    static final Instant SIGNING_TIME = Instant.parse("2026-11-28T12:00:00Z");
    static final Instant TSA_TIME = SIGNING_TIME.plusSeconds(5);

    final TestPki pki = TestPki.create("Palimpsest Test CA");
    final TestPki.Credential signer = pki.issue("Jane Archivist").build();
    final TestTsa tsa = TestTsa.start().time(TSA_TIME);
    final Clock clock = Clock.fixed(SIGNING_TIME, ZoneOffset.UTC);

    /**
     * The CRLs of the signer's CA and the TSA's CA, issued just after signing; made once, since
     * each new CRL has a new (ECDSA) signature.
     */
    final List<X509CRL> crls = List.of(
            TestPki.emptyCrl(pki.root(), TSA_TIME.plusSeconds(60), TSA_TIME.plus(Duration.ofDays(3650))),
            tsa.crl(TSA_TIME.plusSeconds(60), TSA_TIME.plus(Duration.ofDays(3650))));

    List<X509CRL> crls() {
        return crls;
    }

    TimestampClient timestampClient() {
        return TimestampClient.of(tsa.url());
    }

    /** A signer at {@code level} with the TSA and CRLs it needs. */
    PadesSigner.Builder signer(PadesLevel level) {
        PadesSigner.Builder b = PadesSigner.builder(signer.identity()).level(level).clock(clock);
        if (level.needsTimestamps()) {
            b.timestampClient(timestampClient());
        }
        if (level.needsValidationData()) {
            b.crls(crls());
        }
        return b;
    }

    @Override
    public void close() {
        tsa.close();
    }
}
