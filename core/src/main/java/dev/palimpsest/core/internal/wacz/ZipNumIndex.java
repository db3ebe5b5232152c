package dev.palimpsest.core.internal.wacz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A ZipNum index ({@code .idx}): one line per gzip block of a compressed CDXJ file, giving the
 * block's first key, its offset and length and (WACZ 1.1) its SHA-256. The blocks are checked
 * while the compressed CDXJ streams: each must be where the line says, hash as it says and start
 * with its key, and together they must cover the file.
 */
final class ZipNumIndex {
    /** How much of each block is kept to read its first line. */
    static final int PREFIX_BYTES = 16 * 1024;

    /** One {@code .idx} line and the range it describes. */
    private record Block(long line, String key, TrackingStream.Range range, DigestValue digest) {
    }

    private final String path;
    private final Map<String, List<Block>> blocks = new LinkedHashMap<>();

    private ZipNumIndex(String path) {
        this.path = path;
    }

    /** Reads an {@code .idx} file, reporting malformed lines. */
    static ZipNumIndex read(String path, InputStream in, VerificationReport.Builder report) throws IOException {
        ZipNumIndex index = new ZipNumIndex(path);
        String directory = path.substring(0, path.lastIndexOf('/') + 1);
        String defaultFile = null;
        Lines lines = new Lines(in, CdxjIndex.MAX_LINE_BYTES);
        for (Lines.Line line; (line = lines.next()) != null;) {
            String problem = line.problem();
            if (problem == null && !line.text().isBlank()) {
                String text = line.text();
                int first = text.indexOf(' ');
                int second = first < 0 ? -1 : text.indexOf(' ', first + 1);
                JsonNode json = null;
                if (second < 0) {
                    problem = "is not '<key> <timestamp> {json}'";
                } else {
                    try {
                        json = Json.parse(text.substring(second + 1).getBytes(StandardCharsets.UTF_8));
                        if (json == null || !json.isObject()) {
                            problem = "has a JSON part that is not an object";
                        }
                    } catch (JsonProcessingException e) {
                        problem = "has a JSON part that does not parse: " + Json.describe(e);
                    }
                }
                if (problem == null && text.startsWith("!meta")) {
                    defaultFile = Json.text(json, "filename");
                } else if (problem == null) {
                    problem = index.add(line.number(), text.substring(0, second), json, directory, defaultFile);
                }
            }
            if (problem != null) {
                report.problem(ProblemCode.WACZ_INDEX_INVALID, path, path + " line " + line.number() + " " + problem);
            }
        }
        return index;
    }

