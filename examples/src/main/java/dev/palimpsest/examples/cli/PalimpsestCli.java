package dev.palimpsest.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code palimpsest} command: {@code java -jar examples/target/palimpsest.jar <command>}.
 *
 * <p>Commands, options, exit codes ({@link ExitCode}) and JSON field names are a contract (see
 * DESIGN.md). Errors are one line on stderr, {@code palimpsest: <what went wrong>}; a stack trace
 * is shown only with {@code --verbose}.
 */
@Command(name = "palimpsest",
        mixinStandardHelpOptions = true,
        versionProvider = PalimpsestCli.Version.class,
        description = "Provenance-verified archives: record where recovered files came from, hash and sign them,"
                + " publish them, and verify archives made by anyone.",
        subcommands = {
            DemoCommand.class,
            KeygenCommand.class,
            CreateCommand.class,
            ImportWarcCommand.class,
            RecoverCommand.class,
            SignCommand.class,
            PortfolioCommand.class,
            VerifyCommand.class,
            ExtractCommand.class,
            DigestCommand.class,
            InspectCommand.class,
            CommandLine.HelpCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:verified (TRUSTED, or VALID when no trust was asked for); success",
            " 1:INVALID",
            " 2:VALID, but trust was asked for and not established",
            "64:usage error",
            "66:input missing or unreadable",
            "70:internal error",
        })
public final class PalimpsestCli implements Runnable {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of internal errors.")
    boolean verbose;

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line with the given output streams and returns the exit code, without
     * exiting the JVM (for tests and embedding).
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /** The configured picocli command line (used by {@link #run} and the completion generator). */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new PalimpsestCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new UsageHandler());
        return cli;
    }

    @Override
    public void run() {
        // No sub-command: show the overview.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports a failure as one line (or a stack trace with --verbose) and maps it to an exit code. */
    private static final class ErrorHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
            PrintWriter err = cli.getErr();
            boolean verbose = parsed.hasMatchedOption("--verbose")
                    || (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--verbose"));
            if (ex instanceof CliException) {
                err.println("palimpsest: " + ex.getMessage());
                if (verbose && ex.getCause() != null) {
                    ex.getCause().printStackTrace(err);
                }
                err.flush();
                return ((CliException) ex).exitCode();
            }
            err.println("palimpsest: internal error: " + ex + (verbose ? "" : " (run with --verbose for details)"));
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCode.INTERNAL;
        }
    }

    /** Usage errors: the message, a pointer to --help, exit 64. */
    private static final class UsageHandler implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cli = ex.getCommandLine();
            PrintWriter err = cli.getErr();
            err.println("palimpsest: " + ex.getMessage());
            err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCode.USAGE;
        }
    }

    /** The version from the jar manifest (Implementation-Version), or "development build". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PalimpsestCli.class.getPackage().getImplementationVersion();
            return new String[] {"palimpsest " + (version == null ? "(development build)" : version),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
