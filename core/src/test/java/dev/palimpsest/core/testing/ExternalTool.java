package dev.palimpsest.core.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs independent command-line tools (openssl, keytool, softhsm2-util) from tests, which use
 * {@link #find(String)} in an assumption so that a missing tool skips the test with a message, or
 * {@link #require(String, String)}, which also fails the test instead under CI.
 */
public final class ExternalTool {
    private ExternalTool() {
    }

    /** The outcome of running a tool. */
    public static final class Result {
        private final int exitCode;
        private final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }

        public int exitCode() {
            return exitCode;
        }

        /** Standard output and standard error, interleaved. */
        public String output() {
            return output;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ": " + output;
        }
    }

    /** The executable on the PATH, if any. */
    public static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The executable on the PATH for a test that uses it as a judge. When it is absent the test is
     * skipped with an assumption naming the tool and {@code purpose} — except when the environment
     * variable {@code CI} is {@code true}: CI installs the tools, so there a missing tool fails the
     * test instead of silently hiding a broken judge.
     */
    public static Path require(String name, String purpose) {
        Optional<Path> tool = find(name);
        if (tool.isPresent()) {
            return tool.get();
        }
        String message = name + " is not on the PATH: " + purpose + " is not tested";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail(message + " (CI=true, so every judge must be installed)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(false, message);
        throw new IllegalStateException("unreachable");
    }

    /** The {@code keytool} of the running JDK. */
    public static Path keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool");
    }

    /** Runs a command in {@code dir} with extra environment variables, waiting at most 60 s. */
    public static Result run(Path dir, Map<String, String> environment, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command in {@code dir}. */
    public static Result run(Path dir, String... command) {
        return run(dir, Map.of(), List.of(command));
    }
}
