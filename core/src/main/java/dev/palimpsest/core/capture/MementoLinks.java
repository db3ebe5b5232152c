package dev.palimpsest.core.capture;

import dev.palimpsest.core.internal.capture.LinkHeaderParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Memento links of a {@code Link} header (RFC 7089): the original resource, the TimeGate,
 * the TimeMap, and the mementos with their {@code first}, {@code prev}, {@code next} and
 * {@code last} roles. A Wayback response for a capture carries, e.g.:
 * <pre>
 * Link: &lt;http://example.com/&gt;; rel="original",
 *   &lt;https://web.archive.org/web/timemap/link/http://example.com/&gt;; rel="timemap"; type="application/link-format",
 *   &lt;https://web.archive.org/web/http://example.com/&gt;; rel="timegate",
 *   &lt;https://web.archive.org/web/19981111184551/http://example.com/&gt;; rel="first memento"; datetime="Wed, 11 Nov 1998 18:45:51 GMT"
 * </pre>
 * Immutable. Where a relation occurs on several links, the first one counts.
 */
public final class MementoLinks {
    private final List<WebLink> links;
    private final List<Memento> mementos;
    private final List<List<String>> mementoRelations;

    private MementoLinks(List<WebLink> links, List<Memento> mementos, List<List<String>> mementoRelations) {
        this.links = links;
        this.mementos = mementos;
        this.mementoRelations = mementoRelations;
    }

    /**
     * Parses a {@code Link} header value (several {@code Link} headers may be joined with
     * {@code ", "} first). Links with no Memento relation are kept in {@link #links()}.
     *
     * @throws CaptureFormatException if the value is not RFC 8288 link syntax, is longer than
     *     1 MiB characters, or a memento's {@code datetime} is not an RFC 1123 date
     */
    public static MementoLinks parse(String linkHeader) throws CaptureFormatException {
        Objects.requireNonNull(linkHeader, "linkHeader");
        List<WebLink> links = LinkHeaderParser.parse(linkHeader);
        List<Memento> mementos = new ArrayList<>();
        List<List<String>> relations = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            WebLink link = links.get(i);
            if (!link.hasRelation("memento")) {
                continue;
            }
            Instant datetime = null;
            Optional<String> text = link.param("datetime");
            if (text.isPresent()) {
                try {
                    datetime = MementoDatetime.parse(text.get());
                } catch (CaptureFormatException e) {
                    throw new CaptureFormatException("Link header, link " + (i + 1) + ": " + e.detail());
                }
            }
            mementos.add(Memento.of(link.target(), datetime));
            relations.add(link.relations());
        }
        return new MementoLinks(List.copyOf(links), List.copyOf(mementos), List.copyOf(relations));
    }

    /** Every link of the header, in order. */
    public List<WebLink> links() {
        return links;
    }

    /** The original resource's URI (URI-R), from {@code rel="original"}. */
    public Optional<String> original() {
        return target("original");
    }

    /** The TimeGate's URI, from {@code rel="timegate"}. */
    public Optional<String> timegate() {
        return target("timegate");
    }

    /** The TimeMap's URI, from {@code rel="timemap"}. */
    public Optional<String> timemap() {
        return target("timemap");
    }

    /** Every link whose relations include {@code memento}, in header order. */
    public List<Memento> mementos() {
        return mementos;
    }

    /** The memento with {@code rel="first memento"}. */
    public Optional<Memento> first() {
        return memento("first");
    }

    /** The memento with {@code rel="prev memento"}. */
    public Optional<Memento> prev() {
        return memento("prev");
    }

    /** The memento with {@code rel="next memento"}. */
    public Optional<Memento> next() {
        return memento("next");
    }

    /** The memento with {@code rel="last memento"}. */
    public Optional<Memento> last() {
        return memento("last");
    }

    private Optional<String> target(String relation) {
        for (WebLink link : links) {
            if (link.hasRelation(relation)) {
                return Optional.of(link.target());
            }
        }
        return Optional.empty();
    }

    private Optional<Memento> memento(String relation) {
        for (int i = 0; i < mementos.size(); i++) {
            if (mementoRelations.get(i).contains(relation)) {
                return Optional.of(mementos.get(i));
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MementoLinks && ((MementoLinks) o).links.equals(links);
    }

    @Override
    public int hashCode() {
        return links.hashCode();
    }

    /** The links in header syntax, joined with {@code ", "}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (WebLink link : links) {
            s.append(s.length() == 0 ? "" : ", ").append(link);
        }
        return s.toString();
    }
}
