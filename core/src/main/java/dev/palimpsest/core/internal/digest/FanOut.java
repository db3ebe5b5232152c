package dev.palimpsest.core.internal.digest;

import dev.palimpsest.core.digest.DigestAlgorithm;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One read, one thread per digest: the calling thread fills a small ring of buffers from the
 * source and each digest's worker thread consumes every buffer in order; a slot is refilled
 * only after every worker has finished with it. Memory is the ring, whatever the input size.
 *
 * <p>Single use. Every thread it starts has ended when {@link #run} returns or throws.
 */
final class FanOut {
    private final DigestAlgorithm[] algorithms;
    private final MessageDigest[] digests;
    private final byte[][] ring;
    private final int[] lengths;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition filled = lock.newCondition();
    private final Condition freed = lock.newCondition();
    // Guarded by lock: buffers published so far, buffers each worker has finished, and state.
    private long published;
    private final long[] consumed;
    private boolean ended;
    private boolean aborted;
    private Throwable workerFailure;

    /**
     * @param digests the digests to continue, already fed with whatever was read before
     */
    FanOut(DigestAlgorithm[] algorithms, MessageDigest[] digests, int bufferSize, int ringSize) {
        this.algorithms = algorithms;
        this.digests = digests;
        this.ring = new byte[ringSize][bufferSize];
        this.lengths = new int[ringSize];
        this.consumed = new long[digests.length];
    }

    /**
     * Reads the source to its end on the calling thread, copying to the sink if there is one,
     * while the workers digest.
     *
     * @return the number of bytes read
     */
    long run(ByteSource source, ByteSink sink, HashControl control) throws IOException {
        Thread[] workers = new Thread[digests.length];
        boolean completed = false;
        try {
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Thread(new Worker(i), "palimpsest-digest-".concat(algorithms[i].label()));
                workers[i].setDaemon(true);
                workers[i].start();
            }
            long total = 0;
            long sequence = 0;
            boolean endOfInput = false;
            while (!endOfInput) {
                control.check();
                awaitFreeSlot(sequence);
                int slot = (int) (sequence % ring.length);
                byte[] buffer = ring[slot];
                // Filling whole buffers keeps the hand-over count per byte low for streams that
                // return a few kilobytes per read.
                int length = 0;
                while (length < buffer.length) {
                    int read = source.read(buffer, length, buffer.length - length);
                    if (read < 0) {
                        endOfInput = true;
                        break;
                    }
                    length += read;
                }
                if (length > 0) {
                    publish(slot, length);
                    if (sink != null) {
                        sink.write(buffer, 0, length);
                    }
                    total += length;
                    control.bytesRead(length);
                    sequence++;
                }
            }
            lock.lock();
            try {
                ended = true;
                filled.signalAll();
            } finally {
                lock.unlock();
            }
            joinAll(workers);
            rethrowWorkerFailure();
            completed = true;
            return total;
        } finally {
            if (!completed) {
                abort();
                joinAll(workers);
            }
        }
    }

    private void awaitFreeSlot(long sequence) {
        lock.lock();
        try {
            while (!aborted && sequence - slowestConsumer() >= ring.length) {
                freed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("hashing interrupted");
        } finally {
            lock.unlock();
        }
        rethrowWorkerFailure();
    }

    private long slowestConsumer() {
        long min = Long.MAX_VALUE;
        for (long c : consumed) {
            min = Math.min(min, c);
        }
        return min;
    }

    private void publish(int slot, int length) {
        lock.lock();
        try {
            lengths[slot] = length;
            published++;
            filled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** One digest's consumer; a named class, not a lambda, to keep start-up cheap (see ByteSource). */
    private final class Worker implements Runnable {
        private final int index;

        Worker(int index) {
            this.index = index;
        }

        @Override
        public void run() {
            work(index);
        }
    }

    private void work(int index) {
        MessageDigest digest = digests[index];
        long sequence = 0;
        try {
            while (true) {
                int slot;
                int length;
                lock.lock();
                try {
                    while (!aborted && !ended && published <= sequence) {
                        filled.await();
                    }
                    if (aborted || published <= sequence) {
                        return;
                    }
                    slot = (int) (sequence % ring.length);
                    length = lengths[slot];
                } finally {
                    lock.unlock();
                }
                HashEngine.update(digest, ring[slot], 0, length);
                sequence++;
                lock.lock();
                try {
                    consumed[index] = sequence;
                    freed.signal();
                } finally {
                    lock.unlock();
                }
            }
        } catch (Throwable t) {
            lock.lock();
            try {
                // Nothing in this library interrupts a worker; if something else does, the digest
                // is incomplete and the reader must not return it.
                if (workerFailure == null) {
                    workerFailure = t;
                }
            } finally {
                lock.unlock();
            }
            abort();
        }
    }

    private void abort() {
        lock.lock();
        try {
            aborted = true;
            filled.signalAll();
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void rethrowWorkerFailure() {
        Throwable failure;
        lock.lock();
        try {
            failure = workerFailure;
        } finally {
            lock.unlock();
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure != null) {
            throw new IllegalStateException("digest worker failed", failure);
        }
    }

    /** Waits for threads to end even if interrupted, then restores the interrupt status. */
    static void joinAll(Thread[] threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            if (thread == null) {
                continue;
            }
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
