package dev.palimpsest.core.verify;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.CaptureCheck;
import java.time.Instant;
import dev.palimpsest.core.manifest.CaptureRecord;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One file of an archive as a report shows it: its path, its status, the digests recorded and
 * found, and — when the archive records where it came from — the outcome of the capture check.
 * An entry may also stand for a captured page (in a WACZ), with the page's {@link #url()} and
 * capture {@link #timestamp()}.
 */
public final class EntryResult {
    private final String path;
    private final EntryStatus status;
    private final Map<DigestAlgorithm, DigestValue> expected;
    private final Map<DigestAlgorithm, DigestValue> actual;
    private final CaptureCheck captureCheck;
    private final String url;
    private final Instant timestamp;
    private final CaptureRecord capture;

    private EntryResult(Builder b) {
        this.path = Objects.requireNonNull(b.path, "path");
        this.status = Objects.requireNonNull(b.status, "status");
        // Reports can hold a million entries: the many without digests share one empty map.
        this.expected = b.expected.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(b.expected));
        this.actual = b.actual.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(b.actual));
        this.captureCheck = b.captureCheck;
        this.url = b.url;
        this.timestamp = b.timestamp;
        this.capture = b.capture;
    }

    /** A builder for the entry at this path with this status. */
    public static Builder builder(String path, EntryStatus status) {
        return new Builder(path, status);
    }

    /** The path relative to the archive's payload root. */
    public String path() {
        return path;
    }

    /** The status. */
    public EntryStatus status() {
        return status;
    }

    /** The digests the archive records for the file (empty for {@link EntryStatus#EXTRA}). */
    public Map<DigestAlgorithm, DigestValue> expected() {
        return expected;
    }

    /** The digests computed from the file found (empty for {@link EntryStatus#MISSING}). */
    public Map<DigestAlgorithm, DigestValue> actual() {
        return actual;
    }

    /** The capture check's outcome; absent when the archive records no capture for the file. */
    public Optional<CaptureCheck> captureCheck() {
        return Optional.ofNullable(captureCheck);
    }

    /** For a captured page: the URL that was captured; absent for a plain file. */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /** For a captured page: when it was captured; absent for a plain file. */
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(timestamp);
    }

    /** Where the archive says the file came from; absent when it records no capture for the file. */
    public Optional<CaptureRecord> capture() {
        return Optional.ofNullable(capture);
    }

    @Override
    public String toString() {
        return status + " " + path + (url != null ? " " + url : "") + (timestamp != null ? " @ " + timestamp : "");
    }

    /** Builds an {@link EntryResult}. */
    public static final class Builder {
        private final String path;
        private final EntryStatus status;
        private final Map<DigestAlgorithm, DigestValue> expected = new EnumMap<>(DigestAlgorithm.class);
        private final Map<DigestAlgorithm, DigestValue> actual = new EnumMap<>(DigestAlgorithm.class);
        private CaptureCheck captureCheck;
        private String url;
        private Instant timestamp;
        private CaptureRecord capture;

        private Builder(String path, EntryStatus status) {
            this.path = path;
            this.status = status;
        }

        /** Adds a recorded digest. */
        public Builder expected(DigestValue digest) {
            expected.put(digest.algorithm(), digest);
            return this;
        }

        /** Adds a computed digest. */
        public Builder actual(DigestValue digest) {
            actual.put(digest.algorithm(), digest);
            return this;
        }

        /** The capture check's outcome. */
        public Builder captureCheck(CaptureCheck captureCheck) {
            this.captureCheck = captureCheck;
            return this;
        }

        /** For a captured page: the URL that was captured. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** For a captured page: when it was captured. */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        /** The capture record the archive holds for the file. */
        public Builder capture(CaptureRecord capture) {
            this.capture = capture;
            return this;
        }

        /** The entry. */
        public EntryResult build() {
            return new EntryResult(this);
        }
    }
}
