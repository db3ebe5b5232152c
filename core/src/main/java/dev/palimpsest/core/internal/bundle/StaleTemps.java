package dev.palimpsest.core.internal.bundle;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Leftovers of a writer that was killed: temporary siblings named by {@link Atomic} whose owning
 * process no longer runs. They are removed by the next operation on the same target, with a note
 * on the {@code dev.palimpsest.cleanup} {@link System.Logger} (stderr by default); an aside (the
 * previous content of a target being replaced) is moved back when the target is missing, so a kill
 * in the middle of a replacement never loses the old bundle.
 *
 * <p>Only names with our prefix, a well-formed owner and the target's own name are touched, and
 * only when the owner is provably gone: no process with that id, or one that started at another
 * time (the id was reused). A live owner, or one whose start time cannot be read, is left alone.
 */
public final class StaleTemps {
    /** The kind letter of a temporary that becomes the target. */
    static final char NEW = 'n';
    /** The kind letter of a target's previous content, moved aside while it is replaced. */
    static final char ASIDE = 'o';
    /** The suffix of an aside. */
    static final String ASIDE_SUFFIX = ".old";
    /** This process as temporary names record it: {@code <pid>-<start millis>}. */
    static final String OWNER = ProcessHandle.current().pid() + "-" + startMillis(ProcessHandle.current());

    private static final Pattern NAME = Pattern.compile(Pattern.quote(Atomic.TEMP_PREFIX)
            + "([0-9]{1,19})-([0-9]{1,19})-[0-9a-f]{12}-([" + NEW + ASIDE + "])-(.*)", Pattern.DOTALL);
    private static final System.Logger LOG = System.getLogger("dev.palimpsest.cleanup");
    // Start times are derived from clock ticks and the boot time; allow for rounding between readers.
    private static final long START_TOLERANCE_MILLIS = 2_000;

    private StaleTemps() {
    }

    /** A temporary name parsed: who wrote it, what kind it is, and the target name (with suffix) it carries. */
    record Temp(Path path, long pid, long start, char kind, String rest) {
        boolean ownerGone() {
            return StaleTemps.ownerGone(pid, start);
        }
    }

    /**
     * Removes the stale temporaries of {@code target} (a bundle folder or ZIP) beside it, and moves
     * a stale aside back to {@code target} when nothing is there.
     *
     * @return one note per removed or restored path (also logged)
     */
    public static List<String> clean(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        String name = Atomic.shortName(absolute);
        List<String> notes = new ArrayList<>();
        List<Temp> asides = new ArrayList<>();
        for (Temp t : list(absolute.getParent())) {
            if (!t.ownerGone()) {
                continue;
            }
            if (t.kind() == ASIDE && t.rest().equals(name + ASIDE_SUFFIX)) {
                asides.add(t);
            } else if (t.kind() == NEW && (t.rest().equals(name) || t.rest().equals(name + ".zip"))) {
                remove(t, notes);
            }
        }
        for (Temp aside : asides) {
            if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && asides.size() == 1) {
                // The writer died between moving the old content aside and moving the new one in.
                Files.move(aside.path(), absolute, StandardCopyOption.ATOMIC_MOVE);
                note(notes, "restored " + absolute + " from " + aside.path().getFileName() + ", left by process "
                        + aside.pid() + " (no longer running) while it was replacing it");
            } else {
                remove(aside, notes);
            }
        }
        return notes;
    }

    /** The stale temporaries in {@code dir} that would become a file named as {@code names} accepts. */
    static List<Temp> staleIn(Path dir, Predicate<String> names) throws IOException {
        List<Temp> stale = new ArrayList<>();
        for (Temp t : list(dir)) {
            if (t.kind() == NEW && names.test(t.rest()) && t.ownerGone()) {
                stale.add(t);
            }
        }
        return stale;
    }

    /** Deletes a stale temporary (file or folder, links not followed), with a note. */
    static void remove(Temp t, List<String> notes) throws IOException {
        Atomic.deleteRecursively(t.path());
        note(notes, "removed " + t.path() + ", left by process " + t.pid() + " which no longer runs");
    }

    static void note(List<String> notes, String note) {
        notes.add(note);
        LOG.log(Level.WARNING, "palimpsest: " + note);
    }

    private static List<Temp> list(Path dir) throws IOException {
        List<Temp> temps = new ArrayList<>();
        if (dir == null) {
            return temps;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Atomic.TEMP_PREFIX + "*")) {
            for (Path p : entries) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    try {
                        temps.add(new Temp(p, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                                m.group(3).charAt(0), m.group(4)));
                    } catch (NumberFormatException tooLarge) {
                        // not a name we wrote
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return temps;
        }
        return temps;
    }

    static boolean ownerGone(long pid, long start) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        if (start == 0) {
            return false;
        }
        long actual = startMillis(process.get());
        return actual != 0 && Math.abs(actual - start) > START_TOLERANCE_MILLIS;
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
