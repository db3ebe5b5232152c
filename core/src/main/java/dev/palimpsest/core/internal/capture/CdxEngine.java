package dev.palimpsest.core.internal.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.palimpsest.core.capture.CaptureFormatException;
import dev.palimpsest.core.capture.CdxField;
import dev.palimpsest.core.capture.CdxFormat;
import dev.palimpsest.core.capture.CdxRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a CDX stream in any {@link CdxFormat}, handing each row to a consumer and each bad line
 * to a {@link Problems} sink, which either throws (strict) or collects (lenient).
 */
public final class CdxEngine {
    /** Where bad lines go. */
    public interface Problems {
        /**
         * A bad line. Strict parsing throws it; lenient parsing records it and returns. After a
         * fatal problem the engine stops reading.
         */
        void report(CaptureFormatException problem) throws CaptureFormatException;
    }

    /** More fields than any CDX legend or header row has; bounds per-row work on hostile input. */
    private static final int MAX_FIELDS = 64;
    /** Characters read ahead to detect the format, beyond one full line. */
    private static final int DETECT_SLACK = 4096;

    private final CdxFormat forcedFormat;
    private final List<CdxField> fields;
    private final int maxLineLength;
    private final JsonFactory json;

    /**
     * @param forcedFormat the format to read, or null to detect it from the first line
     * @param fields the field order of {@link CdxFormat#SPACE_SEPARATED} lines
     * @param maxLineLength the longest line (and JSON string) accepted
     */
    public CdxEngine(CdxFormat forcedFormat, List<CdxField> fields, int maxLineLength) {
        this.forcedFormat = forcedFormat;
        this.fields = List.copyOf(fields);
        this.maxLineLength = maxLineLength;
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(maxLineLength)
                        .maxNameLength(Math.min(maxLineLength, 1024))
                        .maxNestingDepth(16)
                        .maxNumberLength(64)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // The caller opened the reader and closes it.
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .build();
    }

    /**
     * Reads the whole stream.
     *
     * @return the format that was read
     */
    public CdxFormat run(Reader reader, Consumer<CdxRecord> rows, Problems problems)
            throws IOException, CaptureFormatException {
        BufferedReader in = new BufferedReader(reader, 16 * 1024);
        CdxFormat format = forcedFormat != null ? forcedFormat : detect(in);
        in.mark(1);
        if (in.read() != '\uFEFF') {
            in.reset();
        }
        if (format == CdxFormat.WAYBACK_JSON) {
            readWaybackJson(in, rows, problems);
        } else {
            readLines(in, format, rows, problems);
        }
        return format;
    }

