package dev.palimpsest.pdf.internal.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes to a stream and feeds every byte to a set of digests, on a second thread: the writer
 * fills 1 MiB buffers, writes each one out and hands it to the hashing thread, which returns it
 * when done. So writing a gigabyte and hashing it take the time of the slower of the two, not
 * their sum, and memory stays at a few buffers. {@link #close()} (or {@link #finish()}) waits
 * until every byte has been hashed.
 */
public final class DigestingOutputStream extends OutputStream {
    private static final int BUFFER = 1 << 20;
    private static final int BUFFERS = 3;
    private static final byte[] END = new byte[0];

    private final OutputStream out;
    private final List<MessageDigest> digests;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final BlockingQueue<int[]> lengths = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Thread hasher;
    private volatile RuntimeException hashingFailure;
    private byte[] current;
    private int filled;
    private long count;
    private boolean finished;

    /** Writes to {@code out}, updating {@code digests} (which must not be used elsewhere until {@link #finish()}). */
    public DigestingOutputStream(OutputStream out, Collection<MessageDigest> digests) {
        this.out = out;
        this.digests = List.copyOf(digests);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[BUFFER]);
        }
        hasher = new Thread(this::hashLoop, "palimpsest-output-hash");
        hasher.setDaemon(true);
        hasher.start();
    }

    private void hashLoop() {
        try {
            while (true) {
                byte[] buffer = full.take();
                if (buffer == END) {
                    return;
                }
                int length = lengths.take()[0];
                for (MessageDigest d : digests) {
                    d.update(buffer, 0, length);
                }
                free.put(buffer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            hashingFailure = e;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (finished) {
            throw new IOException("closed");
        }
        while (len > 0) {
            if (current == null) {
                current = take(free);
                filled = 0;
            }
            int n = Math.min(len, current.length - filled);
            System.arraycopy(b, off, current, filled, n);
            filled += n;
            off += n;
            len -= n;
            count += n;
            if (filled == current.length) {
                handOver();
            }
        }
    }

    private void handOver() throws IOException {
        out.write(current, 0, filled);
        try {
            lengths.put(new int[] {filled});
            full.put(current);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        }
        current = null;
        filled = 0;
    }

    private byte[] take(BlockingQueue<byte[]> queue) throws IOException {
        try {
            while (true) {
                byte[] b = queue.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                if (b != null) {
                    return b;
                }
                if (hashingFailure != null) {
                    throw new IllegalStateException("hashing failed", hashingFailure);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        }
    }

    /** Writes out and hashes everything written so far (the digests are complete only after {@link #finish()}). */
    @Override
    public void flush() throws IOException {
        if (current != null && filled > 0) {
            handOver();
        }
        out.flush();
    }

    /** Writes and hashes everything, and stops the hashing thread; the digests are then complete. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        flush();
        finished = true;
        try {
            full.put(END);
            hasher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        }
        if (hashingFailure != null) {
            throw new IllegalStateException("hashing failed", hashingFailure);
        }
    }

    /** How many bytes were written. */
    public long count() {
        return count;
    }

    /** {@link #finish() Finishes}, then closes the underlying stream. */
    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }
}
