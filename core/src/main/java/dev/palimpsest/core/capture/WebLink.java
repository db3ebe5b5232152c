package dev.palimpsest.core.capture;

import dev.palimpsest.core.internal.capture.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One link of an HTTP {@code Link} header (RFC 8288): a target URI and its parameters, e.g.
 * {@code <https://web.archive.org/web/1998.../http://example.com/>; rel="first memento";
 * datetime="Wed, 11 Nov 1998 18:45:51 GMT"}. Immutable.
 */
public final class WebLink {
    private final String target;
    private final List<Map.Entry<String, String>> params;
    private final List<String> relations;

    private WebLink(String target, List<Map.Entry<String, String>> params) {
        this.target = target;
        this.params = params;
        List<String> rels = new ArrayList<>();
        for (String rel : param("rel").orElse("").strip().split("[ \\t]+")) {
            String r = Text.lowerAscii(rel);
            if (!r.isEmpty() && !rels.contains(r)) {
                rels.add(r);
            }
        }
        this.relations = List.copyOf(rels);
    }

    /**
     * A link.
     *
     * @param target the URI between {@code <} and {@code >}, as written
     * @param params the parameters in header order; names are lower-cased, values kept as
     *     given (unquoted); a parameter without a value has the empty string
     * @throws IllegalArgumentException if the target or a parameter has a control character
     *     (a tab is allowed in a value)
     */
    public static WebLink of(String target, List<Map.Entry<String, String>> params) {
        Objects.requireNonNull(target, "target");
        if (Text.hasControl(target)) {
            throw new IllegalArgumentException("link target " + Text.quote(target) + " has a control character");
        }
        List<Map.Entry<String, String>> copy = new ArrayList<>(params.size());
        for (Map.Entry<String, String> p : params) {
            String name = Text.lowerAscii(Objects.requireNonNull(p.getKey(), "parameter name"));
            String value = Objects.requireNonNull(p.getValue(), "parameter value");
            if (name.isEmpty() || Text.hasControl(name) || Text.hasControl(value.replace('\t', ' '))) {
                throw new IllegalArgumentException("link parameter " + Text.quote(name) + " is empty or has a control character");
            }
            copy.add(Map.entry(name, value));
        }
        return new WebLink(target, List.copyOf(copy));
    }

    /** The target URI as written (not resolved against the request URI). */
    public String target() {
        return target;
    }

    /**
     * The relation types of the first {@code rel} parameter, lower-cased, in order, without
     * repeats: {@code rel="first memento"} gives {@code [first, memento]}.
     */
    public List<String> relations() {
        return relations;
    }

    /** Whether {@link #relations()} holds {@code relation} (compared ignoring ASCII case). */
    public boolean hasRelation(String relation) {
        return relations.contains(Text.lowerAscii(Objects.requireNonNull(relation, "relation")));
    }

    /** The value of the first parameter with this name (ignoring ASCII case). */
    public Optional<String> param(String name) {
        String wanted = Text.lowerAscii(Objects.requireNonNull(name, "name"));
        for (Map.Entry<String, String> p : params) {
            if (p.getKey().equals(wanted)) {
                return Optional.of(p.getValue());
            }
        }
        return Optional.empty();
    }

    /** Every parameter, in header order, names lower-cased. */
    public List<Map.Entry<String, String>> params() {
        return params;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebLink && ((WebLink) o).target.equals(target) && ((WebLink) o).params.equals(params);
    }

    @Override
    public int hashCode() {
        return 31 * target.hashCode() + params.hashCode();
    }

    /** The link in header syntax, every parameter value quoted. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append('<').append(target).append('>');
        for (Map.Entry<String, String> p : params) {
            s.append("; ").append(p.getKey()).append("=\"")
                    .append(p.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return s.toString();
    }
}