    private CdxFormat detect(BufferedReader in) throws IOException, CaptureFormatException {
        // Only a bounded prefix is read, so that reset() always works, however long the first line;
        // 64 Ki characters show the format of any line a real index holds.
        int limit = Math.min(maxLineLength, 65_536) + DETECT_SLACK;
        in.mark(limit + 1);
        char[] head = new char[limit];
        int n = 0;
        int r;
        try {
            while (n < limit && (r = in.read(head, n, limit - n)) > 0) {
                n += r;
            }
        } catch (CharacterCodingException e) {
            long line = 1;
            for (int i = 0; i < n; i++) {
                line += head[i] == '\n' ? 1 : 0;
            }
            throw new CaptureFormatException(line, "the input is not valid text in its encoding"
                    + " (UTF-8 expected), on this line or soon after");
        }
        in.reset();
        String text = stripBom(new String(head, 0, n));
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            String line = text.substring(start, end);
            if (!line.isBlank()) {
                return formatOf(line);
            }
            start = end + 1;
        }
        return CdxFormat.SPACE_SEPARATED;
    }

    private static CdxFormat formatOf(String firstLine) {
        if (firstLine.startsWith(" CDX")) {
            return CdxFormat.CDX_FILE;
        }
        String t = firstLine.strip();
        if (t.startsWith("[")) {
            return CdxFormat.WAYBACK_JSON;
        }
        if (t.startsWith("{")) {
            return CdxFormat.JSON_LINES;
        }
        if (t.startsWith("!")) {
            return CdxFormat.CDXJ;
        }
        int first = t.indexOf(' ');
        int second = first < 0 ? -1 : t.indexOf(' ', first + 1);
        if (second > 0 && t.startsWith("{", second + 1)) {
            return CdxFormat.CDXJ;
        }
        return CdxFormat.SPACE_SEPARATED;
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    // ---------------------------------------------------------------- line formats

    private void readLines(BufferedReader in, CdxFormat format, Consumer<CdxRecord> rows, Problems problems)
            throws IOException, CaptureFormatException {
        BoundedLineReader lines = new BoundedLineReader(in, maxLineLength);
        List<CdxField> columns = format == CdxFormat.SPACE_SEPARATED ? fields : null;
        BoundedLineReader.Line line;
        while ((line = lines.next()) != null) {
            String text = line.text();
            if (line.tooLong()) {
                if (columns == null && format == CdxFormat.CDX_FILE) {
                    problems.report(new CaptureFormatException(line.number(), "the legend line is longer than "
                            + maxLineLength + " characters"));
                    return;
                }
                problems.report(new CaptureFormatException(line.number(), "the line is longer than " + maxLineLength
                        + " characters"));
                continue;
            }
            if (text.isBlank()) {
                continue;
            }
            if (format == CdxFormat.CDX_FILE && columns == null) {
                try {
                    columns = legend(text);
                } catch (CaptureFormatException e) {
                    problems.report(e.atLine(line.number()));
                    return;
                }
                continue;
            }
            if (format == CdxFormat.CDXJ && text.startsWith("!")) {
                continue;
            }
            try {
                rows.accept(parseLine(format, columns, text));
            } catch (CaptureFormatException e) {
                problems.report(e.atLine(line.number()));
            }
        }
    }

    private CdxRecord parseLine(CdxFormat format, List<CdxField> columns, String text) throws CaptureFormatException {
        switch (format) {
            case CDXJ:
                return parseCdxj(text);
            case JSON_LINES:
                return CdxRows.build(jsonObject(text));
            default:
                return CdxRows.build(spaceSeparated(columns, text));
        }
    }

    private static Map<CdxField, String> spaceSeparated(List<CdxField> columns, String text) throws CaptureFormatException {
        Map<CdxField, String> values = new EnumMap<>(CdxField.class);
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                count++;
            }
        }
        if (count != columns.size()) {
            throw new CaptureFormatException("expected " + columns.size() + " space-separated fields ("
                    + names(columns) + "), found " + count);
        }
        int start = 0;
        for (CdxField column : columns) {
            int end = text.indexOf(' ', start);
            end = end < 0 ? text.length() : end;
            String value = text.substring(start, end);
            if (value.isEmpty()) {
                throw new CaptureFormatException("field " + (column == null ? "" : column.apiName() + " ")
                        + "is empty (two spaces in a row, or a space at the start or end of the line)");
            }
            if (column != null) {
                values.put(column, value);
            }
            start = end + 1;
        }
        return values;
    }

    private static String names(List<CdxField> columns) {
        StringBuilder s = new StringBuilder();
        for (CdxField c : columns) {
            s.append(s.length() == 0 ? "" : " ").append(c == null ? "?" : c.apiName());
        }
        return s.toString();
    }

    /** The columns of a CDX file legend line, null for letters whose fields are skipped. */
    private static List<CdxField> legend(String line) throws CaptureFormatException {
        String[] tokens = line.strip().split(" +");
        if (!line.startsWith(" CDX") || !tokens[0].equals("CDX")) {
            throw new CaptureFormatException("a CDX file must start with a legend line such as ' CDX N b a m s k r M S V g', found "
                    + Text.quote(line));
        }
        if (tokens.length - 1 > MAX_FIELDS) {
            throw new CaptureFormatException("the legend names " + (tokens.length - 1) + " fields, more than " + MAX_FIELDS);
        }
        boolean hasBigV = false;
        for (int i = 1; i < tokens.length; i++) {
            hasBigV |= tokens[i].equals("V");
        }
        List<CdxField> columns = new ArrayList<>();
        for (int i = 1; i < tokens.length; i++) {
            String letter = tokens[i];
            if (letter.length() != 1) {
                throw new CaptureFormatException("legend field " + Text.quote(letter) + " is not a single letter");
            }
            CdxField field = legendField(letter.charAt(0), hasBigV);
            if (field != null && columns.contains(field)) {
                throw new CaptureFormatException("the legend gives the " + field.apiName() + " field twice");
            }
            columns.add(field);
        }
        if (!columns.contains(CdxField.TIMESTAMP) || !columns.contains(CdxField.ORIGINAL)) {
            throw new CaptureFormatException("the legend must name the fields 'b' (timestamp) and 'a' (original URL), found "
                    + Text.quote(line));
        }
        return columns;
    }

    private static CdxField legendField(char letter, boolean hasBigV) {
        switch (letter) {
            case 'N':
                return CdxField.URLKEY;
            case 'b':
                return CdxField.TIMESTAMP;
            case 'a':
                return CdxField.ORIGINAL;
            case 'm':
                return CdxField.MIMETYPE;
            case 's':
                return CdxField.STATUSCODE;
            case 'k':
                return CdxField.DIGEST;
            case 'r':
                return CdxField.REDIRECT;
            case 'M':
                return CdxField.ROBOTFLAGS;
            case 'S':
                return CdxField.LENGTH;
            case 'V':
                return CdxField.OFFSET;
            case 'v':
                // Uncompressed offset: the record's offset only when the compressed one is not given.
                return hasBigV ? null : CdxField.OFFSET;
            case 'g':
                return CdxField.FILENAME;
            default:
                return null;
        }
    }

    private CdxRecord parseCdxj(String text) throws CaptureFormatException {
        int first = text.indexOf(' ');
        int second = first < 0 ? -1 : text.indexOf(' ', first + 1);
        if (first <= 0 || second < 0 || second == first + 1) {
            throw new CaptureFormatException("expected '<urlkey> <timestamp> <json>', found " + Text.quote(text));
        }
        Map<CdxField, String> values = jsonObject(text.substring(second + 1));
        values.put(CdxField.URLKEY, text.substring(0, first));
        values.put(CdxField.TIMESTAMP, text.substring(first + 1, second));
        return CdxRows.build(values);
    }

    /** The CDX fields of one JSON object; unknown keys are skipped, whatever their value. */
    private Map<CdxField, String> jsonObject(String text) throws CaptureFormatException {
        Map<CdxField, String> values = new EnumMap<>(CdxField.class);
        try (JsonParser p = json.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new CaptureFormatException("expected a JSON object, found " + Text.quote(text));
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                CdxField field = CdxField.fromApiName(key).orElse(null);
                if (field == null) {
                    p.skipChildren();
                    continue;
                }
                String scalar = scalar(p, value, "key " + Text.quote(key));
                if (scalar != null) {
                    values.put(field, scalar);
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new CaptureFormatException("the JSON object is not closed");
            }
            if (p.nextToken() != null) {
                throw new CaptureFormatException("text after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new CaptureFormatException(jsonProblem(e));
        } catch (IOException e) {
            // A String source cannot fail to read; anything else here is a parser fault.
            throw new IllegalStateException(e);
        }
        return values;
    }

    /** The text of a scalar JSON value; null for JSON null (absent). */
    private static String scalar(JsonParser p, JsonToken value, String what) throws IOException, CaptureFormatException {
        switch (value) {
            case VALUE_STRING:
            case VALUE_NUMBER_INT:
                return p.getText();
            case VALUE_NULL:
                return null;
            case START_OBJECT:
            case START_ARRAY:
                p.skipChildren();
                throw new CaptureFormatException(what + " has a JSON " + (value == JsonToken.START_OBJECT ? "object" : "array")
                        + ", expected a string or integer");
            default:
                throw new CaptureFormatException(what + " has the JSON value " + Text.quote(p.getText())
                        + ", expected a string or integer");
        }
    }

    private String jsonProblem(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "a JSON value is longer than " + maxLineLength + " characters or nested too deeply";
        }
        return "not valid JSON: " + Text.clean(e.getOriginalMessage());
    }

    // ---------------------------------------------------------------- Wayback JSON

    private void readWaybackJson(BufferedReader in, Consumer<CdxRecord> rows, Problems problems)
            throws IOException, CaptureFormatException {
        JsonParser p = json.createParser(in);
        try (p) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return;
            }
            if (t != JsonToken.START_ARRAY) {
                problems.report(new CaptureFormatException(line(p), "expected a JSON array of rows"));
                return;
            }
            t = p.nextToken();
            if (t == JsonToken.END_ARRAY) {
                trailing(p, problems);
                return;
            }
            List<CdxField> header;
            try {
                header = header(p, t);
            } catch (CaptureFormatException e) {
                problems.report(e.atLine(line(p)));
                return;
            }
            while (true) {
                t = p.nextToken();
                if (t == JsonToken.END_ARRAY) {
                    trailing(p, problems);
                    return;
                }
                long rowLine = line(p);
                if (t != JsonToken.START_ARRAY) {
                    problems.report(new CaptureFormatException(rowLine, "a row is not a JSON array"));
                    return;
                }
                List<String> values = new ArrayList<>();
                CaptureFormatException bad = null;
                int count = 0;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    count++;
                    try {
                        String v = scalar(p, t, "value " + count);
                        if (values.size() <= header.size()) {
                            values.add(v == null ? "-" : v);
                        }
                    } catch (CaptureFormatException e) {
                        bad = bad == null ? e : bad;
                    }
                }
                if (count == 0) {
                    // The CDX server writes an empty row, then the resume key; neither is a capture.
                    skipToEnd(p);
                    trailing(p, problems);
                    return;
                }
                if (bad == null && count != header.size()) {
                    bad = new CaptureFormatException("the row has " + count + " values, the header row names "
                            + header.size() + " fields");
                }
                try {
                    if (bad != null) {
                        throw bad;
                    }
                    Map<CdxField, String> map = new EnumMap<>(CdxField.class);
                    for (int i = 0; i < header.size(); i++) {
                        if (header.get(i) != null) {
                            map.put(header.get(i), values.get(i));
                        }
                    }
                    rows.accept(CdxRows.build(map));
                } catch (CaptureFormatException e) {
                    problems.report(e.atLine(rowLine));
                }
            }
        } catch (JsonProcessingException e) {
            // Constraint violations carry no location; the parser still knows where it stopped.
            JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
            long where = at == null || at.getLineNr() < 1 ? 1 : at.getLineNr();
            problems.report(new CaptureFormatException(where, jsonProblem(e)));
        }
    }

    private List<CdxField> header(JsonParser p, JsonToken t) throws IOException, CaptureFormatException {
        if (t != JsonToken.START_ARRAY) {
            throw new CaptureFormatException("expected the header row of field names, e.g. [\"urlkey\",\"timestamp\",...]");
        }
        List<CdxField> header = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) {
                p.skipChildren();
                throw new CaptureFormatException("the header row must hold field names (strings)");
            }
            if (header.size() == MAX_FIELDS) {
                throw new CaptureFormatException("the header row names more than " + MAX_FIELDS + " fields");
            }
            CdxField field = CdxField.fromApiName(p.getText()).orElse(null);
            if (field != null && header.contains(field)) {
                throw new CaptureFormatException("the header row names " + Text.quote(p.getText()) + " twice");
            }
            header.add(field);
        }
        if (!header.contains(CdxField.TIMESTAMP) || !header.contains(CdxField.ORIGINAL)) {
            throw new CaptureFormatException("the header row must name the fields timestamp and original");
        }
        return header;
    }

    private static void skipToEnd(JsonParser p) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != null && t != JsonToken.END_ARRAY) {
            p.skipChildren();
        }
    }

    private static void trailing(JsonParser p, Problems problems) throws IOException, CaptureFormatException {
        if (p.nextToken() != null) {
            problems.report(new CaptureFormatException(line(p), "text after the JSON array"));
        }
    }

    private static long line(JsonParser p) {
        int n = p.currentTokenLocation().getLineNr();
        return n < 1 ? 1 : n;
    }
}
