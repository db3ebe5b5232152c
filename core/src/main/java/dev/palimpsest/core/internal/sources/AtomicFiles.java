package dev.palimpsest.core.internal.sources;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Files that appear complete at their final path or not at all: bytes go to a temporary file in
 * a given directory (so the final move is a rename on one file system), are forced to disk, and
 * the file is then moved into place.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes bytes to an open temporary file. */
    @FunctionalInterface
    public interface Writer<T> {
        /** Writes to {@code out} and returns what the caller needs (e.g. digests). */
        T write(OutputStream out) throws IOException;
    }

    /**
     * A temporary file that {@link #moveTo(Path)} puts in place; {@link #close()} deletes it if it
     * was not moved.
     */
    public static final class Temp<T> implements AutoCloseable {
        private final Path file;
        private T value;
        private boolean moved;

        private Temp(Path file) {
            this.file = file;
        }

        /** The temporary file's path. */
        public Path file() {
            return file;
        }

        /** What the writer returned. */
        public T value() {
            return value;
        }

        /**
         * Moves the file to {@code target}, creating missing parent directories; never replaces
         * an existing file.
         *
         * @throws FileAlreadyExistsException if {@code target} exists
         */
        public void moveTo(Path target) throws IOException {
            Path parent = target.toAbsolutePath().getParent();
            List<Path> created = createDirectories(parent);
            try {
                if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileAlreadyExistsException(target.toString(), null, "the file exists already; it is not replaced");
                }
                try {
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(file, target);
                }
                moved = true;
            } finally {
                if (!moved) {
                    deleteEmpty(created);
                }
            }
        }

        /** Deletes the temporary file unless it was moved. */
        @Override
        public void close() throws IOException {
            if (!moved) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Writes a temporary file in {@code directory} (created if missing) and forces it to disk.
     * On failure nothing is left behind.
     *
     * @return the temporary file, to be moved into place or closed
     */
    public static <T> Temp<T> write(Path directory, Writer<T> writer) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, ".palimpsest-", ".part");
        Temp<T> temp = new Temp<>(file);
        boolean ok = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
                OutputStream out = Channels.newOutputStream(channel)) {
            temp.value = writer.write(out);
            out.flush();
            channel.force(true);
            ok = true;
        } finally {
            if (!ok) {
                temp.close();
            }
        }
        return temp;
    }

    /** The directories {@link Files#createDirectories} would create, created, deepest last. */
    public static List<Path> createDirectories(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        Files.createDirectories(dir);
        return missing;
    }

    /** Deletes directories created for a file that was then not written, deepest first, if empty. */
    public static void deleteEmpty(List<Path> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException notEmptyOrBusy) {
                return; // something else is in it now; leave it and its parents alone
            }
        }
    }
}
