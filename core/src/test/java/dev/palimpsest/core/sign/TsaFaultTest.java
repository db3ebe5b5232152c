package dev.palimpsest.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.testing.FaultyServer;
import dev.palimpsest.core.testing.FaultyServer.Fault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A TSA that hangs, resets or answers garbage, on a real loopback socket: each is a
 * {@link TimestampException} with its reason and the TSA's URL, within the configured timeout plus
 * slack. A timestamp request is a POST and is never retried by the client: a retry would be
 * harmless for the TSA (a new nonce), but it would double the wait past the timeout the caller
 * set, and the caller (a signing command) is the one that knows whether to try again.
 */
class TsaFaultTest {
    static final byte[] DATA = "archive.json".getBytes(StandardCharsets.UTF_8);
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final Duration SLACK = Duration.ofSeconds(5);
    /** For the faults that must fail at once: long enough never to be what stops them on a loaded machine. */
    static final Duration PATIENT = Duration.ofSeconds(30);

    private static TimestampClient client(FaultyServer server) {
        return TimestampClient.builder(server.url("/tsa")).connectTimeout(TIMEOUT).timeout(TIMEOUT).build();
    }

    private static TimestampClient patient(FaultyServer server) {
        return TimestampClient.builder(server.url("/tsa")).connectTimeout(PATIENT).timeout(PATIENT).build();
    }

    @Test
    void aTsaThatAcceptsAndNeverAnswersTimesOutWithinTheTimeout() {
        try (FaultyServer server = FaultyServer.start(Fault.HANG)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client(server).timestamp(DATA))
                    .isInstanceOfSatisfying(TimestampException.class,
                            e -> assertThat(e.reason()).isEqualTo(TimestampException.Reason.TIMEOUT))
                    .hasMessageContaining(server.url("/tsa").toString()).hasMessageContaining("did not answer");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(SLACK));
            assertThat(server.connections()).as("not retried").isEqualTo(1);
        }
    }

    @Test
    void aTsaThatStallsInTheMiddleOfItsAnswerTimesOutToo() {
        try (FaultyServer server = FaultyServer.start(Fault.STALL_BODY)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client(server).timestamp(DATA))
                    .isInstanceOfSatisfying(TimestampException.class,
                            e -> assertThat(e.reason()).isEqualTo(TimestampException.Reason.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(SLACK));
        }
    }

    @Test
    void aResetConnectionIsANetworkErrorAndIsNotRetried() {
        try (FaultyServer server = FaultyServer.start(Fault.RESET)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> patient(server).timestamp(DATA))
                    .isInstanceOfSatisfying(TimestampException.class,
                            e -> assertThat(e.reason()).isEqualTo(TimestampException.Reason.NETWORK))
                    .hasMessageContaining("cannot reach the TSA " + server.url("/tsa"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fails at once, not at the timeout")
                    .isLessThan(PATIENT.dividedBy(2));
            assertThat(server.connections()).as("a POST is not retried").isEqualTo(1);
        }
    }

    @Test
    void anAnswerThatIsNotHttpIsANetworkError() {
        try (FaultyServer server = FaultyServer.start(Fault.GARBAGE)) {
            assertThatThrownBy(() -> patient(server).timestamp(DATA))
                    .isInstanceOfSatisfying(TimestampException.class,
                            e -> assertThat(e.reason()).isIn(TimestampException.Reason.NETWORK,
                                    TimestampException.Reason.MALFORMED))
                    .hasMessageContaining(server.url("/tsa").toString());
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void anHttpAnswerThatIsNotATimestampResponseIsMalformed() {
        try (FaultyServer server = FaultyServer.start(Fault.GARBAGE_BODY)) {
            assertThatThrownBy(() -> patient(server).timestamp(DATA))
                    .isInstanceOfSatisfying(TimestampException.class,
                            e -> assertThat(e.reason()).isEqualTo(TimestampException.Reason.MALFORMED))
                    .hasMessageContaining("not an RFC 3161 response (200 bytes)");
        }
    }
}
