package dev.palimpsest.core.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.Locale;
import java.util.Optional;
import dev.palimpsest.core.internal.digest.BouncyCastleDigests;

/**
 * The digest algorithms Palimpsest computes and accepts.
 *
 * <p>Each algorithm has one canonical lower-case {@link #label() label}, used in the archive
 * manifest, in BagIt manifest file names ({@code manifest-<label>.txt}) and in reports.
 * {@link #fromLabel(String)} accepts the spellings found in the wild ({@code SHA-256},
 * {@code sha256}, {@code SHA_256}, {@code sha-1}, ...).
 *
 * <p>{@link #SHA1} and {@link #MD5} exist for interoperability only (web-archive CDX digests,
 * the PDF {@code /CheckSum}); they are {@linkplain #isIntegrityGrade() not integrity grade} and
 * never count as the only integrity check of a file.
 */
public enum DigestAlgorithm {
    /**
     * SHA-256 (FIPS 180-4). The bundle writer always records it; a
     * {@link Hasher} computes it only when asked to.
     */
    SHA256("sha256", "SHA-256", 32, true),
    /** SHA-512 (FIPS 180-4). */
    SHA512("sha512", "SHA-512", 64, true),
    /** SHA-1; for web-archive (CDX/WARC) digests only. */
    SHA1("sha1", "SHA-1", 20, false),
    /** MD5; for the PDF embedded-file {@code /CheckSum} and legacy BagIt manifests only. */
    MD5("md5", "MD5", 16, false),
    /** SHA3-256 (FIPS 202). */
    SHA3_256("sha3-256", "SHA3-256", 32, true),
    /** BLAKE2b with a 512-bit output (RFC 7693), from Bouncy Castle. */
    BLAKE2B_512("blake2b-512", "BLAKE2B-512", 64, true),
    /** SHA-224 (FIPS 180-4); found in BagIt manifests ({@code manifest-sha224.txt}). */
    SHA224("sha224", "SHA-224", 28, true),
    /** SHA-384 (FIPS 180-4); found in BagIt manifests ({@code manifest-sha384.txt}). */
    SHA384("sha384", "SHA-384", 48, true);

    private final String label;
    private final String jcaName;
    private final int length;
    private final boolean integrityGrade;

    DigestAlgorithm(String label, String jcaName, int length, boolean integrityGrade) {
        this.label = label;
        this.jcaName = jcaName;
        this.length = length;
        this.integrityGrade = integrityGrade;
    }

    /** The canonical lower-case label, e.g. {@code sha256} or {@code blake2b-512}. */
    public String label() {
        return label;
    }

    /** The standard JCA name, e.g. {@code SHA-256}. */
    public String jcaName() {
        return jcaName;
    }

    /** The digest length in bytes. */
    public int length() {
        return length;
    }

    /**
     * Whether this algorithm is strong enough to be an integrity check on its own. False for
     * SHA-1 and MD5, which are kept only to compare with digests that other systems hold.
     */
    public boolean isIntegrityGrade() {
        return integrityGrade;
    }

    /**
     * A fresh, unshared {@link MessageDigest} for this algorithm, from the fastest implementation
     * available: the JDK's own {@code SUN} provider for SHA-256, SHA-512, SHA-1 and MD5 (its
     * SHA-2 and SHA-1 use the CPU's SHA instructions), and Bouncy Castle's implementations for
     * SHA3-256 and BLAKE2b-512, used directly without registering a provider.
     *
     * <p>The {@code SUN} provider is asked for by name because another library may have
     * installed Bouncy Castle as the preferred provider, and its SHA-256 is about ten times
     * slower than the JDK's here.
     */
    public MessageDigest newMessageDigest() {
        switch (this) {
            case BLAKE2B_512:
                return BouncyCastleDigests.blake2b512();
            case SHA3_256:
                // Faster than the JDK 17 implementation, and no slower on JDK 25 without AVX-512.
                return BouncyCastleDigests.sha3_256();
            default:
                return jdkDigest();
        }
    }

    private MessageDigest jdkDigest() {
        Provider sun = Security.getProvider("SUN");
        if (sun != null) {
            try {
                return MessageDigest.getInstance(jcaName, sun);
            } catch (NoSuchAlgorithmException e) {
                // A restricted runtime (e.g. FIPS mode) may route these elsewhere; ask generically.
            }
        }
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE 17 runtime is required to provide these; reaching here is a broken JDK.
            throw new IllegalStateException("the Java runtime lacks " + jcaName, e);
        }
    }

    /**
     * The algorithm for a label in any of its usual spellings: case is ignored and so are
     * {@code -} and {@code _} separators ({@code SHA-256}, {@code sha256}, {@code SHA_256},
     * {@code SHA3-256}, {@code BLAKE2b-512}).
     *
     * @return the algorithm, or empty when the label names none that Palimpsest supports
     */
    public static Optional<DigestAlgorithm> fromLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String wanted = squash(label.trim());
        for (DigestAlgorithm algorithm : values()) {
            if (squash(algorithm.label).equals(wanted)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    private static String squash(String label) {
        return label.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    @Override
    public String toString() {
        return label;
    }
}
