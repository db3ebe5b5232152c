package dev.palimpsest.core.capture;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A memento named in a {@code Link} header: its URI (URI-M) and, when the link gives it, its
 * {@code datetime}. Immutable.
 */
public final class Memento {
    private final String uri;
    private final Instant datetime;

    private Memento(String uri, Instant datetime) {
        this.uri = uri;
        this.datetime = datetime;
    }

    static Memento of(String uri, Instant datetime) {
        return new Memento(Objects.requireNonNull(uri, "uri"), datetime);
    }

    /** The memento's URI as the link wrote it. */
    public String uri() {
        return uri;
    }

    /** The capture time from the link's {@code datetime} parameter. */
    public Optional<Instant> datetime() {
        return Optional.ofNullable(datetime);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Memento && ((Memento) o).uri.equals(uri) && Objects.equals(((Memento) o).datetime, datetime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, datetime);
    }

    /** {@code <uri> @ <datetime>}. */
    @Override
    public String toString() {
        return uri + (datetime == null ? "" : " @ " + datetime);
    }
}
