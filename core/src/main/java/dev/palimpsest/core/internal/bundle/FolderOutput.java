package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.bundle.BundleException;
import dev.palimpsest.core.digest.DigestSet;
import dev.palimpsest.core.internal.digest.HashControl;
import dev.palimpsest.core.internal.digest.ProgressTracker;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bundle written as a folder: payload files are copied on up to {@code parallelism} threads,
 * each file read once while it is written and hashed.
 */
final class FolderOutput implements BundleOutput {
    private final Path root;
    private final int parallelism;
    private final int bufferSize;
    private final boolean durable;
    private final Set<Path> directories = new LinkedHashSet<>();

    private FolderOutput(Path root, int parallelism, int bufferSize, boolean durable) {
        this.root = root;
        this.parallelism = parallelism;
        this.bufferSize = bufferSize;
        this.durable = durable;
    }

    /** Creates the folder {@code root} (which must not exist) with an empty {@code data/}. */
    static FolderOutput create(Path root, int parallelism, int bufferSize, boolean durable) throws IOException {
        Files.createDirectory(root);
        FolderOutput output = new FolderOutput(root, parallelism, bufferSize, durable);
        output.directories.add(root);
        output.directories.add(Files.createDirectory(root.resolve("data")));
        return output;
    }

    private Path resolve(String path) {
        Path file = root;
        for (String segment : path.split("/", -1)) {
            file = file.resolve(segment);
        }
        return file;
    }

    @Override
    public List<DigestSet> payload(List<PlannedFile> files, PayloadCopier copier, ProgressTracker progress)
            throws IOException {
        List<Path> targets = new ArrayList<>(files.size());
        for (PlannedFile f : files) {
            Path target = resolve("data/" + f.path());
            Path parent = target.getParent();
            if (directories.add(parent)) {
                Files.createDirectories(parent);
                for (Path p = parent.getParent(); p != null && p.startsWith(root) && directories.add(p); p = p.getParent()) {
                    // ancestors were created with it; remembered for syncing
                }
            }
            targets.add(target);
        }
        int count = files.size();
        DigestSet[] results = new DigestSet[count];
        int threads = Math.min(parallelism, count);
        if (threads <= 1) {
            HashControl control = new HashControl(null, null, true, progress);
            byte[] buffer = new byte[bufferSize];
            for (int i = 0; i < count; i++) {
                results[i] = copyOne(files.get(i), targets.get(i), copier, buffer, control, i == count - 1);
                progress.fileDone();
            }
            return Arrays.asList(results);
        }
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Throwable[] failures = new Throwable[count];
        HashControl control = new HashControl(null, stop, false, progress);
        Runnable work = () -> {
            byte[] buffer = new byte[bufferSize];
            while (!stop.get()) {
                int i = next.getAndIncrement();
                if (i >= count) {
                    return;
                }
                try {
                    // Only once no file is left to start would a thread per digest find an idle core.
                    boolean lastFiles = next.get() >= count;
                    results[i] = copyOne(files.get(i), targets.get(i), copier, buffer, control, lastFiles);
                    progress.fileDone();
                } catch (Throwable t) {
                    failures[i] = t;
                    stop.set(true);
                    return;
                }
            }
        };
        Thread[] pool = new Thread[threads];
        boolean interrupted = false;
        try {
            for (int i = 0; i < threads; i++) {
                pool[i] = new Thread(work, "palimpsest-bundle-copy-" + (i + 1));
                pool[i].setDaemon(true);
                pool[i].start();
            }
            for (Thread thread : pool) {
                while (true) {
                    try {
                        thread.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        stop.set(true);
                    }
                }
            }
        } finally {
            stop.set(true);
            for (Thread thread : pool) {
                if (thread != null) {
                    joinUninterruptibly(thread);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying the payload");
        }
        // A worker stopped because another failed reports a cancellation: the real failure wins.
        Throwable first = Arrays.stream(failures).filter(t -> t != null && !(t instanceof CancellationException))
                .findFirst().orElse(Arrays.stream(failures).filter(t -> t != null).findFirst().orElse(null));
        if (first != null) {
            for (Throwable t : failures) {
                if (t != null && t != first && !(t instanceof CancellationException)) {
                    first.addSuppressed(t);
                }
            }
            throw rethrow(first);
        }
        return Arrays.asList(results);
    }

    private DigestSet copyOne(PlannedFile file, Path target, PayloadCopier copier, byte[] buffer, HashControl control,
            boolean mayFanOut) throws IOException {
        BasicFileAttributes before = PayloadCopier.attributes(file);
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            DigestSet digests = copier.copy(file, before, (b, off, len) -> {
                ByteBuffer chunk = ByteBuffer.wrap(b, off, len);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }, buffer, control, mayFanOut);
            if (durable) {
                out.force(true);
            }
            return digests;
        } catch (BundleException | CancellationException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(file.display() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void tagFile(String path, ChunkedBytes content) throws IOException {
        Path file = resolve(path);
        Path parent = file.getParent();
        if (directories.add(parent)) {
            Files.createDirectories(parent);
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            content.forEach((b, off, len) -> {
                ByteBuffer bytes = ByteBuffer.wrap(b, off, len);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            });
            if (durable) {
                out.force(true);
            }
        }
    }

    @Override
    public void finish() throws IOException {
        if (durable) {
            // New directory entries are durable only once their directories are synced.
            for (Path dir : directories) {
                try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                    channel.force(true);
                }
            }
        }
    }

    @Override
    public void close() {
        // nothing held open between calls
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static IOException rethrow(Throwable t) {
        if (t instanceof IOException) {
            return (IOException) t;
        }
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw new IllegalStateException(t);
    }
}
