package dev.palimpsest.core.internal.wacz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.palimpsest.core.capture.CaptureFormatException;
import dev.palimpsest.core.capture.WaybackTimestamp;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Reads a pages file ({@code pages/*.jsonl}): JSON lines, each a page with at least {@code url}
 * and {@code ts} (RFC 3339). A line with {@code format} and no {@code url} is the file's header.
 */
final class Pages {
    /** The longest line read: a page's extracted {@code text} can be long. */
    static final int MAX_LINE_BYTES = 16 << 20;
    /** After this many malformed lines in one file, the rest are counted in one last problem. */
    private static final int MAX_LISTED_PROBLEMS = 100;

    private Pages() {
    }

    /**
     * Adds the file's pages to {@code pages} (up to {@code max} in all) and reports malformed
     * lines. Returns how many pages were left out because of the limit.
     */
    static long read(String file, InputStream in, List<Page> pages, int max, VerificationReport.Builder report)
            throws IOException {
        Lines lines = new Lines(in, MAX_LINE_BYTES);
        long problems = 0;
        long firstUnlisted = 0;
        long leftOut = 0;
        for (Lines.Line line; (line = lines.next()) != null;) {
            String problem = line.problem();
            Page page = null;
            if (problem == null && !line.text().isBlank()) {
                JsonNode node = null;
                try {
                    node = Json.parse(line.text().getBytes(StandardCharsets.UTF_8));
                } catch (JsonProcessingException e) {
                    problem = "is not JSON: " + Json.describe(e);
                }
                if (node != null && !node.isObject()) {
                    problem = "is not a JSON object";
                } else if (node != null && !(node.has("format") && !node.has("url"))) {
                    String url = Json.text(node, "url");
                    String ts = Json.text(node, "ts");
                    Instant time = ts == null ? null : time(ts);
                    if (url == null || url.isEmpty()) {
                        problem = "is a page without a \"url\" string";
                    } else if (ts == null) {
                        problem = "is a page without a \"ts\" string (" + WaczPaths.printable(url) + ")";
                    } else if (time == null) {
                        problem = "gives the page " + WaczPaths.printable(url) + " a \"ts\" that is not an RFC 3339"
                                + " date-time: '" + WaczPaths.printable(ts) + "'";
                    } else {
                        page = new Page(file, line.number(), url, time);
                    }
                }
            }
            if (problem != null) {
                if (++problems <= MAX_LISTED_PROBLEMS) {
                    report.problem(ProblemCode.WACZ_PAGES_INVALID, file, file + " line " + line.number() + " " + problem);
                } else if (firstUnlisted == 0) {
                    firstUnlisted = line.number();
                }
            } else if (page != null) {
                if (pages.size() < max) {
                    pages.add(page);
                } else {
                    leftOut++;
                }
            }
        }
        if (problems > MAX_LISTED_PROBLEMS) {
            report.problem(ProblemCode.WACZ_PAGES_INVALID, file, file + ": " + (problems - MAX_LISTED_PROBLEMS)
                    + " more malformed lines from line " + firstUnlisted + " on were not listed");
        }
        return leftOut;
    }

    /** An RFC 3339 date-time as the WACZ tools write it, or a 14-digit Wayback timestamp; null when neither. */
    private static Instant time(String ts) {
        Instant time = WaczSignature.parseTime(ts);
        if (time == null && ts.length() == 14) {
            try {
                time = WaybackTimestamp.parse(ts).instant();
            } catch (CaptureFormatException e) {
                return null;
            }
        }
        return time;
    }
}
