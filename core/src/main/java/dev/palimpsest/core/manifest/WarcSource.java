package dev.palimpsest.core.manifest;

import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.json.Fields;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The WARC record a file was taken from: enough to find the record again and to compare the
 * file with the digest the WARC holds.
 *
 * <p>The record id is required; the WARC file name, the record's offset in it, its target URI,
 * its {@code WARC-Date} and its {@code WARC-Payload-Digest} are optional. Text fields are one
 * line: non-empty, free of control characters. The payload digest is kept verbatim
 * ({@code <algorithm>:<value>} as the WARC wrote it). Immutable; equal when every field, including
 * unknown fields kept from a newer format, is equal.
 */
public final class WarcSource {
    private final String recordId;
    private final String filename;
    private final Long offset;
    private final String targetUri;
    private final Instant date;
    private final String payloadDigest;
    private final Map<String, String> extraFields;

    private WarcSource(Builder b, Map<String, String> extraFields) {
        this.recordId = b.recordId;
        this.filename = b.filename;
        this.offset = b.offset;
        this.targetUri = b.targetUri;
        this.date = b.date;
        this.payloadDigest = b.payloadDigest;
        this.extraFields = extraFields;
    }

    /** A builder with every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this source's fields, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.recordId = recordId;
        b.filename = filename;
        b.offset = offset;
        b.targetUri = targetUri;
        b.date = date;
        b.payloadDigest = payloadDigest;
        b.extraFields.putAll(extraFields);
        return b;
    }

    /** The {@code WARC-Record-ID}, verbatim, e.g. {@code <urn:uuid:...>}. */
    public String recordId() {
        return recordId;
    }

    /** The name of the WARC file. */
    public Optional<String> filename() {
        return Optional.ofNullable(filename);
    }

    /** The byte offset of the record in the WARC file. */
    public OptionalLong offset() {
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** The {@code WARC-Target-URI}, verbatim. */
    public Optional<String> targetUri() {
        return Optional.ofNullable(targetUri);
    }

    /** The {@code WARC-Date}. */
    public Optional<Instant> date() {
        return Optional.ofNullable(date);
    }

    /** The {@code WARC-Payload-Digest}, verbatim, e.g. {@code sha1:XMABAYFTCASBJ5QATNBILSXH6PSZEMG4}. */
    public Optional<String> payloadDigest() {
        return Optional.ofNullable(payloadDigest);
    }

    /**
     * The {@linkplain #payloadDigest() payload digest} as a value, when it is a well-formed
     * labelled digest of a supported algorithm; empty otherwise.
     */
    public Optional<DigestValue> payloadDigestValue() {
        if (payloadDigest == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(DigestValue.parseLabelled(payloadDigest));
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
        if (!(o instanceof WarcSource)) {
            return false;
        }
        WarcSource w = (WarcSource) o;
        return recordId.equals(w.recordId) && Objects.equals(filename, w.filename)
                && Objects.equals(offset, w.offset) && Objects.equals(targetUri, w.targetUri)
                && Objects.equals(date, w.date) && Objects.equals(payloadDigest, w.payloadDigest)
                && extraFields.equals(w.extraFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recordId, filename, offset, targetUri, date, payloadDigest, extraFields);
    }

    /** The record id, file and offset, for diagnostics. */
    @Override
    public String toString() {
        return "WarcSource[" + recordId + (filename == null ? "" : " in " + filename)
                + (offset == null ? "" : " at " + offset) + "]";
    }

    /**
     * Builds a {@link WarcSource}. Setters take {@code null} to unset a field; {@link #build()}
     * validates.
     */
    public static final class Builder {
        private String recordId;
        private String filename;
        private Long offset;
        private String targetUri;
        private Instant date;
        private String payloadDigest;
        private final Map<String, String> extraFields = new LinkedHashMap<>();

        private Builder() {}

        /** Sets the {@code WARC-Record-ID} (required). */
        public Builder recordId(String recordId) {
            this.recordId = recordId;
            return this;
        }

        /** Sets the WARC file name. */
        public Builder filename(String filename) {
            this.filename = filename;
            return this;
        }

        /** Sets the record's byte offset in the WARC file (must not be negative). */
        public Builder offset(Long offset) {
            this.offset = offset;
            return this;
        }

        /** Sets the {@code WARC-Target-URI}. */
        public Builder targetUri(String targetUri) {
            this.targetUri = targetUri;
            return this;
        }

        /** Sets the {@code WARC-Date}. */
        public Builder date(Instant date) {
            this.date = date;
            return this;
        }

        /** Sets the {@code WARC-Payload-Digest}, verbatim ({@code <algorithm>:<value>}). */
        public Builder payloadDigest(String payloadDigest) {
            this.payloadDigest = payloadDigest;
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
         * The WARC source.
         *
         * @throws ManifestException if the record id is missing, the offset is negative, a text
         *     field is empty, holds a control character or is not valid Unicode, the date is
         *     outside the years 0000 to 9999, or an extra field is not valid JSON or reuses a
         *     defined name
         */
        public WarcSource build() throws ManifestException {
            String owner = "WARC source";
            if (recordId == null) {
                throw new ManifestException(owner + ": " + Fields.RECORD_ID + " is required");
            }
            Checks.line(owner, Fields.RECORD_ID, recordId);
            if (filename != null) {
                Checks.line(owner, Fields.FILENAME, filename);
            }
            if (offset != null && offset < 0) {
                throw new ManifestException(owner + " " + Checks.quote(recordId) + ": " + Fields.OFFSET
                        + " must not be negative, got " + offset);
            }
            if (targetUri != null) {
                Checks.line(owner, Fields.TARGET_URI, targetUri);
            }
            if (date != null) {
                Checks.instant(owner, Fields.DATE, date);
            }
            if (payloadDigest != null) {
                Checks.line(owner, Fields.PAYLOAD_DIGEST, payloadDigest);
            }
            return new WarcSource(this, Checks.extraFields(owner, extraFields, Fields.WARC_FIELDS));
        }
    }
}
