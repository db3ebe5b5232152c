package dev.palimpsest.examples.cli;

import dev.palimpsest.core.digest.HashProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Progress of long work on stderr, drawn over one line and only when the user watches a terminal:
 * redirected output, pipes, {@code --quiet} and {@code --json} never see it.
 *
 * <p>The line shows what is being done, bytes done (of the total when known), files done (of the
 * total when known), the rate and, with a byte total, the estimated time left, e.g.
 * {@code hashing: 120.0 of 300.0 MiB (40%), 1 of 2 files, 85.3 MiB/s, ETA 0:02}. It is redrawn at
 * most {@link #MAX_REDRAWS_PER_SECOND} times a second, the first time only once the work has taken
 * {@link #INTERVAL_NANOS} (so quick commands never flash a bar), and cleared by {@link #done()}.
 *
 * <p>Work that reports no running totals (verifying, embedding into a PDF) calls {@link #tick()}
 * from a timer ({@link #ticking()}), which shows the elapsed time and the totals.
 *
 * <p>Thread-safe: hashing threads call {@link #progress}, a ticker thread may call {@link #tick}.
 */
final class Progress implements HashProgressListener {
    /** Redraws per second, at most. */
    static final int MAX_REDRAWS_PER_SECOND = 5;
    /** The minimum time between two drawings, and before the first. */
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1) / MAX_REDRAWS_PER_SECOND;
    /** Lines are cut to this width so that they never wrap in an 80-column terminal. */
    static final int WIDTH = 79;
    private static final double MIB = 1024.0 * 1024.0;
    /** The rate is measured over about this long, so that it follows changes but does not jitter. */
    static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final PrintWriter err;
    private final String what;
    private final LongSupplier nanoClock;
    private final long start;
    private long totalBytes = -1;
    private long totalFiles = -1;
    private long bytesDone;
    private long filesDone;
    private long lastDrawn;
    private boolean drawn;
    private boolean finished;
    private Thread ticker;
    /** (time, bytes done) at each drawing within the rate window, oldest first; starts with (start, 0). */
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    Progress(PrintWriter err, String what, LongSupplier nanoClock) {
        this.err = err;
        this.what = what;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
        samples.add(new long[] {start, 0});
    }

    /**
     * A listener drawing on {@code err}, or null when there is no terminal to draw on
     * ({@code System.console() == null}). Prefer {@link #forCommand}, which also honours
     * {@code --quiet}.
     */
    static Progress onTerminal(PrintWriter err, String what) {
        return create(err, what, System.console() != null, false);
    }

    /**
     * A listener drawing on the command's stderr, or null when stderr is not a terminal (as the
     * command line decided it, see {@link PalimpsestCli#run(String[], PrintWriter, PrintWriter, boolean)}),
     * or with {@code --quiet}, or when {@code json} is true.
     */
    static Progress forCommand(CommandSpec spec, String what, boolean json) {
        return create(spec.commandLine().getErr(), what, PalimpsestCli.terminal(spec),
                json || PalimpsestCli.quiet(spec));
    }

    /**
     * For work that reports no progress: a started {@link #ticking()} progress showing the size
     * of {@code input} and the elapsed time, or null as {@link #forCommand} decides.
     */
    static Progress whileWorking(CommandSpec spec, String what, boolean json, Path input) {
        Progress progress = forCommand(spec, what + " " + input.getFileName(), json);
        if (progress == null) {
            return null;
        }
        long[] totals = sizeOf(input);
        return progress.totals(totals[0], totals[1]).ticking();
    }

    /** A listener on {@code err} when {@code terminal} and not {@code quiet}; otherwise null. */
    static Progress create(PrintWriter err, String what, boolean terminal, boolean quiet) {
        return terminal && !quiet ? new Progress(err, what, System::nanoTime) : null;
    }

    /**
     * Sets the totals, when known before the work starts; a negative value means unknown.
     *
     * @return this
     */
    synchronized Progress totals(long bytes, long files) {
        this.totalBytes = bytes;
        this.totalFiles = files;
        return this;
    }

    @Override
    public synchronized void progress(long bytesDone, long filesDone) {
        this.bytesDone = bytesDone;
        this.filesDone = filesDone;
        redraw();
    }

    /** Redraws (when due) without new totals: the elapsed time moves on. */
    synchronized void tick() {
        redraw();
    }

    /**
     * Starts a daemon thread calling {@link #tick()} every {@link #INTERVAL_NANOS}, for work that
     * reports no progress of its own; {@link #done()} stops it.
     *
     * @return this
     */
    Progress ticking() {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    TimeUnit.NANOSECONDS.sleep(INTERVAL_NANOS);
                    tick();
                }
            } catch (InterruptedException e) {
                // done() stops the ticker
            }
        }, "palimpsest-progress");
        t.setDaemon(true);
        synchronized (this) {
            ticker = t;
        }
        t.start();
        return this;
    }

    private void redraw() {
        if (finished) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (now - (drawn ? lastDrawn : start) < INTERVAL_NANOS) {
            return;
        }
        lastDrawn = now;
        drawn = true;
        samples.add(new long[] {now, bytesDone});
        while (samples.size() > 2 && now - samples.peekFirst()[0] > RATE_WINDOW_NANOS) {
            samples.removeFirst();
        }
        err.print("\r" + render(now - start) + "\033[K");
        err.flush();
    }

    /** Ends the progress: stops the ticker and clears the line, if one was drawn. */
    void done() {
        Thread t;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            t = ticker;
            if (drawn) {
                err.print("\r\033[K");
                err.flush();
            }
        }
        if (t != null) {
            t.interrupt();
        }
    }

    /** The progress line (without the carriage return and clearing), at most {@link #WIDTH} characters. */
    synchronized String render(long elapsedNanos) {
        StringBuilder line = new StringBuilder(what).append(':');
        double seconds = elapsedNanos / 1e9;
        if (bytesDone == 0 && filesDone == 0) {
            // Nothing measured (yet): what there is to do, and for how long it has been going.
            if (totalBytes >= 0) {
                line.append(' ').append(mib(totalBytes)).append(" MiB");
            }
            if (totalFiles >= 0) {
                line.append(totalBytes >= 0 ? " in " : " ").append(files(totalFiles));
            }
            line.append(line.charAt(line.length() - 1) == ':' ? " " : ", ").append(duration((long) seconds))
                    .append(" elapsed");
        } else {
            line.append(' ').append(mib(bytesDone));
            if (totalBytes >= 0) {
                line.append(" of ").append(mib(totalBytes)).append(" MiB");
                if (totalBytes > 0) {
                    line.append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, bytesDone * 100 / totalBytes)));
                }
            } else {
                line.append(" MiB");
            }
            line.append(", ").append(totalFiles >= 0 ? filesDone + " of " + files(totalFiles) : files(filesDone));
            long[] oldest = samples.peekFirst();
            double windowSeconds = (start + elapsedNanos - oldest[0]) / 1e9;
            if (bytesDone > oldest[1] && windowSeconds > 0) {
                // The rate over the last few seconds: the start (JIT warm-up, cold caches) is soon forgotten.
                double rate = (bytesDone - oldest[1]) / windowSeconds;
                line.append(", ").append(mib((long) rate)).append(" MiB/s");
                if (totalBytes > bytesDone) {
                    line.append(", ETA ").append(duration((long) Math.ceil((totalBytes - bytesDone) / rate)));
                }
            }
        }
        return line.length() <= WIDTH ? line.toString() : line.substring(0, WIDTH - 3) + "...";
    }

    private static String files(long n) {
        return n == 1 ? "1 file" : n + " files";
    }

    /** The bytes and regular files at {@code path} (a file, or a folder walked without following links). */
    static long[] sizeOf(Path path) {
        long[] totals = new long[2];
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                    if (a.isRegularFile()) {
                        totals[0] += a.size();
                        totals[1]++;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE; // the work itself reports what it cannot read
                }
            });
        } catch (IOException e) {
            return new long[] {-1, -1};
        }
        return totals;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / MIB);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String duration(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
