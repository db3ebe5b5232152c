package dev.palimpsest.core.internal.digest;

import java.security.MessageDigest;
import org.bouncycastle.jcajce.provider.digest.Blake2b;
import org.bouncycastle.jcajce.provider.digest.SHA3;

/**
 * The digests taken from Bouncy Castle. Kept apart from {@code DigestAlgorithm} so that the
 * signed bcprov jar is opened (and its signature verified, which costs about half a second of
 * start-up) only when one of these is actually used, not whenever any digest is.
 */
public final class BouncyCastleDigests {
    private BouncyCastleDigests() {
    }

    /** BLAKE2b-512. */
    public static MessageDigest blake2b512() {
        return new Blake2b.Blake2b512();
    }

    /** SHA3-256. */
    public static MessageDigest sha3_256() {
        return new SHA3.Digest256();
    }
}
