package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.bundle.BundleException;
import dev.palimpsest.core.bundle.BundleException.Reason;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Temporary siblings and the final move that makes a written bundle appear complete at its path or
 * not at all. Temporary names start with {@value #TEMP_PREFIX} so that they are recognisable (and
 * hidden on Unix) if a crash leaves one behind, followed by the owning process's id and start
 * time, so that the next run against the same target can tell a leftover of a dead process from
 * the work of a live one ({@link StaleTemps}).
 */
public final class Atomic {
    /** The prefix of every temporary file or folder a bundle operation creates. */
    public static final String TEMP_PREFIX = ".palimpsest-tmp-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Atomic() {
    }

    /**
     * A name for a temporary sibling of {@code target} that does not exist yet:
     * {@value #TEMP_PREFIX}{@code <pid>-<start>-<12 hex>-n-<name><suffix>}, where {@code start} is
     * this process's start time in epoch milliseconds (0 when unknown).
     */
    public static Path temporarySibling(Path target, String suffix) {
        return sibling(target, StaleTemps.NEW, suffix);
    }

    /** The name the previous content of {@code target} is moved to while it is replaced. */
    static Path asideSibling(Path target) {
        return sibling(target, StaleTemps.ASIDE, StaleTemps.ASIDE_SUFFIX);
    }

    private static Path sibling(Path target, char kind, String suffix) {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return target.resolveSibling(TEMP_PREFIX + StaleTemps.OWNER + "-" + HexFormat.of().formatHex(random) + "-"
                + kind + "-" + shortName(target) + suffix);
    }

    /** The target's file name as temporary names carry it, cut to stay well under the 255-byte name limit. */
    static String shortName(Path target) {
        String name = target.getFileName().toString();
        return name.length() > 100 ? name.substring(0, 100) : name;
    }

    /**
     * Moves the finished {@code temp} to {@code target}. When {@code replace} is set and something
     * is at {@code target}, it is first moved aside to a temporary sibling, then deleted once the
     * new bundle is in place (and moved back if the move fails), so there is only a brief moment
     * without anything at {@code target} and never a partial bundle.
     *
     * @throws BundleException {@code TARGET_EXISTS} if something is at {@code target} and
     *     {@code replace} is not set (including something that appeared while writing)
     */
    public static void moveIntoPlace(Path temp, Path target, boolean replace) throws IOException {
        Path aside = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!replace) {
                throw exists(target);
            }
            aside = asideSibling(target);
            move(target, aside);
        }
        try {
            move(temp, target);
        } catch (IOException | RuntimeException e) {
            if (aside != null) {
                try {
                    move(aside, target);
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                }
            }
            if (e instanceof FileAlreadyExistsException) {
                throw exists(target);
            }
            throw e;
        }
        if (aside != null) {
            deleteRecursively(aside);
        }
    }

    /** The exception for a target that exists. */
    public static BundleException exists(Path target) {
        return new BundleException(Reason.TARGET_EXISTS, target.toString(), target
                + " already exists; choose another path or allow replacing it", null);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // A sibling is on the same file system, so this should not happen; fall back to a plain rename.
            Files.move(from, to);
        }
    }

    /** Deletes a file or a folder tree without following links; what is already gone is ignored. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes like {@link #deleteRecursively}, adding any failure to {@code failure} as suppressed. */
    public static void deleteQuietly(Path path, Throwable failure) {
        try {
            deleteRecursively(path);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
