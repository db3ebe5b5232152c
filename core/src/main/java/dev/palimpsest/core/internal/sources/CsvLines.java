package dev.palimpsest.core.internal.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.palimpsest.core.sources.SourcesTableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a CSV file (RFC 4180 as Jackson's CSV module reads it: comma-separated, fields
 * optionally in double quotes, {@code ""} for a quote inside them, CRLF, LF or CR line ends), each
 * with the line it starts on. The input must be UTF-8; a UTF-8 byte order mark is skipped. Blank
 * lines are skipped.
 */
public final class CsvLines {
    private static final CsvMapper MAPPER = new CsvMapper();

    private CsvLines() {
    }

    /** A row and the 1-based line it starts on. */
    public static final class Row {
        private final long line;
        private final List<String> fields;

        Row(long line, List<String> fields) {
            this.line = line;
            this.fields = fields;
        }

        /** The line the row starts on. */
        public long line() {
            return line;
        }

        /** The fields, unquoted, as written. */
        public List<String> fields() {
            return fields;
        }
    }

    /**
     * Reads every row of a CSV stream of at most {@code maxBytes} bytes.
     *
     * @throws SourcesTableException naming {@code source} and the line, if the input is too
     *     large, not UTF-8 (or is UTF-16), or has a quoting error
     */
    public static List<Row> read(InputStream in, String source, long maxBytes) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new SourcesTableException(source, 0, "is larger than " + maxBytes + " bytes");
        }
        String text = decode(bytes, source);
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = MAPPER.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                .readValues(new StringReader(text))) {
            while (true) {
                // Before the next row is read, the parser stands at its first line: after the
                // previous row's line end and any blank lines.
                long line = it.getParser().currentLocation().getLineNr();
                if (!it.hasNextValue()) {
                    return rows;
                }
                rows.add(new Row(line, List.copyOf(it.nextValue())));
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            throw new SourcesTableException(source, line, "is not valid CSV: " + e.getOriginalMessage());
        }
    }

    private static String decode(byte[] bytes, String source) throws SourcesTableException {
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            start = 3;
        } else if (bytes.length >= 2 && (((bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF)
                || ((bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE))) {
            throw new SourcesTableException(source, 0, "is UTF-16 (it starts with a UTF-16 byte order mark);"
                    + " save it as UTF-8");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            long line = 1;
            for (int i = start; i < at; i++) {
                // CR LF, LF and a lone CR each end a line, as for the CSV reader.
                if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                    line++;
                }
            }
            throw new SourcesTableException(source, line, String.format(
                    "is not UTF-8: byte 0x%02X at offset %d does not decode; save the table as UTF-8", bytes[at] & 0xff, at));
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }
}
