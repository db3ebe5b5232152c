package dev.palimpsest.core.internal.digest;

import dev.palimpsest.core.digest.CancellationToken;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestSet;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.digest.FileDigests;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Reads inputs once and computes every requested digest from the same buffers.
 *
 * <p>Small inputs are digested inline on the reading thread. Once an input has proved larger
 * than the fan-out threshold (known from the file size up front, or discovered while reading a
 * stream), and parallelism is above one, the digests so far are handed to a {@link FanOut} with
 * one thread per algorithm; with read-ahead, that includes a single algorithm, so that the
 * reader's system calls and copies overlap the hashing.
 *
 * <p>Immutable and thread-safe; every call allocates its own buffers and threads, and no thread
 * outlives the call that started it.
 */
public final class HashEngine {
    /** Large enough that reads from the page cache cost little per byte; small enough for L2. */
    public static final int DEFAULT_BUFFER_SIZE = 256 * 1024;
    /** Below this, starting threads costs more than hashing in parallel saves. */
    public static final long DEFAULT_FAN_OUT_THRESHOLD = 4L * 1024 * 1024;
    /** Buffers in a fan-out ring: enough that the reader rarely waits for the slowest digest. */
    public static final int RING_SIZE = 4;
    /**
     * Digests are fed slices of this size rather than whole buffers. HotSpot compiles a digest's
     * update method with the CPU's SHA instructions only after thousands of calls; whole 256 KiB
     * buffers would not make that many in a gigabyte, leaving a short-lived process on a slower
     * version of the code (about 5% slower over 1 GiB). With several digests inline, a slice also
     * stays in the L1 cache from one digest to the next.
     */
    static final int UPDATE_SLICE = 16 * 1024;

    private final DigestAlgorithm[] algorithms;
    private final int bufferSize;
    private final int parallelism;
    private final long fanOutThreshold;
    private final boolean readAhead;

    /**
     * @param algorithms at least one
     * @param bufferSize bytes per read
     * @param parallelism files hashed at once by {@link #digestFiles}; above one also allows one
     *     thread per algorithm for large inputs
     * @param fanOutThreshold input size from which one thread per algorithm is used (0: always)
     * @param readAhead whether a single digest also gets its own thread above the threshold, so
     *     that reading (system calls and copying) overlaps hashing
     */
    public HashEngine(Set<DigestAlgorithm> algorithms, int bufferSize, int parallelism, long fanOutThreshold,
            boolean readAhead) {
        if (algorithms.isEmpty() || bufferSize < 1 || parallelism < 1 || fanOutThreshold < 0) {
            throw new IllegalArgumentException("invalid engine settings");
        }
        this.algorithms = algorithms.toArray(new DigestAlgorithm[0]);
        Arrays.sort(this.algorithms);
        this.bufferSize = bufferSize;
        this.parallelism = parallelism;
        this.fanOutThreshold = fanOutThreshold;
        this.readAhead = readAhead;
    }

    /**
     * Digests a source to its end, copying every byte to {@code sink} if it is not null.
     *
     * @param expectedSize the size if known (to size the buffer and decide on fan-out early), or -1
     * @param buffer a buffer to reuse for inline reading, or null
     * @param mayFanOut whether this call may start threads
     */
    public DigestSet digest(ByteSource source, long expectedSize, byte[] buffer, ByteSink sink, HashControl control,
            boolean mayFanOut) throws IOException {
        MessageDigest[] digests = newDigests();
        boolean fanOut = mayFanOut && parallelism > 1 && (digests.length > 1 || readAhead);
        long total = 0;
        if (!fanOut || (expectedSize < fanOutThreshold && fanOutThreshold > 0)) {
            byte[] buf = buffer != null && buffer.length >= Math.min(bufferSize, expectedSize + 1)
                    ? buffer : new byte[inlineBufferSize(expectedSize)];
            while (true) {
                control.check();
                int read = source.read(buf, 0, buf.length);
                if (read < 0) {
                    return result(digests, total);
                }
                for (int offset = 0; offset < read; offset += UPDATE_SLICE) {
                    int length = Math.min(UPDATE_SLICE, read - offset);
                    for (MessageDigest digest : digests) {
                        digest.update(buf, offset, length);
                    }
                }
                if (sink != null) {
                    sink.write(buf, 0, read);
                }
                total += read;
                control.bytesRead(read);
                if (fanOut && total >= fanOutThreshold) {
                    break;
                }
            }
        }
        total += new FanOut(algorithms, digests, bufferSize, RING_SIZE).run(source, sink, control);
        return result(digests, total);
    }

