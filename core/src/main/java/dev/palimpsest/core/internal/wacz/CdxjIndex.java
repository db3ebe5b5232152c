package dev.palimpsest.core.internal.wacz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.palimpsest.core.capture.CaptureFormatException;
import dev.palimpsest.core.capture.WaybackTimestamp;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a CDXJ index ({@code <urlkey> <timestamp> <json>} per line, {@code !} lines being
 * metadata), as pywb and py-wacz write it, into {@link IndexEntry} values.
 */
final class CdxjIndex {
    /** The longest index line read. */
    static final int MAX_LINE_BYTES = 1 << 20;
    private static final int MAX_LISTED_PROBLEMS = 100;
    private static final String ARCHIVE = "archive/";

    /** Receives the entries read. */
    interface Sink {
        void accept(IndexEntry entry);
    }

    /** One copy of each repeated string (index and WARC names, media types), shared by the entries. */
    private static final class Strings {
        private final Map<String, String> seen = new HashMap<>();

        String of(String s) {
            if (s == null) {
                return null;
            }
            if (seen.size() > 10_000) {
                return s;
            }
            return seen.computeIfAbsent(s, k -> k);
        }
    }

    private CdxjIndex() {
    }

    /**
     * Reads the index at {@code path} from {@code in}, passing each entry to {@code sink} and
     * reporting malformed lines; a file that is not CDXJ at all is reported as not checked.
     */
    static void read(String path, InputStream in, Sink sink, VerificationReport.Builder report) throws IOException {
        Lines lines = new Lines(in, MAX_LINE_BYTES);
        Strings strings = new Strings();
        long problems = 0;
        long firstUnlisted = 0;
        boolean data = false;
        for (Lines.Line line; (line = lines.next()) != null;) {
            String problem = line.problem();
            if (problem == null) {
                String text = line.text();
                if (text.isBlank() || text.startsWith("!")) {
                    continue;
                }
                if (!data && !looksLikeCdxj(text)) {
                    report.problem(ProblemCode.WACZ_INDEX_NOT_CHECKED, path, path + " is not a CDXJ index (line "
                            + line.number() + " is not '<urlkey> <timestamp> {json}'), so its entries are not checked"
                            + " against the WARC records");
                    return;
                }
                data = true;
                try {
                    sink.accept(entry(path, line.number(), text, strings));
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            }
            if (problem != null) {
                if (++problems <= MAX_LISTED_PROBLEMS) {
                    report.problem(ProblemCode.WACZ_INDEX_INVALID, path, path + " line " + line.number() + " " + problem);
                } else if (firstUnlisted == 0) {
                    firstUnlisted = line.number();
                }
            }
        }
        if (problems > MAX_LISTED_PROBLEMS) {
            report.problem(ProblemCode.WACZ_INDEX_INVALID, path, path + ": " + (problems - MAX_LISTED_PROBLEMS)
                    + " more malformed lines from line " + firstUnlisted + " on were not listed");
        }
    }

    private static boolean looksLikeCdxj(String line) {
        int first = line.indexOf(' ');
        int second = first < 0 ? -1 : line.indexOf(' ', first + 1);
        return second > 0 && line.substring(second + 1).stripLeading().startsWith("{");
    }

    /**
     * One entry of a line.
     *
     * @throws IllegalArgumentException saying what is wrong with the line
     */
    private static IndexEntry entry(String path, long number, String text, Strings strings) {
        int first = text.indexOf(' ');
        int second = first < 0 ? -1 : text.indexOf(' ', first + 1);
        if (second < 0) {
            throw new IllegalArgumentException("is not '<urlkey> <timestamp> {json}'");
        }
        String urlkey = text.substring(0, first);
        WaybackTimestamp timestamp;
        try {
            timestamp = WaybackTimestamp.parse(text.substring(first + 1, second));
        } catch (CaptureFormatException e) {
            throw new IllegalArgumentException("has a malformed " + e.getMessage(), e);
        }
        JsonNode json;
        try {
            json = Json.parse(text.substring(second + 1).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("has a JSON part that does not parse: " + Json.describe(e), e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("has a JSON part that is not an object");
        }
        String filename = Json.text(json, "filename");
        if (filename == null) {
            throw new IllegalArgumentException("has no \"filename\", so its record cannot be found");
        }
        String unsafe = WaczPaths.unsafeReason(filename);
        if (unsafe != null) {
            throw new IllegalArgumentException("names a WARC file that " + unsafe + ": '" + WaczPaths.printable(filename) + "'");
        }
        // WACZ index filenames are relative to archive/; tolerate writers that include the folder
        String warc = filename.startsWith(ARCHIVE) ? filename : ARCHIVE + filename;
        long offset = number(json, "offset");
        long length = number(json, "length");
        DigestValue digest = digest(json, "digest", DigestAlgorithm.SHA1);
        DigestValue recordDigest = digest(json, "recordDigest", DigestAlgorithm.SHA256);
        return new IndexEntry(path, number, urlkey, timestamp, Json.text(json, "url"), strings.of(Json.text(json, "mime")),
                strings.of(warc), offset, length, digest, recordDigest);
    }

    /** A non-negative integer written as a JSON number or as a string of digits (pywb writes both). */
    private static long number(JsonNode json, String name) {
        JsonNode value = json.get(name);
        if (value == null) {
            throw new IllegalArgumentException("has no \"" + name + "\", so its record cannot be located");
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
            return value.longValue();
        }
        if (value.isTextual() && value.textValue().matches("[0-9]{1,18}")) {
            return Long.parseLong(value.textValue());
        }
        throw new IllegalArgumentException("has an \"" + name + "\" that is not a non-negative integer: "
                + WaczPaths.printable(value.toString()));
    }

    /** A digest labelled ({@code sha1:...}) or bare (then of {@code bare}, the CDX convention); null when absent or {@code -}. */
    static DigestValue digest(JsonNode json, String name, DigestAlgorithm bare) {
        String text = Json.text(json, name);
        if (text == null || text.isBlank() || text.equals("-")) {
            return null;
        }
        try {
            return text.indexOf(':') > 0 ? DigestValue.parseLabelled(text) : DigestValue.parse(bare, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has a malformed \"" + name + "\": " + e.getMessage(), e);
        }
    }
}
