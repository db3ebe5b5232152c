package dev.palimpsest.pdf.internal.pades;

import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.TimestampClient;
import dev.palimpsest.pdf.PadesLevel;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * What a {@link PadesWriter} needs, checked by {@code PadesSigner.Builder}: a CMS signer without
 * signing-time (with the TSA from B-T on), the signer's chain, the level, the TSA (null for B-B),
 * the CRLs to draw validation data from, whether to certify, and the clock.
 */
public record PadesPlan(CmsSigner signer, List<X509Certificate> chain, PadesLevel level,
        TimestampClient timestampClient, List<X509CRL> crls, boolean certify, Clock clock) {
}
