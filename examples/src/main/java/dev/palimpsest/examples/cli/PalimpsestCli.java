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

    /**
     * The sub-commands, one line each, in the order the overview lists them (to add a command, add
     * its class here); each name is the one in the class's {@code @Command} annotation. Only the
     * invoked one is built (see {@link #commandLine(String[], boolean)}): building all of them by
     * reflection took most of the start-up time.
     */
    static final Class<?>[] SUBCOMMANDS = {
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
        CompletionCommand.class,
        CommandLine.HelpCommand.class,
    };

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of internal errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Draw no progress on stderr (drawn only on a terminal anyway).")
    boolean quiet;

    /** Whether stderr is a terminal, decided once by {@link #run}. */
    private final boolean terminal;

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private PalimpsestCli(boolean terminal) {
        this.terminal = terminal;
    }

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line with the given output streams and returns the exit code, without
     * exiting the JVM (for tests and embedding). Progress is drawn on {@code err} when
     * {@code System.console()} is not null.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.console() != null);
    }

    /**
     * Runs the command line as {@link #run(String[], PrintWriter, PrintWriter)} does, with the
     * decision whether {@code err} is a terminal (where progress is drawn) given.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, boolean terminal) {
        CommandLine cli = commandLine(args, terminal);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /**
     * The configured command line for {@code args}: with only the sub-command that the first
     * non-option argument names, or with all of them when that is not a sub-command's name (no
     * arguments, {@code --help}, {@code help}, a mistyped name, an {@code @file}), so that help
     * and error messages are the same as with all of them.
     */
    static CommandLine commandLine(String[] args, boolean terminal) {
        CommandLine cli = new CommandLine(new PalimpsestCli(terminal));
        Class<?> only = invoked(args);
        for (Class<?> command : SUBCOMMANDS) {
            if (only == null || command == only) {
                cli.addSubcommand(command);
            }
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new UsageHandler());
        return cli;
    }

    /** The configured command line with every sub-command (for help and completion). */
    static CommandLine commandLine() {
        return commandLine(new String[0], false);
    }

    /** The sub-command class the first non-option argument names, or null to build them all. */
    static Class<?> invoked(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("@") || arg.equals("--")) {
                return null; // an argument file, or the end of options: leave it all to picocli
            }
            if (arg.startsWith("-")) {
                continue; // the top-level options take no values
            }
            if (arg.equals("help")) {
                return null;
            }
            for (Class<?> command : SUBCOMMANDS) {
                if (arg.equals(command.getAnnotation(Command.class).name())) {
                    return command;
                }
            }
            return null;
        }
        return null;
    }

    /** Whether the command line that {@code spec} belongs to draws on a terminal. */
    static boolean terminal(CommandLine.Model.CommandSpec spec) {
        Object root = spec.root().userObject();
        return root instanceof PalimpsestCli && ((PalimpsestCli) root).terminal;
    }

    /** Whether {@code --quiet} was given (before or after the sub-command's name). */
    static boolean quiet(CommandLine.Model.CommandSpec spec) {
        for (CommandLine.Model.CommandSpec s = spec; s != null; s = s.parent()) {
            CommandLine.Model.OptionSpec option = s.findOption("--quiet");
            if (option != null && Boolean.TRUE.equals(option.getValue())) {
                return true;
            }
        }
        return false;
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
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
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
