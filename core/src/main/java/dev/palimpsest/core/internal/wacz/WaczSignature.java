package dev.palimpsest.core.internal.wacz;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.sign.Certs;
import dev.palimpsest.core.internal.sign.KeyFiles;
import dev.palimpsest.core.internal.sign.TspSupport;
import dev.palimpsest.core.internal.wacz.DigestFile.SignedData;
import dev.palimpsest.core.sign.TimestampException;
import dev.palimpsest.core.sign.TimestampToken;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.sign.TrustResult;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.SignatureKind;
import dev.palimpsest.core.verify.SignatureResult;
import dev.palimpsest.core.verify.TimestampInfo;
import dev.palimpsest.core.verify.VerificationReport;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Checks the signature of a WACZ ({@code signedData} in {@code datapackage-digest.json}) as the
 * WACZ signing and verification specification 0.1.0 describes, with the time windows of its
 * reference implementation (webrecorder authsign).
 *
 * <p>Both kinds sign the ASCII text of {@code hash} ({@code sha256:<hex>}) with ECDSA and
 * SHA-256, as DER or as the 64-byte {@code r||s} of WebCrypto:
 * <ul>
 *   <li>anonymous: verified with the embedded {@code publicKey} (Base64 SubjectPublicKeyInfo);
 *       trusted only when the SHA-256 of that SubjectPublicKeyInfo is a pinned fingerprint;
 *   <li>domain identity: verified with the first certificate of {@code domainCert}, whose names
 *       must include {@code domain}; {@code created} no earlier than that certificate's start of
 *       validity and at most {@link #CERTIFICATE_WINDOW} after it; {@code timeSignature} an
 *       RFC 3161 timestamp, by the first certificate of {@code timestampCert}, over the ASCII text
 *       of {@code signature}; the timestamp's time no earlier than {@code created} (to the second)
 *       and at most {@link #TIMESTAMP_WINDOW} after it. Both chains are judged by the trust policy
 *       at the timestamp's time when the timestamp authority is trusted (the domain certificates
 *       live 90 days), otherwise now.
 * </ul>
 */
final class WaczSignature {
    /** How long after its start of validity a domain certificate may sign (authsign: 7 days). */
    static final Duration CERTIFICATE_WINDOW = Duration.ofDays(7);
    /** How long after {@code created} the timestamp may be (the specification: 10 minutes). */
    static final Duration TIMESTAMP_WINDOW = Duration.ofMinutes(10);

    private static final String PATH = DigestFile.PATH;
    private static final String CERT_BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String CERT_END = "-----END CERTIFICATE-----";

    private final SignedData data;
    private final DigestValue packageDigest;
    private final String packageCreated;
    private final TrustPolicy policy;
    private final VerificationReport.Builder report;
    private final SignatureResult.Builder result = SignatureResult.builder(SignatureKind.WACZ);
    private boolean valid = true;

    private WaczSignature(SignedData data, DigestValue packageDigest, String packageCreated, TrustPolicy policy,
            VerificationReport.Builder report) {
        this.data = data;
        this.packageDigest = packageDigest;
        this.packageCreated = packageCreated;
        this.policy = policy;
        this.report = report;
    }

    /**
     * Checks {@code data} against the SHA-256 of {@code datapackage.json} and its {@code created}
     * (null when absent), reports every problem and adds the signature to the report.
     */
    static void check(SignedData data, DigestValue packageDigest, String packageCreated, TrustPolicy policy,
            VerificationReport.Builder report) {
        WaczSignature check = new WaczSignature(data, packageDigest, packageCreated, policy, report);
        report.signature(check.run());
    }

    private SignatureResult run() {
        byte[] message = coveredHash();
        Instant created = created();
        byte[] signature = base64("signature", data.signature());
        boolean anonymous = data.publicKey() != null;
        boolean domain = data.domain() != null || data.domainCert() != null;
        boolean trusted;
        if (anonymous && domain) {
            fail(ProblemCode.SIGNATURE_MALFORMED, "signedData has both a publicKey (anonymous signature) and a"
                    + " domain certificate (domain-identity signature); a WACZ signature is one or the other");
            trusted = false;
        } else if (anonymous) {
            trusted = anonymous(message, signature, created);
        } else if (domain) {
            trusted = domainIdentity(message, signature, created);
        } else {
            fail(ProblemCode.SIGNATURE_MALFORMED, "signedData has neither a publicKey (anonymous signature) nor a"
                    + " domain and domainCert (domain-identity signature)");
            trusted = false;
        }
        return result.valid(valid).trusted(trusted).build();
    }

    /** The ASCII text that was signed, after checking it names the digest of this datapackage.json. */
    private byte[] coveredHash() {
        String hash = data.hash();
        if (hash == null) {
            fail(ProblemCode.SIGNATURE_MALFORMED, "signedData has no \"hash\", the text the signature covers");
            return null;
        }
        DigestValue signed;
        try {
            signed = DigestValue.parseLabelled(hash);
        } catch (IllegalArgumentException e) {
            fail(ProblemCode.SIGNATURE_MALFORMED, "signedData \"hash\" is malformed: " + e.getMessage());
            return hash.getBytes(StandardCharsets.UTF_8);
        }
        if (!signed.equals(packageDigest)) {
            valid = false;
            report.problem(Problem.builder(ProblemCode.WACZ_DATAPACKAGE_DIGEST_MISMATCH).path(DataPackage.PATH)
                    .message("the signature covers " + signed.labelledHex() + ", which is not the digest of "
                            + DataPackage.PATH + ": the signature is not over this package")
                    .expected(signed.labelledHex()).actual(packageDigest.labelledHex()).build());
        }
        return hash.getBytes(StandardCharsets.UTF_8);
    }

    private Instant created() {
        String text = data.created();
        Instant created = null;
        if (text != null) {
            created = parseTime(text);
            if (created == null) {
                fail(ProblemCode.SIGNATURE_MALFORMED, "signedData \"created\" is not a date and time: '"
                        + WaczPaths.printable(text) + "'");
            } else {
                result.signingTime(created);
            }
        }
        boolean same = text == null ? packageCreated == null
                : packageCreated != null && (text.equals(packageCreated)
                        || (created != null && created.equals(parseTime(packageCreated))));
        if (!same) {
            valid = false;
            report.problem(Problem.builder(ProblemCode.WACZ_SIGNATURE_CREATED_MISMATCH).path(PATH)
                    .message("the signature was created at " + describe(text) + " but " + DataPackage.PATH
                            + " says it was created at " + describe(packageCreated)
                            + "; the two are written together and must agree")
                    .expected(packageCreated).actual(text).build());
        }
        return created;
    }

    private boolean anonymous(byte[] message, byte[] signature, Instant created) {
        byte[] spki = base64("publicKey", data.publicKey());
        PublicKey key = null;
        if (spki != null) {
            try {
                key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException | RuntimeException e) {
                fail(ProblemCode.SIGNATURE_MALFORMED, "signedData \"publicKey\" is not a Base64 ECDSA public key"
                        + " (SubjectPublicKeyInfo): " + KeyFiles.safeMessage(e));
            }
        }
        DigestValue keyHash = null;
        if (key != null) {
            keyHash = DigestValue.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(spki));
            result.signer("anonymous " + describeKey(key) + " key").certificateSha256(keyHash.hex());
            if (message != null && signature != null && !verifies(key, message, signature)) {
                fail(ProblemCode.SIGNATURE_INVALID, "the signature does not verify with the public key the WACZ"
                        + " carries: the package or its signature was altered, or another key signed it");
            }
        }
        if (data.timeSignature() != null) {
            timestamp(created, null);
        }
        if (!valid || keyHash == null) {
            return false;
        }
        if (policy.pinnedFingerprints().contains(keyHash)) {
            return true;
        }
        report.problem(Problem.builder(ProblemCode.SIGNER_UNTRUSTED).path(PATH)
                .message("the anonymous signature verifies with the public key the WACZ carries, but anyone can make"
                        + " such a key; it is trusted only when that key is pinned by the SHA-256 of its"
                        + " SubjectPublicKeyInfo (--trust-fingerprint " + keyHash.hex() + ")")
                .actual(keyHash.hex()).build());
        return false;
    }

    private boolean domainIdentity(byte[] message, byte[] signature, Instant created) {
        List<X509Certificate> chain = certificates("domainCert", data.domainCert());
        X509Certificate leaf = chain.isEmpty() ? null : chain.get(0);
        if (leaf != null) {
            result.signer(Certs.subject(leaf)).certificateSha256(Certs.sha256(leaf).hex());
            if (!(leaf.getPublicKey() instanceof ECPublicKey)) {
                fail(ProblemCode.SIGNATURE_INVALID, "the domain certificate of " + Certs.subject(leaf) + " has a "
                        + leaf.getPublicKey().getAlgorithm() + " key; WACZ signatures are ECDSA");
            } else if (message != null && signature != null && !verifies(leaf.getPublicKey(), message, signature)) {
                fail(ProblemCode.SIGNATURE_INVALID, "the signature does not verify with the key of the domain"
                        + " certificate " + Certs.subject(leaf) + ": the package or its signature was altered,"
                        + " or another key signed it");
            }
            checkDomain(leaf);
            if (created == null && data.created() == null) {
                fail(ProblemCode.SIGNATURE_MALFORMED, "signedData has no \"created\" time, which a domain-identity"
                        + " signature must have");
            } else if (created != null) {
                checkCertificateWindow(leaf, created);
            }
        }
        Optional<Timestamp> timestamp;
        if (data.timeSignature() == null) {
            fail(ProblemCode.SIGNATURE_MALFORMED, "signedData has no \"timeSignature\", the RFC 3161 timestamp that a"
                    + " domain-identity signature must have");
            timestamp = Optional.empty();
        } else {
            timestamp = timestamp(created, leaf);
        }
        if (!valid || leaf == null) {
            return false;
        }
        boolean timeTrusted = timestamp.isPresent() && timestamp.get().trusted();
        Instant at = timeTrusted ? timestamp.get().time() : policy.clock().instant();
        TrustResult trust = policy.evaluate(leaf, chain.subList(1, chain.size()), at);
        boolean domainTrusted = trust.trusted();
        if (!domainTrusted && data.crossSignedCert() != null) {
            domainTrusted = crossSigned(leaf, at);
        }
        if (!domainTrusted) {
            untrusted(trust, chain, "the domain certificate " + Certs.subject(leaf), timeTrusted
                    ? "judged at the timestamp's time " + at
                    : "judged now (" + at + "), since no trusted timestamp proves an earlier time", false);
        }
        return domainTrusted && timeTrusted;
    }

    private void checkDomain(X509Certificate leaf) {
        String domain = data.domain();
        List<String> names = names(leaf);
        if (domain == null) {
            fail(ProblemCode.SIGNATURE_MALFORMED, "signedData has a domainCert but no \"domain\"");
            return;
        }
        String wanted = stripDot(domain).toLowerCase(Locale.ROOT);
        if (names.stream().noneMatch(n -> stripDot(n).toLowerCase(Locale.ROOT).equals(wanted))) {
            valid = false;
            report.problem(Problem.builder(ProblemCode.WACZ_DOMAIN_MISMATCH).path(PATH)
                    .message("the signature names the domain '" + WaczPaths.printable(domain)
                            + "', but its certificate is for " + (names.isEmpty() ? "no domain name" : String.join(", ", names)))
                    .expected(WaczPaths.printable(domain)).actual(String.join(", ", names)).build());
        }
    }

    private void checkCertificateWindow(X509Certificate leaf, Instant created) {
        Instant notBefore = leaf.getNotBefore().toInstant();
        if (created.isBefore(notBefore) || created.isAfter(notBefore.plus(CERTIFICATE_WINDOW))) {
            valid = false;
            report.problem(Problem.builder(ProblemCode.WACZ_CERTIFICATE_WINDOW).path(PATH)
                    .message("the signature was created at " + created + ", but the domain certificate "
                            + Certs.subject(leaf) + " is valid from " + notBefore + "; a WACZ domain signature is made"
                            + " with a certificate issued for it, within " + CERTIFICATE_WINDOW.toDays()
                            + " days after the start of its validity")
                    .expected(notBefore + " to " + notBefore.plus(CERTIFICATE_WINDOW)).actual(created.toString()).build());
        }
    }

    private boolean crossSigned(X509Certificate leaf, Instant at) {
        List<X509Certificate> chain = certificates("crossSignedCert", data.crossSignedCert());
        if (chain.isEmpty()) {
            return false;
        }
        if (!chain.get(0).getPublicKey().equals(leaf.getPublicKey())) {
            fail(ProblemCode.SIGNATURE_INVALID, "the crossSignedCert " + Certs.subject(chain.get(0))
                    + " has another key than the domain certificate, so it does not vouch for the signature");
            return false;
        }
        return policy.evaluate(chain.get(0), chain.subList(1, chain.size()), at).trusted();
    }

    /** A verified timestamp: its time and whether its authority is trusted at that time. */
    private record Timestamp(Instant time, boolean trusted) {
    }

    /** Checks {@code timeSignature}; empty when it is not a valid timestamp over the signature. */
    private Optional<Timestamp> timestamp(Instant created, X509Certificate leaf) {
        byte[] encoded = base64("timeSignature", data.timeSignature());
        if (encoded == null) {
            return Optional.empty();
        }
        TimeStampToken token;
        TimestampToken parsed;
        try {
            token = tokenOf(encoded);
            parsed = TimestampToken.parse(token.getEncoded());
        } catch (Exception e) {
            fail(ProblemCode.TIMESTAMP_INVALID, "signedData \"timeSignature\" is not an RFC 3161 timestamp response"
                    + " or token: " + KeyFiles.safeMessage(e));
            return Optional.empty();
        }
        List<X509Certificate> tsaChain = data.timestampCert() == null ? List.of()
                : certificates("timestampCert", data.timestampCert());
        Instant time = parsed.time();
        String tsaName = parsed.tsaName().orElse(tsaChain.isEmpty() ? "unknown TSA" : Certs.subject(tsaChain.get(0)));
        boolean tokenValid = !tsaChain.isEmpty();
        if (data.timestampCert() == null) {
            fail(ProblemCode.SIGNATURE_MALFORMED, "signedData has a timeSignature but no \"timestampCert\"");
        }
        if (data.signature() != null) {
            DigestAlgorithm algorithm = parsed.imprint().algorithm();
            DigestValue covered = DigestValue.of(algorithm,
                    algorithm.newMessageDigest().digest(data.signature().getBytes(StandardCharsets.US_ASCII)));
            if (!parsed.imprint().equals(covered)) {
                tokenValid = false;
                report.problem(Problem.builder(ProblemCode.TIMESTAMP_INVALID).path(PATH)
                        .message("the timestamp covers other data than the signature: its imprint is not the "
                                + algorithm.label() + " of the signature text")
                        .expected(covered.labelledHex()).actual(parsed.imprint().labelledHex()).build());
            }
        }
        X509Certificate tsa = null;
        if (!tsaChain.isEmpty()) {
            try {
                // the specification: the token is verified with the first certificate of timestampCert
                tsa = TspSupport.verifySignature(token, List.of(tsaChain.get(0)));
                if (!parsed.imprint().algorithm().isIntegrityGrade()) {
                    throw new TimestampException(TimestampException.Reason.UNSUPPORTED_ALGORITHM, "the token's"
                            + " imprint uses " + parsed.imprint().algorithm().label() + ", which is not accepted", null);
                }
            } catch (TimestampException e) {
                tokenValid = false;
                report.problem(ProblemCode.TIMESTAMP_INVALID, PATH, "the timestamp does not verify with the first"
                        + " certificate of timestampCert (" + Certs.subject(tsaChain.get(0)) + "): " + e.getMessage());
            }
        }
        result.timestamp(TimestampInfo.of(time, tsaName, tokenValid));
        if (!tokenValid) {
            valid = false;
            return Optional.empty();
        }
        if (created != null) {
            Instant from = created.truncatedTo(ChronoUnit.SECONDS);
            if (time.isBefore(from) || time.isAfter(from.plus(TIMESTAMP_WINDOW))) {
                valid = false;
                report.problem(Problem.builder(ProblemCode.WACZ_TIMESTAMP_WINDOW).path(PATH)
                        .message("the timestamp's time " + time + " is not within " + TIMESTAMP_WINDOW.toMinutes()
                                + " minutes after the signature's created time " + created
                                + ": the signature may not have been made when it says")
                        .expected(from + " to " + from.plus(TIMESTAMP_WINDOW)).actual(time.toString()).build());
            }
        }
        List<X509Certificate> others = new ArrayList<>(tsaChain.subList(1, tsaChain.size()));
        others.addAll(parsed.certificates());
        TrustResult trust = policy.evaluate(tsa, others, time);
        if (!trust.trusted()) {
            untrusted(trust, tsaChain, "the timestamp authority " + Certs.subject(tsa), "judged at the timestamp's time "
                    + time, true);
        }
        return Optional.of(new Timestamp(time, trust.trusted()));
    }

    /** The token of an RFC 3161 response (as authsign stores it) or a bare token. */
    private static TimeStampToken tokenOf(byte[] encoded) throws Exception {
        try {
            TimeStampResponse response = new TimeStampResponse(encoded);
            TimeStampToken token = response.getTimeStampToken();
            if (token == null) {
                throw new IllegalArgumentException("the response has status " + response.getStatus()
                        + " and carries no token" + (response.getStatusString() == null ? "" : ": "
                                + response.getStatusString()));
            }
            return token;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception notAResponse) {
            return new TimeStampToken(ContentInfo.getInstance(encoded));
        }
    }

    private void untrusted(TrustResult trust, List<X509Certificate> chain, String who, String when, boolean tsa) {
        if (trust.reason().orElse(null) == TrustResult.Reason.REVOKED) {
            valid = false;
            report.problem(ProblemCode.CERTIFICATE_REVOKED, PATH, who + " is revoked: " + trust.explanation());
            return;
        }
        String why;
        if (policy.isEmpty()) {
            why = "no trust anchor or pinned fingerprint was given (--trust, --trust-fingerprint)";
        } else if (trust.reason().orElse(null) == TrustResult.Reason.NO_TRUST_ANCHOR && !chain.isEmpty()) {
            X509Certificate root = chain.get(chain.size() - 1);
            why = "no certificate of its chain is a given trust anchor or pinned fingerprint (the chain ends at "
                    + Certs.subject(root) + ", SHA-256 " + Certs.sha256(root).hex() + ")";
        } else {
            why = trust.explanation();
        }
        report.problem(Problem.builder(tsa ? ProblemCode.TIMESTAMP_UNTRUSTED : ProblemCode.SIGNER_UNTRUSTED).path(PATH)
                .message(who + " is not trusted, " + when + ": " + why).build());
    }

    private static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
        // WebCrypto (ArchiveWeb.page) writes r||s; authsign and OpenSSL write DER. A raw signature
        // can begin with the DER sequence tag too, so both readings are tried for that length.
        int field = key instanceof ECPublicKey
                ? (((ECPublicKey) key).getParams().getCurve().getField().getFieldSize() + 7) / 8 : -1;
        return verifies("SHA256withECDSA", key, message, signature)
                || (signature.length == 2 * field && verifies("SHA256withECDSAinP1363Format", key, message, signature));
    }

    private static boolean verifies(String algorithm, PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // not a signature in this encoding
        }
    }

    private List<X509Certificate> certificates(String name, String pem) {
        List<X509Certificate> certs = new ArrayList<>();
        if (pem == null) {
            fail(ProblemCode.SIGNATURE_MALFORMED, "signedData has no \"" + name + "\"");
            return certs;
        }
        int at = 0;
        while (true) {
            int begin = pem.indexOf(CERT_BEGIN, at);
            if (begin < 0) {
                break;
            }
            int end = pem.indexOf(CERT_END, begin);
            if (end < 0) {
                fail(ProblemCode.SIGNATURE_MALFORMED, "signedData \"" + name + "\" has an unterminated PEM certificate");
                return List.of();
            }
            try {
                byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + CERT_BEGIN.length(), end));
                certs.add(Certs.parse(der));
            } catch (IllegalArgumentException | CertificateException e) {
                fail(ProblemCode.SIGNATURE_MALFORMED, "signedData \"" + name + "\" has a malformed certificate (number "
                        + (certs.size() + 1) + "): " + KeyFiles.safeMessage(e));
                return List.of();
            }
            at = end + CERT_END.length();
        }
        if (certs.isEmpty()) {
            fail(ProblemCode.SIGNATURE_MALFORMED, "signedData \"" + name + "\" holds no PEM certificate");
        }
        return certs;
    }

    private byte[] base64(String name, String text) {
        if (text == null) {
            if (name.equals("signature")) {
                fail(ProblemCode.SIGNATURE_MALFORMED, "signedData has no \"signature\"");
            }
            return null;
        }
        try {
            return Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            fail(ProblemCode.SIGNATURE_MALFORMED, "signedData \"" + name + "\" is not Base64: " + e.getMessage());
            return null;
        }
    }

    /** The DNS names of a certificate: its subject alternative names, then its common names. */
    private static List<String> names(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = cert.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> name : alternatives) {
                    if (name.size() >= 2 && Integer.valueOf(2).equals(name.get(0)) && name.get(1) instanceof String) {
                        names.add((String) name.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // a malformed extension names nothing; the common name may still
        }
        for (RDN rdn : X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN)) {
            if (rdn.getFirst() != null && rdn.getFirst().getValue() instanceof ASN1String) {
                String cn = ((ASN1String) rdn.getFirst().getValue()).getString();
                if (!names.contains(cn)) {
                    names.add(cn);
                }
            }
        }
        return names;
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String describeKey(PublicKey key) {
        if (key instanceof ECPublicKey) {
            int bits = ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
            return bits == 256 ? "ECDSA P-256" : bits == 384 ? "ECDSA P-384" : bits == 521 ? "ECDSA P-521" : "ECDSA " + bits + "-bit";
        }
        return key.getAlgorithm();
    }

    /** ISO 8601 as the WACZ tools write it: with an offset or {@code Z}, or without (read as UTC). */
    static Instant parseTime(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                return null;
            }
        }
    }

    private static String describe(String time) {
        return time == null ? "no time" : "'" + WaczPaths.printable(time) + "'";
    }

    private void fail(ProblemCode code, String message) {
        valid = false;
        report.problem(code, PATH, message);
    }
}
