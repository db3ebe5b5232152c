package dev.palimpsest.core.sign;

import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.sign.Certs;
import dev.palimpsest.core.internal.sign.ContentSigners;
import dev.palimpsest.core.internal.sign.JcaSignatures;
import dev.palimpsest.core.internal.sign.KeyFiles;
import dev.palimpsest.core.internal.sign.SignatureAlgorithms;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A private key and the certificate chain that identifies its holder: what a {@link CmsSigner}
 * signs with.
 *
 * <p>The key may be a software key (generated here, or loaded from PKCS#12 or PEM) or any JCA
 * {@link PrivateKey}, including one on a PKCS#11 token through SunPKCS11, which never leaves the
 * token. Every way of making an identity checks that the key belongs to the first certificate.
 *
 * <p>Instances are immutable. The private key is never exposed: {@link #toString()} shows the
 * subject and fingerprint only, and the one way to export the key is the explicit
 * {@link #savePkcs12(Path, char[])}.
 */
public final class SigningIdentity {
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final SignatureAlgorithm signatureAlgorithm;
    private final Provider provider;

    private SigningIdentity(PrivateKey privateKey, List<X509Certificate> chain, SignatureAlgorithm signatureAlgorithm,
            Provider provider) {
        this.privateKey = privateKey;
        this.chain = Collections.unmodifiableList(new ArrayList<>(chain));
        this.signatureAlgorithm = signatureAlgorithm;
        this.provider = provider;
    }

    /** A generator of new identities with a self-signed certificate. */
    public static Generator generator() {
        return new Generator();
    }

    /**
     * An identity from a JCA private key and its certificate chain, signing with the algorithm
     * that the certificate's key type implies (see {@link #of(PrivateKey, List, SignatureAlgorithm)}).
     *
     * @param privateKey the key, from any provider (a PKCS#11 key stays on its token)
     * @param chain the signer's certificate first, then its issuers (the root may be omitted)
     * @throws SigningException {@link SigningException.Reason#KEY_CERTIFICATE_MISMATCH} when the key
     *     does not belong to the first certificate, {@link SigningException.Reason#UNSUPPORTED_KEY}
     *     for key types Palimpsest does not sign with
     */
    public static SigningIdentity of(PrivateKey privateKey, List<X509Certificate> chain) throws SigningException {
        Objects.requireNonNull(chain, "chain");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the certificate chain is empty");
        }
        SignatureAlgorithm algorithm = SignatureAlgorithms.forPublicKey(chain.get(0).getPublicKey())
                .orElseThrow(() -> new SigningException(SigningException.Reason.UNSUPPORTED_KEY, "the key of "
                        + Certs.subject(chain.get(0)) + " is not ECDSA P-256/P-384/P-521, RSA of 2048 bits or more, or Ed25519",
                        null));
        return of(privateKey, chain, algorithm);
    }

    /**
     * An identity from a JCA private key and its certificate chain, signing with the given
     * algorithm. The key is checked by signing a random challenge and verifying it with the
     * certificate, which works for keys that cannot be read, such as keys on a token.
     *
     * @param signatureAlgorithm the algorithm; must suit the certificate's key (a plain RSA key may
     *     choose {@link SignatureAlgorithm#RSA_PSS_SHA256}; an RSASSA-PSS key only that)
     * @throws SigningException {@link SigningException.Reason#KEY_CERTIFICATE_MISMATCH} when the key
     *     does not belong to the first certificate, {@link SigningException.Reason#UNSUPPORTED_KEY}
     *     when the algorithm does not suit the certificate's key, {@link SigningException.Reason#SIGNER_FAILED}
     *     when the key cannot sign at all (e.g. a token that is not logged in)
     */
    public static SigningIdentity of(PrivateKey privateKey, List<X509Certificate> chain,
            SignatureAlgorithm signatureAlgorithm) throws SigningException {
        return create(privateKey, chain, signatureAlgorithm, null);
    }

    /**
     * As {@link #of(PrivateKey, List, SignatureAlgorithm)}, signing through a given provider: for a
     * key held by a provider that is not registered with {@link java.security.Security}, such as a
     * SunPKCS11 instance configured for one token. (Without it, the JCA routes the key to whichever
     * registered provider accepts it.)
     *
     * @throws SigningException as {@link #of(PrivateKey, List, SignatureAlgorithm)}
     */
    public static SigningIdentity of(PrivateKey privateKey, List<X509Certificate> chain,
            SignatureAlgorithm signatureAlgorithm, Provider provider) throws SigningException {
        return create(privateKey, chain, signatureAlgorithm, Objects.requireNonNull(provider, "provider"));
    }

    private static SigningIdentity create(PrivateKey privateKey, List<X509Certificate> chain,
            SignatureAlgorithm signatureAlgorithm, Provider provider) throws SigningException {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the certificate chain is empty");
        }
        chain.forEach(c -> Objects.requireNonNull(c, "chain element"));
        X509Certificate cert = chain.get(0);
        if (!SignatureAlgorithms.compatible(signatureAlgorithm, cert.getPublicKey())) {
            throw new SigningException(SigningException.Reason.UNSUPPORTED_KEY, "the key of " + Certs.subject(cert)
                    + " (" + cert.getPublicKey().getAlgorithm() + ") cannot sign with " + signatureAlgorithm, null);
        }
        boolean matches;
        try {
            matches = JcaSignatures.keyMatches(privateKey, cert.getPublicKey(), signatureAlgorithm, provider);
        } catch (java.security.InvalidKeyException e) {
            // A key of another type than the certificate's: no provider will sign with it for this algorithm.
            matches = false;
        } catch (GeneralSecurityException | RuntimeException e) {
            // A token that is not logged in, a missing mechanism, ... (ProviderException is unchecked).
            throw new SigningException(SigningException.Reason.SIGNER_FAILED, "the private key for "
                    + Certs.subject(cert) + " could not sign a test challenge: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        if (!matches) {
            throw new SigningException(SigningException.Reason.KEY_CERTIFICATE_MISMATCH,
                    "the private key does not belong to the certificate of " + Certs.subject(cert) + " (SHA-256 "
                            + Certs.sha256(cert).hex() + ")", null);
        }
        return new SigningIdentity(privateKey, chain, signatureAlgorithm, provider);
    }

    /**
     * Loads the one private key and its certificate chain from a password-protected PKCS#12 file
     * (as written by {@link #savePkcs12}, OpenSSL or {@code keytool}).
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws IOException if the file cannot be read
     * @throws KeyStoreLoadException {@code WRONG_PASSWORD}, {@code CORRUPT}, {@code NO_PRIVATE_KEY},
     *     {@code AMBIGUOUS} (several keys), {@code NO_CERTIFICATE}, {@code KEY_CERTIFICATE_MISMATCH}
     *     or {@code UNSUPPORTED_KEY}
     */
    public static SigningIdentity loadPkcs12(Path file, char[] password) throws IOException, KeyStoreLoadException {
        Objects.requireNonNull(file, "file");
        // A null password would make the JDK skip the integrity check.
        Objects.requireNonNull(password, "password");
        byte[] bytes = KeyFiles.readSmallFile(file);
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new KeyStoreLoadException(KeyStoreLoadException.Reason.WRONG_PASSWORD, file,
                        "the password does not open the PKCS#12 key store", null);
            }
            throw new KeyStoreLoadException(KeyStoreLoadException.Reason.CORRUPT, file,
                    "is not a readable PKCS#12 key store (" + KeyFiles.safeMessage(e) + ")", null);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyStoreLoadException(KeyStoreLoadException.Reason.CORRUPT, file,
                    "is not a readable PKCS#12 key store (" + KeyFiles.safeMessage(e) + ")", null);
        }
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.isEmpty()) {
                throw new KeyStoreLoadException(KeyStoreLoadException.Reason.NO_PRIVATE_KEY, file,
                        "holds no private key", null);
            }
            if (keyAliases.size() > 1) {
                throw new KeyStoreLoadException(KeyStoreLoadException.Reason.AMBIGUOUS, file,
                        "holds " + keyAliases.size() + " private keys; keep only the signing key in it", null);
            }
            String alias = keyAliases.get(0);
            PrivateKey key;
            try {
                key = (PrivateKey) store.getKey(alias, password);
            } catch (UnrecoverableKeyException e) {
                throw new KeyStoreLoadException(KeyStoreLoadException.Reason.WRONG_PASSWORD, file,
                        "the password does not decrypt the private key", null);
            }
            Certificate[] certs = store.getCertificateChain(alias);
            if (certs == null || certs.length == 0) {
                throw new KeyStoreLoadException(KeyStoreLoadException.Reason.NO_CERTIFICATE, file,
                        "holds no certificate for its private key", null);
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : certs) {
                chain.add((X509Certificate) c);
            }
            return fromLoaded(file, key, chain);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new KeyStoreLoadException(KeyStoreLoadException.Reason.CORRUPT, file,
                    "has an unreadable entry (" + KeyFiles.safeMessage(e) + ")", null);
        }
    }

    /**
     * Loads an identity from PEM files: a private key (PKCS#8, encrypted PKCS#8, or the
     * traditional OpenSSL RSA/EC forms) and the certificates. The two paths may name the same file
     * holding both. Certificates may be in any order; the chain is ordered from the key's own
     * certificate towards the root.
     *
     * @param privateKeyFile the file holding exactly one private key
     * @param certificateFile the file holding the key's certificate and, optionally, its issuers
     * @param password the key's password, or {@code null} when the key is not encrypted
     * @throws IOException if a file cannot be read
     * @throws KeyStoreLoadException {@code WRONG_PASSWORD}, {@code CORRUPT}, {@code NO_PRIVATE_KEY},
     *     {@code AMBIGUOUS}, {@code NO_CERTIFICATE} (none matches the key),
     *     {@code KEY_CERTIFICATE_MISMATCH} or {@code UNSUPPORTED_KEY}
     */
    public static SigningIdentity fromPem(Path privateKeyFile, Path certificateFile, char[] password)
            throws IOException, KeyStoreLoadException {
        Objects.requireNonNull(privateKeyFile, "privateKeyFile");
        Objects.requireNonNull(certificateFile, "certificateFile");
        KeyFiles.PemContents keyContents = KeyFiles.readPem(privateKeyFile);
        KeyFiles.PemContents certContents = privateKeyFile.equals(certificateFile) ? keyContents
                : KeyFiles.readPem(certificateFile);
        PrivateKey key = KeyFiles.privateKey(privateKeyFile, keyContents, password);
        List<X509Certificate> certs = certContents.certificates();
        if (certs.isEmpty()) {
            throw new KeyStoreLoadException(KeyStoreLoadException.Reason.NO_CERTIFICATE, certificateFile,
                    "holds no certificate", null);
        }
        for (X509Certificate candidate : certs) {
            Optional<SignatureAlgorithm> algorithm = SignatureAlgorithms.forPublicKey(candidate.getPublicKey());
            try {
                if (algorithm.isPresent()
                        && JcaSignatures.keyMatches(key, candidate.getPublicKey(), algorithm.get(), null)) {
                    return fromLoaded(certificateFile, key, Certs.orderChain(candidate, certs));
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                // a certificate for another key type: try the next one
            }
        }
        if (certs.size() == 1) {
            // With a single certificate, say what is wrong with it rather than "none matches".
            return fromLoaded(certificateFile, key, certs);
        }
        throw new KeyStoreLoadException(KeyStoreLoadException.Reason.KEY_CERTIFICATE_MISMATCH, certificateFile,
                "none of its " + certs.size() + " certificates belongs to the private key in " + privateKeyFile, null);
    }

    private static SigningIdentity fromLoaded(Path file, PrivateKey key, List<X509Certificate> chain)
            throws KeyStoreLoadException {
        try {
            return of(key, chain);
        } catch (SigningException e) {
            KeyStoreLoadException.Reason reason = e.reason() == SigningException.Reason.UNSUPPORTED_KEY
                    ? KeyStoreLoadException.Reason.UNSUPPORTED_KEY : KeyStoreLoadException.Reason.KEY_CERTIFICATE_MISMATCH;
            throw new KeyStoreLoadException(reason, file, e.getMessage(), null);
        }
    }

    /**
     * Writes this identity to a new password-protected PKCS#12 file: the key encrypted with PBES2
     * (PBKDF2-HMAC-SHA-256, AES-256-CBC), the certificates in an encrypted safe, and an HMAC-SHA-256
     * integrity check. OpenSSL 3 ({@code openssl pkcs12}) and {@code keytool} read it.
     *
     * <p>This is the only way to export the private key. The file appears complete or not at all;
     * an existing file is never overwritten.
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists
     * @throws IOException if the file cannot be written
     * @throws IllegalStateException if the key cannot be exported (a key held by a token)
     */
    public void savePkcs12(Path file, char[] password) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(password, "password");
        if (!isExportable()) {
            throw new IllegalStateException("the private key of " + subject()
                    + " is held by its provider (e.g. a PKCS#11 token) and cannot be exported");
        }
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.FileAlreadyExistsException(file.toString(), null, "will not overwrite a key store");
        }
        byte[] pkcs12;
        try {
            pkcs12 = KeyFiles.pkcs12(privateKey, chain, password, friendlyName());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the PKCS#12 key store: " + KeyFiles.safeMessage(e), e);
        }
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(temp, pkcs12);
            Files.move(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private String friendlyName() {
        String cn = subject();
        return cn.isEmpty() ? "signing key" : cn;
    }

    /** Whether the private key's bytes can be read, so that {@link #savePkcs12} can export it. */
    public boolean isExportable() {
        return privateKey.getEncoded() != null && "PKCS#8".equals(privateKey.getFormat());
    }

    /** The signer's certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The certificate chain, the signer's certificate first; unmodifiable. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The algorithm this identity signs with. */
    public SignatureAlgorithm signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The SHA-256 fingerprint of the signer's certificate, as used for pinning. */
    public DigestValue certificateSha256() {
        return Certs.sha256(certificate());
    }

    /** The signer's certificate subject, as an RFC 2253 string. */
    public String subject() {
        return Certs.subject(certificate());
    }

    /** The private key, for signing inside this package only. */
    PrivateKey privateKey() {
        return privateKey;
    }

    /** The provider to sign with, or {@code null} for JCA selection. */
    Provider provider() {
        return provider;
    }

    /** Subject, fingerprint and algorithm; never key material. */
    @Override
    public String toString() {
        return "SigningIdentity[subject=" + subject() + ", sha256=" + certificateSha256().hex() + ", algorithm="
                + signatureAlgorithm + (provider == null ? "" : ", provider=" + provider.getName()) + "]";
    }

    /**
     * Makes new identities: a fresh key pair and a self-signed certificate for an individual, with
     * key usage digitalSignature and nonRepudiation. Mutable; not thread-safe.
     */
    public static final class Generator {
        private static final Duration MAX_VALIDITY = Duration.ofDays(100L * 366);

        private String name;
        private String email;
        private KeyAlgorithm algorithm = KeyAlgorithm.ECDSA_P256;
        private Duration validity = Duration.ofDays(3L * 365);
        private Clock clock = Clock.systemUTC();
        private Provider provider;

        private Generator() {
        }

        /**
         * The holder's name, written as the certificate's common name. Required.
         *
         * @throws IllegalArgumentException if blank, longer than 64 characters (the X.520 limit) or
         *     containing control characters
         */
        public Generator name(String name) {
            Objects.requireNonNull(name, "name");
            String trimmed = name.strip();
            if (trimmed.isEmpty() || trimmed.length() > 64 || trimmed.codePoints().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("a name must be 1 to 64 characters without control characters");
            }
            this.name = trimmed;
            return this;
        }

        /**
         * The holder's e-mail address, written as an RFC 822 subject alternative name. Optional.
         *
         * @throws IllegalArgumentException if not of the form {@code local@domain} in ASCII
         */
        public Generator email(String email) {
            Objects.requireNonNull(email, "email");
            String trimmed = email.strip();
            int at = trimmed.indexOf('@');
            boolean ascii = trimmed.chars().allMatch(c -> c > 32 && c < 127);
            if (!ascii || at <= 0 || at != trimmed.lastIndexOf('@') || at == trimmed.length() - 1) {
                throw new IllegalArgumentException("not an e-mail address: '" + trimmed + "'");
            }
            this.email = trimmed;
            return this;
        }

        /** The key type; {@link KeyAlgorithm#ECDSA_P256} unless set. */
        public Generator algorithm(KeyAlgorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /**
         * How long the certificate is valid from now; three years unless set.
         *
         * @throws IllegalArgumentException unless positive and at most 100 years
         */
        public Generator validity(Duration validity) {
            Objects.requireNonNull(validity, "validity");
            if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
                throw new IllegalArgumentException("validity must be positive and at most 100 years, got " + validity);
            }
            this.validity = validity;
            return this;
        }

        /** The clock that sets the start of validity; the system clock unless set. */
        public Generator clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The provider that generates and holds the key and signs with it, for example a SunPKCS11
         * instance configured for a token: the private key is then created inside the token and
         * never leaves it. The JDK's default providers unless set.
         */
        public Generator provider(Provider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Generates a key pair of the chosen {@link #algorithm(KeyAlgorithm) algorithm} (in the
         * chosen {@link #provider(Provider) provider}) and a self-signed certificate valid from now
         * (to the second) for the chosen validity.
         *
         * @throws IllegalStateException if no name was set, or the provider cannot generate or use
         *     keys of the chosen algorithm
         */
        public SigningIdentity generate() {
            requireName();
            KeyPair pair;
            try {
                pair = newKeyPair(algorithm, provider);
            } catch (GeneralSecurityException e) {
                // The JDK's providers have these generators; a token may not.
                throw new IllegalStateException((provider == null ? "the Java runtime" : "provider " + provider.getName())
                        + " cannot generate " + algorithm + " keys", e);
            }
            try {
                return certify(pair.getPrivate(), pair.getPublic(), algorithm.signatureAlgorithm());
            } catch (SigningException e) {
                throw new IllegalStateException("a freshly generated " + algorithm + " key did not sign", e);
            }
        }

        /**
         * Makes a self-signed certificate for an existing key pair, for example one generated inside
         * an HSM, whose private key signs the certificate without leaving the token (set the token's
         * {@link #provider(Provider) provider} when it is not registered). The key algorithm comes
         * from the key; {@link #algorithm(KeyAlgorithm)} is ignored.
         *
         * @throws SigningException {@code UNSUPPORTED_KEY} for key types Palimpsest does not sign
         *     with, {@code SIGNER_FAILED} if the key cannot sign, {@code KEY_CERTIFICATE_MISMATCH} if
         *     the two halves do not belong together
         * @throws IllegalStateException if no name was set
         */
        public SigningIdentity certify(KeyPair keyPair) throws SigningException {
            Objects.requireNonNull(keyPair, "keyPair");
            requireName();
            SignatureAlgorithm signatureAlgorithm = SignatureAlgorithms.forPublicKey(keyPair.getPublic())
                    .orElseThrow(() -> new SigningException(SigningException.Reason.UNSUPPORTED_KEY,
                            keyPair.getPublic().getAlgorithm() + " keys of this size are not supported", null));
            return certify(keyPair.getPrivate(), keyPair.getPublic(), signatureAlgorithm);
        }

        private SigningIdentity certify(PrivateKey privateKey, java.security.PublicKey publicKey,
                SignatureAlgorithm signatureAlgorithm) throws SigningException {
            Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            X509Certificate cert;
            try {
                cert = ContentSigners.selfSigned(privateKey, publicKey, signatureAlgorithm, name, email, notBefore,
                        notBefore.plus(validity), provider);
            } catch (GeneralSecurityException e) {
                throw new SigningException(SigningException.Reason.SIGNER_FAILED,
                        "the private key could not sign its certificate: " + KeyFiles.safeMessage(e), e);
            }
            return create(privateKey, List.of(cert), signatureAlgorithm, provider);
        }

        private void requireName() {
            if (name == null) {
                throw new IllegalStateException("a name is required");
            }
        }

        private static KeyPair newKeyPair(KeyAlgorithm algorithm, Provider provider) throws GeneralSecurityException {
            KeyPairGenerator generator;
            switch (algorithm) {
                case ECDSA_P256:
                    generator = keyPairGenerator("EC", provider);
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                    break;
                case RSA_3072_PKCS1:
                    generator = keyPairGenerator("RSA", provider);
                    generator.initialize(3072);
                    break;
                case RSA_3072_PSS:
                    generator = keyPairGenerator("RSASSA-PSS", provider);
                    generator.initialize(3072);
                    break;
                case ED25519:
                    generator = keyPairGenerator("Ed25519", provider);
                    break;
                default:
                    throw new AssertionError(algorithm);
            }
            return generator.generateKeyPair();
        }

        private static KeyPairGenerator keyPairGenerator(String algorithm, Provider provider)
                throws GeneralSecurityException {
            return provider == null ? KeyPairGenerator.getInstance(algorithm) : KeyPairGenerator.getInstance(algorithm, provider);
        }
    }
}
