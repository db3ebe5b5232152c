package dev.palimpsest.core.internal.bag;

/** A BagIt version, e.g. 0.97 or 1.0. */
public record BagVersion(int major, int minor) implements Comparable<BagVersion> {
    /** BagIt 1.0 (RFC 8493). */
    public static final BagVersion V1_0 = new BagVersion(1, 0);
    /** BagIt 0.97 (draft-kunze-bagit-14), the first to percent-encode line breaks in paths. */
    public static final BagVersion V0_97 = new BagVersion(0, 97);
    /** BagIt 0.96, the first to name the metadata file {@code bag-info.txt}. */
    public static final BagVersion V0_96 = new BagVersion(0, 96);
    /** The oldest version read. */
    public static final BagVersion OLDEST = new BagVersion(0, 93);

    /** Whether Palimpsest reads bags of this version: 0.93 to 0.97, and 1.0. */
    public boolean isSupported() {
        return (major == 0 && minor >= 93 && minor <= 97) || (major == 1 && minor == 0);
    }

    /** Whether this version is {@code other} or later. */
    public boolean atLeast(BagVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(BagVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
