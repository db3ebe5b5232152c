package dev.palimpsest.examples.cli;

/**
 * A failure that the CLI reports as one line on stderr ({@code palimpsest: <message>}) and an
 * exit code, without a stack trace.
 */
final class CliException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    /** An input that is missing or unreadable (exit 66). */
    static CliException noInput(String message) {
        return new CliException(ExitCode.NO_INPUT, message);
    }

    /** A usage error (exit 64). */
    static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }
}
