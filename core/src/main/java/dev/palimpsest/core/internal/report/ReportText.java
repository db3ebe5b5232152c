package dev.palimpsest.core.internal.report;

import dev.palimpsest.core.verify.EntryResult;
import dev.palimpsest.core.verify.EntryStatus;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.Severity;
import dev.palimpsest.core.verify.SignatureResult;
import dev.palimpsest.core.verify.VerificationReport;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link VerificationReport} for people: the verdict on the first line, then
 * signatures, an entry table and the problems grouped by severity.
 */
public final class ReportText {
    private static final int MAX_PATH_WIDTH = 60;

    private ReportText() {
    }

    /** The rendering, ending in a newline. */
    public static String render(VerificationReport report) {
        StringBuilder out = new StringBuilder();
        long errors = report.problems().stream().filter(p -> p.severity() == Severity.ERROR).count();
        long warnings = report.problems().size() - errors;
        out.append(report.verdict()).append(": ").append(report.source()).append(" (").append(report.format().label())
                .append("; ").append(report.entries().size()).append(report.entries().size() == 1 ? " entry" : " entries")
                .append(", ").append(report.signatures().size())
                .append(report.signatures().size() == 1 ? " signature" : " signatures")
                .append(", ").append(errors).append(errors == 1 ? " error" : " errors")
                .append(", ").append(warnings).append(warnings == 1 ? " warning)" : " warnings)").append('\n');

        if (!report.signatures().isEmpty()) {
            out.append("\nSignatures:\n");
            for (SignatureResult s : report.signatures()) {
                out.append("  ").append(s.kind().label()).append("  ")
                        .append(s.valid() ? (s.trusted() ? "valid, trusted" : "valid, not trusted") : "INVALID");
                s.signer().ifPresent(v -> out.append("  signer: ").append(v));
                out.append('\n');
                s.certificateSha256().ifPresent(v -> out.append("      certificate SHA-256: ").append(v).append('\n'));
                s.signingTime().ifPresent(v -> out.append("      signing time (claimed): ").append(v).append('\n'));
                s.timestamp().ifPresent(t -> out.append("      timestamp: ").append(t.time()).append(" by ")
                        .append(t.tsa()).append(t.valid() ? "" : " (INVALID)").append('\n'));
                s.level().ifPresent(v -> out.append("      level: ").append(v).append('\n'));
                s.coverage().ifPresent(v -> out.append("      coverage: ").append(v).append('\n'));
            }
        }

        if (!report.entries().isEmpty()) {
            out.append("\nEntries:\n");
            int width = Math.min(MAX_PATH_WIDTH,
                    report.entries().stream().mapToInt(e -> e.path().length()).max().orElse(4));
            width = Math.max(width, 4);
            boolean pages = report.entries().stream().anyMatch(e -> e.url().isPresent() || e.timestamp().isPresent());
            out.append("  ").append(pad("STATUS", 10)).append(pad("PATH", width + 2))
                    .append(pages ? "CAPTURE         PAGE\n" : "CAPTURE\n");
            for (EntryResult e : report.entries()) {
                String capture = e.captureCheck().map(Enum::name).orElse("-");
                // MODIFIED fills eight columns: two spaces keep it apart from the path
                out.append("  ").append(pad(e.status().name(), 10)).append(pad(abbreviate(e.path(), width), width + 2));
                if (pages && (e.url().isPresent() || e.timestamp().isPresent())) {
                    out.append(pad(capture, 16)).append(e.url().orElse("-"))
                            .append(e.timestamp().map(t -> " @ " + t).orElse(""));
                } else {
                    out.append(capture);
                }
                out.append('\n');
            }
            long notOk = report.entries().stream().filter(e -> e.status() != EntryStatus.OK).count();
            out.append("  ").append(report.entries().size() - notOk).append(" OK, ").append(notOk).append(" not OK\n");
        }

        appendProblems(out, "Errors", report.problems().stream().filter(p -> p.severity() == Severity.ERROR)
                .collect(Collectors.toList()));
        appendProblems(out, "Warnings", report.problems().stream().filter(p -> p.severity() == Severity.WARNING)
                .collect(Collectors.toList()));
        return out.toString();
    }

    private static void appendProblems(StringBuilder out, String heading, List<Problem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        out.append('\n').append(heading).append(" (").append(problems.size()).append("):\n");
        for (Problem p : problems) {
            out.append("  ").append(p.code().name());
            p.path().ifPresent(v -> out.append("  ").append(v));
            out.append(": ").append(p.message()).append('\n');
            p.expected().ifPresent(v -> out.append("      expected: ").append(v).append('\n'));
            p.actual().ifPresent(v -> out.append("      actual:   ").append(v).append('\n'));
        }
    }

    private static String pad(String s, int width) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }

    private static String abbreviate(String s, int width) {
        return s.length() <= width ? s : "..." + s.substring(s.length() - (width - 3));
    }
}
