package dev.palimpsest.core.internal.sources;

import dev.palimpsest.core.internal.capture.Text;
import dev.palimpsest.core.sources.WaybackException;
import dev.palimpsest.core.sources.WaybackException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP GET requests made politely to one service: at most one request per {@code minInterval},
 * retries with exponential backoff on 408, 429 and 5xx answers, on connection failures and on
 * bodies that break off, {@code Retry-After} honoured (seconds or an HTTP date), and no single
 * wait longer than {@code maxWait}. Thread-safe: concurrent callers take turns.
 */
public final class PoliteHttp {
    private static final Set<Integer> RETRYABLE = Set.of(408, 429, 500, 502, 503, 504);
    /** How much of an error body is read to explain a refusal. */
    private static final int ERROR_BODY_BYTES = 8 * 1024;

    /** Waits; injectable so that tests need not. */
    @FunctionalInterface
    public interface Pause {
        /** Waits for {@code duration}. */
        void pause(Duration duration) throws InterruptedException;
    }

    /** Reads a response that is not to be retried by status. */
    @FunctionalInterface
    public interface Handler<T> {
        /**
         * Handles the response; throws {@link BodyFailure} when reading the body failed in a way
         * a new attempt may cure.
         */
        T handle(HttpResponse<InputStream> response) throws IOException;
    }

    /** Reading a response body failed (broke off, stalled, came up short): worth another attempt. */
    public static final class BodyFailure extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean timeout;

        /**
         * @param message what happened
         * @param cause the underlying failure, or null
         * @param timeout whether the body stalled past the request timeout
         */
        public BodyFailure(String message, Throwable cause, boolean timeout) {
            super(message, cause);
            this.timeout = timeout;
        }
    }

    private final HttpClient client;
    private final Clock clock;
    private final Pause pause;
    private final Duration minInterval;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxWait;
    private final Duration requestTimeout;
    private final String userAgent;
    private Instant nextTurn;

    /**
     * @param client the HTTP client (its redirect policy should be {@code NEVER})
     * @param clock the clock for the request rate and for {@code Retry-After} dates
     * @param pause how to wait
     * @param minInterval the least time between the starts of two requests
     * @param maxRetries how many times a request is repeated after the first attempt
     * @param initialBackoff the wait before the first retry, doubled for each further one
     * @param maxWait the longest single wait; a longer {@code Retry-After} fails at once
     * @param requestTimeout the longest wait for the response head, and for each piece of the body
     * @param userAgent the {@code User-Agent} header
     */
    public PoliteHttp(HttpClient client, Clock clock, Pause pause, Duration minInterval, int maxRetries,
            Duration initialBackoff, Duration maxWait, Duration requestTimeout, String userAgent) {
        this.client = client;
        this.clock = clock;
        this.pause = pause;
        this.minInterval = minInterval;
        this.maxRetries = maxRetries;
        this.initialBackoff = initialBackoff;
        this.maxWait = maxWait;
        this.requestTimeout = requestTimeout;
        this.userAgent = userAgent;
    }

    /** The request timeout, which also bounds a stall while reading a body. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Sends {@code GET uri} until an answer that is not retryable comes, and hands it to the
     * handler (whose result is returned). The handler closes the body.
     *
     * @param headers extra request headers
     * @throws WaybackException when the retries are used up or a wait would be too long
     * @throws InterruptedIOException if the thread is interrupted while waiting (its interrupt
     *     status stays set)
     */
    public <T> T get(URI uri, Map<String, String> headers, Handler<T> handler) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET().timeout(requestTimeout)
                .header("User-Agent", userAgent);
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        for (int attempt = 0; ; attempt++) {
            awaitTurn();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while requesting " + uri);
            } catch (HttpTimeoutException e) {
                retryOrFail(attempt, Kind.TIMEOUT, uri, -1, "no answer within " + seconds(requestTimeout), e);
                continue;
            } catch (IOException e) {
                retryOrFail(attempt, Kind.UNAVAILABLE, uri, -1, "the request failed: " + describe(e), e);
                continue;
            }
            int status = response.statusCode();
            if (RETRYABLE.contains(status)) {
                Optional<Duration> retryAfter = retryAfter(response);
                discard(response);
                Kind kind = status == 429 ? Kind.RATE_LIMITED : status == 408 ? Kind.TIMEOUT : Kind.UNAVAILABLE;
                if (retryAfter.isPresent() && retryAfter.get().compareTo(maxWait) > 0) {
                    throw new WaybackException(kind, uri, status, uri + " answered " + status + " and asked to wait "
                            + seconds(retryAfter.get()) + " (Retry-After), longer than the maximum wait of "
                            + seconds(maxWait), null);
                }
                if (attempt >= maxRetries) {
                    throw new WaybackException(kind, uri, status, uri + " still answered " + status + " after "
                            + (attempt + 1) + " attempts", null);
                }
                sleep(retryAfter.orElse(backoff(attempt)), uri);
                continue;
            }
            try {
                return handler.handle(response);
            } catch (BodyFailure e) {
                retryOrFail(attempt, e.timeout ? Kind.TIMEOUT : Kind.UNAVAILABLE, uri, status,
                        "the response body " + e.getMessage(), e);
            }
        }
    }

    private void retryOrFail(int attempt, Kind kind, URI uri, int status, String what, Throwable cause)
            throws IOException {
        if (attempt >= maxRetries) {
            throw new WaybackException(kind, uri, status, uri + ": " + what + " (after " + (attempt + 1)
                    + (attempt == 0 ? " attempt)" : " attempts)"), cause);
        }
        sleep(backoff(attempt), uri);
    }

    /** Waits until this request may start, keeping the rate. */
    private synchronized void awaitTurn() throws InterruptedIOException {
        Instant now = clock.instant();
        if (nextTurn != null && now.isBefore(nextTurn)) {
            sleep(Duration.between(now, nextTurn), null);
            now = clock.instant();
        }
        Instant start = nextTurn != null && nextTurn.isAfter(now) ? nextTurn : now;
        nextTurn = start.plus(minInterval);
    }

    private void sleep(Duration duration, URI uri) throws InterruptedIOException {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            pause.pause(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting" + (uri == null ? "" : " to request " + uri));
        }
    }

    private Duration backoff(int attempt) {
        Duration wait = initialBackoff.multipliedBy(1L << Math.min(attempt, 30));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    /** The {@code Retry-After} of a response as a wait from now: delay-seconds or an HTTP date. */
    Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> parseRetryAfter(value, clock.instant()));
    }

    /** Parses a {@code Retry-After} value (RFC 9110, 10.2.3); empty when it is neither form. */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String v = value.strip();
        if (!v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // A huge number is a long wait, not an error: it is compared with the maximum wait.
            return Optional.of(v.length() > 12 ? Duration.ofSeconds(999_999_999_999L) : Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT)).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Closes a response's body without reading it. */
    public static void discard(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // the body is not wanted; a failure to close it changes nothing
        }
    }

    /** Up to {@value #ERROR_BODY_BYTES} bytes of an error response's body, as text, for a message; closes it. */
    public static String errorBody(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return new String(in.readNBytes(ERROR_BODY_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.3f s", ms / 1000.0);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return Text.clean(e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m));
    }
}
