package dev.palimpsest.core.internal.sign;

import dev.palimpsest.core.sign.KeyStoreLoadException;
import dev.palimpsest.core.sign.KeyStoreLoadException.Reason;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/** Reading PEM files and writing PKCS#12 files. */
public final class KeyFiles {
    /**
     * PBKDF2 and PKCS#12-MAC iterations for new key stores: well above the defaults of OpenSSL
     * (2048) and the JDK (10000), while opening a key store still takes a fraction of a second.
     */
    public static final int PKCS12_ITERATIONS = 50_000;

    /** Files larger than this are not key material; refusing them bounds memory use. */
    private static final long MAX_FILE_SIZE = 4L << 20;

    private static final Map<ASN1ObjectIdentifier, String> KEY_FACTORIES = Map.of(
            PKCSObjectIdentifiers.rsaEncryption, "RSA",
            PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS",
            X9ObjectIdentifiers.id_ecPublicKey, "EC",
            EdECObjectIdentifiers.id_Ed25519, "Ed25519",
            EdECObjectIdentifiers.id_Ed448, "Ed448");

    private KeyFiles() {
    }

    /** What a PEM file holds. Keys stay in their (possibly encrypted) parsed form until asked for. */
    public static final class PemContents {
        private final List<X509Certificate> certificates = new ArrayList<>();
        private final List<X509CRL> crls = new ArrayList<>();
        private final List<Object> keys = new ArrayList<>();

        public List<X509Certificate> certificates() {
            return certificates;
        }

        public List<X509CRL> crls() {
            return crls;
        }

        public int keyCount() {
            return keys.size();
        }
    }

