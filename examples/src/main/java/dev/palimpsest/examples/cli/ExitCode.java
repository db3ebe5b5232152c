package dev.palimpsest.examples.cli;

/**
 * The exit codes of the {@code palimpsest} command, a contract other programs rely on (see
 * DESIGN.md, "Command line"). They follow BSD {@code sysexits.h} where it has a code.
 */
public final class ExitCode {
    /** Verified ({@code TRUSTED}, or {@code VALID} when no trust was asked for); or success. */
    public static final int OK = 0;
    /** The verdict is {@code INVALID}. */
    public static final int INVALID = 1;
    /** {@code VALID}, but trust was asked for and not established. */
    public static final int UNTRUSTED = 2;
    /** The command line was wrong ({@code EX_USAGE}). */
    public static final int USAGE = 64;
    /** An input is missing or unreadable ({@code EX_NOINPUT}). */
    public static final int NO_INPUT = 66;
    /** An internal error ({@code EX_SOFTWARE}). */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }
}
