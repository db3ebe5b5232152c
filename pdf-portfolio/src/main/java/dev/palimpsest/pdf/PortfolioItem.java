package dev.palimpsest.pdf;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.CaptureCheck;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One recovered file to embed in a portfolio, with the provenance the cover document and the
 * collection schema show for it. Immutable; built with {@link #builder(String)}.
 *
 * <p>The declared {@link #size()}, {@link #sha256()} and (when given) {@link #md5()} are
 * checked against the bytes while they are embedded: a portfolio never carries a file whose
 * bytes differ from what its manifest says.
 */
public final class PortfolioItem {
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");

    private final String path;
    private final String title;
    private final String mediaType;
    private final long size;
    private final DigestValue sha256;
    private final DigestValue md5;
    private final String collection;
    private final String originalUrl;
    private final Instant captured;
    private final String mementoUrl;
    private final CaptureCheck captureCheck;
    private final Instant created;
    private final Instant modified;
    private final ContentSource content;

    private PortfolioItem(Builder b) {
        this.path = b.path;
        this.title = b.title != null ? b.title : path.substring(path.lastIndexOf('/') + 1);
        this.mediaType = b.mediaType;
        this.size = b.size;
        this.sha256 = b.sha256;
        this.md5 = b.md5;
        this.collection = b.collection;
        this.originalUrl = b.originalUrl;
        this.captured = b.captured;
        this.mementoUrl = b.mementoUrl;
        this.captureCheck = b.captureCheck;
        this.created = b.created;
        this.modified = b.modified;
        this.content = b.content;
    }

    /**
     * A builder for the file at archive path {@code path}: relative, {@code /}-separated, with
     * no empty, {@code .} or {@code ..} segment and no backslash or control character. The
     * path is normalised to Unicode NFC.
     *
     * @throws IllegalArgumentException naming the path and what is wrong with it
     */
    public static Builder builder(String path) {
        return new Builder(checkPath(path));
    }

    /** The archive path (NFC), also the file's name in the portfolio. */
    public String path() {
        return path;
    }

    /** The title shown in the cover table and as the attachment's description; defaults to the path's last segment. */
    public String title() {
        return title;
    }

    /** The lower-case MIME type, e.g. {@code application/pdf}; defaults to {@code application/octet-stream}. */
    public String mediaType() {
        return mediaType;
    }

    /** The file's size in bytes. */
    public long size() {
        return size;
    }

    /** The file's SHA-256. */
    public DigestValue sha256() {
        return sha256;
    }

    /** The file's MD5 when the manifest records it; otherwise the portfolio computes it for {@code /CheckSum}. */
    public Optional<DigestValue> md5() {
        return Optional.ofNullable(md5);
    }

    /** The collection the file belongs to (e.g. {@code memorandums}). */
    public Optional<String> collection() {
        return Optional.ofNullable(collection);
    }

    /** The URL the file was originally published at, as recorded. */
    public Optional<String> originalUrl() {
        return Optional.ofNullable(originalUrl);
    }

    /** When the archived copy was captured. */
    public Optional<Instant> captured() {
        return Optional.ofNullable(captured);
    }

    /** The URL of the archived copy (the memento, URI-M), as recorded. */
    public Optional<String> mementoUrl() {
        return Optional.ofNullable(mementoUrl);
    }

    /** The outcome of comparing the file with the web archive's own digest; absent without a capture record. */
    public Optional<CaptureCheck> captureCheck() {
        return Optional.ofNullable(captureCheck);
    }

    /** When the file was created, when known. */
    public Optional<Instant> created() {
        return Optional.ofNullable(created);
    }

    /** When the file was last modified (e.g. its {@code Last-Modified} header), when known. */
    public Optional<Instant> modified() {
        return Optional.ofNullable(modified);
    }

    /** Where the bytes come from. */
    public ContentSource content() {
        return content;
    }

    /** The path, title and SHA-256; never the content. */
    @Override
    public String toString() {
        return "PortfolioItem[" + path + ", " + mediaType + ", " + size + " bytes, " + sha256 + "]";
    }

    static String checkPath(String path) {
        Objects.requireNonNull(path, "path");
        String p = Normalizer.normalize(path, Normalizer.Form.NFC);
        String problem = null;
        if (p.isEmpty()) {
            problem = "is empty";
        } else if (p.startsWith("/")) {
            problem = "is absolute";
        } else if (p.indexOf('\\') >= 0) {
            problem = "contains a backslash";
        } else if (p.codePoints().anyMatch(Character::isISOControl)) {
            problem = "contains a control character";
        } else {
            for (String segment : p.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    problem = "has an empty, '.' or '..' segment";
                    break;
                }
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException("archive path '" + path + "' " + problem);
        }
        return p;
    }

    private static String text(String value, String what) {
        Objects.requireNonNull(value, what);
        String v = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException(what + " is blank");
        }
        return v;
    }

    /** Collects the fields of a {@link PortfolioItem}; {@link #size}, {@link #sha256} and {@link #content} are required. */
    public static final class Builder {
        private final String path;
        private String title;
        private String mediaType = "application/octet-stream";
        private long size = -1;
        private DigestValue sha256;
        private DigestValue md5;
        private String collection;
        private String originalUrl;
        private Instant captured;
        private String mementoUrl;
        private CaptureCheck captureCheck;
        private Instant created;
        private Instant modified;
        private ContentSource content;

        private Builder(String path) {
            this.path = path;
        }

        /** The title (NFC-normalised, stripped; must not be blank). */
        public Builder title(String title) {
            this.title = text(title, "title of " + path);
            return this;
        }

        /**
         * The MIME type, {@code type/subtype} without parameters; upper case is lowered.
         *
         * @throws IllegalArgumentException if it is not of that form
         */
        public Builder mediaType(String mediaType) {
            Objects.requireNonNull(mediaType, "mediaType");
            String m = mediaType.strip().toLowerCase(Locale.ROOT);
            if (!MEDIA_TYPE.matcher(m).matches()) {
                throw new IllegalArgumentException("media type of " + path + " is not type/subtype: '" + mediaType + "'");
            }
            this.mediaType = m;
            return this;
        }

        /**
         * The size in bytes.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder size(long size) {
            if (size < 0) {
                throw new IllegalArgumentException("size of " + path + " is negative: " + size);
            }
            this.size = size;
            return this;
        }

        /**
         * The SHA-256 of the bytes.
         *
         * @throws IllegalArgumentException if the value is of another algorithm
         */
        public Builder sha256(DigestValue sha256) {
            this.sha256 = requireAlgorithm(sha256, DigestAlgorithm.SHA256);
            return this;
        }

        /**
         * The MD5 of the bytes, when recorded; optional.
         *
         * @throws IllegalArgumentException if the value is of another algorithm
         */
        public Builder md5(DigestValue md5) {
            this.md5 = requireAlgorithm(md5, DigestAlgorithm.MD5);
            return this;
        }

        /** The collection name (stripped; must not be blank). */
        public Builder collection(String collection) {
            this.collection = text(collection, "collection of " + path);
            return this;
        }

        /** The original URL, as recorded (stripped; must not be blank). */
        public Builder originalUrl(String originalUrl) {
            this.originalUrl = text(originalUrl, "original URL of " + path);
            return this;
        }

        /** The capture instant. */
        public Builder captured(Instant captured) {
            this.captured = Objects.requireNonNull(captured, "captured");
            return this;
        }

        /** The memento URL (URI-M), as recorded (stripped; must not be blank). */
        public Builder mementoUrl(String mementoUrl) {
            this.mementoUrl = text(mementoUrl, "memento URL of " + path);
            return this;
        }

        /** The capture check outcome. */
        public Builder captureCheck(CaptureCheck captureCheck) {
            this.captureCheck = Objects.requireNonNull(captureCheck, "captureCheck");
            return this;
        }

        /** When the file was created. */
        public Builder created(Instant created) {
            this.created = Objects.requireNonNull(created, "created");
            return this;
        }

        /** When the file was last modified. */
        public Builder modified(Instant modified) {
            this.modified = Objects.requireNonNull(modified, "modified");
            return this;
        }

        /** Where the bytes come from. */
        public Builder content(ContentSource content) {
            this.content = Objects.requireNonNull(content, "content");
            return this;
        }

        /**
         * The item.
         *
         * @throws IllegalStateException naming the path and the missing field, if size,
         *     SHA-256 or content were not given
         */
        public PortfolioItem build() {
            if (size < 0) {
                throw new IllegalStateException(path + ": size is required");
            }
            if (sha256 == null) {
                throw new IllegalStateException(path + ": sha256 is required");
            }
            if (content == null) {
                throw new IllegalStateException(path + ": content is required");
            }
            return new PortfolioItem(this);
        }

        private DigestValue requireAlgorithm(DigestValue value, DigestAlgorithm algorithm) {
            Objects.requireNonNull(value, algorithm.label());
            if (value.algorithm() != algorithm) {
                throw new IllegalArgumentException(path + ": expected a " + algorithm.label() + " digest, got "
                        + value.algorithm().label());
            }
            return value;
        }
    }
}
