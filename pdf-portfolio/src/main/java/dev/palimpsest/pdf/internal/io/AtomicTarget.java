package dev.palimpsest.pdf.internal.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file that appears at its final path complete or not at all: everything is written to a
 * temporary file in the same folder, forced to disk, then moved into place (replacing any file
 * there). Closing without {@link #commit()} deletes the temporary file.
 */
public final class AtomicTarget implements Closeable {
    /** The prefix of the temporary files, shared with the core bundle writer's. */
    public static final String PREFIX = ".palimpsest-tmp-";
    private final Path target;
    private final Path temp;
    private boolean committed;

    private AtomicTarget(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Creates an empty temporary file beside {@code target}. */
    public static AtomicTarget create(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        // Not Files.createTempFile: that makes the file owner-only (0600), and the published
        // PDF should get the same permissions as any other new file in that folder.
        // A writer killed before its commit left its temporary file here: remove it first.
        StaleFiles.clean(folder, PREFIX, absolute.getFileName().toString());
        for (int attempt = 0;; attempt++) {
            Path candidate = folder.resolve(StaleFiles.name(PREFIX, System.nanoTime(), absolute.getFileName().toString()));
            try {
                Files.createFile(candidate);
                return new AtomicTarget(absolute, candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /** The temporary file to write. */
    public Path temp() {
        return temp;
    }

    /** Forces the temporary file to disk and moves it to the target. */
    public void commit() throws IOException {
        // On disk before the move, so a crash never leaves a truncated file at the target.
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    /** Deletes the temporary file unless it was committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            Files.deleteIfExists(temp);
        }
    }
}
