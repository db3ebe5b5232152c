package dev.palimpsest.core.digest;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Thrown by a {@link FixityInputStream} at end of stream when the bytes read are not the
 * expected ones: a digest differs, or the number of bytes does.
 *
 * <p>The message names the source (when the stream was given one), every digest that differs
 * with its expected and actual value, and the sizes if they differ.
 */
public final class FixityException extends IOException {
    private static final long serialVersionUID = 1L;

    // DigestValue is not serializable; a deserialized exception keeps its message and sizes.
    private final transient DigestValue expected;
    private final transient DigestValue actual;
    /** The expected number of bytes, or -1 if none was given. */
    private final long expectedSize;
    /** The number of bytes read. */
    private final long actualSize;

    FixityException(String message, DigestValue expected, DigestValue actual, long expectedSize, long actualSize) {
        super(message);
        this.expected = expected;
        this.actual = actual;
        this.expectedSize = expectedSize;
        this.actualSize = actualSize;
    }

    /**
     * The expected value of the first differing digest in {@link DigestAlgorithm} order; empty
     * when only the size differs.
     */
    public Optional<DigestValue> expected() {
        return Optional.ofNullable(expected);
    }

    /** The value actually computed for the algorithm of {@link #expected()}; empty when it is. */
    public Optional<DigestValue> actual() {
        return Optional.ofNullable(actual);
    }

    /** The expected number of bytes, if the stream was given one. */
    public OptionalLong expectedSize() {
        return expectedSize < 0 ? OptionalLong.empty() : OptionalLong.of(expectedSize);
    }

    /** The number of bytes actually read. */
    public long actualSize() {
        return actualSize;
    }
}
