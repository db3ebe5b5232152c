package dev.palimpsest.core.capture;

import dev.palimpsest.core.internal.capture.CdxEngine;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads CDX indexes: the Wayback CDX server's JSON and plain outputs, CDX files with a legend
 * line, CDXJ and pywb's JSON lines (see {@link CdxFormat}).
 *
 * <p>Strict by default: {@link #parse(Reader)} returns every row or throws at the first bad line,
 * naming it. {@link #parseLenient(Reader)} is the explicit switch that skips bad lines and
 * reports each as a {@link CdxProblem}. Lines longer than {@link #maxLineLength()} characters
 * are refused without being held in memory.
 *
 * <p>Instances are immutable and thread-safe; the {@code with...} methods return new ones.
 * <pre>{@code
 * List<CdxRecord> rows = CdxParser.create().parse(reader);                 // format detected
 * List<CdxRecord> some = CdxParser.create()
 *         .withFields(List.of(CdxField.TIMESTAMP, CdxField.ORIGINAL, CdxField.DIGEST))   // fl=timestamp,original,digest
 *         .parse(reader);
 * }</pre>
 */
public final class CdxParser {
    /** The default {@link #maxLineLength()}: 65,536 characters. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 65_536;
    /** The largest {@link #maxLineLength()} that may be set: 16 MiB characters. */
    public static final int LARGEST_MAX_LINE_LENGTH = 16 * 1024 * 1024;
    /** How many problems a lenient parse lists; further bad lines are counted in one last problem. */
    public static final int MAX_LISTED_PROBLEMS = 1000;

    private final CdxFormat format;
    private final List<CdxField> fields;
    private final int maxLineLength;

    private CdxParser(CdxFormat format, List<CdxField> fields, int maxLineLength) {
        this.format = format;
        this.fields = fields;
        this.maxLineLength = maxLineLength;
    }

    /**
     * A parser that detects the format from the first non-blank line, reads
     * {@link CdxFormat#SPACE_SEPARATED} lines in the {@linkplain CdxField#defaultOrder() default
     * field order}, and accepts lines of up to {@link #DEFAULT_MAX_LINE_LENGTH} characters.
     */
    public static CdxParser create() {
        return new CdxParser(null, CdxField.defaultOrder(), DEFAULT_MAX_LINE_LENGTH);
    }

    /**
     * A parser that reads the given format instead of detecting it. Detection looks at the
     * first non-blank line: an opening bracket is {@link CdxFormat#WAYBACK_JSON}, an opening
     * brace {@link CdxFormat#JSON_LINES}, {@code " CDX"} {@link CdxFormat#CDX_FILE}, a third
     * space-separated part starting with a brace (or a leading {@code !})
     * {@link CdxFormat#CDXJ}, anything else {@link CdxFormat#SPACE_SEPARATED}.
     */
    public CdxParser withFormat(CdxFormat newFormat) {
        return new CdxParser(Objects.requireNonNull(newFormat, "newFormat"), fields, maxLineLength);
    }

    /**
     * A parser whose {@link CdxFormat#SPACE_SEPARATED} lines have these fields, in this order:
     * the CDX server request's {@code fl=} parameter. {@link CdxField#TIMESTAMP} and
     * {@link CdxField#ORIGINAL} are required; without {@link CdxField#URLKEY} the key is
     * computed with {@link Surt#of(String)}.
     *
     * @throws IllegalArgumentException if a field repeats or a required one is missing
     */
    public CdxParser withFields(List<CdxField> newFields) {
        List<CdxField> copy = List.copyOf(newFields);
        if (!copy.contains(CdxField.TIMESTAMP) || !copy.contains(CdxField.ORIGINAL)) {
            throw new IllegalArgumentException("the fields must include timestamp and original, got " + copy);
        }
        if (copy.stream().distinct().count() != copy.size()) {
            throw new IllegalArgumentException("a field is given twice: " + copy);
        }
        return new CdxParser(format, copy, maxLineLength);
    }

    /**
     * A parser that accepts lines (and, in JSON, string values) of up to {@code characters}.
     *
     * @throws IllegalArgumentException unless {@code 64 <= characters <= LARGEST_MAX_LINE_LENGTH}
     */
    public CdxParser withMaxLineLength(int characters) {
        if (characters < 64 || characters > LARGEST_MAX_LINE_LENGTH) {
            throw new IllegalArgumentException("the line length limit must be 64 to " + LARGEST_MAX_LINE_LENGTH
                    + " characters, got " + characters);
        }
        return new CdxParser(format, fields, characters);
    }

    /** The format this parser reads; empty when it detects the format. */
    public Optional<CdxFormat> format() {
        return Optional.ofNullable(format);
    }

    /** The field order of {@link CdxFormat#SPACE_SEPARATED} lines. */
    public List<CdxField> fields() {
        return fields;
    }

    /** The longest line accepted, in characters. */
    public int maxLineLength() {
        return maxLineLength;
    }

    /**
     * Every row of a CDX stream. The reader is read to its end and not closed.
     *
     * @throws CaptureFormatException at the first bad line, naming it and what was wrong
     * @throws IOException if reading fails
     */
    public List<CdxRecord> parse(Reader in) throws IOException, CaptureFormatException {
        Objects.requireNonNull(in, "in");
        List<CdxRecord> rows = new ArrayList<>();
        engine().run(in, rows::add, problem -> {
            throw problem;
        });
        return rows;
    }

    /**
     * Every row of a CDX file in UTF-8, gzip-compressed or not (recognised by its first bytes).
     *
     * @throws CaptureFormatException at the first bad line, or if the file is not UTF-8
     * @throws IOException if reading fails
     */
    public List<CdxRecord> parse(Path file) throws IOException, CaptureFormatException {
        try (Reader in = open(file)) {
            return parse(in);
        }
    }

    /**
     * The rows of a CDX stream that parse, and a {@link CdxProblem} for each line that does not.
     * A problem that makes the rest unreadable (broken JSON, a bad legend line, text that is
     * not UTF-8) ends the parse and is the last problem. The reader is not closed.
     *
     * @throws IOException if reading fails
     */
    public CdxParseResult parseLenient(Reader in) throws IOException {
        Objects.requireNonNull(in, "in");
        List<CdxRecord> rows = new ArrayList<>();
        List<CdxProblem> problems = new ArrayList<>();
        long[] unlisted = {0, 0};
        CdxFormat read;
        try {
            read = engine().run(in, rows::add, problem -> {
                if (problems.size() < MAX_LISTED_PROBLEMS) {
                    problems.add(new CdxProblem(problem.line().orElse(1), problem.detail()));
                } else if (unlisted[0]++ == 0) {
                    unlisted[1] = problem.line().orElse(1);
                }
            });
        } catch (CaptureFormatException e) {
            // Only input that is not text reaches here; it ends the parse like any fatal problem.
            problems.add(new CdxProblem(e.line().orElse(1), e.detail()));
            read = format == null ? CdxFormat.SPACE_SEPARATED : format;
        }
        if (unlisted[0] > 0) {
            problems.add(new CdxProblem(unlisted[1], unlisted[0] + " more bad lines from here on were not listed"));
        }
        return new CdxParseResult(read, rows, problems);
    }

    /**
     * {@link #parseLenient(Reader)} for a UTF-8 file, gzip-compressed or not.
     *
     * @throws IOException if reading fails
     */
    public CdxParseResult parseLenient(Path file) throws IOException {
        try (Reader in = open(file)) {
            return parseLenient(in);
        }
    }

    private CdxEngine engine() {
        return new CdxEngine(format, fields, maxLineLength);
    }

    private static Reader open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        try {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream body = gzip ? new GZIPInputStream(raw, 64 * 1024) : raw;
            return new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
