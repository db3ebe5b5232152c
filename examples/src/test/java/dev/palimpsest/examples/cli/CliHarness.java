package dev.palimpsest.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process and captures its exit code, stdout and stderr. */
final class CliHarness {
    final int exitCode;
    final String out;
    final String err;

    private CliHarness(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static CliHarness run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PalimpsestCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliHarness(code, out.toString(), err.toString());
    }

    /** A result made elsewhere, for comparing with {@link #run}'s. */
    static CliHarness of(int exitCode, String out, String err) {
        return new CliHarness(exitCode, out, err);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
