package dev.palimpsest.core.internal.sources;

import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.ArchivePathException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands out archive paths that collide with nothing handed out before and nothing already on
 * disk: two paths collide when their {@linkplain ArchivePath#collisionKey() collision keys} are
 * equal, and a path may not use a file as a directory or a directory as a file (the manifest's
 * {@code COLLISION} and {@code FILE_DIRECTORY_CONFLICT} rules). A colliding name gets a numeric
 * suffix ({@code report~2.pdf}, {@code a~2/b}), the first free one, so the result depends only
 * on the order of requests. Not thread-safe.
 */
public final class PathAllocator {
    /** Collision key of every path prefix in use, to whether it is a directory and how it is spelled. */
    private final Map<String, Used> used = new HashMap<>();

    private static final class Used {
        final boolean directory;
        final String spelling;

        Used(boolean directory, String spelling) {
            this.directory = directory;
            this.spelling = spelling;
        }
    }

    /**
     * Marks every file and directory under {@code root} as in use, so that nothing is written
     * over them; names that are not valid archive paths cannot collide with valid ones that we
     * hand out, up to case folding, and are skipped.
     */
    public void reserveExisting(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root)) {
                    reserve(root.relativize(dir), true);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                reserve(root.relativize(file), false);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void reserve(Path relative, boolean directory) {
        StringBuilder text = new StringBuilder();
        for (Path name : relative) {
            text.append(text.length() == 0 ? "" : "/").append(name);
        }
        try {
            ArchivePath path = ArchivePath.of(text.toString());
            used.putIfAbsent(path.collisionKey(), new Used(directory, path.toString()));
        } catch (ArchivePathException notAnArchivePath) {
            // Such a name is never handed out, so it needs no reservation.
        }
    }

    /**
     * The first free path for these segments (the last one names the file), marked as in use.
     *
     * @throws ArchivePathException if the segments do not form a valid archive path even with a suffix
     */
    public ArchivePath allocate(List<String> segments) throws ArchivePathException {
        String prefix = "";
        for (int i = 0; i < segments.size() - 1; i++) {
            for (int n = 1; ; n++) {
                String candidate = join(prefix, UrlPaths.withSuffix(segments.get(i), n, false));
                ArchivePath path = ArchivePath.of(candidate);
                Used existing = used.get(path.collisionKey());
                if (existing == null) {
                    prefix = candidate;
                    break;
                }
                if (existing.directory) {
                    // The directory exists, maybe spelled differently: put the file in it.
                    prefix = existing.spelling;
                    break;
                }
            }
        }
        String file = segments.get(segments.size() - 1);
        for (int n = 1; ; n++) {
            ArchivePath path = ArchivePath.of(join(prefix, UrlPaths.withSuffix(file, n, true)));
            if (!used.containsKey(path.collisionKey())) {
                markUsed(path);
                return path;
            }
        }
    }

    /** Marks a path (and its directories) as in use, e.g. an entry that was already in the archive. */
    public void markUsed(ArchivePath path) throws ArchivePathException {
        List<String> segments = path.segments();
        String prefix = "";
        for (int i = 0; i < segments.size() - 1; i++) {
            prefix = join(prefix, segments.get(i));
            used.putIfAbsent(ArchivePath.of(prefix).collisionKey(), new Used(true, prefix));
        }
        used.put(path.collisionKey(), new Used(false, path.toString()));
    }

    private static String join(String prefix, String segment) {
        return prefix.isEmpty() ? segment : prefix + "/" + segment;
    }
}