    /** Digests a byte array, with one thread per algorithm when it is large. */
    public DigestSet digest(byte[] data, HashControl control) {
        MessageDigest[] digests = newDigests();
        control.check();
        if (parallelism > 1 && digests.length > 1 && data.length >= fanOutThreshold) {
            // The array is already in memory: each thread digests all of it, no ring needed.
            Thread[] threads = new Thread[digests.length];
            Throwable[] failures = new Throwable[digests.length];
            try {
                for (int i = 0; i < digests.length; i++) {
                    threads[i] = new Thread(new ArrayDigester(digests[i], data, failures, i),
                            "palimpsest-digest-".concat(algorithms[i].label()));
                    threads[i].setDaemon(true);
                    threads[i].start();
                }
            } finally {
                FanOut.joinAll(threads);
            }
            for (Throwable failure : failures) {
                if (failure != null) {
                    throw new IllegalStateException("digest thread failed", failure);
                }
            }
        } else {
            for (MessageDigest digest : digests) {
                update(digest, data, 0, data.length);
            }
        }
        control.bytesRead(data.length);
        return result(digests, data.length);
    }

    /**
     * Digests one regular file and checks that it did not change meanwhile.
     *
     * @throws FileSystemException naming the file, whatever went wrong with it
     */
    public DigestSet digestFile(Path file, byte[] buffer, HashControl control, boolean mayFanOut) throws IOException {
        BasicFileAttributes before = attributes(file);
        if (!before.isRegularFile()) {
            throw new FileSystemException(file.toString(), null,
                    before.isDirectory() ? "is a directory, not a file" : "is not a regular file");
        }
        DigestSet digests;
        try (InputStream in = open(file)) {
            digests = digest(ByteSource.of(in), before.size(), buffer, null, control, mayFanOut);
        } catch (ClosedByInterruptException e) {
            // A channel (other file systems) closes itself when its reader is interrupted: a cancel.
            CancellationException cancelled = new CancellationException("hashing interrupted while reading " + file);
            cancelled.initCause(e);
            throw cancelled;
        } catch (FileSystemException e) {
            throw e.getFile() != null ? e : named(file, e);
        } catch (IOException e) {
            throw named(file, e);
        }
        BasicFileAttributes after = attributes(file);
        if (digests.size() != before.size() || after.size() != before.size()
                || !after.lastModifiedTime().equals(before.lastModifiedTime())) {
            throw new FileSystemException(file.toString(), null, "changed while it was being hashed (size "
                    + before.size() + " bytes before, " + digests.size() + " read, " + after.size()
                    + " after; modified " + before.lastModifiedTime() + " before, " + after.lastModifiedTime()
                    + " after)");
        }
        return digests;
    }

