package dev.palimpsest.core.digest;

/**
 * A flag another thread sets to ask long-running work to stop, e.g. when the user presses
 * Ctrl-C. Work that observes it stops within about one buffer per thread, releases its threads
 * and throws {@link java.util.concurrent.CancellationException}.
 *
 * <p>Thread-safe. Once cancelled, a token stays cancelled; use a new one for new work.
 */
public final class CancellationToken {
    private volatile boolean cancelled;

    /** A token that is not yet cancelled. */
    public CancellationToken() {
    }

    /** Asks every operation watching this token to stop. Idempotent. */
    public void cancel() {
        cancelled = true;
    }

    /** Whether {@link #cancel()} has been called. */
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return cancelled ? "CancellationToken[cancelled]" : "CancellationToken[active]";
    }
}
