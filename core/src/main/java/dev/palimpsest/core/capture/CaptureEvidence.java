package dev.palimpsest.core.capture;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.capture.Text;
import dev.palimpsest.core.manifest.CaptureCheck;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a web archive independently holds about a capture, for the capture check: the digest
 * of the body as the archive stored it, and how it was stored (revisit, content encoding,
 * chunked transfer coding).
 *
 * <p>{@link #check(DigestValue)} compares a file's digest with it:
 * <ul>
 *   <li>{@link CaptureCheck#MATCH} when the digests are equal. Equality is conclusive whatever
 *       the storage: a revisit's digest is the payload digest of the identical earlier capture,
 *       and a file equal to a content-encoded stored body is that stored body.
 *   <li>{@link CaptureCheck#NOT_COMPARABLE} when the archive holds no (readable) digest, holds a
 *       digest of another algorithm, or the digests differ but the capture is a revisit, was
 *       stored content-encoded, or chunked: then a difference says nothing about the file.
 *   <li>{@link CaptureCheck#MISMATCH} otherwise: a warning to explain, since the archive hashes
 *       the HTTP body as stored (transfer encoding removed, content encoding kept), which a raw
 *       download need not reproduce.
 * </ul>
 * Immutable.
 */
public final class CaptureEvidence {
    private final String archiveDigest;
    private final boolean revisit;
    private final String contentEncoding;
    private final boolean chunked;

    private CaptureEvidence(Builder b) {
        this.archiveDigest = b.archiveDigest;
        this.revisit = b.revisit;
        this.contentEncoding = b.contentEncoding;
        this.chunked = b.chunked;
    }

    /** A builder with no digest and plain storage. */
    public static Builder builder() {
        return new Builder();
    }

    /** The evidence in a CDX row: its digest and whether it is a revisit. */
    public static CaptureEvidence of(CdxRecord row) {
        Objects.requireNonNull(row, "row");
        return builder().archiveDigest(row.digestText()).revisit(row.isRevisit()).build();
    }

    /** The archive's digest as it wrote it; empty when it has none. */
    public Optional<String> archiveDigest() {
        return Optional.ofNullable(archiveDigest);
    }

    /** Whether the capture is a revisit record. */
    public boolean revisit() {
        return revisit;
    }

    /** The content coding the body was stored with (e.g. {@code gzip}); empty for identity. */
    public Optional<String> contentEncoding() {
        return Optional.ofNullable(contentEncoding);
    }

    /** Whether the body was stored with chunked transfer coding. */
    public boolean chunked() {
        return chunked;
    }

    /**
     * Compares a file's digest (normally its SHA-1) with the archive's.
     *
     * @param fileDigest the file's digest; an archive digest without an algorithm label is
     *     SHA-1, the CDX convention
     * @return the outcome and its explanation (see the class description)
     */
    public CaptureCheckResult check(DigestValue fileDigest) {
        Objects.requireNonNull(fileDigest, "fileDigest");
        String file = show(fileDigest);
        if (archiveDigest == null) {
            return new CaptureCheckResult(CaptureCheck.NOT_COMPARABLE, "the archive holds no digest for this capture"
                    + (revisit ? " (a revisit record)" : "") + ", so the file (" + file + ") cannot be compared with it");
        }
        DigestValue archived = readArchiveDigest(fileDigest.algorithm());
        if (archived == null) {
            return new CaptureCheckResult(CaptureCheck.NOT_COMPARABLE, "the archive's digest " + Text.quote(archiveDigest)
                    + " is not readable as a digest, so the file (" + file + ") cannot be compared with it");
        }
        if (archived.algorithm() != fileDigest.algorithm()) {
            return new CaptureCheckResult(CaptureCheck.NOT_COMPARABLE, "the archive holds a " + archived.algorithm().label()
                    + " digest (" + show(archived) + ") and the file's digest is " + file
                    + "; compare the file's " + archived.algorithm().label() + " instead");
        }
        if (archived.equals(fileDigest)) {
            return new CaptureCheckResult(CaptureCheck.MATCH, "the file's digest " + file
                    + " equals the digest the archive holds for this capture"
                    + (revisit ? "; the capture is a revisit, so the archive recorded this content at an earlier capture" : "")
                    + (contentEncoding != null ? "; the file is the body as stored, " + contentEncoding + "-encoded" : ""));
        }
        String differs = "the file's digest " + file + " differs from the archive's " + show(archived);
        if (revisit) {
            return new CaptureCheckResult(CaptureCheck.NOT_COMPARABLE, "the capture is a revisit record, which stores no body of"
                    + " its own but refers to an earlier capture; " + differs + ", which does not show that the file was altered");
        }
        if (contentEncoding != null) {
            return new CaptureCheckResult(CaptureCheck.NOT_COMPARABLE, "the archive stored the body " + contentEncoding
                    + "-encoded and its digest is of those encoded bytes; " + differs
                    + ", as expected when the file is the decoded body");
        }
        if (chunked) {
            return new CaptureCheckResult(CaptureCheck.NOT_COMPARABLE, "the archive stored the body with chunked transfer"
                    + " coding, and its digest may cover the chunk framing; " + differs
                    + ", which does not show that the file was altered");
        }
        return new CaptureCheckResult(CaptureCheck.MISMATCH, differs + ". This is a warning, not proof of tampering: the"
                + " archive hashes the HTTP body as stored in its WARC file (transfer encoding removed, content encoding"
                + " kept), so a raw download that was decoded, re-encoded or altered in transit can differ");
    }

    private DigestValue readArchiveDigest(DigestAlgorithm fileAlgorithm) {
        try {
            if (archiveDigest.indexOf(':') > 0) {
                return DigestValue.parseLabelled(archiveDigest);
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        try {
            return DigestValue.parse(DigestAlgorithm.SHA1, archiveDigest);
        } catch (IllegalArgumentException notSha1) {
            try {
                return DigestValue.parse(fileAlgorithm, archiveDigest);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    private static String show(DigestValue d) {
        return d.algorithm().label() + ":" + (d.algorithm() == DigestAlgorithm.SHA1 ? d.base32() : d.hex());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CaptureEvidence)) {
            return false;
        }
        CaptureEvidence e = (CaptureEvidence) o;
        return Objects.equals(archiveDigest, e.archiveDigest) && revisit == e.revisit
                && Objects.equals(contentEncoding, e.contentEncoding) && chunked == e.chunked;
    }

    @Override
    public int hashCode() {
        return Objects.hash(archiveDigest, revisit, contentEncoding, chunked);
    }

    @Override
    public String toString() {
        return "CaptureEvidence[digest=" + (archiveDigest == null ? "-" : archiveDigest) + ", revisit=" + revisit
                + ", contentEncoding=" + (contentEncoding == null ? "identity" : contentEncoding) + ", chunked=" + chunked + "]";
    }

    /** Builds {@link CaptureEvidence}. Not thread-safe. */
    public static final class Builder {
        private String archiveDigest;
        private boolean revisit;
        private String contentEncoding;
        private boolean chunked;

        private Builder() {
        }

        /**
         * Sets the archive's digest as written: {@code <algorithm>:<value>} (any label case) or a
         * bare value in Base32, hex or Base64; {@code null}, blank or {@code -} means none. An
         * unreadable digest is kept and makes the check {@link CaptureCheck#NOT_COMPARABLE}.
         */
        public Builder archiveDigest(String text) {
            this.archiveDigest = text == null || text.isBlank() || text.strip().equals("-") ? null : text.strip();
            return this;
        }

        /** Sets whether the capture is a revisit record. */
        public Builder revisit(boolean value) {
            this.revisit = value;
            return this;
        }

        /**
         * Sets the content coding the archive stored the body with, as a {@code Content-Encoding}
         * value ({@code gzip}, {@code br}, ...); {@code null}, blank or {@code identity} means none.
         */
        public Builder contentEncoding(String value) {
            this.contentEncoding = encoding(value);
            return this;
        }

        /** Sets whether the archive stored the body with chunked transfer coding. */
        public Builder chunked(boolean value) {
            this.chunked = value;
            return this;
        }

        /**
         * Reads the storage from the HTTP headers of the response as the archive stored it (the
         * headers inside a WARC response record): {@code Content-Encoding} and
         * {@code Transfer-Encoding}.
         */
        public Builder storedHeaders(Iterable<? extends Map.Entry<String, String>> headers) {
            return fromHeaders(headers, "Content-Encoding", "Transfer-Encoding");
        }

        /**
         * Reads the storage from the headers of a Wayback service's raw ({@code id_}) replay:
         * {@code Content-Encoding} (the stored body is served as stored),
         * {@code X-Archive-Orig-Content-Encoding} and {@code X-Archive-Orig-Transfer-Encoding}.
         * The replay's own {@code Transfer-Encoding} is ignored: it belongs to the replay
         * connection, not to the capture.
         */
        public Builder replayHeaders(Iterable<? extends Map.Entry<String, String>> headers) {
            fromHeaders(headers, "Content-Encoding", null);
            return fromHeaders(headers, "X-Archive-Orig-Content-Encoding", "X-Archive-Orig-Transfer-Encoding");
        }

        private Builder fromHeaders(Iterable<? extends Map.Entry<String, String>> headers, String encodingName,
                String transferName) {
            Objects.requireNonNull(headers, "headers");
            for (Map.Entry<String, String> h : headers) {
                String name = h.getKey();
                if (name == null || h.getValue() == null) {
                    continue;
                }
                if (name.equalsIgnoreCase(encodingName) && contentEncoding == null) {
                    contentEncoding = encoding(h.getValue());
                } else if (transferName != null && name.equalsIgnoreCase(transferName)) {
                    for (String coding : h.getValue().split(",")) {
                        chunked |= coding.strip().equalsIgnoreCase("chunked");
                    }
                }
            }
            return this;
        }

        private static String encoding(String value) {
            if (value == null) {
                return null;
            }
            StringBuilder kept = new StringBuilder();
            for (String coding : value.split(",")) {
                String c = Text.lowerAscii(coding.strip());
                if (!c.isEmpty() && !c.equals("identity")) {
                    kept.append(kept.length() == 0 ? "" : ", ").append(c);
                }
            }
            if (kept.length() == 0) {
                return null;
            }
            String result = kept.toString();
            if (Text.hasControl(result) || result.length() > 100) {
                throw new IllegalArgumentException("content encoding " + Text.quote(result) + " is not a list of codings");
            }
            return result;
        }

        /** The evidence. */
        public CaptureEvidence build() {
            return new CaptureEvidence(this);
        }
    }
}
