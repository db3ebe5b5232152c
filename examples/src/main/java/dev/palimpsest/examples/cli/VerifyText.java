package dev.palimpsest.examples.cli;

import dev.palimpsest.core.verify.EntryResult;
import dev.palimpsest.core.verify.EntryStatus;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.Severity;
import dev.palimpsest.core.verify.SignatureResult;
import dev.palimpsest.core.verify.VerificationReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code verify} report for people, laid out for an 80-column terminal: a one-line verdict
 * first ({@code TRUSTED  palimpsest-bundle  bundle/  - 6 entries, 1 warning}), then the
 * signatures, a table of entries (path, size, status, capture check), and the problems grouped by
 * severity, errors first, each with its code. Long paths and URLs are shortened in the middle so
 * that both their start and their file name stay visible; problem messages are not cut or
 * wrapped, since they hold fingerprints and paths that people copy.
 */
final class VerifyText {
    /** The width every line fits in (one less than the terminal, so that none wraps). */
    static final int WIDTH = 79;
    private static final int SIZE_WIDTH = 9;
    private static final int STATUS_WIDTH = 8;
    private static final int CAPTURE_WIDTH = 14;

    private VerifyText() {
    }

    /**
     * The rendering, ending in a newline.
     *
     * @param sizes the size of each entry by path, where known (a bundle's manifest records them)
     */
    static String render(VerificationReport report, Map<String, Long> sizes) {
        StringBuilder out = new StringBuilder();
        out.append(verdictLine(report)).append('\n');

        if (!report.signatures().isEmpty()) {
            out.append("\nSignatures:\n");
            for (SignatureResult s : report.signatures()) {
                // Identities, times and URLs are shown whole: they are what a reader checks.
                out.append("  ").append(s.kind().label()).append("  ")
                        .append(s.valid() ? (s.trusted() ? "valid, trusted" : "valid, not trusted") : "INVALID")
                        .append('\n');
                s.signer().ifPresent(v -> out.append("    signer ").append(Text.oneLine(v)).append('\n'));
                s.certificateSha256().ifPresent(v -> out.append("    cert ").append(v).append('\n'));
                s.signingTime().ifPresent(v -> out.append("    signing time (claimed) ").append(v).append('\n'));
                s.timestamp().ifPresent(t -> out.append("    timestamp ").append(t.time()).append(" by ")
                        .append(Text.oneLine(t.tsa())).append(t.valid() ? "" : " (INVALID)").append('\n'));
                s.level().ifPresent(v -> out.append("    level ").append(v).append('\n'));
                s.coverage().ifPresent(v -> out.append("    coverage ").append(Text.oneLine(v)).append('\n'));
            }
        }

        List<EntryResult> entries = report.entries();
        if (!entries.isEmpty()) {
            int longest = entries.stream().mapToInt(e -> e.path().length()).max().orElse(4);
            int pathWidth = Math.max(4, Math.min(longest, WIDTH - 2 - (SIZE_WIDTH + 2) - (STATUS_WIDTH + 2) - CAPTURE_WIDTH));
            out.append("\nEntries:\n");
            out.append(row("PATH", pathWidth, "SIZE", "STATUS", "CAPTURE")).append('\n');
            for (EntryResult e : entries) {
                Long size = sizes.get(e.path());
                out.append(row(middle(Text.oneLine(e.path()), pathWidth), pathWidth,
                        size == null ? "-" : humanSize(size), e.status().name(),
                        e.captureCheck().map(c -> c.name()).orElse("-"))).append('\n');
                if (e.url().isPresent() || e.timestamp().isPresent()) {
                    String page = e.url().map(Text::oneLine).orElse("-") + e.timestamp().map(t -> " @ " + t).orElse("");
                    out.append("    ").append(middle(page, WIDTH - 4)).append('\n');
                }
            }
            Map<EntryStatus, Long> counts = entries.stream()
                    .collect(Collectors.groupingBy(EntryResult::status, () -> new java.util.EnumMap<>(EntryStatus.class),
                            Collectors.counting()));
            out.append("  ").append(counts.entrySet().stream().map(c -> c.getValue() + " " + c.getKey())
                    .collect(Collectors.joining(", "))).append('\n');
        }

        for (Severity severity : Severity.values()) {
            List<Problem> problems = report.problems().stream().filter(p -> p.severity() == severity)
                    .collect(Collectors.toList());
            if (problems.isEmpty()) {
                continue;
            }
            String name = severity.name().charAt(0) + severity.name().substring(1).toLowerCase(Locale.ROOT) + "s";
            out.append('\n').append(name).append(" (").append(problems.size()).append("):\n");
            for (Problem p : problems) {
                out.append("  ").append(p.code().name()).append(p.path().map(v -> "  " + middle(Text.oneLine(v), 60))
                        .orElse("")).append('\n');
                // Not wrapped: messages hold fingerprints and paths that people copy or grep for.
                out.append("    ").append(Text.oneLine(p.message())).append('\n');
                p.expected().ifPresent(v -> out.append("    expected: ").append(Text.oneLine(v)).append('\n'));
                p.actual().ifPresent(v -> out.append("    actual:   ").append(Text.oneLine(v)).append('\n'));
            }
        }
        return out.toString();
    }

    /** {@code VERDICT  format  source  - N entries, N errors, N warnings}. */
    static String verdictLine(VerificationReport report) {
        long errors = report.problems().stream().filter(p -> p.severity() == Severity.ERROR).count();
        long warnings = report.problems().stream().filter(p -> p.severity() == Severity.WARNING).count();
        StringBuilder counts = new StringBuilder().append(report.entries().size())
                .append(report.entries().size() == 1 ? " entry" : " entries");
        if (errors > 0) {
            counts.append(", ").append(errors).append(errors == 1 ? " error" : " errors");
        }
        if (warnings > 0) {
            counts.append(", ").append(warnings).append(warnings == 1 ? " warning" : " warnings");
        }
        String head = report.verdict() + "  " + report.format().label() + "  ";
        String tail = "  - " + counts;
        String source = Text.oneLine(report.source());
        return head + middle(source, Math.max(16, WIDTH - head.length() - tail.length())) + tail;
    }

    private static String row(String path, int pathWidth, String size, String status, String capture) {
        return "  " + pad(path, pathWidth) + "  " + " ".repeat(Math.max(0, SIZE_WIDTH - size.length())) + size + "  "
                + pad(status, STATUS_WIDTH) + "  " + capture;
    }

    /** Bytes below 10 kB, then kB, MB, GB with one decimal (SI units, as {@code ls -h --si} would). */
    static String humanSize(long bytes) {
        if (bytes < 10_000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** {@code s} shortened to {@code width} by replacing its middle with {@code ...}. */
    static String middle(String s, int width) {
        if (s.length() <= width) {
            return s;
        }
        if (width < 5) {
            return s.substring(0, width);
        }
        int keep = width - 3;
        int head = keep / 2;
        return s.substring(0, head) + "..." + s.substring(s.length() - (keep - head));
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
