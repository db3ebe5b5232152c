package dev.palimpsest.core.manifest;

import dev.palimpsest.core.internal.json.Fields;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where a file came from: the original URL, when a web archive captured it, the archive copy it
 * was recovered from, what the archive's index says about that copy, and how it was retrieved.
 *
 * <p>Only the original URL is required. URLs are kept verbatim as text, not parsed, because
 * URLs found in web archives are often not valid URIs and the exact text is the evidence; they
 * must be one line (non-empty, no control characters).
 *
 * <p>The capture time and the 14-digit Wayback timestamp ({@code yyyyMMddHHmmss}, UTC) are one
 * fact: setting either sets the capture time, and setting both requires them to agree to the
 * second. {@link #waybackTimestamp()} is always derived from {@link #captureTime()}.
 *
 * <p>Response headers are kept by lower-case name (HTTP field names are case-insensitive), sorted
 * by name, each with its values in the order received.
 *
 * <p>Immutable; equal when every field, including unknown fields kept from a newer format, is
 * equal.
 */
public final class CaptureRecord {
    private static final DateTimeFormatter WAYBACK = DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern WAYBACK_SYNTAX = Pattern.compile("[0-9]{14}");
    /** RFC 9110 token characters, the syntax of a field name. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final String originalUrl;
    private final Instant captureTime;
    private final String archive;
    private final String mementoUrl;
    private final String rawMementoUrl;
    private final CdxRecord cdx;
    private final Instant retrievedAt;
    private final String retrievedBy;
    private final Map<String, List<String>> responseHeaders;
    private final WarcSource warc;
    private final CaptureCheck check;
    private final String checkExplanation;
    private final Map<String, String> extraFields;

    private CaptureRecord(Builder b, Instant captureTime, Map<String, List<String>> responseHeaders,
            Map<String, String> extraFields) {
        this.originalUrl = b.originalUrl;
        this.captureTime = captureTime;
        this.archive = b.archive;
        this.mementoUrl = b.mementoUrl;
        this.rawMementoUrl = b.rawMementoUrl;
        this.cdx = b.cdx;
        this.retrievedAt = b.retrievedAt;
        this.retrievedBy = b.retrievedBy;
        this.responseHeaders = responseHeaders;
        this.warc = b.warc;
        this.check = b.check;
        this.checkExplanation = b.checkExplanation;
        this.extraFields = extraFields;
    }

    /** A builder with every field unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's fields, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.originalUrl = originalUrl;
        b.captureTime = captureTime;
        b.archive = archive;
        b.mementoUrl = mementoUrl;
        b.rawMementoUrl = rawMementoUrl;
        b.cdx = cdx;
        b.retrievedAt = retrievedAt;
        b.retrievedBy = retrievedBy;
        responseHeaders.forEach((name, values) -> b.responseHeaders.put(name, new ArrayList<>(values)));
        b.warc = warc;
        b.check = check;
        b.checkExplanation = checkExplanation;
        b.extraFields.putAll(extraFields);
        return b;
    }

    /** The URL the file was originally published at, verbatim. */
    public String originalUrl() {
        return originalUrl;
    }

    /** When the web archive captured the file. */
    public Optional<Instant> captureTime() {
        return Optional.ofNullable(captureTime);
    }

    /**
     * The capture time as a 14-digit Wayback timestamp ({@code yyyyMMddHHmmss}, UTC, truncated to
     * the second), derived from {@link #captureTime()}.
     */
    public Optional<String> waybackTimestamp() {
        return captureTime == null ? Optional.empty() : Optional.of(formatWayback(captureTime));
    }

    /** The archive service that held the capture, e.g. {@code web.archive.org}. */
    public Optional<String> archive() {
        return Optional.ofNullable(archive);
    }

    /** The memento URL (URI-M) of the capture, as a reader would browse it. */
    public Optional<String> mementoUrl() {
        return Optional.ofNullable(mementoUrl);
    }

    /**
     * The URL the raw capture was fetched from: for Wayback services the memento URL with
     * {@code id_} after the timestamp, which returns the archived bytes without rewriting.
     */
    public Optional<String> rawMementoUrl() {
        return Optional.ofNullable(rawMementoUrl);
    }

    /** The archive's CDX index row for the capture, when it was looked up. */
    public Optional<CdxRecord> cdx() {
        return Optional.ofNullable(cdx);
    }

    /** When the capture was retrieved from the archive. */
    public Optional<Instant> retrievedAt() {
        return Optional.ofNullable(retrievedAt);
    }

    /** The tool (and version) that retrieved the capture, e.g. {@code palimpsest/0.1.0}. */
    public Optional<String> retrievedBy() {
        return Optional.ofNullable(retrievedBy);
    }

    /**
     * The response headers kept from the retrieval (e.g. {@code memento-datetime}, {@code link},
     * {@code x-archive-orig-*}): lower-case name to values in the order received, sorted by name.
     * Empty when none were kept.
     */
    public Map<String, List<String>> responseHeaders() {
        return responseHeaders;
    }

    /** The WARC record the file was taken from, for WARC sources. */
    public Optional<WarcSource> warc() {
        return Optional.ofNullable(warc);
    }

    /**
     * The capture check recorded at recovery time: the file's SHA-1 compared with the digest the
     * archive holds.
     */
    public Optional<CaptureCheck> check() {
        return Optional.ofNullable(check);
    }

    /** Why the capture check came out as it did (e.g. why a mismatch is expected). */
    public Optional<String> checkExplanation() {
        return Optional.ofNullable(checkExplanation);
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
        if (!(o instanceof CaptureRecord)) {
            return false;
        }
        CaptureRecord r = (CaptureRecord) o;
        return originalUrl.equals(r.originalUrl) && Objects.equals(captureTime, r.captureTime)
                && Objects.equals(archive, r.archive) && Objects.equals(mementoUrl, r.mementoUrl)
                && Objects.equals(rawMementoUrl, r.rawMementoUrl) && Objects.equals(cdx, r.cdx)
                && Objects.equals(retrievedAt, r.retrievedAt) && Objects.equals(retrievedBy, r.retrievedBy)
                && responseHeaders.equals(r.responseHeaders) && Objects.equals(warc, r.warc)
                && check == r.check && Objects.equals(checkExplanation, r.checkExplanation)
                && extraFields.equals(r.extraFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(originalUrl, captureTime, archive, mementoUrl, rawMementoUrl, cdx, retrievedAt,
                retrievedBy, responseHeaders, warc, check, checkExplanation, extraFields);
    }

    /** The original URL and capture time, for diagnostics. */
    @Override
    public String toString() {
        return "CaptureRecord[" + originalUrl + (captureTime == null ? "" : " @ " + captureTime)
                + (check == null ? "" : " " + check) + "]";
    }

    static String formatWayback(Instant instant) {
        return WAYBACK.format(instant.atOffset(ZoneOffset.UTC));
    }

    /**
     * Builds a {@link CaptureRecord}. Setters take {@code null} to unset a field; {@link #build()}
     * validates.
     */
    public static final class Builder {
        private String originalUrl;
        private Instant captureTime;
        private String waybackTimestamp;
        private String archive;
        private String mementoUrl;
        private String rawMementoUrl;
        private CdxRecord cdx;
        private Instant retrievedAt;
        private String retrievedBy;
        private final Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
        private WarcSource warc;
        private CaptureCheck check;
        private String checkExplanation;
        private final Map<String, String> extraFields = new LinkedHashMap<>();

        private Builder() {}

        /** Sets the original URL (required), verbatim. */
        public Builder originalUrl(String originalUrl) {
            this.originalUrl = originalUrl;
            return this;
        }

        /** Sets the capture time. */
        public Builder captureTime(Instant captureTime) {
            this.captureTime = captureTime;
            return this;
        }

        /**
         * Sets the capture time from a 14-digit Wayback timestamp ({@code yyyyMMddHHmmss}, UTC).
         * When a capture time is also set, {@link #build()} requires the two to agree to the
         * second.
         */
        public Builder waybackTimestamp(String waybackTimestamp) {
            this.waybackTimestamp = waybackTimestamp;
            return this;
        }

        /** Sets the archive service, e.g. {@code web.archive.org}. */
        public Builder archive(String archive) {
            this.archive = archive;
            return this;
        }

        /** Sets the memento URL (URI-M), verbatim. */
        public Builder mementoUrl(String mementoUrl) {
            this.mementoUrl = mementoUrl;
            return this;
        }

        /** Sets the raw ({@code id_}) memento URL the bytes were fetched from, verbatim. */
        public Builder rawMementoUrl(String rawMementoUrl) {
            this.rawMementoUrl = rawMementoUrl;
            return this;
        }

        /** Sets the CDX index row. */
        public Builder cdx(CdxRecord cdx) {
            this.cdx = cdx;
            return this;
        }

        /** Sets when the capture was retrieved. */
        public Builder retrievedAt(Instant retrievedAt) {
            this.retrievedAt = retrievedAt;
            return this;
        }

        /** Sets the retrieving tool, e.g. {@code palimpsest/0.1.0}. */
        public Builder retrievedBy(String retrievedBy) {
            this.retrievedBy = retrievedBy;
            return this;
        }

        /**
         * Adds a value of a response header, after any values already added under the same name
         * (compared ignoring case).
         *
         * @param name an HTTP field name (an RFC 9110 token); stored in lower case
         * @param value the field value, which must not contain CR, LF or NUL
         */
        public Builder responseHeader(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            responseHeaders.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
            return this;
        }

        /** Removes every response header. */
        public Builder clearResponseHeaders() {
            responseHeaders.clear();
            return this;
        }

        /** Sets the WARC record the file came from. */
        public Builder warc(WarcSource warc) {
            this.warc = warc;
            return this;
        }

        /** Sets the capture check outcome. */
        public Builder check(CaptureCheck check) {
            this.check = check;
            return this;
        }

        /** Sets the explanation of the capture check; requires a {@link #check(CaptureCheck) check}. */
        public Builder checkExplanation(String checkExplanation) {
            this.checkExplanation = checkExplanation;
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
         * The capture record.
         *
         * @throws ManifestException if the original URL is missing; a URL, the archive or the
         *     tool is empty or holds a control character; the Wayback timestamp is not 14 digits
         *     naming a valid UTC time or disagrees with the capture time; a time is outside the
         *     years 0000 to 9999; a header name is not a token or a value holds CR, LF or NUL;
         *     there is an explanation without a check; text is not valid Unicode; or an extra
         *     field is not valid JSON or reuses a defined name
         */
        public CaptureRecord build() throws ManifestException {
            String owner = originalUrl == null ? "capture record" : "capture record " + Checks.quote(originalUrl);
            if (originalUrl == null) {
                throw new ManifestException(owner + ": " + Fields.ORIGINAL_URL + " is required");
            }
            Checks.line(owner, Fields.ORIGINAL_URL, originalUrl);
            Instant time = captureTime;
            if (time != null) {
                Checks.instant(owner, Fields.CAPTURE_TIME, time);
            }
            if (waybackTimestamp != null) {
                Instant fromTimestamp = parseWayback(owner, waybackTimestamp);
                if (time == null) {
                    time = fromTimestamp;
                } else if (!time.truncatedTo(ChronoUnit.SECONDS).equals(fromTimestamp)) {
                    throw new ManifestException(owner + ": " + Fields.WAYBACK_TIMESTAMP + " " + waybackTimestamp
                            + " disagrees with " + Fields.CAPTURE_TIME + " " + time + " (which is "
                            + formatWayback(time) + ")");
                }
            }
            for (Map.Entry<String, String> field : lineFields().entrySet()) {
                if (field.getValue() != null) {
                    Checks.line(owner, field.getKey(), field.getValue());
                }
            }
            if (retrievedAt != null) {
                Checks.instant(owner, Fields.RETRIEVED_AT, retrievedAt);
            }
            if (checkExplanation != null) {
                if (check == null) {
                    throw new ManifestException(owner + ": " + Fields.CHECK_EXPLANATION + " is given without a "
                            + Fields.CHECK);
                }
                Checks.text(owner, Fields.CHECK_EXPLANATION, checkExplanation);
            }
            return new CaptureRecord(this, time, headers(owner),
                    Checks.extraFields(owner, extraFields, Fields.CAPTURE_FIELDS));
        }

        private Map<String, String> lineFields() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put(Fields.ARCHIVE, archive);
            fields.put(Fields.MEMENTO_URL, mementoUrl);
            fields.put(Fields.RAW_MEMENTO_URL, rawMementoUrl);
            fields.put(Fields.RETRIEVED_BY, retrievedBy);
            return fields;
        }

        private Map<String, List<String>> headers(String owner) throws ManifestException {
            if (responseHeaders.isEmpty()) {
                return Map.of();
            }
            Map<String, List<String>> sorted = new TreeMap<>(Checks.CODE_POINT_ORDER);
            for (Map.Entry<String, List<String>> header : responseHeaders.entrySet()) {
                String name = header.getKey();
                Checks.name(owner, "response header name", name);
                if (!HEADER_NAME.matcher(name).matches()) {
                    throw new ManifestException(owner + ": response header name " + Checks.quote(name)
                            + " is not an HTTP field name (RFC 9110 token)");
                }
                for (String value : header.getValue()) {
                    Checks.text(owner, "response header " + name, value);
                    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
                        throw new ManifestException(owner + ": response header " + name + " value "
                                + Checks.quote(value) + " contains CR, LF or NUL");
                    }
                }
                sorted.put(name, List.copyOf(header.getValue()));
            }
            return Collections.unmodifiableMap(sorted);
        }

        private static Instant parseWayback(String owner, String timestamp) throws ManifestException {
            if (!WAYBACK_SYNTAX.matcher(timestamp).matches()) {
                throw new ManifestException(owner + ": " + Fields.WAYBACK_TIMESTAMP + " " + Checks.quote(timestamp)
                        + " is not 14 digits (yyyyMMddHHmmss)");
            }
            try {
                return LocalDateTime.parse(timestamp, WAYBACK).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new ManifestException(owner + ": " + Fields.WAYBACK_TIMESTAMP + " " + timestamp
                        + " is not a valid date and time (yyyyMMddHHmmss, UTC)", e);
            }
        }
    }
}
