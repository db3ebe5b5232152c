package dev.palimpsest.core.digest;

import dev.palimpsest.core.internal.digest.ByteSink;
import dev.palimpsest.core.internal.digest.ByteSource;
import dev.palimpsest.core.internal.digest.HashControl;
import dev.palimpsest.core.internal.digest.HashEngine;
import dev.palimpsest.core.internal.digest.ProgressTracker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

/**
 * Computes several digests of files, streams and channels in one read.
 *
 * <p>Every input is read once and every requested {@link DigestAlgorithm} is computed from the
 * same buffers. When {@link #parallelism()} is above one, an input larger than a few megabytes
 * is read on the calling thread into a small ring of shared buffers while each algorithm runs
 * on a thread of its own (even a single algorithm: reading then overlaps hashing, which made
 * SHA-256 of a large file about a fifth faster). Smaller inputs are hashed on the calling
 * thread. {@link #hashAll(List)} hashes up to {@code parallelism} files at once, and gives
 * threads per algorithm only to the last files, when cores would otherwise idle. Memory use is
 * a few buffers per thread (by default 256 KiB each), whatever the size of the input.
 *
 * <pre>{@code
 * Hasher hasher = Hasher.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512);
 * DigestSet digests = hasher.hash(Path.of("report.pdf"));
 * String sha256 = digests.get(DigestAlgorithm.SHA256).hex();
 * }</pre>
 *
 * <p>A hasher is immutable, thread-safe and reusable. Every thread it starts has ended when the
 * method that started it returns or throws.
 *
 * <p><b>Cancellation.</b> Interrupting the calling thread, or cancelling the
 * {@link CancellationToken} given to {@link #hashAll(List, CancellationToken)}, stops the work
 * within about one buffer per thread; the method then throws
 * {@link CancellationException} (after an interrupt, the thread's interrupt status stays set).
 * A read that blocks in an input stream cannot be cut short; the check comes after it returns.
 */
public final class Hasher {
    /** The smallest buffer size accepted by {@link Builder#bufferSize(int)}. */
    public static final int MIN_BUFFER_SIZE = 1024;
    /** The largest buffer size accepted by {@link Builder#bufferSize(int)}. */
    public static final int MAX_BUFFER_SIZE = 8 * 1024 * 1024;

    private final Set<DigestAlgorithm> algorithms;
    private final int parallelism;
    private final int bufferSize;
    private final HashProgressListener listener;
    private final HashEngine engine;

    private Hasher(Builder builder) {
        this.algorithms = Collections.unmodifiableSet(EnumSet.copyOf(builder.algorithms));
        this.parallelism = builder.parallelism;
        this.bufferSize = builder.bufferSize;
        this.listener = builder.listener;
        this.engine = new HashEngine(algorithms, bufferSize, parallelism, HashEngine.DEFAULT_FAN_OUT_THRESHOLD, true);
    }

    /**
     * A hasher for exactly these algorithms (SHA-256 is not added implicitly), with the default
     * parallelism (the number of available processors), buffer size and no listener.
     *
     * @throws IllegalArgumentException if no algorithm is given
     */
    public static Hasher of(DigestAlgorithm... algorithms) {
        return builder().algorithms(algorithms).build();
    }

