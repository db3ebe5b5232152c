package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.HashProgressListener;
import dev.palimpsest.core.sign.CmsSigner;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a bundle is written; validated by the public builder that makes it.
 *
 * @param digests the payload and tag manifest algorithms (SHA-256 always among them)
 * @param signers the signers of the archive manifest: the first signs, the others countersign
 * @param zip whether the bundle is a ZIP rather than a folder
 * @param replace whether an existing target may be replaced
 * @param followLinks whether links inside input folders are followed (to targets inside them)
 * @param includeHidden whether hidden names in input folders are kept
 * @param bagInfo extra {@code bag-info.txt} elements (contact fields), in order
 * @param parallelism how many files are copied at once
 * @param bufferSize bytes per read
 * @param listener progress, or null
 * @param clock for the bagging date and the default creation time
 * @param durable whether everything is synced to the device before the final move
 */
public record WriterSettings(Set<DigestAlgorithm> digests, List<CmsSigner> signers, boolean zip, boolean replace,
        boolean followLinks, boolean includeHidden, List<Map.Entry<String, String>> bagInfo, int parallelism,
        int bufferSize, HashProgressListener listener, Clock clock, boolean durable) {
}
