package dev.palimpsest.core.internal.sources;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Closes a network stream that delivers nothing for longer than a timeout, so that a read
 * blocked on a stalled connection returns instead of hanging; {@link #stalled()} then tells the
 * reader why its stream ended. The watch runs on one daemon thread, which ends with
 * {@link #close()} or when it closes the stream. Uses real time, not an injected clock: it
 * measures the network.
 */
public final class StallGuard implements AutoCloseable {
    private final InputStream in;
    private final long timeoutNanos;
    private final Thread watcher;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean stalled;
    private volatile boolean closed;

    /** Starts watching {@code in}. */
    public StallGuard(InputStream in, Duration timeout) {
        this.in = in;
        this.timeoutNanos = timeout.toNanos();
        long tick = Math.max(10, Math.min(250, timeout.toMillis() / 4));
        this.watcher = new Thread(() -> watch(tick), "palimpsest-stall-guard");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch(long tickMillis) {
        try {
            while (!closed) {
                Thread.sleep(tickMillis);
                if (!closed && System.nanoTime() - lastProgress > timeoutNanos) {
                    stalled = true;
                    in.close();
                    return;
                }
            }
        } catch (InterruptedException | IOException e) {
            // closed by close(), or closing failed: either way the watch is over
        }
    }

    /** The watched stream; reading through it counts as progress. */
    public InputStream stream() {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                lastProgress = System.nanoTime();
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                lastProgress = System.nanoTime();
                return n;
            }
        };
    }

    /** Whether the guard closed the stream because it stalled. */
    public boolean stalled() {
        return stalled;
    }

    /** Stops watching. */
    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
    }
}