    private String add(long number, String key, JsonNode json, String directory, String defaultFile) {
        String file = Json.text(json, "filename");
        file = file != null ? file : defaultFile;
        if (file == null) {
            return "names no compressed index file (no \"filename\", here or in a !meta line)";
        }
        String unsafe = WaczPaths.unsafeReason(file);
        if (unsafe != null) {
            return "names an index file that " + unsafe;
        }
        JsonNode offset = json.get("offset");
        JsonNode length = json.get("length");
        if (offset == null || !offset.canConvertToLong() || !offset.isIntegralNumber() || offset.longValue() < 0
                || length == null || !length.canConvertToLong() || !length.isIntegralNumber() || length.longValue() < 0) {
            return "has no non-negative integer \"offset\" and \"length\"";
        }
        DigestValue digest;
        try {
            digest = CdxjIndex.digest(json, "digest", DigestAlgorithm.SHA256);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        blocks.computeIfAbsent(directory + file, f -> new ArrayList<>()).add(new Block(number, key,
                new TrackingStream.Range(offset.longValue(), length.longValue(), PREFIX_BYTES), digest));
        return null;
    }

    /** The compressed index files this one describes, in the ZIP. */
    List<String> files() {
        return new ArrayList<>(blocks.keySet());
    }

    /** The ranges to track while {@code file} streams. */
    List<TrackingStream.Range> ranges(String file) {
        List<TrackingStream.Range> ranges = new ArrayList<>();
        for (Block b : blocks.getOrDefault(file, List.of())) {
            ranges.add(b.range());
        }
        return ranges;
    }

    /** Reports every block of {@code file} that is not as this index says, once the file has streamed. */
    void check(String file, long fileLength, VerificationReport.Builder report) {
        List<Block> list = new ArrayList<>(blocks.getOrDefault(file, List.of()));
        list.sort(Comparator.comparingLong(b -> b.range().offset));
        long expectedOffset = 0;
        for (Block b : list) {
            String where = path + " line " + b.line() + " (" + file + " bytes " + b.range().offset + " to "
                    + (b.range().offset + b.range().length) + ")";
            if (b.range().offset != expectedOffset) {
                mismatch(report, file, where + ": the blocks must follow one another from the start of " + file
                        + ", but " + (b.range().offset > expectedOffset ? "bytes " + expectedOffset + " to "
                                + b.range().offset + " are in no block" : "this block overlaps the one before"));
            }
            expectedOffset = b.range().offset + b.range().length;
            if (!b.range().complete()) {
                mismatch(report, file, where + ": the block runs past the end of " + file + " (" + fileLength + " bytes)");
                continue;
            }
            byte[] sha256 = b.range().digest();
            if (b.digest() != null && (b.digest().algorithm() != DigestAlgorithm.SHA256 || !b.digest().matches(sha256))) {
                DigestValue actual = DigestValue.of(DigestAlgorithm.SHA256, sha256);
                report.problem(Problem.builder(ProblemCode.WACZ_INDEX_BLOCK_MISMATCH).path(file)
                        .message(where + ": the block's digest differs from the one the .idx line gives")
                        .expected(b.digest().labelledHex()).actual(actual.labelledHex()).build());
                continue;
            }
            FirstLine first = firstLine(b.range().prefix(), b.range().prefix().length < b.range().length);
            if (first == null) {
                mismatch(report, file, where + ": the block is not a gzip member starting with a CDXJ line");
            } else if (!first.startsWith(b.key())) {
                report.problem(Problem.builder(ProblemCode.WACZ_INDEX_BLOCK_MISMATCH).path(file)
                        .message(where + ": the block does not start with the key the .idx line gives")
                        .expected(WaczPaths.printable(b.key())).actual(WaczPaths.printable(first.text())).build());
            }
        }
        if (!list.isEmpty() && expectedOffset != fileLength) {
            mismatch(report, file, path + ": the blocks end at byte " + expectedOffset + " of " + file + ", which has "
                    + fileLength + " bytes");
        }
    }

    private static void mismatch(VerificationReport.Builder report, String file, String message) {
        report.problem(ProblemCode.WACZ_INDEX_BLOCK_MISMATCH, file, message);
    }

    /** The first line of a block's text, or as much of it as the kept bytes hold ({@code complete} false). */
    private record FirstLine(String text, boolean complete) {
        boolean startsWith(String key) {
            return complete ? text.equals(key) || text.startsWith(key + " ") : text.startsWith(key) || key.startsWith(text);
        }
    }

    /**
     * The first line of a gzip member's text, from the member's first bytes; null if they are not
     * a gzip member, or are all of it and hold no line.
     */
    private static FirstLine firstLine(byte[] member, boolean truncated) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(member))) {
            for (int b; (b = in.read()) >= 0;) {
                if (b == '\n') {
                    return new FirstLine(line.toString(StandardCharsets.UTF_8).strip(), true);
                }
                line.write(b);
                if (line.size() > CdxjIndex.MAX_LINE_BYTES) {
                    return null;
                }
            }
            return line.size() > 0 ? new FirstLine(line.toString(StandardCharsets.UTF_8).strip(), true) : null;
        } catch (IOException e) {
            // kept bytes that end inside the first line are not an error; a member that is not gzip is
            return truncated && line.size() > 0 ? new FirstLine(line.toString(StandardCharsets.UTF_8), false) : null;
        }
    }
}
