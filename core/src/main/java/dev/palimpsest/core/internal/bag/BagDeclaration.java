package dev.palimpsest.core.internal.bag;

import java.nio.charset.Charset;

/**
 * What {@code bagit.txt} declares: the BagIt version and the character encoding of the other tag
 * files. When {@code bagit.txt} is missing or broken the verifier goes on with
 * {@link #FALLBACK} (1.0, UTF-8), the strictest reading, to find every other problem too.
 *
 * @param version the version declared
 * @param encoding the tag file encoding declared
 * @param declared whether both were read from a well-formed {@code bagit.txt}
 */
public record BagDeclaration(BagVersion version, Charset encoding, boolean declared) {
    /** The reading used when {@code bagit.txt} does not say. */
    public static final BagDeclaration FALLBACK = new BagDeclaration(BagVersion.V1_0,
            java.nio.charset.StandardCharsets.UTF_8, false);
}