    /** Reads a file into memory, refusing files too large to be key material. */
    public static byte[] readSmallFile(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_SIZE) {
            throw new IOException(file + ": " + size + " bytes is too large for a key or certificate file (limit "
                    + MAX_FILE_SIZE + ")");
        }
        return Files.readAllBytes(file);
    }

    /**
     * Parses PEM text. A file that holds no PEM block but is a DER certificate or CRL is accepted
     * too, since certificates are often exchanged that way.
     */
    public static PemContents readPem(Path file) throws IOException, KeyStoreLoadException {
        byte[] bytes = readSmallFile(file);
        PemContents contents = new PemContents();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.contains("-----BEGIN ")) {
            readDer(file, bytes, contents);
            return contents;
        }
        try (Reader reader = new StringReader(text); PEMParser parser = new PEMParser(reader)) {
            int index = 0;
            while (true) {
                Object object;
                try {
                    object = parser.readObject();
                } catch (IOException | RuntimeException e) {
                    throw new KeyStoreLoadException(Reason.CORRUPT, file, "PEM block " + (index + 1)
                            + " is not well formed: " + safeMessage(e), e);
                }
                if (object == null) {
                    break;
                }
                index++;
                if (object instanceof X509CertificateHolder) {
                    byte[] der = encoded(file, index, (X509CertificateHolder) object);
                    contents.certificates.add(certificate(file, index, der));
                } else if (object instanceof X509CRLHolder) {
                    try {
                        contents.crls.add(Certs.parseCrl(((X509CRLHolder) object).getEncoded()));
                    } catch (CRLException | IOException | RuntimeException e) {
                        // Bouncy Castle parses lazily: damaged inner ASN.1 shows up only when re-encoded.
                        throw new KeyStoreLoadException(Reason.CORRUPT, file, "PEM block " + index
                                + " is not a valid X.509 CRL", e);
                    }
                } else if (object instanceof PrivateKeyInfo || object instanceof PKCS8EncryptedPrivateKeyInfo
                        || object instanceof PEMKeyPair || object instanceof PEMEncryptedKeyPair) {
                    contents.keys.add(object);
                }
                // Other blocks (public keys, parameters, requests) carry nothing we need.
            }
        }
        if (index(contents) == 0) {
            throw new KeyStoreLoadException(Reason.CORRUPT, file, "holds no certificate, CRL or private key", null);
        }
        return contents;
    }

    private static byte[] encoded(Path file, int index, X509CertificateHolder holder) throws KeyStoreLoadException {
        try {
            return holder.getEncoded();
        } catch (IOException | RuntimeException e) {
            // Bouncy Castle parses lazily: damaged inner ASN.1 shows up only when re-encoded.
            throw new KeyStoreLoadException(Reason.CORRUPT, file, "PEM block " + index
                    + " is not a valid X.509 certificate: " + safeMessage(e), e);
        }
    }

    private static int index(PemContents contents) {
        return contents.certificates.size() + contents.crls.size() + contents.keys.size();
    }

    private static void readDer(Path file, byte[] bytes, PemContents contents) throws KeyStoreLoadException {
        try {
            contents.certificates.add(Certs.parse(bytes));
            return;
        } catch (CertificateException | RuntimeException e) {
            // not a DER certificate; try a CRL next
        }
        try {
            contents.crls.add(Certs.parseCrl(bytes));
        } catch (CRLException | RuntimeException e) {
            throw new KeyStoreLoadException(Reason.CORRUPT, file,
                    "is neither PEM nor a DER certificate or CRL", null);
        }
    }

    private static X509Certificate certificate(Path file, int index, byte[] der) throws KeyStoreLoadException {
        try {
            return Certs.parse(der);
        } catch (CertificateException | RuntimeException e) {
            throw new KeyStoreLoadException(Reason.CORRUPT, file, "PEM block " + index
                    + " is not a valid X.509 certificate", e);
        }
    }

    /**
     * The one private key of a PEM file, decrypted with {@code password} when it is encrypted.
     *
     * @param password the password, or {@code null} when the key is not encrypted
     */
    public static PrivateKey privateKey(Path file, PemContents contents, char[] password) throws KeyStoreLoadException {
        if (contents.keys.isEmpty()) {
            throw new KeyStoreLoadException(Reason.NO_PRIVATE_KEY, file, "holds no private key", null);
        }
        if (contents.keys.size() > 1) {
            throw new KeyStoreLoadException(Reason.AMBIGUOUS, file, "holds " + contents.keys.size()
                    + " private keys; keep only the signing key in it", null);
        }
        Object key = contents.keys.get(0);
        PrivateKeyInfo info;
        if (key instanceof PrivateKeyInfo) {
            info = (PrivateKeyInfo) key;
        } else if (key instanceof PEMKeyPair) {
            info = ((PEMKeyPair) key).getPrivateKeyInfo();
        } else if (key instanceof PKCS8EncryptedPrivateKeyInfo) {
            requirePassword(file, password);
            try {
                info = ((PKCS8EncryptedPrivateKeyInfo) key).decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BouncyCastle.provider()).build(password));
            } catch (Exception e) {
                // A decryption failure after a well-formed envelope is, in practice, a wrong password.
                throw new KeyStoreLoadException(Reason.WRONG_PASSWORD, file,
                        "the password does not decrypt the private key", null);
            }
        } else {
            requirePassword(file, password);
            try {
                info = ((PEMEncryptedKeyPair) key).decryptKeyPair(
                        new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.provider()).build(password))
                        .getPrivateKeyInfo();
            } catch (Exception e) {
                throw new KeyStoreLoadException(Reason.WRONG_PASSWORD, file,
                        "the password does not decrypt the private key", null);
            }
        }
        return toJdkKey(file, info);
    }

    private static void requirePassword(Path file, char[] password) throws KeyStoreLoadException {
        if (password == null) {
            throw new KeyStoreLoadException(Reason.WRONG_PASSWORD, file, "the private key is encrypted and no password was given",
                    null);
        }
    }

    private static PrivateKey toJdkKey(Path file, PrivateKeyInfo info) throws KeyStoreLoadException {
        ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        String algorithm = KEY_FACTORIES.get(oid);
        if (algorithm == null) {
            throw new KeyStoreLoadException(Reason.UNSUPPORTED_KEY, file, "private key algorithm " + oid.getId()
                    + " is not supported (use ECDSA, RSA or Ed25519)", null);
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            // Key bytes that decrypted but do not parse: a wrong password that slipped past the padding check.
            throw new KeyStoreLoadException(Reason.CORRUPT, file, "the " + algorithm + " private key is malformed", null);
        }
    }

    /**
     * Writes a PKCS#12 key store: the key in a PKCS#8 shrouded bag and the certificates in an
     * encrypted safe, both PBES2 (PBKDF2 with HMAC-SHA-256, AES-256-CBC), integrity by HMAC-SHA-256.
     * OpenSSL 3 and Java 17's {@code keytool} read it.
     */
    public static byte[] pkcs12(PrivateKey key, List<X509Certificate> chain, char[] password, String friendlyName)
            throws GeneralSecurityException {
        try {
            OutputEncryptor keyEncryptor = encryptor(password);
            OutputEncryptor certEncryptor = encryptor(password);
            byte[] localKeyId = java.util.Arrays.copyOf(Certs.sha256(chain.get(0)).bytes(), 20);
            List<PKCS12SafeBag> certBags = new ArrayList<>();
            for (int i = 0; i < chain.size(); i++) {
                PKCS12SafeBagBuilder bag = new JcaPKCS12SafeBagBuilder(chain.get(i));
                if (i == 0) {
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(friendlyName));
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(localKeyId));
                }
                certBags.add(bag.build());
            }
            PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(key, keyEncryptor);
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(friendlyName));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(localKeyId));

            PKCS12PfxPduBuilder builder = new PKCS12PfxPduBuilder();
            builder.addEncryptedData(certEncryptor, certBags.toArray(new PKCS12SafeBag[0]));
            builder.addData(keyBag.build());
            PKCS12PfxPdu pfx = builder.build(new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256)
                    .setIterationCount(PKCS12_ITERATIONS).setProvider(BouncyCastle.provider()), password);
            return pfx.getEncoded("DER");
        } catch (GeneralSecurityException e) {
            throw e;
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot build the PKCS#12 key store: " + safeMessage(e), e);
        }
    }

    private static OutputEncryptor encryptor(char[] password) throws Exception {
        return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                .setIterationCount(PKCS12_ITERATIONS)
                .setProvider(BouncyCastle.provider())
                .build(password);
    }

    /** PEM text for certificates, with 64-character lines as RFC 7468 asks. */
    public static String toPem(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (X509Certificate cert : certificates) {
            out.append("-----BEGIN CERTIFICATE-----\n")
                    .append(encoder.encodeToString(Certs.encoded(cert)))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return out.toString();
    }

    /**
     * The message of an exception raised while parsing structure (never used for exceptions from
     * decryption, whose messages are not ours to vet), or its class name when it has none.
     */
    public static String safeMessage(Throwable e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

}
