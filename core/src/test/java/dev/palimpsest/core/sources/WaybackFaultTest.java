package dev.palimpsest.core.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.palimpsest.core.sources.WaybackException.Kind;
import dev.palimpsest.core.testing.FaultyServer;
import dev.palimpsest.core.testing.FaultyServer.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Wayback service that hangs, resets or answers garbage, on a real loopback socket with real
 * waits: every failure is a {@link WaybackException} of the right kind naming the URL, bounded by
 * (retries + 1) times the request timeout plus the backoff and some slack, and a recovery that fails
 * leaves no file. GETs are safe to repeat, so these are retried ({@link #RETRIES} times here).
 */
class WaybackFaultTest {
    static final String URL = "https://www.example.gov/foia/report.pdf";
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final Duration BACKOFF = Duration.ofMillis(50);
    static final int RETRIES = 1;
    static final Duration BOUND = TIMEOUT.multipliedBy(RETRIES + 1).plus(BACKOFF.multipliedBy(4))
            .plus(Duration.ofSeconds(5));

    @TempDir
    Path dir;

    private static WaybackClient client(FaultyServer server) {
        return WaybackClient.builder().base(server.url("")).minInterval(Duration.ZERO).initialBackoff(BACKOFF)
                .maxRetries(RETRIES).connectTimeout(TIMEOUT).requestTimeout(TIMEOUT).build();
    }

    private WaybackException fails(FaultyServer server, Kind kind) throws Exception {
        long start = System.nanoTime();
        WaybackException e = catchThrowableOfType(WaybackException.class,
                () -> client(server).recover(URL, dir.resolve("out/report.pdf")));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e).as("a WaybackException").isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        assertThat(e.getMessage()).contains(server.url("").toString());
        assertThat(took).as("bounded by the timeouts").isLessThan(BOUND);
        try (Stream<Path> files = Files.exists(dir.resolve("out")) ? Files.list(dir.resolve("out")) : Stream.empty()) {
            assertThat(files.toList()).as("nothing half-written").isEmpty();
        }
        return e;
    }

    @Test
    void aServiceThatNeverAnswersTimesOutAfterItsRetries() throws Exception {
        try (FaultyServer server = FaultyServer.start(Fault.HANG)) {
            fails(server, Kind.TIMEOUT);
            assertThat(server.connections()).as("a GET is retried").isEqualTo(RETRIES + 1);
        }
    }

    @Test
    void aServiceThatStallsMidAnswerTimesOut() throws Exception {
        try (FaultyServer server = FaultyServer.start(Fault.STALL_BODY)) {
            fails(server, Kind.TIMEOUT);
        }
    }

    @Test
    void aServiceThatResetsIsUnavailableAfterItsRetries() throws Exception {
        try (FaultyServer server = FaultyServer.start(Fault.RESET)) {
            fails(server, Kind.UNAVAILABLE);
            // The JDK's HttpClient itself repeats an idempotent request once on a reset connection.
            assertThat(server.connections()).as("a GET is retried").isBetween(RETRIES + 1, 2 * (RETRIES + 1));
        }
    }

    @Test
    void anAnswerThatIsNotHttpIsAFailureNamingTheService() throws Exception {
        try (FaultyServer server = FaultyServer.start(Fault.GARBAGE)) {
            fails(server, Kind.UNAVAILABLE);
        }
    }

    @Test
    void aCdxAnswerThatIsGarbageIsABadResponse() throws Exception {
        try (FaultyServer server = FaultyServer.start(Fault.GARBAGE_BODY)) {
            fails(server, Kind.BAD_RESPONSE);
        }
    }
}