    /** A builder with no algorithms yet, the default parallelism and buffer size, no listener. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this hasher's settings, to derive a variant (e.g. with a listener). */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.algorithms = EnumSet.copyOf(algorithms);
        builder.parallelism = parallelism;
        builder.bufferSize = bufferSize;
        builder.listener = listener;
        return builder;
    }

    /** The algorithms every result contains, in {@link DigestAlgorithm} order; unmodifiable. */
    public Set<DigestAlgorithm> algorithms() {
        return algorithms;
    }

    /**
     * The most files {@link #hashAll(List)} hashes at once; above one, large inputs also get a
     * thread per algorithm.
     */
    public int parallelism() {
        return parallelism;
    }

    /** The number of bytes read at a time. */
    public int bufferSize() {
        return bufferSize;
    }

    /** The progress listener, if one was set. */
    public Optional<HashProgressListener> listener() {
        return Optional.ofNullable(listener);
    }

    /**
     * Hashes a regular file (symbolic links are followed).
     *
     * <p>The file's size and last-modified time are compared before and after reading, and with
     * the number of bytes read; a file that changed meanwhile is an error rather than a digest
     * of bytes that were never on disk together.
     *
     * @throws FileSystemException naming the file (as {@link FileSystemException#getFile()} and
     *     at the start of the message) if it is missing, unreadable, not a regular file, or
     *     changed while it was read
     * @throws IOException on other read failures, also as a {@code FileSystemException} naming the file
     * @throws CancellationException if the calling thread was interrupted
     */
    public DigestSet hash(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        ProgressTracker progress = new ProgressTracker(listener);
        DigestSet digests = engine.digestFile(file, null, callerControl(progress), true);
        progress.fileDone();
        return digests;
    }

    /**
     * Hashes everything remaining in a stream. The stream is read to its end and not closed.
     *
     * @throws IOException if reading fails
     * @throws CancellationException if the calling thread was interrupted
     */
    public DigestSet hash(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        ProgressTracker progress = new ProgressTracker(listener);
        DigestSet digests = engine.digest(ByteSource.of(in), -1, null, null, callerControl(progress), true);
        progress.fileDone();
        return digests;
    }

    /**
     * Hashes everything remaining in a blocking channel. The channel is read to its end and not
     * closed.
     *
     * @throws IllegalArgumentException if the channel is in non-blocking mode
     * @throws IOException if reading fails
     * @throws CancellationException if the calling thread was interrupted
     */
    public DigestSet hash(ReadableByteChannel channel) throws IOException {
        Objects.requireNonNull(channel, "channel");
        if (channel instanceof SelectableChannel && !((SelectableChannel) channel).isBlocking()) {
            throw new IllegalArgumentException("the channel must be in blocking mode");
        }
        ProgressTracker progress = new ProgressTracker(listener);
        DigestSet digests = engine.digest(ByteSource.of(channel), -1, null, null, callerControl(progress), true);
        progress.fileDone();
        return digests;
    }

    /** Hashes bytes already in memory. */
    public DigestSet hash(byte[] data) {
        Objects.requireNonNull(data, "data");
        ProgressTracker progress = new ProgressTracker(listener);
        DigestSet digests = engine.digest(data, callerControl(progress));
        progress.fileDone();
        return digests;
    }

    /**
     * Copies a stream to its end into {@code out} and returns the digests of the bytes copied,
     * read once for both. Neither stream is closed or flushed.
     *
     * @throws IOException if reading or writing fails; {@code out} may then hold part of the input
     * @throws CancellationException if the calling thread was interrupted
     */
    public DigestSet copy(InputStream in, OutputStream out) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        ProgressTracker progress = new ProgressTracker(listener);
        DigestSet digests = engine.digest(ByteSource.of(in), -1, null, ByteSink.of(out), callerControl(progress),
                true);
        progress.fileDone();
        return digests;
    }

    /**
     * Hashes files in parallel, as {@link #hash(Path)} does one, on up to {@link #parallelism()}
     * threads. The listener, if any, is called from those threads.
     *
     * @return one result per file, in the order of {@code files} (duplicates are hashed twice)
     * @throws FileSystemException naming the file, if a file fails; no further files are started,
     *     and when several fail, the earliest in input order is thrown with the others suppressed
     * @throws CancellationException if the calling thread was interrupted
     */
    public List<FileDigests> hashAll(List<Path> files) throws IOException {
        return hashAll(files, null);
    }

    /**
     * Hashes files in parallel, as {@link #hashAll(List)}, stopping early if {@code token} is
     * cancelled.
     *
     * @param token a token to cancel the work from another thread, or null
     * @throws CancellationException if the token was cancelled (or the calling thread
     *     interrupted) before every file was hashed; its message says how many were
     */
    public List<FileDigests> hashAll(List<Path> files, CancellationToken token) throws IOException {
        Objects.requireNonNull(files, "files");
        List<Path> copy = List.copyOf(files); // also rejects null elements
        return engine.digestFiles(copy, token, new ProgressTracker(listener));
    }

    private static HashControl callerControl(ProgressTracker progress) {
        return new HashControl(null, null, true, progress);
    }

    @Override
    public String toString() {
        return algorithms.stream().map(DigestAlgorithm::label).collect(Collectors.joining(", ", "Hasher[", ""))
                + "; parallelism " + parallelism + "; buffer " + bufferSize + " bytes]";
    }

    /**
     * Settings for a {@link Hasher}. Not thread-safe; {@link #build()} may be called repeatedly.
     */
    public static final class Builder {
        private EnumSet<DigestAlgorithm> algorithms = EnumSet.noneOf(DigestAlgorithm.class);
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private int bufferSize = HashEngine.DEFAULT_BUFFER_SIZE;
        private HashProgressListener listener;

        private Builder() {
        }

        /**
         * The algorithms to compute, replacing any set before.
         *
         * @throws IllegalArgumentException if the set is empty
         */
        public Builder algorithms(Set<DigestAlgorithm> algorithms) {
            Objects.requireNonNull(algorithms, "algorithms");
            if (algorithms.isEmpty()) {
                throw new IllegalArgumentException("at least one digest algorithm is needed");
            }
            for (DigestAlgorithm algorithm : algorithms) {
                Objects.requireNonNull(algorithm, "algorithms contains null");
            }
            this.algorithms = EnumSet.copyOf(algorithms);
            return this;
        }

        /**
         * The algorithms to compute, replacing any set before; duplicates count once.
         *
         * @throws IllegalArgumentException if none is given
         */
        public Builder algorithms(DigestAlgorithm... algorithms) {
            Objects.requireNonNull(algorithms, "algorithms");
            for (DigestAlgorithm algorithm : algorithms) {
                Objects.requireNonNull(algorithm, "algorithms contains null");
            }
            if (algorithms.length == 0) {
                throw new IllegalArgumentException("at least one digest algorithm is needed");
            }
            return algorithms(EnumSet.copyOf(Arrays.asList(algorithms)));
        }

        /**
         * The most files hashed at once; 1 hashes everything on the calling thread and starts no
         * thread. Defaults to the number of available processors.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** The listener for progress, or null for none (the default). */
        public Builder listener(HashProgressListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * The number of bytes read at a time (default 256 KiB).
         *
         * @throws IllegalArgumentException if outside [{@link #MIN_BUFFER_SIZE}, {@link #MAX_BUFFER_SIZE}]
         */
        public Builder bufferSize(int bufferSize) {
            if (bufferSize < MIN_BUFFER_SIZE || bufferSize > MAX_BUFFER_SIZE) {
                throw new IllegalArgumentException("buffer size must be between " + MIN_BUFFER_SIZE + " and "
                        + MAX_BUFFER_SIZE + " bytes, got " + bufferSize);
            }
            this.bufferSize = bufferSize;
            return this;
        }

        /**
         * A hasher with these settings.
         *
         * @throws IllegalStateException if no algorithm was set
         */
        public Hasher build() {
            if (algorithms.isEmpty()) {
                throw new IllegalStateException("no digest algorithm set; call algorithms(...)");
            }
            return new Hasher(this);
        }
    }
}
