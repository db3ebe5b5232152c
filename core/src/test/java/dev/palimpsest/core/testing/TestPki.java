package dev.palimpsest.core.testing;

import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.SigningException;
import dev.palimpsest.core.sign.SigningIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certification authority for tests: a root CA, intermediates and end-entity
 * certificates with chosen validity, key usage and extended key usage, and CRLs.
 *
 * <p>Reusable from any test package (and from other modules through the core test-jar). Keys are
 * EC P-256 unless asked otherwise, so that a test PKI costs milliseconds.
 *
 * <pre>{@code
 * TestPki pki = TestPki.create("Test Root");
 * TestPki.Credential alice = pki.issue("Alice").build();
 * SigningIdentity identity = alice.identity();
 * }</pre>
 */
public final class TestPki {
    /** A default validity wide enough for any test clock: 2000 to 2100. */
    public static final Instant LONG_AGO = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");

    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xffffffffL);

    private final Credential root;

    private TestPki(Credential root) {
        this.root = root;
    }

    /** A PKI whose root CA is valid from 2000 to 2100. */
    public static TestPki create(String rootName) {
        KeyPair keys = ecKeyPair();
        X500Name name = name(rootName);
        X509Certificate cert = build(name, keys, name, keys, LONG_AGO, FAR_FUTURE, true,
                KeyUsage.keyCertSign | KeyUsage.cRLSign, null, true);
        return new TestPki(new Credential(cert, keys, List.of(cert)));
    }

    /** The root CA. */
    public Credential root() {
        return root;
    }

    /** Starts an end-entity (or, with {@code ca(true)}, CA) certificate issued by the root unless said otherwise. */
    public Issuance issue(String commonName) {
        return new Issuance(commonName);
    }

    /** A certificate with its key pair and chain. */
    public static final class Credential {
        private final X509Certificate certificate;
        private final KeyPair keyPair;
        private final List<X509Certificate> chain;

        Credential(X509Certificate certificate, KeyPair keyPair, List<X509Certificate> chain) {
            this.certificate = certificate;
            this.keyPair = keyPair;
            this.chain = List.copyOf(chain);
        }

        public X509Certificate certificate() {
            return certificate;
        }

        public KeyPair keyPair() {
            return keyPair;
        }

        /** The certificate, its issuers, and the root last. */
        public List<X509Certificate> chain() {
            return chain;
        }

        /** A signing identity for this credential, with the chain minus the root. */
        public SigningIdentity identity() {
            try {
                List<X509Certificate> withoutRoot = chain.size() > 1 ? chain.subList(0, chain.size() - 1) : chain;
                return SigningIdentity.of(keyPair.getPrivate(), withoutRoot);
            } catch (SigningException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Options for one certificate. */
    public final class Issuance {
        private final String commonName;
        private Credential issuer = root;
        private Instant notBefore = LONG_AGO;
        private Instant notAfter = FAR_FUTURE;
        private int keyUsage = KeyUsage.digitalSignature | KeyUsage.nonRepudiation;
        private KeyPurposeId[] extendedKeyUsage;
        private boolean extendedKeyUsageCritical = true;
        private boolean ca;
        private KeyPair keyPair;

        Issuance(String commonName) {
            this.commonName = commonName;
        }

        public Issuance issuer(Credential issuer) {
            this.issuer = issuer;
            return this;
        }

        public Issuance validity(Instant notBefore, Instant notAfter) {
            this.notBefore = notBefore;
            this.notAfter = notAfter;
            return this;
        }

        public Issuance validFor(Instant from, Duration duration) {
            return validity(from, from.plus(duration));
        }

        /** Key usage bits from {@link KeyUsage}. */
        public Issuance keyUsage(int bits) {
            this.keyUsage = bits;
            return this;
        }

        public Issuance extendedKeyUsage(boolean critical, KeyPurposeId... purposes) {
            this.extendedKeyUsage = purposes;
            this.extendedKeyUsageCritical = critical;
            return this;
        }

        /** A CA certificate (basic constraints CA, keyCertSign and cRLSign). */
        public Issuance ca() {
            this.ca = true;
            this.keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
            return this;
        }

        /** Uses this key pair instead of a fresh EC P-256 one (e.g. RSA or Ed25519, or a token's). */
        public Issuance keyPair(KeyPair keyPair) {
            this.keyPair = keyPair;
            return this;
        }

        public Credential build() {
            KeyPair keys = keyPair != null ? keyPair : ecKeyPair();
            X509Certificate cert = TestPki.build(name(commonName), keys,
                    X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()), issuer.keyPair(),
                    notBefore, notAfter, ca, keyUsage, extendedKeyUsage, extendedKeyUsageCritical);
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(cert);
            chain.addAll(issuer.chain());
            return new Credential(cert, keys, chain);
        }
    }

    /**
     * A CRL from {@code issuer} listing {@code revoked} (certificate to revocation time).
     */
    public static X509CRL crl(Credential issuer, Instant thisUpdate, Instant nextUpdate,
            Map<X509Certificate, Instant> revoked) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
            if (nextUpdate != null) {
                builder.setNextUpdate(Date.from(nextUpdate));
            }
            for (Map.Entry<X509Certificate, Instant> e : revoked.entrySet()) {
                builder.addCRLEntry(e.getKey().getSerialNumber(), Date.from(e.getValue()), CRLReason.keyCompromise);
            }
            X509CRLHolder holder = builder.build(signer(issuer.keyPair()));
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(holder.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CRL that revokes nothing. */
    public static X509CRL emptyCrl(Credential issuer, Instant thisUpdate, Instant nextUpdate) {
        return crl(issuer, thisUpdate, nextUpdate, new LinkedHashMap<>());
    }

    /** Writes certificates as PEM. */
    public static Path writePem(Path file, X509Certificate... certificates) {
        try {
            Files.writeString(file, Certificates.toPem(Arrays.asList(certificates)), StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh EC P-256 key pair. */
    public static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh key pair of a JCA algorithm ("RSA" with 2048 bits, "Ed25519", ...). */
    public static KeyPair keyPair(String algorithm, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Palimpsest Tests")
                .addRDN(BCStyle.CN, commonName).build();
    }

    /** A content signer for a test key, through the JDK providers. */
    public static ContentSigner signer(KeyPair keys) {
        String algorithm;
        switch (keys.getPrivate().getAlgorithm()) {
            case "EC":
                algorithm = "SHA256withECDSA";
                break;
            case "RSA":
                algorithm = "SHA256withRSA";
                break;
            case "Ed25519":
            case "EdDSA":
                algorithm = "Ed25519";
                break;
            default:
                throw new IllegalArgumentException(keys.getPrivate().getAlgorithm());
        }
        try {
            return new JcaContentSignerBuilder(algorithm).build(keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate build(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
            Instant notBefore, Instant notAfter, boolean ca, int keyUsage, KeyPurposeId[] eku, boolean ekuCritical) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject,
                    subjectKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, ca ? new BasicConstraints(1) : new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKeys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            if (eku != null) {
                builder.addExtension(Extension.extendedKeyUsage, ekuCritical, new ExtendedKeyUsage(eku));
            }
            byte[] der = builder.build(signer(issuerKeys)).getEncoded();
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
