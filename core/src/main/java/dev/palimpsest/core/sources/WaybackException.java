package dev.palimpsest.core.sources;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A Wayback service did not deliver what was asked: it refused, has no such capture, stayed
 * overloaded or unreachable through every retry, or answered with something that is not a
 * valid answer. The message names the request URL and what happened; {@link #kind()} lets a
 * program react (e.g. a command-line tool choosing its exit code).
 */
public final class WaybackException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What happened. */
    public enum Kind {
        /** The CDX index has no capture of the URL with status 200 (in the time range asked for). */
        NO_CAPTURE,
        /** The service answered 404 Not Found (or 410 Gone). */
        NOT_FOUND,
        /** The service refused the request (401, 403, 451, ...) for a reason other than robots.txt. */
        REFUSED,
        /** The service refused because the site's robots.txt, or its owner, excludes it from replay. */
        BLOCKED_BY_ROBOTS,
        /** The service kept answering 429 Too Many Requests, or asked to wait longer than the maximum wait. */
        RATE_LIMITED,
        /** The service kept failing (5xx) or could not be reached, through every retry. */
        UNAVAILABLE,
        /** The service did not answer, or stopped sending, within the request timeout, through every retry. */
        TIMEOUT,
        /** The answer is not a valid one: an unreadable CDX response, an unexpected status or redirect. */
        BAD_RESPONSE
    }

    private final Kind kind;
    private final URI uri;
    private final int status;

    /**
     * An exception about a request.
     *
     * @param kind what happened
     * @param uri the request URL
     * @param status the HTTP status of the last response, or -1 when there was none
     * @param message what happened, naming the URL
     * @param cause the underlying failure, or null
     */
    public WaybackException(Kind kind, URI uri, int status, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.status = status;
    }

    /** What happened. */
    public Kind kind() {
        return kind;
    }

    /** The URL of the request that failed. */
    public URI uri() {
        return uri;
    }

    /** The HTTP status of the last response; empty when no response came (a connection failure, a timeout). */
    public OptionalInt status() {
        return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
