package dev.palimpsest.pdf.internal.io;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Temporary files named after the process that writes them ({@code <prefix><pid>-<start>-p<n>-<rest>}),
 * and their removal once that process is gone: a writer killed mid-way leaves its temporary file,
 * which the next run in the same folder removes, with a note on the {@code dev.palimpsest.cleanup}
 * {@link System.Logger} (stderr by default). A file is removed only when its name is exactly of
 * that form and no process with its id runs, or the process with that id started at another time;
 * anything else is left alone.
 */
public final class StaleFiles {
    private static final String OWNER = ProcessHandle.current().pid() + "-" + startMillis(ProcessHandle.current());
    private static final System.Logger LOG = System.getLogger("dev.palimpsest.cleanup");
    private static final long START_TOLERANCE_MILLIS = 2_000;

    private StaleFiles() {
    }

    /** A new temporary name: {@code prefix}, this process, a unique number, then {@code rest}. */
    public static String name(String prefix, long unique, String rest) {
        return prefix + OWNER + "-p" + unique + "-" + rest;
    }

    /**
     * Removes the regular files (and {@link ScratchFolder}s) in {@code dir} named {@code prefix<pid>-<start>-p<n>-<rest>} whose
     * owner is gone, where {@code rest} is {@code rest} exactly or, if {@code rest} is null, anything.
     */
    public static void clean(Path dir, String prefix, String rest) throws IOException {
        Pattern name = Pattern.compile(Pattern.quote(prefix) + "([0-9]{1,19})-([0-9]{1,19})-p[0-9]{1,19}-"
                + (rest == null ? ".*" : Pattern.quote(rest)), Pattern.DOTALL);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, globEscape(prefix) + "*")) {
            for (Path p : entries) {
                Matcher m = name.matcher(p.getFileName().toString());
                boolean file = Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                boolean folder = Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                if (m.matches() && (file || folder)
                        && ownerGone(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))) {
                    if (folder) {
                        ScratchFolder.deleteFolder(p); // a scratch folder holds only PDFBox's files
                    } else {
                        Files.deleteIfExists(p);
                    }
                    LOG.log(Level.WARNING, "palimpsest: removed " + p + ", left by process " + m.group(1)
                            + " which no longer runs");
                }
            }
        } catch (NoSuchFileException | NumberFormatException e) {
            // no folder yet, or a number too large to be a process id: nothing of ours
        }
    }

    private static String globEscape(String prefix) {
        return prefix.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    private static boolean ownerGone(long pid, long start) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        long actual = startMillis(process.get());
        return start != 0 && actual != 0 && Math.abs(actual - start) > START_TOLERANCE_MILLIS;
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
