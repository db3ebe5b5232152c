package dev.palimpsest.core.bundle;

import dev.palimpsest.core.manifest.ArchiveCollection;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.ManifestEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What goes into a bundle: the archive-level metadata of its manifest, and its files — every file
 * under one or more input folders, and single files placed at chosen paths, optionally with the
 * manifest entry that describes them (capture record, title, collection, media type).
 *
 * <p>This only describes the content; nothing is read until a {@link BundleWriter} writes it, and
 * the inputs are never modified. Immutable.
 *
 * <pre>{@code
 * BundleContent content = BundleContent.builder()
 *         .title("FOIA library documents removed in October 2017")
 *         .folder(Path.of("recovered"))
 *         .build();
 * }</pre>
 */
public final class BundleContent {
    private final String title;
    private final String description;
    private final String creator;
    private final Instant created;
    private final List<ArchiveCollection> collections;
    private final List<Path> folders;
    private final List<Item> files;
    private final Map<ArchivePath, Consumer<ManifestEntry.Builder>> descriptions;

    private BundleContent(Builder b) {
        this.title = b.title;
        this.description = b.description;
        this.creator = b.creator;
        this.created = b.created;
        this.collections = List.copyOf(b.collections);
        this.folders = List.copyOf(b.folders);
        this.files = List.copyOf(b.files);
        this.descriptions = Collections.unmodifiableMap(new LinkedHashMap<>(b.descriptions));
    }

    /** A builder with no metadata and no files. */
    public static Builder builder() {
        return new Builder();
    }

    /** The content of one folder, without archive-level metadata. */
    public static BundleContent ofFolder(Path folder) {
        return builder().folder(folder).build();
    }

    /** The archive's title; also the bag's {@code External-Description}. */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** The archive's description. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** Who assembled the archive. */
    public Optional<String> creator() {
        return Optional.ofNullable(creator);
    }

    /** When the archive was assembled; when absent, the writer records the time it writes the bundle. */
    public Optional<Instant> created() {
        return Optional.ofNullable(created);
    }

    /** The collections entries may belong to, in order. */
    public List<ArchiveCollection> collections() {
        return collections;
    }

    /** The input folders, whose files go to {@code data/} at their paths relative to the folder. */
    public List<Path> folders() {
        return folders;
    }

    /** The single files, in the order added. */
    public List<Item> files() {
        return files;
    }

    /**
     * Descriptions of files found in the input folders, by path: applied to each such file's
     * entry before the writer sets its size and digests.
     */
    public Map<ArchivePath, Consumer<ManifestEntry.Builder>> descriptions() {
        return descriptions;
    }

    @Override
    public String toString() {
        return "BundleContent[" + folders.size() + " folders, " + files.size() + " files"
                + (title != null ? ", title=" + title : "") + "]";
    }

    /**
     * One file placed at a chosen path in the bundle. When it comes with a manifest entry, the
     * entry's size and digests are what the file is expected to be: the writer checks them while
     * copying and refuses a file that differs ({@link BundleException.Reason#INPUT_MISMATCH}).
     */
    public static final class Item {
        private final Path source;
        private final ArchivePath path;
        private final ManifestEntry entry;
        private final Consumer<ManifestEntry.Builder> description;

        private Item(Path source, ArchivePath path, ManifestEntry entry, Consumer<ManifestEntry.Builder> description) {
            this.source = source;
            this.path = path;
            this.entry = entry;
            this.description = description;
        }

        /** The file to copy (symbolic links are followed: the caller named it). */
        public Path source() {
            return source;
        }

        /** Where it goes, relative to the bundle's {@code data/}. */
        public ArchivePath path() {
            return path;
        }

        /** The entry describing it, when one was given; its size and digests are checked against the file. */
        public Optional<ManifestEntry> entry() {
            return Optional.ofNullable(entry);
        }

