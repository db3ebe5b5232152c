package dev.palimpsest.core.internal.digest;

import dev.palimpsest.core.digest.HashProgressListener;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Running totals of one hashing operation, passed on to a {@link HashProgressListener} so that
 * the listener is never called concurrently, sees non-decreasing values and receives the final
 * totals, without ever making a hashing thread wait for another thread's listener call.
 */
public final class ProgressTracker {
    private final HashProgressListener listener;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong files = new AtomicLong();
    private final ReentrantLock delivering = new ReentrantLock();
    // Guarded by delivering.
    private long deliveredBytes = -1;
    private long deliveredFiles = -1;

    /** @param listener the listener, or null for none */
    public ProgressTracker(HashProgressListener listener) {
        this.listener = listener;
    }

    /** Counts bytes read. */
    public void addBytes(long count) {
        bytes.addAndGet(count);
        deliver();
    }

    /** Counts one input completely hashed. */
    public void fileDone() {
        files.incrementAndGet();
        deliver();
    }

    /** Bytes read so far. */
    public long bytes() {
        return bytes.get();
    }

    /** Inputs completely hashed so far. */
    public long files() {
        return files.get();
    }

    private void deliver() {
        if (listener == null) {
            return;
        }
        // A thread that finds another one delivering leaves its update to it: the deliverer
        // checks again after releasing the lock, and the counters are read in a total order with
        // the lock, so the last update is always delivered by someone.
        while (delivering.tryLock()) {
            try {
                long b = bytes.get();
                long f = files.get();
                if (b == deliveredBytes && f == deliveredFiles) {
                    return;
                }
                deliveredBytes = b;
                deliveredFiles = f;
                listener.progress(b, f);
            } finally {
                delivering.unlock();
            }
        }
    }
}
