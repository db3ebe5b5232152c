package dev.palimpsest.examples.cli;

import dev.palimpsest.core.digest.HashProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of long work on stderr, drawn over one line and only when the user watches a terminal
 * ({@code System.console() != null}): redirected output, pipes and {@code --json} consumers never
 * see it.
 */
final class Progress implements HashProgressListener {
    private static final long INTERVAL_NANOS = 200_000_000L;
    private final PrintWriter err;
    private final String what;
    private long last;
    private boolean drawn;

    private Progress(PrintWriter err, String what) {
        this.err = err;
        this.what = what;
    }

    /** A listener drawing on {@code err}, or null when there is no terminal to draw on. */
    static Progress onTerminal(PrintWriter err, String what) {
        return System.console() != null ? new Progress(err, what) : null;
    }

    @Override
    public void progress(long bytesDone, long filesDone) {
        long now = System.nanoTime();
        if (drawn && now - last < INTERVAL_NANOS) {
            return;
        }
        last = now;
        drawn = true;
        err.print(String.format(Locale.ROOT, "\r%s: %,d files, %.1f MiB   ", what, filesDone, bytesDone / 1048576.0));
        err.flush();
    }

    /** Ends the progress line, if one was drawn. */
    void done() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
