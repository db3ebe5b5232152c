package dev.palimpsest.core.internal.digest;

import dev.palimpsest.core.digest.CancellationToken;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a reading loop consults between buffers: whether to stop, and where to count progress.
 */
public final class HashControl {
    private final CancellationToken token;
    private final AtomicBoolean stopRequested;
    private final boolean watchInterrupt;
    private final ProgressTracker progress;

    /**
     * @param token a caller's token, or null
     * @param stopRequested an internal stop signal (another file failed), or null
     * @param watchInterrupt whether the reading thread's interrupt status means cancellation;
     *     true when it is the caller's thread
     * @param progress the totals to update
     */
    public HashControl(CancellationToken token, AtomicBoolean stopRequested, boolean watchInterrupt,
            ProgressTracker progress) {
        this.token = token;
        this.stopRequested = stopRequested;
        this.watchInterrupt = watchInterrupt;
        this.progress = progress;
    }

    /** @throws CancellationException if the work should stop */
    public void check() {
        if (token != null && token.isCancelled()) {
            throw new CancellationException("hashing cancelled");
        }
        if (stopRequested != null && stopRequested.get()) {
            throw new CancellationException("hashing stopped");
        }
        if (watchInterrupt && Thread.currentThread().isInterrupted()) {
            // The interrupt status is left set, for the caller's own checks.
            throw new CancellationException("hashing interrupted");
        }
    }

    /** Counts bytes read. */
    public void bytesRead(long count) {
        progress.addBytes(count);
    }

    /** The totals this control updates. */
    public ProgressTracker progress() {
        return progress;
    }
}
