package dev.palimpsest.examples.programs;

import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.CmsVerifier;
import dev.palimpsest.core.sign.ExternalSigner;
import dev.palimpsest.core.sign.SignatureAlgorithm;
import dev.palimpsest.core.sign.SignatureVerification;
import dev.palimpsest.core.sign.SigningException;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.pdf.PadesLevel;
import dev.palimpsest.pdf.PadesSigner;
import dev.palimpsest.pdf.PdfVerifier;
import dev.palimpsest.pdf.PortfolioBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Signs with a key the library never sees: an {@link ExternalSigner} standing in for an HSM, a
 * cloud KMS or a remote signing service signs a bundle's manifest (detached CMS) and a PDF
 * portfolio (PAdES). Palimpsest computes the digests; the signer receives 32 bytes each time
 * and returns a signature, which the library checks before using it.
 *
 * <pre>
 * java -cp examples/target/palimpsest.jar dev.palimpsest.examples.programs.EmbedExternalSigner BUNDLE OUT
 * </pre>
 *
 * reads {@code BUNDLE/provenance/archive.json} (a bundle signed or not) and writes into the new
 * folder {@code OUT}: {@code archive.json.p7s}, {@code portfolio.pdf} and the signer's
 * certificate {@code signer.pem}.
 */
public final class EmbedExternalSigner {
    private EmbedExternalSigner() {
    }

    /**
     * Runs the program with a fresh {@link PretendHsm}.
     *
     * @param args the bundle folder and the output folder to create
     * @throws Exception whatever goes wrong, with a message naming the file
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: EmbedExternalSigner BUNDLE OUT");
            return;
        }
        PretendHsm hsm = PretendHsm.create("Example HSM key");
        Path out = Path.of(args[1]);
        Files.createDirectory(out);
        signManifestAndPortfolio(Path.of(args[0]), out, hsm);

        // Check both with the HSM's certificate as the trust anchor.
        TrustPolicy trust = TrustPolicy.builder().anchor(hsm.certificateChain().get(0)).build();
        SignatureVerification manifest = CmsVerifier.of(trust).verify(
                Files.readAllBytes(out.resolve("archive.json.p7s")),
                Files.readAllBytes(Path.of(args[0]).resolve("provenance/archive.json")));
        VerificationReport portfolio = PdfVerifier.of(trust).verify(out.resolve("portfolio.pdf"));
        System.out.println("archive.json.p7s: " + manifest.status());
        System.out.println("portfolio.pdf:    " + portfolio.verdict());
        System.out.println("The signer was asked to sign " + hsm.requests().size() + " digests and saw nothing else.");
    }

    /**
     * Signs the bundle's manifest into {@code out/archive.json.p7s} and builds
     * {@code out/portfolio.pdf} holding the bundle's files, the manifest and that signature,
     * signed as PAdES B-B; writes the signer's certificate to {@code out/signer.pem}.
     *
     * @throws IOException if the bundle cannot be read or an output written
     * @throws SigningException if the external signer fails or returns a bad signature
     */
    public static void signManifestAndPortfolio(Path bundle, Path out, ExternalSigner signer)
            throws IOException, SigningException {
        // The manifest: CmsSigner hashes the signed attributes and hands the signer their digest.
        byte[] manifest = Files.readAllBytes(bundle.resolve("provenance/archive.json"));
        byte[] p7s = CmsSigner.builder(signer).build().sign(manifest);
        Files.write(out.resolve("archive.json.p7s"), p7s);

        // The portfolio: the bundle's files and manifest, with the new manifest signature beside
        // it; PadesSigner goes through the same signer for the PDF signature.
        PortfolioBuilder.fromBundle(bundle)
                .withManifestSignature(p7s)
                .buildSigned(out.resolve("portfolio.pdf"), PadesSigner.builder(signer).level(PadesLevel.B_B).build());

        Files.writeString(out.resolve("signer.pem"), Certificates.toPem(signer.certificateChain()),
                StandardCharsets.US_ASCII);
    }

    /**
     * A stand-in for an HSM: the private key stays inside this object, and the only operation
     * offered is "sign this SHA-256 digest" — what PKCS#11 {@code CKM_ECDSA} or a KMS
     * {@code Sign(MessageType=DIGEST)} call offers. It records what it was asked to sign.
     */
    public static final class PretendHsm implements ExternalSigner {
        private final PrivateKey key;
        private final List<X509Certificate> chain;
        private final List<byte[]> requests = Collections.synchronizedList(new ArrayList<>());

        private PretendHsm(PrivateKey key, X509Certificate certificate) {
            this.key = key;
            this.chain = List.of(certificate);
        }

        /**
         * A new ECDSA P-256 key "inside the HSM" with a self-signed certificate for {@code name}
         * (a real HSM key gets its certificate from a CA, for a key that never leaves the device).
         *
         * @throws GeneralSecurityException if the JDK cannot make P-256 keys
         * @throws SigningException if the certificate cannot be made
         */
        public static PretendHsm create(String name) throws GeneralSecurityException, SigningException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keyPair = generator.generateKeyPair();
            X509Certificate certificate = SigningIdentity.generator().name(name).certify(keyPair).certificate();
            return new PretendHsm(keyPair.getPrivate(), certificate);
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return SignatureAlgorithm.ECDSA_SHA256;
        }

        @Override
        public List<X509Certificate> certificateChain() {
            return chain;
        }

        @Override
        public Input input() {
            return Input.DIGEST;
        }

        /** Signs a SHA-256 digest; refuses anything else, as a digest-signing HSM would. */
        @Override
        public byte[] sign(byte[] digest) throws GeneralSecurityException {
            if (digest.length != 32) {
                throw new GeneralSecurityException("expected a 32-byte SHA-256 digest, got " + digest.length + " bytes");
            }
            requests.add(digest.clone());
            // NONEwithECDSA signs the given bytes as the digest, without hashing them again; the
            // result is the DER Ecdsa-Sig-Value that SignatureAlgorithm.ECDSA_SHA256 documents.
            Signature ecdsa = Signature.getInstance("NONEwithECDSA");
            ecdsa.initSign(key);
            ecdsa.update(digest);
            return ecdsa.sign();
        }

        /** Copies of the digests this signer was asked to sign, in order. */
        public List<byte[]> requests() {
            synchronized (requests) {
                List<byte[]> copies = new ArrayList<>();
                requests.forEach(r -> copies.add(r.clone()));
                return copies;
            }
        }

        @Override
        public String toString() {
            return "PretendHsm[" + chain.get(0).getSubjectX500Principal() + "]";
        }
    }
}
