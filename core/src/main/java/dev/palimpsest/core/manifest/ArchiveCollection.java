package dev.palimpsest.core.manifest;

import dev.palimpsest.core.internal.json.Fields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A named group of entries in an archive, such as "documents" or "statistics"; entries refer to
 * it by {@link #id()}.
 *
 * <p>The id is 1 to 128 characters: ASCII letters and digits, then also {@code .}, {@code _} and
 * {@code -}. It is stable and machine-readable; the title is for people. Immutable; equal when
 * every field, including unknown fields kept from a newer format, is equal.
 */
public final class ArchiveCollection {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final String id;
    private final String title;
    private final String description;
    private final Map<String, String> extraFields;

    private ArchiveCollection(Builder b, Map<String, String> extraFields) {
        this.id = b.id;
        this.title = b.title;
        this.description = b.description;
        this.extraFields = extraFields;
    }

    /** A builder with every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this collection's fields, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.title = title;
        b.description = description;
        b.extraFields.putAll(extraFields);
        return b;
    }

    /** The collection's identifier, which entries use to refer to it. */
    public String id() {
        return id;
    }

    /** The collection's title, for people. */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** A description of the collection. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
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
        if (!(o instanceof ArchiveCollection)) {
            return false;
        }
        ArchiveCollection c = (ArchiveCollection) o;
        return id.equals(c.id) && Objects.equals(title, c.title) && Objects.equals(description, c.description)
                && extraFields.equals(c.extraFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, title, description, extraFields);
    }

    /** The id and title, for diagnostics. */
    @Override
    public String toString() {
        return "ArchiveCollection[" + id + (title == null ? "" : ": " + title) + "]";
    }

    /**
     * Builds an {@link ArchiveCollection}. Setters take {@code null} to unset a field;
     * {@link #build()} validates.
     */
    public static final class Builder {
        private String id;
        private String title;
        private String description;
        private final Map<String, String> extraFields = new LinkedHashMap<>();

        private Builder() {}

        /** Sets the identifier (required). */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** Sets the title. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** Sets the description. */
        public Builder description(String description) {
            this.description = description;
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
         * The collection.
         *
         * @throws ManifestException if the id is missing or malformed, text is not valid Unicode,
         *     or an extra field is not valid JSON or reuses a defined name
         */
        public ArchiveCollection build() throws ManifestException {
            if (id == null) {
                throw new ManifestException("collection: " + Fields.ID + " is required");
            }
            String owner = "collection " + Checks.quote(id);
            if (!ID.matcher(id).matches()) {
                throw new ManifestException(owner + ": " + Fields.ID
                        + " must be 1 to 128 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            if (title != null) {
                Checks.text(owner, Fields.TITLE, title);
            }
            if (description != null) {
                Checks.text(owner, Fields.DESCRIPTION, description);
            }
            return new ArchiveCollection(this, Checks.extraFields(owner, extraFields, Fields.COLLECTION_FIELDS));
        }
    }
}