    /**
     * Digests files on up to {@code parallelism} threads; results in input order. On failure,
     * stops starting files, waits for the threads, and throws the failure of the earliest file
     * in input order, with any later ones suppressed.
     */
    public List<FileDigests> digestFiles(List<Path> files, CancellationToken token, ProgressTracker progress)
            throws IOException {
        int count = files.size();
        AtomicReferenceArray<FileDigests> results = new AtomicReferenceArray<>(count);
        int threads = Math.min(parallelism, count);
        if (threads <= 1) {
            HashControl control = new HashControl(token, null, true, progress);
            byte[] buffer = null;
            for (int i = 0; i < count; i++) {
                if (buffer == null) {
                    buffer = new byte[bufferSize];
                }
                Path file = files.get(i);
                try {
                    results.set(i, new FileDigests(file, digestFile(file, buffer, control, i == count - 1)));
                } catch (CancellationException e) {
                    throw cancelled(i, count, e);
                }
                progress.fileDone();
            }
            return toList(results);
        }

        Batch batch = new Batch(files, results, token, progress);
        Thread[] pool = new Thread[threads];
        boolean callerInterrupted = false;
        try {
            for (int i = 0; i < threads; i++) {
                pool[i] = new Thread(batch, "palimpsest-hash-".concat(Integer.toString(i + 1)));
                pool[i].setDaemon(true);
                pool[i].start();
            }
            for (Thread thread : pool) {
                while (true) {
                    try {
                        thread.join();
                        break;
                    } catch (InterruptedException e) {
                        // The caller's interrupt is a cancel: stop the workers, still wait for them.
                        callerInterrupted = true;
                        batch.stop.set(true);
                    }
                }
            }
        } finally {
            batch.stop.set(true);
            FanOut.joinAll(pool);
            if (callerInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
        // Thread.join gives happens-before for the failures array written by the workers.
        Throwable first = null;
        for (Throwable failure : batch.failures) {
            if (failure != null) {
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        if (callerInterrupted) {
            throw cancelled(count(results), count, null);
        }
        if (first instanceof IOException) {
            throw (IOException) first;
        }
        if (first instanceof RuntimeException) {
            throw (RuntimeException) first;
        }
        if (first instanceof Error) {
            throw (Error) first;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
        if (!allDone(results)) {
            // A token, or a listener that threw CancellationException to stop the work.
            throw cancelled(count(results), count, batch.cancellation.get());
        }
        return toList(results);
    }

    /** The work of one {@link #digestFiles} call, shared by its threads, each taking the next file. */
    private final class Batch implements Runnable {
        final List<Path> files;
        final AtomicReferenceArray<FileDigests> results;
        final AtomicInteger next = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        final Throwable[] failures;
        final AtomicReference<CancellationException> cancellation = new AtomicReference<>();
        final HashControl control;
        final ProgressTracker progress;

        Batch(List<Path> files, AtomicReferenceArray<FileDigests> results, CancellationToken token,
                ProgressTracker progress) {
            this.files = files;
            this.results = results;
            this.failures = new Throwable[files.size()];
            this.control = new HashControl(token, stop, false, progress);
            this.progress = progress;
        }

        @Override
        public void run() {
            int count = files.size();
            byte[] buffer = null;
            while (!stop.get()) {
                int i = next.getAndIncrement();
                if (i >= count) {
                    return;
                }
                if (buffer == null) {
                    buffer = new byte[bufferSize];
                }
                Path file = files.get(i);
                try {
                    // Only once no file is left to start would a thread per algorithm find an idle core.
                    boolean lastFiles = next.get() >= count;
                    results.set(i, new FileDigests(file, digestFile(file, buffer, control, lastFiles)));
                    progress.fileDone();
                } catch (CancellationException e) {
                    cancellation.compareAndSet(null, e);
                    stop.set(true);
                    return;
                } catch (Throwable t) {
                    failures[i] = t;
                    stop.set(true);
                    return;
                }
            }
        }
    }

    /** Digests a whole array on its own thread, recording a failure instead of losing it. */
    private static final class ArrayDigester implements Runnable {
        private final MessageDigest digest;
        private final byte[] data;
        private final Throwable[] failures;
        private final int index;

        ArrayDigester(MessageDigest digest, byte[] data, Throwable[] failures, int index) {
            this.digest = digest;
            this.data = data;
            this.failures = failures;
            this.index = index;
        }

        @Override
        public void run() {
            try {
                update(digest, data, 0, data.length);
            } catch (Throwable t) {
                failures[index] = t;
            }
        }
    }

    /** Feeds {@code digest} in slices of {@link #UPDATE_SLICE} bytes. */
    static void update(MessageDigest digest, byte[] data, int offset, int length) {
        for (int end = offset + length; offset < end; offset += UPDATE_SLICE) {
            digest.update(data, offset, Math.min(UPDATE_SLICE, end - offset));
        }
    }

    private static boolean allDone(AtomicReferenceArray<FileDigests> results) {
        return count(results) == results.length();
    }

    private static int count(AtomicReferenceArray<FileDigests> results) {
        int done = 0;
        for (int i = 0; i < results.length(); i++) {
            if (results.get(i) != null) {
                done++;
            }
        }
        return done;
    }

    private static CancellationException cancelled(int done, int count, CancellationException cause) {
        CancellationException e = new CancellationException("hashing cancelled after " + done + " of " + count
                + " files");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    private static List<FileDigests> toList(AtomicReferenceArray<FileDigests> results) {
        List<FileDigests> list = new ArrayList<>(results.length());
        for (int i = 0; i < results.length(); i++) {
            list.add(results.get(i));
        }
        return List.copyOf(list);
    }

    private MessageDigest[] newDigests() {
        MessageDigest[] digests = new MessageDigest[algorithms.length];
        for (int i = 0; i < algorithms.length; i++) {
            digests[i] = algorithms[i].newMessageDigest();
        }
        return digests;
    }

    private DigestSet result(MessageDigest[] digests, long size) {
        List<DigestValue> values = new ArrayList<>(digests.length);
        for (int i = 0; i < digests.length; i++) {
            values.add(DigestValue.of(algorithms[i], digests[i].digest()));
        }
        return DigestSet.of(size, values);
    }

    private int inlineBufferSize(long expectedSize) {
        // One more byte than the file lets the first read take it all and the second see the end.
        return expectedSize >= 0 && expectedSize < bufferSize ? (int) Math.max(expectedSize + 1, 512) : bufferSize;
    }

    /**
     * Opens a file for reading. On the default file system this is a {@link FileInputStream}:
     * there, reading into a Java array through a {@code FileChannel} goes through a temporary
     * direct buffer, which measured up to five times slower on the development machine
     * (ReadPathBenchmark), as slow as SHA-256 itself.
     */
    private static InputStream open(Path file) throws IOException {
        if (file.getFileSystem() != FileSystems.getDefault()) {
            return Files.newInputStream(file);
        }
        try {
            return new FileInputStream(file.toFile());
        } catch (FileNotFoundException e) {
            // FileInputStream reports every failure to open as "not found"; NIO says what it was
            // (NoSuchFileException, AccessDeniedException, ...), naming the file.
            Files.newByteChannel(file).close();
            throw e;
        }
    }

    private static BasicFileAttributes attributes(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (FileSystemException e) {
            throw e.getFile() != null ? e : named(file, e);
        } catch (IOException e) {
            throw named(file, e);
        }
    }

    private static FileSystemException named(Path file, IOException cause) {
        FileSystemException e = new FileSystemException(file.toString(), null,
                cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
        e.initCause(cause);
        return e;
    }
}
