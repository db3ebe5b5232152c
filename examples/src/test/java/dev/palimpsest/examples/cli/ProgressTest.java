package dev.palimpsest.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line's content and timing, with a clock the test moves (no terminal needed). */
class ProgressTest {
    private static final long MIB = 1024 * 1024;
    private final StringWriter text = new StringWriter();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final Progress progress = new Progress(new PrintWriter(text), "hashing", clock::get);

    private void advanceMillis(long millis) {
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void showsBytesFilesRateAndEta() {
        progress.totals(300 * MIB, 2);
        advanceMillis(2000);
        progress.progress(100 * MIB, 1);
        // 100 MiB in 2 s is 50 MiB/s, so the 200 MiB left take 4 s.
        assertThat(text.toString()).isEqualTo(
                "\rhashing: 100.0 of 300.0 MiB (33%), 1 of 2 files, 50.0 MiB/s, ETA 0:04\033[K");
    }

    @Test
    void rateFollowsTheLastFewSeconds() {
        progress.totals(1000 * MIB, 1);
        // 10 s at 1 MiB/s, then 6 s at 10 MiB/s: the rate shown is the recent one, not the average.
        long bytes = 0;
        for (int i = 0; i < 10 * 5; i++) {
            advanceMillis(200);
            bytes += MIB / 5;
            progress.progress(bytes, 0);
        }
        for (int i = 0; i < 6 * 5; i++) {
            advanceMillis(200);
            bytes += 2 * MIB;
            progress.progress(bytes, 0);
        }
        String last = text.toString().substring(text.toString().lastIndexOf('\r'));
        assertThat(last).contains(", 10.0 MiB/s, ETA ");
    }

    @Test
    void withoutTotalsShowsWhatIsKnown() {
        advanceMillis(4000);
        progress.progress(10 * MIB, 3);
        assertThat(text.toString()).isEqualTo("\rhashing: 10.0 MiB, 3 files, 2.5 MiB/s\033[K");
    }

    @Test
    void workWithoutRunningTotalsShowsSizeAndElapsedTime() {
        Progress verifying = new Progress(new PrintWriter(text), "verifying b", clock::get);
        verifying.totals(3 * MIB, 6);
        advanceMillis(65_000);
        verifying.tick();
        assertThat(text.toString()).isEqualTo("\rverifying b: 3.0 MiB in 6 files, 1:05 elapsed\033[K");
    }

    @Test
    void drawsNothingInTheFirstIntervalAndAtMostFiveTimesASecond() {
        progress.totals(100 * MIB, 1);
        progress.progress(1 * MIB, 0);
        advanceMillis(199);
        progress.progress(2 * MIB, 0);
        assertThat(text.toString()).as("nothing in the first 200 ms").isEmpty();
        // One second of calls every 10 ms: at most five drawings.
        for (int i = 1; i <= 100; i++) {
            advanceMillis(10);
            progress.progress((2 + i) * MIB / 10, 0);
        }
        long drawings = text.toString().chars().filter(c -> c == '\r').count();
        assertThat(drawings).isBetween(4L, (long) Progress.MAX_REDRAWS_PER_SECOND);
    }

    @Test
    void doneClearsTheLineOnlyWhenOneWasDrawnAndStopsDrawing() {
        progress.done();
        assertThat(text.toString()).as("a quick job leaves no trace").isEmpty();

        Progress drawn = new Progress(new PrintWriter(text), "copying", clock::get);
        advanceMillis(500);
        drawn.progress(5 * MIB, 1);
        drawn.done();
        assertThat(text.toString()).endsWith("\r\033[K");
        String before = text.toString();
        advanceMillis(500);
        drawn.progress(6 * MIB, 2);
        drawn.done();
        assertThat(text.toString()).as("nothing after done()").isEqualTo(before);
    }

    @Test
    void linesFitEightyColumns() {
        Progress longName = new Progress(new PrintWriter(text), "verifying " + "a-very-long-bundle-name".repeat(4),
                clock::get);
        longName.totals(123_456 * MIB, 99_999);
        advanceMillis(1000);
        longName.progress(1234 * MIB, 5000);
        String line = text.toString().replace("\r", "").replace("\033[K", "");
        assertThat(line).hasSizeLessThanOrEqualTo(79).endsWith("...");
    }

    @Test
    void tickerRedrawsUntilDone() throws Exception {
        Progress ticking = new Progress(new PrintWriter(text), "embedding", System::nanoTime).totals(MIB, 1).ticking();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!text.toString().contains("elapsed") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        ticking.done();
        assertThat(text.toString()).startsWith("\rembedding: 1.0 MiB in 1 file, 0:00 elapsed").endsWith("\r\033[K");
        String after = text.toString();
        Thread.sleep(3 * Progress.INTERVAL_NANOS / 1_000_000);
        assertThat(text.toString()).isEqualTo(after);
    }

    @Test
    void durations() {
        assertThat(Progress.duration(0)).isEqualTo("0:00");
        assertThat(Progress.duration(61)).isEqualTo("1:01");
        assertThat(Progress.duration(3600 + 2 * 60 + 3)).isEqualTo("1:02:03");
    }
}
