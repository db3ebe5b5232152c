package dev.palimpsest.core.internal.bag;

import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * A bag in a folder. The folder is walked once without following links: a symbolic link is
 * listed (and reported) as a link, so neither a linked file nor a linked directory is ever read,
 * whatever it points at. Files are opened with {@link LinkOption#NOFOLLOW_LINKS}, so a file
 * swapped for a link after the walk is refused rather than followed. (A directory swapped for a
 * link between the walk and the read is not detected: a folder that someone changes while it is
 * verified cannot be vouched for anyway.)
 */
public final class FolderSource implements BagSource {
    private final Path root;
    private final List<BagEntry> entries;

    private FolderSource(Path root, List<BagEntry> entries) {
        this.root = root;
        this.entries = entries;
    }

    /**
     * Walks the bag folder {@code root}, reporting links, special files and unreadable
     * directories to {@code report}.
     *
     * @throws IOException if the folder itself cannot be resolved
     */
    public static FolderSource open(Path root, VerificationReport.Builder report) throws IOException {
        Path real = root.toRealPath();
        List<BagEntry> entries = new ArrayList<>();
        Files.walkFileTree(real, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (!dir.equals(real)) {
                            entries.add(new BagEntry(relative(real, dir), BagEntry.Kind.DIRECTORY, 0));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        String path = relative(real, file);
                        if (attrs.isRegularFile()) {
                            entries.add(new BagEntry(path, BagEntry.Kind.FILE, attrs.size()));
                        } else if (attrs.isSymbolicLink()) {
                            entries.add(new BagEntry(path, BagEntry.Kind.SYMLINK, 0));
                            report.problem(ProblemCode.FILE_NOT_REGULAR, path, path + " is a symbolic link"
                                    + linkTarget(file) + "; links are not followed");
                        } else {
                            entries.add(new BagEntry(path, BagEntry.Kind.OTHER, 0));
                            report.problem(ProblemCode.FILE_NOT_REGULAR, path,
                                    path + " is not a regular file (a device, pipe or socket); it is not read");
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        String path = relative(real, file);
                        report.problem(ProblemCode.FILE_UNREADABLE, path.isEmpty() ? null : path,
                                (path.isEmpty() ? "the bag folder" : path) + " could not be listed: " + e);
                        return FileVisitResult.CONTINUE;
                    }
                });
        entries.sort(Comparator.comparing(BagEntry::path));
        return new FolderSource(real, List.copyOf(entries));
    }

    private static String relative(Path root, Path p) {
        Path rel = root.relativize(p);
        StringBuilder sb = new StringBuilder();
        for (Path segment : rel) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(segment.toString());
        }
        return sb.toString();
    }

    private static String linkTarget(Path link) {
        try {
            return " to " + Files.readSymbolicLink(link);
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    @Override
    public List<BagEntry> entries() {
        return entries;
    }

    @Override
    public InputStream open(BagEntry entry) throws IOException {
        if (!entry.isFile()) {
            throw new IllegalArgumentException("not a file entry: " + entry);
        }
        Path file = root;
        for (String segment : entry.path().split("/", -1)) {
            file = file.resolve(segment);
        }
        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public boolean isZip() {
        return false;
    }

    @Override
    public void close() {
        // nothing held open
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
