package dev.palimpsest.core.digest;

/**
 * Receives running totals while a {@link Hasher} works, e.g. to draw a progress bar.
 *
 * <p>Threading: calls come from whichever thread is reading input at the moment, which for
 * {@link Hasher#hashAll(java.util.List)} is one of the hasher's own worker threads, not the
 * caller's. The hasher never calls a listener concurrently with itself, so an implementation
 * needs no locking of its own, and the values passed never decrease during one operation. Calls
 * may be skipped when the listener is still busy, but the last call made before the hashing
 * method returns normally carries the final totals.
 *
 * <p>A listener should return quickly: hashing threads wait for it. An exception thrown by a
 * listener aborts the operation and is rethrown to its caller.
 */
@FunctionalInterface
public interface HashProgressListener {
    /**
     * Reports progress of the current operation since it started.
     *
     * @param bytesDone bytes read so far, over all inputs
     * @param filesDone inputs (files or streams) completely hashed so far
     */
    void progress(long bytesDone, long filesDone);
}
