package dev.palimpsest.core.manifest;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.json.Fields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A row of a web archive's CDX index, as the index returned it. Every field is kept verbatim as
 * text, including the index's {@code -} for "unknown", because the row is evidence of what the
 * archive said; {@link #digestValue()} interprets the digest for comparison.
 *
 * <p>Fields are those of the CDX server API in its column order: {@code urlkey},
 * {@code timestamp}, {@code original}, {@code mimetype}, {@code status}, {@code digest},
 * {@code length}, {@code offset} and {@code filename}; all are optional. Values are one line of
 * text: non-empty and free of control characters. Immutable; equal when every field, including
 * unknown fields kept from a newer format, is equal.
 */
public final class CdxRecord {
    private final String urlkey;
    private final String timestamp;
    private final String original;
    private final String mimetype;
    private final String status;
    private final String digest;
    private final String length;
    private final String offset;
    private final String filename;
    private final Map<String, String> extraFields;

    private CdxRecord(Builder b, Map<String, String> extraFields) {
        this.urlkey = b.urlkey;
        this.timestamp = b.timestamp;
        this.original = b.original;
        this.mimetype = b.mimetype;
        this.status = b.status;
        this.digest = b.digest;
        this.length = b.length;
        this.offset = b.offset;
        this.filename = b.filename;
        this.extraFields = extraFields;
    }

    /** A builder with every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's fields, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.urlkey = urlkey;
        b.timestamp = timestamp;
        b.original = original;
        b.mimetype = mimetype;
        b.status = status;
        b.digest = digest;
        b.length = length;
        b.offset = offset;
        b.filename = filename;
        b.extraFields.putAll(extraFields);
        return b;
    }

    /** The SURT-form URL key, e.g. {@code gov,example)/foia/report.pdf}. */
    public Optional<String> urlkey() {
        return Optional.ofNullable(urlkey);
    }

    /** The capture's 14-digit timestamp as the index wrote it. */
    public Optional<String> timestamp() {
        return Optional.ofNullable(timestamp);
    }

    /** The original URL as the index wrote it. */
    public Optional<String> original() {
        return Optional.ofNullable(original);
    }

    /** The media type the index recorded, e.g. {@code application/pdf} or {@code warc/revisit}. */
    public Optional<String> mimetype() {
        return Optional.ofNullable(mimetype);
    }

    /** The HTTP status code as text, e.g. {@code 200}, or {@code -}. */
    public Optional<String> status() {
        return Optional.ofNullable(status);
    }

    /**
     * The payload digest exactly as the index wrote it: usually SHA-1 in Base32, sometimes with a
     * {@code sha1:} label.
     */
    public Optional<String> digest() {
        return Optional.ofNullable(digest);
    }

    /** The length of the stored record as text. */
    public Optional<String> length() {
        return Optional.ofNullable(length);
    }

    /** The offset of the record in its WARC file as text. */
    public Optional<String> offset() {
        return Optional.ofNullable(offset);
    }

    /** The name of the WARC file holding the record. */
    public Optional<String> filename() {
        return Optional.ofNullable(filename);
    }

    /**
     * The {@linkplain #digest() digest} as a value, when it is a well-formed digest: either
     * {@code <algorithm>:<value>}, or an unlabelled SHA-1 in any encoding {@link DigestValue}
     * accepts. Empty when there is no digest or it does not parse (e.g. {@code -}).
     */
    public Optional<DigestValue> digestValue() {
        if (digest == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(digest.indexOf(':') > 0
                    ? DigestValue.parseLabelled(digest)
                    : DigestValue.parse(DigestAlgorithm.SHA1, digest));
        } catch (IllegalArgumentException notADigest) {
            return Optional.empty();
        }
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
        if (!(o instanceof CdxRecord)) {
            return false;
        }
        CdxRecord r = (CdxRecord) o;
        return Objects.equals(urlkey, r.urlkey) && Objects.equals(timestamp, r.timestamp)
                && Objects.equals(original, r.original) && Objects.equals(mimetype, r.mimetype)
                && Objects.equals(status, r.status) && Objects.equals(digest, r.digest)
                && Objects.equals(length, r.length) && Objects.equals(offset, r.offset)
                && Objects.equals(filename, r.filename) && extraFields.equals(r.extraFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(urlkey, timestamp, original, mimetype, status, digest, length, offset, filename,
                extraFields);
    }

    /** The row's fields, space-separated in CDX column order, {@code -} for absent ones. */
    @Override
    public String toString() {
        return "CdxRecord[" + String.join(" ", dash(urlkey), dash(timestamp), dash(original), dash(mimetype),
                dash(status), dash(digest), dash(length), dash(offset), dash(filename)) + "]";
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    /**
     * Builds a {@link CdxRecord}. Setters take {@code null} to unset a field; {@link #build()}
     * validates.
     */
    public static final class Builder {
        private String urlkey;
        private String timestamp;
        private String original;
        private String mimetype;
        private String status;
        private String digest;
        private String length;
        private String offset;
        private String filename;
        private final Map<String, String> extraFields = new LinkedHashMap<>();

        private Builder() {}

        /** Sets the SURT-form URL key. */
        public Builder urlkey(String urlkey) {
            this.urlkey = urlkey;
            return this;
        }

        /** Sets the timestamp, verbatim. */
        public Builder timestamp(String timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        /** Sets the original URL, verbatim. */
        public Builder original(String original) {
            this.original = original;
            return this;
        }

        /** Sets the media type, verbatim. */
        public Builder mimetype(String mimetype) {
            this.mimetype = mimetype;
            return this;
        }

        /** Sets the HTTP status, verbatim. */
        public Builder status(String status) {
            this.status = status;
            return this;
        }

        /** Sets the payload digest, verbatim. */
        public Builder digest(String digest) {
            this.digest = digest;
            return this;
        }

        /** Sets the record length, verbatim. */
        public Builder length(String length) {
            this.length = length;
            return this;
        }

        /** Sets the record offset, verbatim. */
        public Builder offset(String offset) {
            this.offset = offset;
            return this;
        }

        /** Sets the WARC file name, verbatim. */
        public Builder filename(String filename) {
            this.filename = filename;
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
         * The record.
         *
         * @throws ManifestException if a field is empty, holds a control character or is not
         *     valid Unicode, or an extra field is not valid JSON or reuses a defined name
         */
        public CdxRecord build() throws ManifestException {
            String owner = "CDX record";
            for (Map.Entry<String, String> field : fields().entrySet()) {
                if (field.getValue() != null) {
                    Checks.line(owner, field.getKey(), field.getValue());
                }
            }
            return new CdxRecord(this, Checks.extraFields(owner, extraFields, Fields.CDX_FIELDS));
        }

        private Map<String, String> fields() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put(Fields.URLKEY, urlkey);
            fields.put(Fields.TIMESTAMP, timestamp);
            fields.put(Fields.ORIGINAL, original);
            fields.put(Fields.MIMETYPE, mimetype);
            fields.put(Fields.STATUS, status);
            fields.put(Fields.DIGEST, digest);
            fields.put(Fields.LENGTH, length);
            fields.put(Fields.OFFSET, offset);
            fields.put(Fields.FILENAME, filename);
            return fields;
        }
    }
}
