package dev.palimpsest.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.core.testing.ExternalTool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/**
 * What every command shares: help with examples, one-line errors naming the file and saying what
 * to do, --quiet and progress only on a terminal, JSON only on stdout, completion, and a start-up
 * that builds only the invoked command without changing any output.
 */
class CliConventionsTest {
    private static final List<String> COMMANDS = List.of("demo", "keygen", "create", "import-warc", "recover", "sign",
            "portfolio", "verify", "extract", "digest", "inspect", "completion");

    @TempDir
    Path dir;

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /** Runs with every sub-command built, as before the lazy start-up. */
    private static CliHarness runEager(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = PalimpsestCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return CliHarness.of(code, out.toString(), err.toString());
    }

    @Test
    void topLevelHelpListsEveryCommandWithItsOneLineHeader() {
        CliHarness r = CliHarness.run("--help");
        assertThat(r.exitCode).isZero();
        for (Class<?> command : PalimpsestCli.SUBCOMMANDS) {
            String[] header = command.getAnnotation(Command.class).header();
            assertThat(r.out).contains("  " + name(command) + " ");
            if (command != CommandLine.HelpCommand.class) {
                assertThat(header).as(name(command) + " has a one-line header").hasSize(1);
                assertThat(r.out).contains(header[0]);
            }
        }
        assertThat(r.out).contains("Exit codes:").contains("--quiet").contains("--verbose");
        assertThat(r.out.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
        assertThat(CliHarness.run().out).as("no arguments shows the overview").isEqualTo(r.out);
    }

    @Test
    void everyCommandsHelpShowsExamplesAndTheHelpCommandShowsTheSame() {
        for (String command : COMMANDS) {
            CliHarness help = CliHarness.run(command, "--help");
            assertThat(help.exitCode).as(command).isZero();
            assertThat(help.out).as(command)
                    .contains("Usage: palimpsest " + command).containsPattern("Examples:\\R  .*palimpsest " + command);
            assertThat(help.out.lines()).as(command).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
            String examples = help.out.substring(help.out.indexOf("Examples:"));
            assertThat(examples.lines().skip(1)).as(command + ": no example line is wrapped")
                    .allSatisfy(line -> assertThat(line).startsWith("  "));
            assertThat(CliHarness.run("help", command).out).as("help " + command).isEqualTo(help.out);
        }
        String verify = CliHarness.run("help", "verify").out;
        assertThat(verify).contains("--trust=CERTS.pem").contains("--trust-fingerprint=SHA256")
                .contains("--require-trusted").contains("--json").contains("--quiet").contains("--verbose")
                .contains("Exit codes:").contains(" 2   VALID, but").contains("TRUSTED, VALID or INVALID");
    }

    @Test
    void buildingOnlyTheInvokedCommandChangesNoOutput() throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "abc");
        List<String[]> cases = new ArrayList<>();
        for (String command : COMMANDS) {
            cases.add(new String[] {command, "--help"});
            cases.add(new String[] {command, "--no-such-option"});
        }
        cases.add(new String[] {});
        cases.add(new String[] {"--help"});
        cases.add(new String[] {"--version"});
        cases.add(new String[] {"help"});
        cases.add(new String[] {"help", "digest"});
        cases.add(new String[] {"verfiy", "x"});
        cases.add(new String[] {"--", "digest", "x"});
        cases.add(new String[] {"diges"});
        cases.add(new String[] {"--verbose", "digest", file.toString()});
        cases.add(new String[] {"-q", "digest", "--digest", "nope", file.toString()});
        cases.add(new String[] {"digest"});
        cases.add(new String[] {"digest", "--json", file.toString()});
        for (String[] args : cases) {
            CliHarness lazy = CliHarness.run(args);
            CliHarness eager = runEager(args);
            assertThat(lazy.toString()).as(String.join(" ", args)).isEqualTo(eager.toString());
        }
        assertThat(PalimpsestCli.invoked(new String[] {"--verbose", "digest", "x"})).isEqualTo(DigestCommand.class);
        assertThat(PalimpsestCli.invoked(new String[] {"-q", "verify"})).isEqualTo(VerifyCommand.class);
        assertThat(PalimpsestCli.invoked(new String[] {"help", "verify"})).isNull();
        assertThat(PalimpsestCli.invoked(new String[] {"--help"})).isNull();
        assertThat(PalimpsestCli.invoked(new String[] {"@args.txt"})).isNull();
        assertThat(PalimpsestCli.invoked(new String[] {"verfiy"})).isNull();
        CommandLine lazy = PalimpsestCli.commandLine(new String[] {"digest", "x"}, false);
        assertThat(lazy.getSubcommands()).containsOnlyKeys("digest");
    }

    @Test
    void subcommandNamesAreUnique() {
        assertThat(java.util.Arrays.stream(PalimpsestCli.SUBCOMMANDS).map(CliConventionsTest::name).distinct())
                .hasSize(PalimpsestCli.SUBCOMMANDS.length);
    }

    private static Progress progressFor(boolean terminal, String... args) {
        CommandLine cli = PalimpsestCli.commandLine(args, terminal);
        ParseResult parsed = cli.parseArgs(args);
        return Progress.forCommand(parsed.subcommand().commandSpec(), "hashing", false);
    }

    @Test
    void progressOnlyOnATerminalAndNeverWithQuiet() {
        assertThat(progressFor(true, "digest", "f")).isNotNull();
        assertThat(progressFor(false, "digest", "f")).as("stderr is not a terminal").isNull();
        assertThat(progressFor(true, "--quiet", "digest", "f")).as("--quiet before the command").isNull();
        assertThat(progressFor(true, "digest", "-q", "f")).as("-q after the command").isNull();
        assertThat(progressFor(true, "create", "b", "--from", "d", "--quiet")).isNull();
        CommandLine cli = PalimpsestCli.commandLine(new String[] {"digest", "f"}, true);
        ParseResult parsed = cli.parseArgs("digest", "f");
        assertThat(Progress.forCommand(parsed.subcommand().commandSpec(), "hashing", true)).as("--json").isNull();
    }

    @Test
    void aQuickCommandOnATerminalLeavesNoProgressBehind() throws Exception {
        Path file = Files.writeString(dir.resolve("abc.txt"), "abc");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PalimpsestCli.run(new String[] {"digest", file.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true), true);
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  ");
        assertThat(err.toString()).as("under 200 ms nothing is drawn").isEmpty();
    }

    // ---- errors: one line, naming the file, saying what to do; exit codes per DESIGN.md

    private static void assertError(CliHarness r, int exitCode, String... fragments) {
        assertThat(r.exitCode).as(r.toString()).isEqualTo(exitCode);
        assertThat(r.out).as("nothing on stdout on an error: " + r).isEmpty();
        assertThat(r.err).as(r.toString()).startsWith("palimpsest: ").doesNotContain("\tat ").doesNotContain("Exception");
        for (String fragment : fragments) {
            assertThat(r.err).as(r.toString()).contains(fragment);
        }
    }

    @Test
    void missingInputsAreNamedWithWhatWasExpected() throws Exception {
        String missing = dir.resolve("nowhere").toString();
        Path pw = Files.writeString(dir.resolve("pw.txt"), "pw\n");
        assertError(CliHarness.run("verify", missing), ExitCode.NO_INPUT,
                "no such bundle '" + missing + "' (expected a folder with bagit.txt, a .zip, a .pdf or a .wacz)");
        assertError(CliHarness.run("inspect", missing), ExitCode.NO_INPUT, "no such bundle '" + missing + "'",
                "expected a bundle folder");
        assertError(CliHarness.run("digest", missing), ExitCode.NO_INPUT, "no such file '" + missing + "'");
        assertError(CliHarness.run("digest", dir.toString()), ExitCode.NO_INPUT, "'" + dir + "' is a directory");
        assertError(CliHarness.run("create", dir.resolve("b").toString(), "--from", missing), ExitCode.NO_INPUT,
                "no such folder '" + missing + "'");
        assertError(CliHarness.run("create", dir.resolve("b").toString(), "--from", pw.toString()), ExitCode.NO_INPUT,
                "'" + pw + "' is not a folder");
        assertError(CliHarness.run("extract", missing, "--out", dir.resolve("x").toString()), ExitCode.NO_INPUT,
                "no such portfolio '" + missing + "'");
        assertError(CliHarness.run("sign", missing, "--key", missing, "--password-file", pw.toString()),
                ExitCode.NO_INPUT, "no such file '" + missing + "'");
        assertError(CliHarness.run("portfolio", missing, "--out", dir.resolve("p.pdf").toString(), "--key", missing,
                "--password-file", pw.toString()), ExitCode.NO_INPUT, "no such bundle '" + missing + "'");
        assertError(CliHarness.run("verify", "--trust", missing, dir.toString()), ExitCode.NO_INPUT,
                "no such trust anchor file '" + missing + "' (--trust takes PEM certificates)");
        Path file = Files.writeString(dir.resolve("doc.txt"), "text");
        assertError(CliHarness.run("sign", file.toString(), "--key", missing, "--password-file", pw.toString()),
                ExitCode.NO_INPUT, "no such key store '" + missing + "' (create one with 'palimpsest keygen')");
        assertError(CliHarness.run("sign", file.toString(), "--key", dir.toString(), "--password-file", pw.toString()),
                ExitCode.NO_INPUT, "key store '" + dir + "' is a folder");
        assertError(CliHarness.run("sign", file.toString(), "--key", missing, "--password-file", missing),
                ExitCode.NO_INPUT, "no such key store '" + missing + "'");
    }

    @Test
    void wrongPasswordAndWrongKeyFileTypeSayWhatToDo() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw.txt"), "pw\n");
        Path key = dir.resolve("me.p12");
        CliHarness keygen = CliHarness.run("keygen", "--out", key.toString(), "--name", "Me", "--password-file",
                pw.toString());
        assertThat(keygen.exitCode).as(keygen.toString()).isZero();
        Path file = Files.writeString(dir.resolve("doc.txt"), "text");
        Path wrong = Files.writeString(dir.resolve("wrong.txt"), "not it\n");
        assertError(CliHarness.run("sign", file.toString(), "--key", key.toString(), "--password-file", wrong.toString()),
                ExitCode.NO_INPUT, key.toString(), "check --password-file/--password-env");
        Path pem = dir.resolve("me.pem");
        assertError(CliHarness.run("sign", file.toString(), "--key", pem.toString(), "--password-file", pw.toString()),
                ExitCode.NO_INPUT, pem.toString(), "--key takes a PKCS#12 key store");
        assertError(CliHarness.run("sign", file.toString(), "--key", key.toString(), "--password-env",
                "PALIMPSEST_TEST_UNSET_VARIABLE"), ExitCode.USAGE, "PALIMPSEST_TEST_UNSET_VARIABLE", "is not set");
        assertError(CliHarness.run("keygen", "--out", key.toString(), "--name", "Me", "--password-file", pw.toString()),
                ExitCode.USAGE, "'" + key + "' exists; keygen never overwrites");
    }

    @Test
    void aKeyStoreGivenAsTrustAnchorSaysWhatTrustTakes() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw.txt"), "pw\n");
        Path key = dir.resolve("me.p12");
        assertThat(CliHarness.run("keygen", "--out", key.toString(), "--name", "Me", "--password-file", pw.toString())
                .exitCode).isZero();
        CliHarness r = CliHarness.run("verify", "--trust", key.toString(), dir.toString());
        assertError(r, ExitCode.NO_INPUT, "cannot read trust anchors '" + key + "': ", "--trust takes PEM or DER"
                + " certificates, such as the KEY.pem");
        assertThat(r.err).as("the file is named once").containsOnlyOnce(key.toString());
        assertError(CliHarness.run("extract", dir.resolve("p.pdf").toString(), "--out", dir.toString()),
                ExitCode.NO_INPUT, "no such portfolio");
    }

    @Test
    void unreadableInputsAreNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("secret.txt"), "abc");
        Files.setPosixFilePermissions(file, java.util.Set.of());
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file),
                "this user reads files without read permission (root): unreadable inputs are not tested");
        assertError(CliHarness.run("digest", file.toString()), ExitCode.NO_INPUT,
                "cannot read '" + file + "': permission denied");
        assertError(CliHarness.run("verify", file.toString()), ExitCode.NO_INPUT,
                "cannot read '" + file + "': permission denied");
    }

    @Test
    void usageErrorsNameTheOptionAndPointToHelp() throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "abc");
        assertError(CliHarness.run("digest", "--digest", "sha257", file.toString()), ExitCode.USAGE,
                "unknown digest algorithm 'sha257' (supported: sha256", "Try 'palimpsest digest --help'");
        assertError(CliHarness.run("digest", "--parallelism", "0", file.toString()), ExitCode.USAGE,
                "--parallelism must be between 1 and 1024, got 0");
        assertError(CliHarness.run("create", dir.resolve("b").toString(), "--from", dir.toString(), "--digest", "crc32"),
                ExitCode.USAGE, "unknown digest algorithm 'crc32'");
        assertError(CliHarness.run("verfiy", "x"), ExitCode.USAGE, "Unmatched argument", "Did you mean: palimpsest verify");
        assertError(CliHarness.run("verify", "--trust-fingerprint", "abc", dir.toString()), ExitCode.USAGE,
                "--trust-fingerprint 'abc' is not a SHA-256 fingerprint");
        assertError(CliHarness.run("keygen", "--out", dir.resolve("k.p12").toString(), "--name", "Me",
                "--algorithm", "dsa", "--password-file", file.toString()), ExitCode.USAGE, "unknown algorithm 'dsa'");
    }

    @Test
    void anExistingTargetNeedsForce() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.txt"), "a");
        Path bundle = dir.resolve("bundle");
        assertThat(CliHarness.run("create", bundle.toString(), "--from", in.toString()).exitCode).isZero();
        assertError(CliHarness.run("create", bundle.toString(), "--from", in.toString()), ExitCode.USAGE,
                bundle.toString(), "use --force to replace it");
        CliHarness forced = CliHarness.run("create", bundle.toString(), "--from", in.toString(), "--force");
        assertThat(forced.exitCode).as(forced.toString()).isZero();
    }

    @Test
    void aStackTraceOnlyWithVerbose() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.txt"), "a");
        Path sources = Files.createDirectories(dir.resolve("sources.csv"));
        assertError(CliHarness.run("create", dir.resolve("b").toString(), "--from", in.toString(), "--sources",
                sources.toString()), ExitCode.NO_INPUT, "the sources table '" + sources + "' is a folder");

        Path pw = Files.writeString(dir.resolve("pw.txt"), "pw\n");
        Path key = dir.resolve("me.p12");
        assertThat(CliHarness.run("keygen", "--out", key.toString(), "--name", "Me", "--password-file", pw.toString())
                .exitCode).isZero();
        Path wrong = Files.writeString(dir.resolve("wrong.txt"), "not it\n");
        String[] args = {"sign", in.resolve("a.txt").toString(), "--key", key.toString(), "--password-file",
            wrong.toString()};
        CliHarness plain = CliHarness.run(args);
        assertThat(plain.err.lines().count()).as(plain.toString()).isEqualTo(1);
        String[] verboseArgs = new String[args.length + 1];
        verboseArgs[0] = "--verbose";
        System.arraycopy(args, 0, verboseArgs, 1, args.length);
        CliHarness verbose = CliHarness.run(verboseArgs);
        assertThat(verbose.exitCode).isEqualTo(plain.exitCode);
        assertThat(verbose.err).startsWith(plain.err).contains("KeyStoreLoadException").contains("\tat ");
    }

    // ---- --json: only JSON on stdout

    @Test
    void jsonOutputParsesAndErrorsLeaveStdoutEmpty() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.txt"), "a");
        Path bundle = dir.resolve("bundle");
        assertThat(CliHarness.run("create", bundle.toString(), "--from", in.toString()).exitCode).isZero();
        ObjectMapper mapper = new ObjectMapper();

        CliHarness verify = CliHarness.run("verify", "--json", bundle.toString());
        assertThat(verify.exitCode).as(verify.toString()).isZero();
        JsonNode report = mapper.readTree(verify.out);
        assertThat(report.get("verdict").asText()).isEqualTo("VALID");
        assertThat(report.get("format").asText()).isEqualTo("palimpsest-bundle");
        assertThat(report.get("entries").get(0).get("path").asText()).endsWith("a.txt");
        assertThat(report.get("problems").get(0).get("code").asText()).isEqualTo("SIGNATURE_MISSING");

        Files.writeString(bundle.resolve("data/a.txt"), "changed");
        CliHarness invalid = CliHarness.run("verify", "--json", bundle.toString());
        assertThat(invalid.exitCode).isEqualTo(ExitCode.INVALID);
        assertThat(mapper.readTree(invalid.out).get("verdict").asText()).isEqualTo("INVALID");

        JsonNode manifest = mapper.readTree(CliHarness.run("inspect", "--json", bundle.toString()).out);
        assertThat(manifest.get("entries")).hasSize(1);

        String missing = dir.resolve("missing").toString();
        for (String command : List.of("verify", "inspect", "digest")) {
            CliHarness r = CliHarness.run(command, "--json", missing);
            assertError(r, ExitCode.NO_INPUT, "'" + missing + "'");
        }
        assertError(CliHarness.run("verify", "--json", "--trust-fingerprint", "zz", bundle.toString()), ExitCode.USAGE);
    }

    // ---- the human verify report

    @Test
    void verifyReportLeadsWithTheVerdictAndFitsEightyColumns() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        String deep = "collections/statistics/2016/quarterly-reports/department-of-records/"
                + "freedom-of-information-requests-received-and-answered.csv";
        Files.createDirectories(in.resolve(deep).getParent());
        Files.writeString(in.resolve(deep), "year,requests\n2016,1204\n");
        Files.writeString(in.resolve("report.pdf"), "%PDF-1.7 report");
        Path bundle = dir.resolve("bundle");
        assertThat(CliHarness.run("create", bundle.toString(), "--from", in.toString()).exitCode).isZero();
        Files.writeString(bundle.resolve("data/report.pdf"), "%PDF-1.7 changed");

        CliHarness r = CliHarness.run("verify", bundle.toString());
        assertThat(r.exitCode).isEqualTo(ExitCode.INVALID);
        List<String> lines = r.out.lines().collect(java.util.stream.Collectors.toList());
        // Everything but the problem messages (left whole so that they can be copied) fits.
        List<String> table = lines.subList(0, (int) lines.stream().takeWhile(l -> !l.startsWith("Errors (")).count());
        assertThat(lines.get(0)).as(r.out).startsWith("INVALID  palimpsest-bundle  ").contains("bundle  - 2 entries, ")
                .containsPattern("[0-9]+ errors?, 1 warning$");
        assertThat(table).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(79));
        assertThat(r.out).contains("\nEntries:\n  PATH ").contains("SIZE  STATUS    CAPTURE\n");
        String modified = lines.stream().filter(l -> l.contains("MODIFIED")).findFirst().orElseThrow();
        assertThat(modified).contains("data/report.pdf").contains("15 B");
        String longRow = lines.stream().filter(l -> l.contains("answered.csv")).findFirst().orElseThrow();
        assertThat(longRow).as("the middle of a long path is cut").startsWith("  data/collections/").contains("...")
                .contains("24 B  OK");
        int errors = r.out.indexOf("\nErrors (");
        int mismatch = r.out.indexOf("\n  FILE_MODIFIED  data/report.pdf\n    data/report.pdf does not match");
        int warnings = r.out.indexOf("\nWarnings (1):\n  SIGNATURE_MISSING  ");
        assertThat(errors).as(r.out).isPositive();
        assertThat(mismatch).as(r.out).isGreaterThan(errors);
        assertThat(warnings).as(r.out).isGreaterThan(mismatch);
    }

    @Test
    void middleTruncationKeepsBothEnds() {
        assertThat(VerifyText.middle("abcdefghij", 10)).isEqualTo("abcdefghij");
        assertThat(VerifyText.middle("abcdefghijklmnop", 9)).isEqualTo("abc...nop");
        assertThat(VerifyText.humanSize(9999)).isEqualTo("9999 B");
        assertThat(VerifyText.humanSize(1_234_567)).isEqualTo("1.2 MB");
    }

    // ---- completion

    @Test
    void completionScriptIsValidBashAndRegistersTheCommand() throws Exception {
        CliHarness r = CliHarness.run("completion");
        assertThat(r.exitCode).as(r.toString()).isZero();
        assertThat(r.out).contains("complete -F").contains("keygen").contains("verify").contains("--trust-fingerprint");
        Path script = Files.writeString(dir.resolve("palimpsest-completion.bash"), r.out);
        Path bash = ExternalTool.require("bash", "the completion script");
        ExternalTool.Result syntax = ExternalTool.run(dir, bash.toString(), "-n", script.toString());
        assertThat(syntax.exitCode()).as(syntax.toString()).isZero();
        ExternalTool.Result sourced = ExternalTool.run(dir, bash.toString(), "-c",
                "source '" + script + "' && complete -p palimpsest");
        assertThat(sourced.exitCode()).as(sourced.toString()).isZero();
        assertThat(sourced.output()).contains("-F _complete_palimpsest").contains("palimpsest");
        // Completing 'palimpsest ver' offers verify, through the function bash would call.
        ExternalTool.Result completed = ExternalTool.run(dir, Map.of(), List.of(bash.toString(), "-c",
                "source '" + script + "'; COMP_WORDS=(palimpsest ver); COMP_CWORD=1; COMP_LINE='palimpsest ver';"
                        + " COMP_POINT=${#COMP_LINE}; _complete_palimpsest; printf '%s\\n' \"${COMPREPLY[@]}\""));
        assertThat(completed.output().lines()).as(completed.toString()).contains("verify");
        assertThat(new String(Files.readAllBytes(script), StandardCharsets.UTF_8)).isEqualTo(runEager("completion").out);
    }
}
