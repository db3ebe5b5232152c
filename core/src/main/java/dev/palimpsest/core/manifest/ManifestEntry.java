package dev.palimpsest.core.manifest;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.json.Fields;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One file of an archive: where it is in the archive, how big it is, its digests, what it is and
 * where it came from.
 *
 * <p>Required: the {@link #path()}, the {@link #size()} (not negative) and a SHA-256 digest;
 * other digests (SHA-512, SHA-1, MD5, SHA3-256, BLAKE2b-512) are optional, SHA-1 and MD5 being
 * kept only to compare with digests that other systems hold. The collection, when given, must be
 * declared by the manifest (checked when the manifest is built). The media type, when given, is
 * {@code type/subtype} with optional parameters.
 *
 * <p>{@link #metadata()} holds free-form text columns, such as those of a sources table, sorted
 * by key. Immutable; equal when every field, including unknown fields kept from a newer format,
 * is equal.
 */
public final class ManifestEntry {
    /** RFC 6838 restricted names, then optional parameters. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(\\s*;.*)?");

    private final ArchivePath path;
    private final String collection;
    private final String title;
    private final String mediaType;
    private final long size;
    private final Map<DigestAlgorithm, DigestValue> digests;
    private final CaptureRecord capture;
    private final Map<String, String> metadata;
    private final Map<String, String> extraFields;

    private ManifestEntry(Builder b, Map<DigestAlgorithm, DigestValue> digests, Map<String, String> metadata,
            Map<String, String> extraFields) {
        this.path = b.path;
        this.collection = b.collection;
        this.title = b.title;
        this.mediaType = b.mediaType;
        this.size = b.size;
        this.digests = digests;
        this.capture = b.capture;
        this.metadata = metadata;
        this.extraFields = extraFields;
    }

    /** A builder with every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder for an entry at {@code path}. */
    public static Builder builder(ArchivePath path) {
        return new Builder().path(path);
    }

    /** A builder holding this entry's fields, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.path = path;
        b.collection = collection;
        b.title = title;
        b.mediaType = mediaType;
        b.size(size);
        b.digests.putAll(digests);
        b.capture = capture;
        b.metadata.putAll(metadata);
        b.extraFields.putAll(extraFields);
        return b;
    }

    /** Where the file is in the archive. */
    public ArchivePath path() {
        return path;
    }

    /** The id of the collection the file belongs to. */
    public Optional<String> collection() {
        return Optional.ofNullable(collection);
    }

    /** The file's title, for people. */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** The file's media type, e.g. {@code application/pdf}. */
    public Optional<String> mediaType() {
        return Optional.ofNullable(mediaType);
    }

    /** The file's size in bytes; never negative. */
    public long size() {
        return size;
    }

    /** Every digest of the file, by algorithm, in the enum's order; always holds SHA-256. */
    public Map<DigestAlgorithm, DigestValue> digests() {
        return digests;
    }

    /** The file's SHA-256 digest, which every entry has. */
    public DigestValue sha256() {
        return digests.get(DigestAlgorithm.SHA256);
    }

    /** The file's digest with {@code algorithm}, when recorded. */
    public Optional<DigestValue> digest(DigestAlgorithm algorithm) {
        return Optional.ofNullable(digests.get(Objects.requireNonNull(algorithm, "algorithm")));
    }

    /** Where the file came from, when known. */
    public Optional<CaptureRecord> capture() {
        return Optional.ofNullable(capture);
    }

    /** Free-form text columns (e.g. from a sources table), sorted by key; empty when none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Fields this version of the format does not define, kept so that a manifest read and
     * written again loses nothing: name to the field's value as compact JSON text, sorted by name.
     */
    public Map<String, String> extraFields() {
        return extraFields;
    }

    /** Equal when every field, and every extra field, is equal. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ManifestEntry)) {
            return false;
        }
        ManifestEntry e = (ManifestEntry) o;
        return path.equals(e.path) && size == e.size && Objects.equals(collection, e.collection)
                && Objects.equals(title, e.title) && Objects.equals(mediaType, e.mediaType)
                && digests.equals(e.digests) && Objects.equals(capture, e.capture)
                && metadata.equals(e.metadata) && extraFields.equals(e.extraFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, collection, title, mediaType, size, digests, capture, metadata, extraFields);
    }

    /** The path, size and SHA-256, for diagnostics. */
    @Override
    public String toString() {
        return "ManifestEntry[" + path + ", " + size + " bytes, " + sha256() + "]";
    }

    /**
     * Builds a {@link ManifestEntry}. Setters take {@code null} to unset a field; {@link #build()}
     * validates.
     */
    public static final class Builder {
        private ArchivePath path;
        private String collection;
        private String title;
        private String mediaType;
        private long size = -1;
        private boolean sizeSet;
        private final Map<DigestAlgorithm, DigestValue> digests = new EnumMap<>(DigestAlgorithm.class);
        private CaptureRecord capture;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final Map<String, String> extraFields = new LinkedHashMap<>();

        private Builder() {}

        /** Sets the path (required). */
        public Builder path(ArchivePath path) {
            this.path = path;
            return this;
        }

        /** Sets the id of the collection the file belongs to. */
        public Builder collection(String collection) {
            this.collection = collection;
            return this;
        }

        /** Sets the title. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** Sets the media type, e.g. {@code application/pdf}. */
        public Builder mediaType(String mediaType) {
            this.mediaType = mediaType;
            return this;
        }

        /** Sets the size in bytes (required; must not be negative). */
        public Builder size(long size) {
            this.size = size;
            this.sizeSet = true;
            return this;
        }

        /** Sets a digest, replacing any earlier one of the same algorithm. */
        public Builder digest(DigestValue digest) {
            Objects.requireNonNull(digest, "digest");
            digests.put(digest.algorithm(), digest);
            return this;
        }

        /** Removes the digest of {@code algorithm}, if any. */
        public Builder removeDigest(DigestAlgorithm algorithm) {
            digests.remove(Objects.requireNonNull(algorithm, "algorithm"));
            return this;
        }

        /** Sets where the file came from. */
        public Builder capture(CaptureRecord capture) {
            this.capture = capture;
            return this;
        }

        /**
         * Sets a metadata column; {@code null} removes it.
         *
         * @param key a non-empty key without control characters, at most 1024 bytes in UTF-8
         * @param value any text
         */
        public Builder metadata(String key, String value) {
            Objects.requireNonNull(key, "key");
            if (value == null) {
                metadata.remove(key);
            } else {
                metadata.put(key, value);
            }
            return this;
        }

        /**
         * Sets a field this version of the format does not define; {@code null} removes it.
         *
         * @param name a name other than those of the defined fields, at most 1024 bytes in UTF-8
         * @param json the value as JSON text (an object, array, string, number, boolean or null),
         *     nesting at most 59 levels
         */
        public Builder extraField(String name, String json) {
            Objects.requireNonNull(name, "name");
            if (json == null) {
                extraFields.remove(name);
            } else {
                extraFields.put(name, json);
            }
            return this;
        }

        /**
         * The entry.
         *
         * @throws ManifestException naming the entry, if the path, the size or the SHA-256
         *     digest is missing; the size is negative; the collection id, media type or a
         *     metadata key is malformed; text is not valid Unicode; or an extra field is not
         *     valid JSON or reuses a defined name
         */
        public ManifestEntry build() throws ManifestException {
            if (path == null) {
                throw new ManifestException("entry: " + Fields.PATH + " is required");
            }
            String owner = "entry " + Checks.quote(path.toString());
            if (!sizeSet) {
                throw new ManifestException(owner + ": " + Fields.SIZE + " is required");
            }
            if (size < 0) {
                throw new ManifestException(owner + ": " + Fields.SIZE + " must not be negative, got " + size);
            }
            if (!digests.containsKey(DigestAlgorithm.SHA256)) {
                throw new ManifestException(owner + ": a " + DigestAlgorithm.SHA256.label()
                        + " digest is required (found " + (digests.isEmpty() ? "none" : digests.keySet()) + ")");
            }
            if (collection != null) {
                Checks.line(owner, Fields.COLLECTION, collection);
            }
            if (title != null) {
                Checks.text(owner, Fields.TITLE, title);
            }
            if (mediaType != null) {
                Checks.line(owner, Fields.MEDIA_TYPE, mediaType);
                if (!MEDIA_TYPE.matcher(mediaType).matches()) {
                    throw new ManifestException(owner + ": " + Fields.MEDIA_TYPE + " " + Checks.quote(mediaType)
                            + " is not a media type (type/subtype, optionally followed by ;parameters)");
                }
            }
            Map<String, String> sortedMetadata = Map.of();
            if (!metadata.isEmpty()) {
                sortedMetadata = new TreeMap<>(Checks.CODE_POINT_ORDER);
                for (Map.Entry<String, String> column : metadata.entrySet()) {
                    Checks.name(owner, "metadata key " + Checks.quote(column.getKey()), column.getKey());
                    Checks.text(owner, "metadata " + Checks.quote(column.getKey()), column.getValue());
                    sortedMetadata.put(column.getKey(), column.getValue());
                }
                sortedMetadata = Collections.unmodifiableMap(sortedMetadata);
            }
            return new ManifestEntry(this, Collections.unmodifiableMap(new EnumMap<>(digests)), sortedMetadata,
                    Checks.extraFields(owner, extraFields, Fields.ENTRY_FIELDS));
        }
    }
}
