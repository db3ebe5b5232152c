package dev.palimpsest.core.verify;

import dev.palimpsest.core.internal.report.ReportJson;
import dev.palimpsest.core.internal.report.ReportText;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The result of verifying an archive: a {@link Verdict}, the archive's {@link ArchiveFormat},
 * every signature, every entry and <em>every</em> problem found — a verifier never stops at the
 * first.
 *
 * <p>The verdict is derived, never set: {@link Verdict#INVALID} when any problem is an
 * {@link Severity#ERROR} or any signature is invalid; otherwise {@link Verdict#TRUSTED} when at
 * least one signature is trusted; otherwise {@link Verdict#VALID}.
 *
 * <p>The JSON form ({@link #toJson()}) has stable field names documented in
 * {@code core/FORMAT.md}; they are extended, never renamed.
 */
public final class VerificationReport {
    private final ArchiveFormat format;
    private final String source;
    private final List<SignatureResult> signatures;
    private final List<EntryResult> entries;
    private final List<Problem> problems;
    private final Verdict verdict;

    private VerificationReport(Builder b) {
        this.format = Objects.requireNonNull(b.format, "format");
        this.source = Objects.requireNonNull(b.source, "source");
        this.signatures = List.copyOf(b.signatures);
        this.entries = List.copyOf(b.entries);
        this.problems = List.copyOf(b.problems);
        boolean error = problems.stream().anyMatch(p -> p.severity() == Severity.ERROR)
                || signatures.stream().anyMatch(s -> !s.valid());
        if (error) {
            this.verdict = Verdict.INVALID;
        } else if (signatures.stream().anyMatch(SignatureResult::trusted)) {
            this.verdict = Verdict.TRUSTED;
        } else {
            this.verdict = Verdict.VALID;
        }
    }

    /** A builder for a report on {@code source} (the path or name of what was verified). */
    public static Builder builder(ArchiveFormat format, String source) {
        return new Builder(format, source);
    }

    /** The verdict. */
    public Verdict verdict() {
        return verdict;
    }

    /** What kind of archive was verified. */
    public ArchiveFormat format() {
        return format;
    }

    /** The path or name of what was verified. */
    public String source() {
        return source;
    }

    /** Every signature found, in the order found. */
    public List<SignatureResult> signatures() {
        return signatures;
    }

    /** Every entry (file, or captured page for WACZ), in a deterministic order. */
    public List<EntryResult> entries() {
        return entries;
    }

    /** Every problem found, in the order found. */
    public List<Problem> problems() {
        return problems;
    }

    /** The problems with this code. */
    public List<Problem> problems(ProblemCode code) {
        return problems.stream().filter(p -> p.code() == code).collect(Collectors.toUnmodifiableList());
    }

    /** Whether any problem has this code. */
    public boolean has(ProblemCode code) {
        return problems.stream().anyMatch(p -> p.code() == code);
    }

    /**
     * Returns normally when the verdict is at least {@code required} ({@code TRUSTED} is above
     * {@code VALID}, which is above {@code INVALID}); otherwise throws.
     *
     * @throws VerificationException carrying this report, whose message names the verdict and
     *     the errors
     */
    public void require(Verdict required) throws VerificationException {
        Objects.requireNonNull(required, "required");
        if (verdict.ordinal() > required.ordinal()) {
            throw new VerificationException(this, required);
        }
    }

    /** The report as JSON (UTF-8 text, pretty-printed, stable field order). */
    public String toJson() {
        return ReportJson.toJson(this);
    }

    /** Writes the JSON form to {@code out}, which is flushed, not closed. */
    public void writeJson(OutputStream out) throws IOException {
        ReportJson.write(this, out);
    }

    /**
     * The report for people: a one-line verdict, then the signatures, a table of entries with
     * statuses and capture checks, and the problems grouped by severity.
     */
    public String toText() {
        return ReportText.render(this);
    }

    @Override
    public String toString() {
        return verdict + " " + format + " " + source + " (" + problems.size() + " problems)";
    }

    /** Builds a {@link VerificationReport}; the verdict is computed from what is added. */
    public static final class Builder {
        private final ArchiveFormat format;
        private final String source;
        private final List<SignatureResult> signatures = new ArrayList<>();
        private final List<EntryResult> entries = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();

        private Builder(ArchiveFormat format, String source) {
            this.format = format;
            this.source = source;
        }

        /** Adds a signature. */
        public Builder signature(SignatureResult signature) {
            signatures.add(Objects.requireNonNull(signature));
            return this;
        }

        /** Adds an entry. */
        public Builder entry(EntryResult entry) {
            entries.add(Objects.requireNonNull(entry));
            return this;
        }

        /** Adds a problem. */
        public Builder problem(Problem problem) {
            problems.add(Objects.requireNonNull(problem));
            return this;
        }

        /** Adds a problem with the code's default severity. */
        public Builder problem(ProblemCode code, String path, String message) {
            return problem(Problem.of(code, path, message));
        }

        /** The problems added so far (read-only view), e.g. to avoid reporting one twice. */
        public List<Problem> problems() {
            return Collections.unmodifiableList(problems);
        }

        /** Sorts the entries by path, for a deterministic report. */
        public Builder sortEntries() {
            entries.sort((a, b) -> a.path().compareTo(b.path()));
            return this;
        }

        /** The report. */
        public VerificationReport build() {
            return new VerificationReport(this);
        }
    }
}
