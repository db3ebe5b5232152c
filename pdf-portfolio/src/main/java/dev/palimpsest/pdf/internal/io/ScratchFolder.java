package dev.palimpsest.pdf.internal.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;

/**
 * A private folder beside a portfolio being written, for PDFBox's scratch file (which holds every
 * embedded file's stream until the PDF is saved, so it is as large as the portfolio). Keeping it
 * beside the target rather than in the system's temporary folder means a portfolio's data is
 * written only where the user asked for the portfolio, on the file system that must hold it
 * anyway; and its name is that of the writer's other temporary files, so that if the process is
 * killed the next writer for the same target recognises and removes it ({@link StaleFiles}).
 */
public final class ScratchFolder implements Closeable {
    private static final String SUFFIX = ".scratch";
    private final Path dir;

    private ScratchFolder(Path dir) {
        this.dir = dir;
    }

    /** Creates an empty scratch folder beside {@code target}, first removing a killed writer's. */
    public static ScratchFolder beside(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        String rest = absolute.getFileName() + SUFFIX;
        StaleFiles.clean(folder, AtomicTarget.PREFIX, rest);
        return new ScratchFolder(Files.createDirectory(
                folder.resolve(StaleFiles.name(AtomicTarget.PREFIX, System.nanoTime(), rest))));
    }

    /** The folder. */
    public Path path() {
        return dir;
    }

    /** A PDFBox stream cache that keeps everything in a file in this folder, none of it in memory. */
    public StreamCacheCreateFunction streamCache() {
        return MemoryUsageSetting.setupTempFileOnly().setTempDir(dir.toFile()).streamCache;
    }

    /** Deletes the folder and the files in it. */
    @Override
    public void close() throws IOException {
        deleteFolder(dir);
    }

    /** Deletes the regular files directly in {@code folder} (links are not followed), then the folder. */
    static void deleteFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Files.deleteIfExists(folder);
    }
}