        /**
         * The description to apply to a new entry for the file, when one was given instead of an
         * entry: it sets what the caller knows (title, capture record, ...); the writer then sets
         * the size and digests it computes.
         */
        public Optional<Consumer<ManifestEntry.Builder>> description() {
            return Optional.ofNullable(description);
        }

        @Override
        public String toString() {
            return source + " -> " + path;
        }
    }

    /** Builds a {@link BundleContent}. Setters take {@code null} to unset a field. Not thread-safe. */
    public static final class Builder {
        private String title;
        private String description;
        private String creator;
        private Instant created;
        private final List<ArchiveCollection> collections = new ArrayList<>();
        private final List<Path> folders = new ArrayList<>();
        private final List<Item> files = new ArrayList<>();
        private final Map<ArchivePath, Consumer<ManifestEntry.Builder>> descriptions = new LinkedHashMap<>();

        private Builder() {
        }

        /** Sets the archive's title, also written to {@code bag-info.txt} as {@code External-Description}. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** Sets the archive's description. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Sets who assembled the archive. */
        public Builder creator(String creator) {
            this.creator = creator;
            return this;
        }

        /** Sets when the archive was assembled (by default, when the bundle is written). */
        public Builder created(Instant created) {
            this.created = created;
            return this;
        }

        /** Adds a collection that entries may name. */
        public Builder collection(ArchiveCollection collection) {
            collections.add(Objects.requireNonNull(collection, "collection"));
            return this;
        }

        /**
         * Adds every file under {@code folder}, at its path relative to the folder. The writer
         * applies its input rules when it reads the folder (see {@link BundleWriter}).
         */
        public Builder folder(Path folder) {
            folders.add(Objects.requireNonNull(folder, "folder"));
            return this;
        }

        /** Adds one file at {@code path}; the writer records its size and digests. */
        public Builder file(Path source, ArchivePath path) {
            files.add(new Item(Objects.requireNonNull(source, "source"), Objects.requireNonNull(path, "path"), null,
                    null));
            return this;
        }

        /**
         * Adds one file at {@code path}, described by {@code description}: when the bundle is
         * written, a new {@link ManifestEntry.Builder} for the path is handed to it to set what is
         * known about the file — capture record, title, collection, media type, metadata — and the
         * writer then sets the size and digests it computes while copying (replacing any the
         * description set). Use this when the file has not been hashed yet.
         *
         * <pre>{@code
         * content.file(download, ArchivePath.of("documents/report.pdf"), e -> e.capture(capture).title("Report"));
         * }</pre>
         */
        public Builder file(Path source, ArchivePath path, Consumer<ManifestEntry.Builder> description) {
            files.add(new Item(Objects.requireNonNull(source, "source"), Objects.requireNonNull(path, "path"), null,
                    Objects.requireNonNull(description, "description")));
            return this;
        }

        /**
         * Adds one file described by {@code entry}, at the entry's path. The entry is kept as it is
         * (capture record, title, collection, metadata) with the digests the writer computes
         * added; the size and every digest it already records must match the file.
         */
        public Builder file(Path source, ManifestEntry entry) {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(entry, "entry");
            files.add(new Item(source, entry.path(), entry, null));
            return this;
        }

        /**
         * Describes the file that an input folder holds at {@code path} (relative to the folder):
         * when the bundle is written, the file's new {@link ManifestEntry.Builder} is handed to
         * {@code description} to set what is known about it — capture record, title, collection,
         * media type, metadata, as a sources table gives them — before the writer sets the size and
         * digests it computes. A description replaces an earlier one for the same path. One that
         * matches no file found in a folder is reported in {@link BundleResult#warnings()}.
         *
         * <pre>{@code
         * SourcesTable sources = SourcesTable.read(Path.of("sources.csv"));
         * sources.rows().forEach((path, row) -> content.describe(path, row::applyTo));
         * }</pre>
         */
        public Builder describe(ArchivePath path, Consumer<ManifestEntry.Builder> description) {
            descriptions.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(description, "description"));
            return this;
        }

        /** The content. */
        public BundleContent build() {
            return new BundleContent(this);
        }
    }
}
