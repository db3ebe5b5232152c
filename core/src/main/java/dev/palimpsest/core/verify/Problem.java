package dev.palimpsest.core.verify;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem found by a verification: a stable {@link ProblemCode}, its severity, the file it
 * concerns (if any), a message for people, and what was expected and found (if that applies).
 */
public final class Problem {
    private final ProblemCode code;
    private final Severity severity;
    private final String path;
    private final String message;
    private final String expected;
    private final String actual;

    private Problem(Builder b) {
        this.code = Objects.requireNonNull(b.code, "code");
        this.severity = b.severity != null ? b.severity : b.code.defaultSeverity();
        this.path = b.path;
        this.message = Objects.requireNonNull(b.message, "message");
        this.expected = b.expected;
        this.actual = b.actual;
    }

    /** A problem with the code's default severity. */
    public static Problem of(ProblemCode code, String path, String message) {
        return builder(code).path(path).message(message).build();
    }

    /** A builder for a problem with this code. */
    public static Builder builder(ProblemCode code) {
        return new Builder(code);
    }

    /** The stable code. */
    public ProblemCode code() {
        return code;
    }

    /** The severity. */
    public Severity severity() {
        return severity;
    }

    /** The path of the file concerned, relative to the archive root, if any. */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /** A message for people, naming the file and what was wrong. */
    public String message() {
        return message;
    }

    /** What was expected (e.g. a digest), if that applies. */
    public Optional<String> expected() {
        return Optional.ofNullable(expected);
    }

    /** What was found, if that applies. */
    public Optional<String> actual() {
        return Optional.ofNullable(actual);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Problem)) {
            return false;
        }
        Problem p = (Problem) o;
        return code == p.code && severity == p.severity && Objects.equals(path, p.path)
                && message.equals(p.message) && Objects.equals(expected, p.expected) && Objects.equals(actual, p.actual);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, severity, path, message, expected, actual);
    }

    @Override
    public String toString() {
        return severity + " " + code + (path != null ? " " + path : "") + ": " + message;
    }

    /** Builds a {@link Problem}; {@code message} is required. */
    public static final class Builder {
        private final ProblemCode code;
        private Severity severity;
        private String path;
        private String message;
        private String expected;
        private String actual;

        private Builder(ProblemCode code) {
            this.code = Objects.requireNonNull(code, "code");
        }

        /** Overrides the code's default severity. */
        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        /** The path concerned, relative to the archive root. */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /** The message for people. */
        public Builder message(String message) {
            this.message = message;
            return this;
        }

        /** What was expected. */
        public Builder expected(String expected) {
            this.expected = expected;
            return this;
        }

        /** What was found. */
        public Builder actual(String actual) {
            this.actual = actual;
            return this;
        }

        /** The problem. */
        public Problem build() {
            return new Problem(this);
        }
    }
}
