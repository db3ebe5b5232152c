package dev.palimpsest.pdf;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.ExternalSigner;
import dev.palimpsest.core.sign.SigningException;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.sign.TimestampClient;
import dev.palimpsest.pdf.internal.io.AtomicTarget;
import dev.palimpsest.pdf.internal.io.ScratchFolder;
import dev.palimpsest.pdf.internal.io.DigestingOutputStream;
import dev.palimpsest.pdf.internal.pades.PadesPlan;
import dev.palimpsest.pdf.internal.pades.PadesWriter;
import dev.palimpsest.pdf.internal.pades.ValidationData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs PDFs as PAdES baseline signatures (ETSI EN 319 142-1, SubFilter
 * {@code ETSI.CAdES.detached}) at level {@link PadesLevel#B_B B-B}, {@link PadesLevel#B_T B-T},
 * {@link PadesLevel#B_LT B-LT} or {@link PadesLevel#B_LTA B-LTA}, optionally as a certification
 * signature that permits no changes (DocMDP P=1).
 *
 * <p>The signature is appended as an incremental update, so the signed bytes of the original are
 * kept exactly. The CMS carries no signing-time attribute (PAdES forbids it): the claimed signing
 * time is the signature dictionary's {@code /M}, taken from the {@linkplain Builder#clock(Clock)
 * clock}. From B-T on, the CMS carries an RFC 3161 signature timestamp; B-LT adds a revision with a
 * document security store ({@code /DSS}) holding the signer's and the TSA's certificates and the
 * CRLs for every one of them that is not self-issued (the caller supplies the CRLs: nothing is
 * fetched); B-LTA adds a document timestamp ({@code ETSI.RFC3161}) covering all of it.
 *
 * <p>Output is deterministic: the same input, key, clock and TSA answers give a byte-identical
 * file when the signature algorithm is deterministic (Ed25519, RSA PKCS#1 v1.5; ECDSA signature
 * values are random, and so are TSA tokens, whose nonces differ).
 *
 * <pre>{@code
 * PadesSigner signer = PadesSigner.builder(identity)
 *         .level(PadesLevel.B_LTA)
 *         .timestampClient(TimestampClient.of(URI.create("https://tsa.example/")))
 *         .build();
 * signer.sign(Path.of("in.pdf"), Path.of("signed.pdf"));
 * }</pre>
 *
 * <p>Instances are immutable and may sign many files, from several threads if the identity or
 * external signer allows it.
 */
public final class PadesSigner {
    private final PadesPlan plan;

    private PadesSigner(PadesPlan plan) {
        this.plan = plan;
    }

    /** A builder for a signer that signs with {@code identity}. */
    public static Builder builder(SigningIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        return new Builder(identity, null, identity.chain());
    }

    /**
     * A builder for a signer that signs through {@code signer} (an HSM, a cloud KMS, a remote
     * service), which may receive only the digest to sign.
     *
     * @throws IllegalArgumentException as {@link CmsSigner#builder(ExternalSigner)}
     */
    public static Builder builder(ExternalSigner signer) {
        Objects.requireNonNull(signer, "signer");
        CmsSigner.builder(signer); // checks the signer now, with CmsSigner's messages
        return new Builder(null, signer, List.copyOf(signer.certificateChain()));
    }

    /** The level signatures are made at. */
    public PadesLevel level() {
        return plan.level();
    }

    /** The signer's certificate. */
    public X509Certificate certificate() {
        return plan.chain().get(0);
    }

    /** Whether signatures are certification signatures permitting no changes (DocMDP P=1). */
    public boolean certifies() {
        return plan.certify();
    }

    /**
     * Signs the PDF {@code in} and writes the result to {@code out}, atomically: the signed file
     * appears complete at {@code out} (replacing any file there, which may be {@code in} itself)
     * or, on failure, not at all. {@code in} is never modified.
     *
     * @throws NoSuchFileException if {@code in} does not exist
     * @throws PdfInputException if {@code in} is not a readable PDF, is encrypted, is certified
     *     with no changes allowed, or is already signed when a certification was asked for
     * @throws SigningException if the key, external signer or TSA fail ({@code TIMESTAMP_FAILED}
     *     also when B-LT data for the TSA's certificate is missing: no CRL for it was given)
     * @throws IOException if reading or writing fails
     */
    public void sign(Path in, Path out) throws IOException, SigningException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        try (AtomicTarget target = AtomicTarget.create(out)) {
            Map<DigestAlgorithm, MessageDigest> digests = PadesWriter.newDigests(plan);
            long length;
            try (InputStream source = Files.newInputStream(in);
                    DigestingOutputStream copy = new DigestingOutputStream(Files.newOutputStream(target.temp()),
                            digests.values())) {
                source.transferTo(copy);
                copy.finish();
                length = copy.count();
            }
            PadesWriter.sign(plan, target.temp(), length, digests, in.toString());
            target.commit();
        }
    }

    /** Writes a portfolio to {@code target} and signs it in place; see {@link PortfolioBuilder#buildSigned}. */
    void buildAndSign(PortfolioBuilder portfolio, Path out) throws IOException, SigningException {
        try (AtomicTarget target = AtomicTarget.create(out); ScratchFolder scratch = ScratchFolder.beside(out)) {
            Map<DigestAlgorithm, MessageDigest> digests = PadesWriter.newDigests(plan);
            long length;
            try (DigestingOutputStream pdf = new DigestingOutputStream(Files.newOutputStream(target.temp()),
                    digests.values())) {
                // The digesting stream buffers (1 MiB); PDFBox writes in small pieces.
                portfolio.build(pdf, scratch);
                pdf.finish();
                length = pdf.count();
            }
            PadesWriter.sign(plan, target.temp(), length, digests, out.getFileName().toString());
            target.commit();
        }
    }

    /** Signer, level and options; never key material. */
    @Override
    public String toString() {
        return "PadesSigner[" + plan.signer() + ", " + plan.level().shortName() + (plan.certify() ? ", certification" : "")
                + ", " + plan.crls().size() + " CRLs]";
    }

    /** Configures a {@link PadesSigner}. Mutable; not thread-safe. */
    public static final class Builder {
        private final SigningIdentity identity;
        private final ExternalSigner external;
        private final List<X509Certificate> chain;
        private PadesLevel level = PadesLevel.B_B;
        private TimestampClient timestampClient;
        private List<X509CRL> crls = List.of();
        private boolean certify;
        private Clock clock = Clock.systemUTC();

        private Builder(SigningIdentity identity, ExternalSigner external, List<X509Certificate> chain) {
            this.identity = identity;
            this.external = external;
            this.chain = chain;
        }

        /** The level; {@link PadesLevel#B_B} unless set. From B-T on a {@link #timestampClient} is required. */
        public Builder level(PadesLevel level) {
            this.level = Objects.requireNonNull(level, "level");
            return this;
        }

        /** The TSA for signature timestamps (B-T and above) and the document timestamp (B-LTA). */
        public Builder timestampClient(TimestampClient client) {
            this.timestampClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * The CRLs to take validation data from, for B-LT and B-LTA: one from the issuer of every
         * certificate of the signer's chain and of the TSA's that is not self-issued. Extra CRLs
         * are ignored; none are needed for a self-signed signer certificate.
         */
        public Builder crls(Collection<X509CRL> crls) {
            this.crls = List.copyOf(Objects.requireNonNull(crls, "crls"));
            return this;
        }

        /**
         * Whether to make a certification signature that permits no further changes (DocMDP with
         * P=1; later DSS and document timestamp revisions remain allowed). False unless set.
         */
        public Builder certify(boolean certify) {
            this.certify = certify;
            return this;
        }

        /** The clock for the signing time {@code /M} and the certificate validity check; the system clock unless set. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The signer.
         *
         * @throws IllegalStateException if the level needs a TSA and none was set, or a TSA was set
         *     for B-B (where it would not be used)
         * @throws IllegalArgumentException for B-LT and B-LTA, if no CRL among those given is from
         *     the issuer of a certificate of the signer's chain that is not self-issued, or a CRL
         *     revokes one (the message names the certificate)
         */
        public PadesSigner build() {
            if (level.needsTimestamps() && timestampClient == null) {
                throw new IllegalStateException(level.shortName() + " needs a time-stamping authority (timestampClient)");
            }
            if (!level.needsTimestamps() && timestampClient != null) {
                throw new IllegalStateException("a time-stamping authority is used from B-T on, not at " + level.shortName());
            }
            if (level.needsValidationData()) {
                try {
                    ValidationData.crlsFor(chain, crls, chain);
                } catch (ValidationData.MissingRevocationData e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }
            CmsSigner.Builder cms = identity != null ? CmsSigner.builder(identity) : CmsSigner.builder(external);
            cms.signingTime(false).clock(clock);
            if (timestampClient != null) {
                cms.timestampClient(timestampClient);
            }
            return new PadesSigner(new PadesPlan(cms.build(), chain, level, timestampClient, crls, certify, clock));
        }
    }
}
