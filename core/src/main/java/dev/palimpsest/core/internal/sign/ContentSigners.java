package dev.palimpsest.core.internal.sign;

import dev.palimpsest.core.sign.SignatureAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.RuntimeOperatorException;

/** Certificate creation, signing through the JCA with whatever provider holds the key. */
public final class ContentSigners {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ContentSigners() {
    }

    /** A Bouncy Castle {@link ContentSigner} that signs with a JCA private key. */
    public static ContentSigner jca(PrivateKey key, SignatureAlgorithm algorithm, Provider provider) {
        return new ContentSigner() {
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return SignatureAlgorithms.identifier(algorithm);
            }

            @Override
            public OutputStream getOutputStream() {
                return buffer;
            }

            @Override
            public byte[] getSignature() {
                try {
                    return JcaSignatures.sign(key, algorithm, buffer.toByteArray(), provider);
                } catch (GeneralSecurityException e) {
                    throw new RuntimeOperatorException("the private key could not sign: " + KeyFiles.safeMessage(e), e);
                }
            }
        };
    }

    /**
     * A self-signed certificate for an individual: subject {@code CN=name}, the e-mail address (if
     * any) as an RFC 822 subject alternative name, key usage digitalSignature and nonRepudiation
     * (critical), not a CA, with subject and authority key identifiers.
     *
     * @param provider the provider holding the key, or {@code null} for JCA selection
     * @throws GeneralSecurityException if the key cannot sign
     */
    public static X509Certificate selfSigned(PrivateKey privateKey, PublicKey publicKey, SignatureAlgorithm algorithm,
            String name, String email, Instant notBefore, Instant notAfter, Provider provider)
            throws GeneralSecurityException {
        X500NameBuilder nameBuilder = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name);
        X500Name subject = nameBuilder.build();
        byte[] serial = new byte[16];
        RANDOM.nextBytes(serial);
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            SubjectKeyIdentifier ski = utils.createSubjectKeyIdentifier(spki);
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject, new BigInteger(1, serial),
                    Date.from(notBefore), Date.from(notAfter), subject, spki)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                    .addExtension(Extension.subjectKeyIdentifier, false, ski)
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new AuthorityKeyIdentifier(ski.getKeyIdentifier()));
            if (email != null) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
            }
            return Certs.parse(builder.build(jca(privateKey, algorithm, provider)).getEncoded());
        } catch (RuntimeOperatorException e) {
            Throwable cause = e.getCause();
            throw cause instanceof GeneralSecurityException ? (GeneralSecurityException) cause
                    : new GeneralSecurityException(e.getMessage(), e);
        } catch (CertificateException e) {
            throw e;
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot build the certificate: " + KeyFiles.safeMessage(e), e);
        }
    }
}
