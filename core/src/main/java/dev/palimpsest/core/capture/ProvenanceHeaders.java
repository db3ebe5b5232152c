package dev.palimpsest.core.capture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The response headers of an archive that a capture record keeps as provenance:
 * {@code Memento-Datetime}, {@code Link}, and every {@code X-Archive-Orig-*} header (the
 * original server's headers, which a Wayback service replays under that prefix).
 *
 * <p>Names compare ignoring ASCII case but are kept as the server wrote them; the original order
 * is kept, repeated headers included. Values are kept verbatim: parsing them
 * ({@link #mementoDatetime()}, {@link #links()}) is on demand, so that a malformed value is
 * still recorded as evidence. Immutable.
 */
public final class ProvenanceHeaders {
    /** The prefix of the headers in which a Wayback service replays the original server's headers. */
    public static final String ARCHIVE_ORIGINAL_PREFIX = "X-Archive-Orig-";

    private static final ProvenanceHeaders EMPTY = new ProvenanceHeaders(List.of());

    private final List<Map.Entry<String, String>> entries;

    private ProvenanceHeaders(List<Map.Entry<String, String>> entries) {
        this.entries = entries;
    }

    /** No headers. */
    public static ProvenanceHeaders empty() {
        return EMPTY;
    }

    /**
     * The provenance headers among a response's headers, in their order; every other header is
     * left out.
     *
     * @param headers name and value pairs in the order received
     * @throws IllegalArgumentException if a kept header's value holds a line break or another
     *     control character than tab
     */
    public static ProvenanceHeaders select(Iterable<? extends Map.Entry<String, String>> headers) {
        Objects.requireNonNull(headers, "headers");
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            String name = Objects.requireNonNull(h.getKey(), "header name");
            String value = Objects.requireNonNull(h.getValue(), "header value");
            if (!isKept(name)) {
                continue;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new IllegalArgumentException("header " + name + " has a control character in its value");
                }
            }
            kept.add(Map.entry(name, value));
        }
        return kept.isEmpty() ? EMPTY : new ProvenanceHeaders(List.copyOf(kept));
    }

    /**
     * Whether a header with this name is kept: {@code Memento-Datetime}, {@code Link} or
     * {@code X-Archive-Orig-<something>}, ignoring ASCII case. A name that is not an HTTP token
     * is never kept.
     */
    public static boolean isKept(String name) {
        Objects.requireNonNull(name, "name");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                return false;
            }
        }
        return name.equalsIgnoreCase("Memento-Datetime") || name.equalsIgnoreCase("Link")
                || (name.length() > ARCHIVE_ORIGINAL_PREFIX.length()
                        && name.regionMatches(true, 0, ARCHIVE_ORIGINAL_PREFIX, 0, ARCHIVE_ORIGINAL_PREFIX.length()));
    }

    /** Every kept header, in the order received, names as the server wrote them. */
    public List<Map.Entry<String, String>> entries() {
        return entries;
    }

    /** Whether no header was kept. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The values of every kept header with this name (ignoring ASCII case), in order. */
    public List<String> values(String name) {
        Objects.requireNonNull(name, "name");
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey().equalsIgnoreCase(name)) {
                values.add(e.getValue());
            }
        }
        return List.copyOf(values);
    }

    /** The value of the first kept header with this name (ignoring ASCII case). */
    public Optional<String> first(String name) {
        Objects.requireNonNull(name, "name");
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * The original server's header as the archive replayed it: {@code archiveOriginal("Content-Type")}
     * is the first {@code X-Archive-Orig-Content-Type}.
     */
    public Optional<String> archiveOriginal(String name) {
        return first(ARCHIVE_ORIGINAL_PREFIX + Objects.requireNonNull(name, "name"));
    }

    /**
     * The {@code Memento-Datetime}, parsed.
     *
     * @return the instant, or empty when there is no such header
     * @throws CaptureFormatException if the header is not an RFC 1123 date in GMT
     */
    public Optional<Instant> mementoDatetime() throws CaptureFormatException {
        Optional<String> text = first("Memento-Datetime");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MementoDatetime.parse(text.get()));
        } catch (CaptureFormatException e) {
            throw new CaptureFormatException("Memento-Datetime: " + e.detail());
        }
    }

    /**
     * The {@code Link} headers, joined in order and parsed.
     *
     * @throws CaptureFormatException if they are not valid link syntax
     */
    public MementoLinks links() throws CaptureFormatException {
        return MementoLinks.parse(String.join(", ", values("Link")));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProvenanceHeaders && ((ProvenanceHeaders) o).entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    /** The headers as {@code Name: value} lines. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> e : entries) {
            s.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        return s.toString();
    }
}
