package dev.palimpsest.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.bundle.BundleReader;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.sources.ReplayServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs README.md's "Recovering from the Wayback Machine" walk-through exactly as written, each
 * command run by the {@code palimpsest} entry point as if in a fresh folder, against a local Wayback service
 * replaying recorded answers ({@code --wayback} added to {@code recover}), and checks that every
 * output line the README shows is what the command printed ({@code ...} standing for text that
 * differs from run to run: key fingerprints, times, the folder).
 */
class ReadmeRecoverWalkthroughTest {
    private static final String BEGIN = "<!-- recover-walkthrough:begin -->";
    private static final String END = "<!-- recover-walkthrough:end -->";
    /** Options whose value is text, not a path. */
    private static final java.util.Set<String> TEXT_OPTIONS = java.util.Set.of("--title", "--name", "--wayback",
            "--password-env", "--email", "--algorithm", "--digest", "--from", "--to", "--rate", "--interval");

    @TempDir
    Path dir;

    /** A command of the walk-through and the output lines the README shows for it. */
    record Step(List<String> args, List<String> expected) {
    }

    static List<Step> steps() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README.md marks the walk-through with " + BEGIN).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String block = readme.substring(begin, end);
        block = block.substring(block.indexOf("```sh\n") + 6, block.lastIndexOf("```"));
        List<Step> steps = new ArrayList<>();
        String[] lines = block.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("palimpsest ")) {
                StringBuilder command = new StringBuilder();
                while (line.endsWith("\\")) {
                    command.append(line, 0, line.length() - 1).append(' ');
                    line = lines[++i].strip();
                }
                command.append(line);
                List<String> args = tokens(command.toString());
                steps.add(new Step(args.subList(1, args.size()), new ArrayList<>()));
            } else if (line.startsWith("# ") && !steps.isEmpty()) {
                steps.get(steps.size() - 1).expected().add(line.substring(2));
            } else if (!line.isBlank() && !line.startsWith("printf ")) {
                throw new AssertionError("the walk-through holds a line the test does not know how to run: " + line);
            }
        }
        return steps;
    }

    /** Splits a shell command line: blanks separate words, quotes group them. */
    static List<String> tokens(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    @Test
    void theWalkThroughRunsAsWrittenAndPrintsWhatTheReadmeShows() throws Exception {
        List<Step> steps = steps();
        assertThat(steps).extracting(s -> s.args().get(0)).containsSubsequence("recover", "sign", "verify");
        Files.writeString(dir.resolve("pw.txt"), "a long passphrase\n");
        try (ReplayServer server = WaybackFixtures.readingRoom(new ReplayServer())) {
            for (Step step : steps) {
                List<String> args = new ArrayList<>(step.args());
                if (args.get(0).equals("recover")) {
                    args.add("--wayback");
                    args.add(server.base().toString());
                }
                String output = run(args);
                assertOutput(step, output);
            }
        }
        Step recover = steps.stream().filter(s -> s.args().get(0).equals("recover")).findFirst().orElseThrow();
        Path bundle = dir.resolve(recover.args().get(1));
        ArchiveManifest manifest = BundleReader.readManifest(bundle);
        assertThat(manifest.entries()).hasSize(3);
        for (ManifestEntry entry : manifest.entries()) {
            assertThat(entry.capture().orElseThrow().check()).as(entry.path().toString()).contains(CaptureCheck.MATCH);
        }
        assertThat(manifest.entry("www.example.gov/foia/reading-room/index.html").orElseThrow().capture().orElseThrow()
                .checkExplanation().orElseThrow()).contains("gzip");
        assertThat(Files.readAllBytes(bundle.resolve("data/www.example.gov/foia/reading-room/index.html")))
                .as("the page as the archive stores it, gzip-encoded").isEqualTo(WaybackFixtures.PAGE_GZIP);
    }

    /**
     * Runs {@code palimpsest ARGS} in-process as if from the test folder: file operands and path
     * option values are resolved against it, and the folder is taken out of what is printed.
     * Returns stdout then stderr.
     */
    private String run(List<String> args) {
        List<String> resolved = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            boolean text = i > 0 && TEXT_OPTIONS.contains(args.get(i - 1));
            boolean path = i > 0 && !arg.startsWith("-") && !arg.contains("://") && !text;
            resolved.add(path ? dir.resolve(arg).toString() : arg);
        }
        CliHarness r = CliHarness.run(resolved.toArray(new String[0]));
        String out = (r.out + r.err).replace(dir + File.separator, "");
        assertThat(r.exitCode).as("palimpsest " + String.join(" ", args) + "\n" + out).isZero();
        return out;
    }

    /**
     * The README's lines appear in the output in order, the first one first; {@code ...} in a README
     * line stands for any text, and a README line of only {@code ...} for lines left out.
     */
    private static void assertOutput(Step step, String output) {
        List<String> actual = output.lines().map(String::stripTrailing).toList();
        int at = 0;
        boolean skipping = false;
        for (String expected : step.expected()) {
            if (expected.strip().equals("...")) {
                skipping = true;
                continue;
            }
            Pattern pattern = pattern(expected.stripTrailing());
            int found = -1;
            for (int i = at; i < actual.size() && (found < 0); i++) {
                if (pattern.matcher(actual.get(i)).matches()) {
                    found = i;
                } else if (!skipping) {
                    break;
                }
            }
            assertThat(found).as("README shows '" + expected + "' for palimpsest " + String.join(" ", step.args())
                    + (skipping ? "" : " as the next line") + "; the output was:\n" + output).isNotNegative();
            at = found + 1;
            skipping = false;
        }
    }

    private static Pattern pattern(String line) {
        StringBuilder regex = new StringBuilder();
        int from = 0;
        for (int i = line.indexOf("..."); i >= 0; i = line.indexOf("...", from)) {
            regex.append(Pattern.quote(line.substring(from, i))).append(".*");
            from = i + 3;
        }
        return Pattern.compile(regex.append(Pattern.quote(line.substring(from))).toString());
    }
}
