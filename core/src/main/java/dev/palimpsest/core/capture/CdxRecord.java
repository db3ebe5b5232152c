package dev.palimpsest.core.capture;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.capture.Text;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One row of a web-archive CDX index: a capture of a URL at an instant, with the digest the
 * archive holds for it.
 *
 * <p>The digest is kept twice: {@link #digestText()} verbatim as the index wrote it
 * ({@code sha1:XMAB...}, bare Base32 {@code XMAB...}, or {@code -}), and {@link #digest()}
 * decoded; a bare digest is SHA-1, the CDX convention. {@link #length()} and {@link #offset()}
 * locate the record in its WARC file ({@code length} is the record's compressed size, not the
 * body's).
 *
 * <p>Instances are immutable and come from {@link CdxParser} or from {@link #builder()}.
 */
public final class CdxRecord {
    /** The media type CDX indexes give revisit records. */
    public static final String REVISIT_MIMETYPE = "warc/revisit";

    private final String urlkey;
    private final WaybackTimestamp timestamp;
    private final String original;
    private final String mimetype;
    private final int status;
    private final String digestText;
    private final DigestValue digest;
    private final long length;
    private final long offset;
    private final String filename;

    private CdxRecord(Builder b) {
        this.urlkey = b.urlkey;
        this.timestamp = b.timestamp;
        this.original = b.original;
        this.mimetype = b.mimetype;
        this.status = b.status;
        this.digestText = b.digestText;
        this.digest = b.digest;
        this.length = b.length;
        this.offset = b.offset;
        this.filename = b.filename;
    }

    /** A builder with every optional field absent. */
    public static Builder builder() {
        return new Builder();
    }

    /** The SURT url key, e.g. {@code com,example)/a?b=1}. */
    public String urlkey() {
        return urlkey;
    }

    /** The capture time. */
    public WaybackTimestamp timestamp() {
        return timestamp;
    }

    /** The captured URL as the index wrote it. */
    public String original() {
        return original;
    }

    /** The media type, e.g. {@code text/html} or {@link #REVISIT_MIMETYPE}; empty for {@code -}. */
    public Optional<String> mimetype() {
        return Optional.ofNullable(mimetype);
    }

    /** The HTTP status; empty for {@code -} (revisits, DNS records). */
    public OptionalInt status() {
        return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** The digest exactly as the index wrote it; {@code -} when there is none. */
    public String digestText() {
        return digestText;
    }

    /** The decoded digest; empty when the index has none. */
    public Optional<DigestValue> digest() {
        return Optional.ofNullable(digest);
    }

    /** The WARC record's compressed length in bytes. */
    public OptionalLong length() {
        return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
    }

    /** The WARC record's offset in its file. */
    public OptionalLong offset() {
        return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** The WARC or ARC file name. */
    public Optional<String> filename() {
        return Optional.ofNullable(filename);
    }

    /**
     * Whether this row is a revisit: a record saying the content was the same as an earlier
     * capture's, whose mimetype is {@link #REVISIT_MIMETYPE}.
     */
    public boolean isRevisit() {
        return REVISIT_MIMETYPE.equalsIgnoreCase(mimetype);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CdxRecord)) {
            return false;
        }
        CdxRecord r = (CdxRecord) o;
        return urlkey.equals(r.urlkey) && timestamp.equals(r.timestamp) && original.equals(r.original)
                && Objects.equals(mimetype, r.mimetype) && status == r.status && digestText.equals(r.digestText)
                && length == r.length && offset == r.offset && Objects.equals(filename, r.filename);
    }

    @Override
    public int hashCode() {
        return Objects.hash(urlkey, timestamp, original, mimetype, status, digestText, length, offset, filename);
    }

    /**
     * The row as a space-separated CDX line: the default fields
     * {@code urlkey timestamp original mimetype statuscode digest length}, then offset and
     * filename when present, with {@code -} for what is absent.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(128).append(urlkey).append(' ').append(timestamp).append(' ').append(original)
                .append(' ').append(mimetype == null ? "-" : mimetype).append(' ').append(status < 0 ? "-" : String.valueOf(status))
                .append(' ').append(digestText).append(' ').append(length < 0 ? "-" : String.valueOf(length));
        if (offset >= 0 || filename != null) {
            s.append(' ').append(offset < 0 ? "-" : String.valueOf(offset)).append(' ').append(filename == null ? "-" : filename);
        }
        return s.toString();
    }

    /**
     * Builds a {@link CdxRecord}. The url key, timestamp and original URL are required; the
     * setters reject values a CDX index could not hold. Not thread-safe.
     */
    public static final class Builder {
        private String urlkey;
        private WaybackTimestamp timestamp;
        private String original;
        private String mimetype;
        private int status = -1;
        private String digestText = "-";
        private DigestValue digest;
        private long length = -1;
        private long offset = -1;
        private String filename;

        private Builder() {
        }

        /**
         * Sets the SURT url key.
         *
         * @throws IllegalArgumentException if empty, {@code -}, or holding whitespace or a control character
         */
        public Builder urlkey(String value) {
            this.urlkey = token("urlkey", value);
            return this;
        }

        /** Sets the capture time. */
        public Builder timestamp(WaybackTimestamp value) {
            this.timestamp = Objects.requireNonNull(value, "timestamp");
            return this;
        }

        /**
         * Sets the captured URL, kept as given.
         *
         * @throws IllegalArgumentException if empty, {@code -}, or holding a control character
         */
        public Builder original(String value) {
            Objects.requireNonNull(value, "original");
            if (value.isEmpty() || value.equals("-") || Text.hasControl(value)) {
                throw new IllegalArgumentException("original URL " + Text.quote(value) + " is empty or has a control character");
            }
            this.original = value;
            return this;
        }

        /**
         * Sets the media type; {@code null}, empty or {@code -} means none.
         *
         * @throws IllegalArgumentException if it holds whitespace or a control character
         */
        public Builder mimetype(String value) {
            this.mimetype = value == null || value.isEmpty() || value.equals("-") ? null : token("mimetype", value);
            return this;
        }

        /**
         * Sets the HTTP status.
         *
         * @throws IllegalArgumentException unless {@code 100 <= value <= 999}
         */
        public Builder status(int value) {
            if (value < 100 || value > 999) {
                throw new IllegalArgumentException("HTTP status must be 100-999, got " + value);
            }
            this.status = value;
            return this;
        }

        /**
         * Sets the digest from its text as a CDX index writes it: {@code <algorithm>:<value>}
         * ({@code sha1:XMAB...}, any label case) or a bare SHA-1 in Base32, hex or Base64;
         * {@code null}, empty or {@code -} means none. The text is kept verbatim.
         *
         * @throws IllegalArgumentException if the text is none of these
         */
        public Builder digest(String text) {
            if (text == null || text.isEmpty() || text.equals("-")) {
                this.digestText = "-";
                this.digest = null;
                return this;
            }
            this.digest = parseDigest(text);
            this.digestText = text;
            return this;
        }

        /**
         * Sets the WARC record's compressed length.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder length(long value) {
            this.length = nonNegative("length", value);
            return this;
        }

        /**
         * Sets the WARC record's offset.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder offset(long value) {
            this.offset = nonNegative("offset", value);
            return this;
        }

        /**
         * Sets the WARC file name; {@code null}, empty or {@code -} means none.
         *
         * @throws IllegalArgumentException if it holds whitespace or a control character
         */
        public Builder filename(String value) {
            this.filename = value == null || value.isEmpty() || value.equals("-") ? null : token("filename", value);
            return this;
        }

        /**
         * The record.
         *
         * @throws IllegalStateException if the url key, timestamp or original URL is missing
         */
        public CdxRecord build() {
            if (urlkey == null || timestamp == null || original == null) {
                throw new IllegalStateException("a CDX record needs urlkey, timestamp and original; missing "
                        + (urlkey == null ? "urlkey" : timestamp == null ? "timestamp" : "original"));
            }
            return new CdxRecord(this);
        }

        private static String token(String name, String value) {
            Objects.requireNonNull(value, name);
            if (value.isEmpty() || value.equals("-")) {
                throw new IllegalArgumentException(name + " is empty");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c <= 0x20 || c == 0x7f) {
                    throw new IllegalArgumentException(name + " " + Text.quote(value) + " has whitespace or a control character");
                }
            }
            return value;
        }

        private static long nonNegative(String name, long value) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative, got " + value);
            }
            return value;
        }

        private static DigestValue parseDigest(String text) {
            try {
                return text.indexOf(':') > 0 ? DigestValue.parseLabelled(text) : DigestValue.parse(DigestAlgorithm.SHA1, text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("digest " + Text.quote(text)
                        + " is neither <algorithm>:<value> nor a SHA-1 in Base32, hex or Base64", e);
            }
        }
    }
}
