package dev.palimpsest.core.manifest;

import dev.palimpsest.core.internal.json.Fields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The archive manifest ({@code provenance/archive.json}): archive-level metadata and one
 * {@link ManifestEntry} per file. Read and write it with {@link ManifestCodec}; the format is
 * specified in {@code core/FORMAT.md}.
 *
 * <p>An instance always satisfies the format's rules, checked when it is built:
 * <ul>
 *   <li>the format version's major number is {@value #SUPPORTED_MAJOR_VERSION};
 *   <li>collection ids are unique;
 *   <li>every entry's collection is declared;
 *   <li>no two paths are equal after NFC normalisation and case folding
 *       ({@link PathRule#COLLISION}), and no path is used both as a file and as a directory
 *       ({@link PathRule#FILE_DIRECTORY_CONFLICT}).
 * </ul>
 * Entries are kept sorted by path ({@link ArchivePath#compareTo}), whatever order they were added
 * in, so equal manifests serialise to equal bytes.
 *
 * <p>Immutable and safe to share between threads; equal when the version, every field, every
 * collection, every entry and every unknown field kept from a newer format are equal.
 */
public final class ArchiveManifest {
    /** The value of the {@code format} field that identifies an archive manifest. */
    public static final String FORMAT = "palimpsest-archive";
    /** The format version this library writes. */
    public static final String VERSION = "1.0";
    /** The major format version this library reads; a manifest with any minor version of it is accepted. */
    public static final int SUPPORTED_MAJOR_VERSION = 1;

    private static final Pattern VERSION_SYNTAX = Pattern.compile("([0-9]{1,9})\\.([0-9]{1,9})");

    private final String version;
    private final String title;
    private final String description;
    private final String creator;
    private final Instant created;
    private final List<ArchiveCollection> collections;
    private final List<ManifestEntry> entries;
    private final Map<String, ManifestEntry> entriesByPath;
    private final Map<String, String> extraFields;

    private ArchiveManifest(Builder b, List<ManifestEntry> entries, Map<String, ManifestEntry> entriesByPath,
            Map<String, String> extraFields) {
        this.version = b.version;
        this.title = b.title;
        this.description = b.description;
        this.creator = b.creator;
        this.created = b.created;
        this.collections = List.copyOf(b.collections);
        this.entries = entries;
        this.entriesByPath = entriesByPath;
        this.extraFields = extraFields;
    }

    /** A builder for an empty manifest of the current {@link #VERSION}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this manifest's fields, collections and entries, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.version = version;
        b.title = title;
        b.description = description;
        b.creator = creator;
        b.created = created;
        b.collections.addAll(collections);
        b.entries.addAll(entries);
        b.extraFields.putAll(extraFields);
        return b;
    }

    /**
     * The format version, {@code <major>.<minor>}: {@link #VERSION} for manifests built here, or
     * the version read (a newer minor version is kept, with the fields it added, as extra fields).
     */
    public String version() {
        return version;
    }

    /** The archive's title. */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** A description of the archive. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** Who assembled the archive. */
    public Optional<String> creator() {
        return Optional.ofNullable(creator);
    }

    /** When the archive was assembled. */
    public Optional<Instant> created() {
        return Optional.ofNullable(created);
    }

    /** The collections, in the order given. */
    public List<ArchiveCollection> collections() {
        return collections;
    }

    /** The collection with this id, if declared. */
    public Optional<ArchiveCollection> collection(String id) {
        Objects.requireNonNull(id, "id");
        for (ArchiveCollection collection : collections) {
            if (collection.id().equals(id)) {
                return Optional.of(collection);
            }
        }
        return Optional.empty();
    }

    /** Every entry, sorted by path. */
    public List<ManifestEntry> entries() {
        return entries;
    }

    /** The entry whose path text is exactly {@code path}, if any. */
    public Optional<ManifestEntry> entry(String path) {
        return Optional.ofNullable(entriesByPath.get(Objects.requireNonNull(path, "path")));
    }

    /** The entry at {@code path}, if any. */
    public Optional<ManifestEntry> entry(ArchivePath path) {
        return entry(path.toString());
    }

    /**
     * Fields this version of the format does not define, kept so that a manifest read and
     * written again loses nothing: name to the field's value as compact JSON text, sorted by name.
     */
    public Map<String, String> extraFields() {
        return extraFields;
    }

    /** Equal when the version, fields, collections, entries and extra fields are equal. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ArchiveManifest)) {
            return false;
        }
        ArchiveManifest m = (ArchiveManifest) o;
        return version.equals(m.version) && Objects.equals(title, m.title)
                && Objects.equals(description, m.description) && Objects.equals(creator, m.creator)
                && Objects.equals(created, m.created) && collections.equals(m.collections)
                && entries.equals(m.entries) && extraFields.equals(m.extraFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, title, description, creator, created, collections, entries, extraFields);
    }

    /** The title and number of entries, for diagnostics. */
    @Override
    public String toString() {
        return "ArchiveManifest[" + (title == null ? "untitled" : title) + ", " + entries.size() + " entries, version "
                + version + "]";
    }

    /**
     * Builds an {@link ArchiveManifest}. Setters take {@code null} to unset a field;
     * {@link #build()} validates the whole manifest.
     */
    public static final class Builder {
        private String version = VERSION;
        private String title;
        private String description;
        private String creator;
        private Instant created;
        private final List<ArchiveCollection> collections = new ArrayList<>();
        private final List<ManifestEntry> entries = new ArrayList<>();
        private final Map<String, String> extraFields = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets the format version ({@code <major>.<minor>}). Normally left at {@link #VERSION};
         * the reader sets the version it read, so that a manifest of a newer minor version is
         * written back as that version.
         */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** Sets the archive's title. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** Sets the description. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Sets who assembled the archive. */
        public Builder creator(String creator) {
            this.creator = creator;
            return this;
        }

        /** Sets when the archive was assembled. */
        public Builder created(Instant created) {
            this.created = created;
            return this;
        }

        /** Adds a collection after those already added. */
        public Builder collection(ArchiveCollection collection) {
            collections.add(Objects.requireNonNull(collection, "collection"));
            return this;
        }

        /** Removes the collection with this id, if present. */
        public Builder removeCollection(String id) {
            Objects.requireNonNull(id, "id");
            collections.removeIf(c -> c.id().equals(id));
            return this;
        }

        /**
         * Adds an entry. Entries may be added in any order; a second entry at a colliding path is
         * reported by {@link #build()}.
         */
        public Builder entry(ManifestEntry entry) {
            entries.add(Objects.requireNonNull(entry, "entry"));
            return this;
        }

        /** Removes the entries at exactly this path, if any (e.g. before adding a replacement). */
        public Builder removeEntry(ArchivePath path) {
            Objects.requireNonNull(path, "path");
            entries.removeIf(e -> e.path().equals(path));
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
         * The manifest.
         *
         * @throws ArchivePathException if two paths collide after NFC normalisation and case
         *     folding, or a path is used both as a file and as a directory; the exception names
         *     both paths and the rule
         * @throws ManifestException if the version is malformed or of another major version, a
         *     collection id is declared twice, an entry names an undeclared collection, text is
         *     not valid Unicode, the creation time is outside the years 0000 to 9999, or an extra
         *     field is not valid JSON or reuses a defined name
         */
        public ArchiveManifest build() throws ManifestException {
            String owner = "manifest";
            checkVersion(version);
            if (title != null) {
                Checks.text(owner, Fields.TITLE, title);
            }
            if (description != null) {
                Checks.text(owner, Fields.DESCRIPTION, description);
            }
            if (creator != null) {
                Checks.text(owner, Fields.CREATOR, creator);
            }
            if (created != null) {
                Checks.instant(owner, Fields.CREATED, created);
            }
            Map<String, ArchiveCollection> collectionsById = new HashMap<>();
            for (ArchiveCollection collection : collections) {
                if (collectionsById.putIfAbsent(collection.id(), collection) != null) {
                    throw new ManifestException(owner + ": collection id " + Checks.quote(collection.id())
                            + " is declared more than once");
                }
            }
            List<ManifestEntry> sorted = new ArrayList<>(entries);
            sorted.sort((a, b) -> a.path().compareTo(b.path()));
            checkPaths(sorted);
            Map<String, ManifestEntry> byPath = new HashMap<>(Math.max(16, sorted.size() * 4 / 3 + 1));
            for (ManifestEntry entry : sorted) {
                byPath.put(entry.path().toString(), entry);
                Optional<String> collection = entry.collection();
                if (collection.isPresent() && !collectionsById.containsKey(collection.get())) {
                    throw new ManifestException("entry " + Checks.quote(entry.path().toString()) + ": collection "
                            + Checks.quote(collection.get()) + " is not declared in " + Fields.COLLECTIONS);
                }
            }
            return new ArchiveManifest(this, Collections.unmodifiableList(sorted), Collections.unmodifiableMap(byPath),
                    Checks.extraFields(owner, extraFields, Fields.MANIFEST_FIELDS));
        }

        private static void checkVersion(String version) throws ManifestException {
            Matcher m = VERSION_SYNTAX.matcher(version);
            if (!m.matches()) {
                throw new ManifestException("manifest: " + Fields.VERSION + " " + Checks.quote(version)
                        + " is not <major>.<minor>, e.g. " + VERSION);
            }
            int major = Integer.parseInt(m.group(1));
            if (major > SUPPORTED_MAJOR_VERSION) {
                throw new ManifestException("manifest: format version " + version + " is newer than this library"
                        + " reads (" + SUPPORTED_MAJOR_VERSION + ".x); a newer Palimpsest is needed to read it");
            }
            if (major != SUPPORTED_MAJOR_VERSION) {
                throw new ManifestException("manifest: format version " + version
                        + " is not supported (this library reads " + SUPPORTED_MAJOR_VERSION + ".x)");
            }
        }

        /** Paths are sorted, so an exact duplicate is adjacent to its twin. */
        private static void checkPaths(List<ManifestEntry> sorted) throws ArchivePathException {
            Map<String, ArchivePath> byKey = new HashMap<>(Math.max(16, sorted.size() * 4 / 3 + 1));
            for (ManifestEntry entry : sorted) {
                ArchivePath path = entry.path();
                ArchivePath twin = byKey.putIfAbsent(path.collisionKey(), path);
                if (twin != null) {
                    String how = twin.equals(path) ? "appears twice" : "collides with " + Checks.quote(twin.toString())
                            + " (equal after NFC normalisation and case folding)";
                    throw new ArchivePathException(path.toString(), PathRule.COLLISION,
                            "path " + Checks.quote(path.toString()) + " " + how + " [" + PathRule.COLLISION + "]");
                }
            }
            // Case folding never produces or removes '/', so the key of a directory prefix is the
            // matching prefix of the key.
            for (ManifestEntry entry : sorted) {
                String key = entry.path().collisionKey();
                for (int slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', slash + 1)) {
                    ArchivePath file = byKey.get(key.substring(0, slash));
                    if (file != null) {
                        throw new ArchivePathException(file.toString(), PathRule.FILE_DIRECTORY_CONFLICT,
                                "path " + Checks.quote(file.toString()) + " is a file, but "
                                        + Checks.quote(entry.path().toString()) + " uses it as a directory ["
                                        + PathRule.FILE_DIRECTORY_CONFLICT + "]");
                    }
                }
            }
        }
    }
}
