package dev.palimpsest.core.internal.bag;

import dev.palimpsest.core.digest.DigestValue;
import java.util.Optional;

/**
 * One line of a manifest.
 *
 * @param line the line number, from 1
 * @param path the path, decoded and normalised, relative to the bag root
 * @param digestText the digest as written; null when it is exactly the parsed digest's lower-case
 *     hex (which {@link #digestText()} then returns), to save memory in large bags
 * @param digest the digest, parsed; null when the manifest's algorithm is not supported
 */
public record ManifestEntry(int line, String path, String digestText, DigestValue digest) {

    /** The digest as written. */
    @Override
    public String digestText() {
        return digestText != null ? digestText : digest.hex();
    }

    /** The parsed digest; absent when the manifest's algorithm is not supported. */
    public Optional<DigestValue> parsedDigest() {
        return Optional.ofNullable(digest);
    }

    /** Whether two lines state the same digest (compared as bytes when parsed, else as text). */
    public boolean sameDigest(ManifestEntry other) {
        return digest != null ? digest.equals(other.digest) : digestText().equalsIgnoreCase(other.digestText());
    }
}
