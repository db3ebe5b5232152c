package dev.palimpsest.core.digest;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The digests of one input, all computed from the same bytes, and the number of those bytes.
 *
 * <p>Immutable. Iteration over {@link #algorithms()} and {@link #asMap()} follows the order of
 * {@link DigestAlgorithm}'s constants, whatever order the values were given in. Two sets are
 * equal when they have the same size and the same values.
 */
public final class DigestSet {
    private final long size;
    private final Map<DigestAlgorithm, DigestValue> values;

    private DigestSet(long size, EnumMap<DigestAlgorithm, DigestValue> values) {
        this.size = size;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * A set of digests of an input of {@code size} bytes.
     *
     * @throws IllegalArgumentException if {@code size} is negative, {@code values} is empty, or
     *     two values have the same algorithm
     */
    public static DigestSet of(long size, Collection<DigestValue> values) {
        Objects.requireNonNull(values, "values");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a digest set needs at least one digest");
        }
        EnumMap<DigestAlgorithm, DigestValue> map = new EnumMap<>(DigestAlgorithm.class);
        for (DigestValue value : values) {
            Objects.requireNonNull(value, "values contains null");
            if (map.putIfAbsent(value.algorithm(), value) != null) {
                throw new IllegalArgumentException("two " + value.algorithm().label() + " digests in one set");
            }
        }
        return new DigestSet(size, map);
    }

    /**
     * A set of digests of an input of {@code size} bytes.
     *
     * @throws IllegalArgumentException as {@link #of(long, Collection)}
     */
    public static DigestSet of(long size, DigestValue... values) {
        return of(size, Arrays.asList(values));
    }

    /** The number of bytes the digests were computed over. */
    public long size() {
        return size;
    }

    /**
     * The digest for {@code algorithm}.
     *
     * @throws NoSuchElementException if this set has no digest for it (a programming error: ask
     *     the {@link Hasher} for every algorithm you will read, or use {@link #find})
     */
    public DigestValue get(DigestAlgorithm algorithm) {
        DigestValue value = values.get(Objects.requireNonNull(algorithm, "algorithm"));
        if (value == null) {
            throw new NoSuchElementException("no " + algorithm.label() + " digest in this set (it has "
                    + values.keySet().stream().map(DigestAlgorithm::label).collect(Collectors.joining(", ")) + ")");
        }
        return value;
    }

    /** The digest for {@code algorithm}, or empty if this set has none. */
    public Optional<DigestValue> find(DigestAlgorithm algorithm) {
        return Optional.ofNullable(values.get(Objects.requireNonNull(algorithm, "algorithm")));
    }

    /** The algorithms in this set, never empty, unmodifiable. */
    public Set<DigestAlgorithm> algorithms() {
        return values.keySet();
    }

    /** The digests by algorithm, never empty, unmodifiable. */
    public Map<DigestAlgorithm, DigestValue> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DigestSet && ((DigestSet) o).size == size && ((DigestSet) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + values.hashCode();
    }

    /** The size and every digest as {@code <label>:<hex>}, for logs and test failures. */
    @Override
    public String toString() {
        return values.values().stream().map(DigestValue::toString)
                .collect(Collectors.joining(", ", "DigestSet[size=" + size + ", ", "]"));
    }
}
