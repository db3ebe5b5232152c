package dev.palimpsest.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CdxParserTest {
    /** SHA-1 of the 13 bytes "Hello World\n\n", Base32: the digest in the CDX documentation's example. */
    static final String HELLO_SHA1 = "XMABAYFTCASBJ5QATNBILSXH6PSZEMG4";
    static final String OTHER_SHA1 = "3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ";

    static final String WAYBACK_JSON = String.join("\n",
            "[[\"urlkey\",\"timestamp\",\"original\",\"mimetype\",\"statuscode\",\"digest\",\"length\"],",
            "[\"gov,example)/foia/doc1.pdf\", \"20171003120512\", \"https://www.example.gov/foia/doc1.pdf\","
                    + " \"application/pdf\", \"200\", \"" + HELLO_SHA1 + "\", \"48213\"],",
            "[\"gov,example)/foia/doc1.pdf\", \"20171015083000\", \"https://www.example.gov/foia/doc1.pdf\","
                    + " \"warc/revisit\", \"-\", \"" + HELLO_SHA1 + "\", \"612\"],",
            "[\"gov,example)/foia/stats.xls\", \"20171003120733\", \"http://example.gov:80/foia/stats.xls\","
                    + " \"application/vnd.ms-excel\", \"404\", \"" + OTHER_SHA1 + "\", \"1290\"]]",
            "");

    static final String SPACE_SEPARATED = String.join("\n",
            "gov,example)/foia/doc1.pdf 20171003120512 https://www.example.gov/foia/doc1.pdf application/pdf 200 "
                    + HELLO_SHA1 + " 48213",
            "gov,example)/foia/doc1.pdf 20171015083000 https://www.example.gov/foia/doc1.pdf warc/revisit - "
                    + HELLO_SHA1 + " 612",
            "");

    static final String CDX11 = String.join("\n",
            " CDX N b a m s k r M S V g",
            "gov,example)/foia/doc1.pdf 20171003120512 https://www.example.gov/foia/doc1.pdf application/pdf 200 "
                    + HELLO_SHA1 + " - - 48213 1043 FOIA-20171003120000-00001.warc.gz",
            "gov,example)/foia/doc1.pdf 20171015083000 https://www.example.gov/foia/doc1.pdf warc/revisit - "
                    + HELLO_SHA1 + " - - 612 49256 FOIA-20171015080000-00004.warc.gz",
            "gov,example)/foia 20171003120000 http://www.example.gov/foia text/html 301 " + OTHER_SHA1
                    + " https://www.example.gov/foia/ - 531 0 FOIA-20171003120000-00001.warc.gz",
            "");

    static final String CDXJ = String.join("\n",
            "gov,example)/foia/doc1.pdf 20171003120512 {\"url\": \"https://www.example.gov/foia/doc1.pdf\","
                    + " \"mime\": \"application/pdf\", \"status\": \"200\", \"digest\": \"sha1:" + HELLO_SHA1 + "\","
                    + " \"length\": \"48213\", \"offset\": \"1043\", \"filename\": \"foia-2017.warc.gz\"}",
            "gov,example)/foia/doc1.pdf 20171015083000 {\"url\": \"https://www.example.gov/foia/doc1.pdf\","
                    + " \"mime\": \"warc/revisit\", \"digest\": \"sha1:" + HELLO_SHA1 + "\", \"length\": \"612\","
                    + " \"offset\": \"49256\", \"filename\": \"foia-2017.warc.gz\"}",
            "");

    private static List<CdxRecord> parse(String text) throws Exception {
        return CdxParser.create().parse(new StringReader(text));
    }

    private static CaptureFormatException failure(CdxParser parser, String text) {
        try {
            parser.parse(new StringReader(text));
        } catch (CaptureFormatException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("parsed without error: " + text);
    }

    private static CaptureFormatException failure(String text) {
        return failure(CdxParser.create(), text);
    }

    // ------------------------------------------------------------ Wayback JSON

    @Test
    void waybackJsonRowsTakeTheirFieldNamesFromTheHeaderRow() throws Exception {
        List<CdxRecord> rows = parse(WAYBACK_JSON);
        assertThat(rows).hasSize(3);
        CdxRecord first = rows.get(0);
        assertThat(first.urlkey()).isEqualTo("gov,example)/foia/doc1.pdf");
        assertThat(first.timestamp().text()).isEqualTo("20171003120512");
        assertThat(first.original()).isEqualTo("https://www.example.gov/foia/doc1.pdf");
        assertThat(first.mimetype()).contains("application/pdf");
        assertThat(first.status()).hasValue(200);
        assertThat(first.digestText()).isEqualTo(HELLO_SHA1);
        assertThat(first.digest()).contains(sha1("Hello World\n\n"));
        assertThat(first.length()).hasValue(48213);
        assertThat(first.offset()).isEmpty();
        assertThat(first.filename()).isEmpty();
        assertThat(first.isRevisit()).isFalse();

        CdxRecord revisit = rows.get(1);
        assertThat(revisit.isRevisit()).isTrue();
        assertThat(revisit.status()).isEmpty();
        assertThat(revisit.digest()).contains(sha1("Hello World\n\n"));
        assertThat(rows.get(2).status()).hasValue(404);
    }

    @Test
    void waybackJsonWithFewerFieldsComputesTheUrlKey() throws Exception {
        String json = "[[\"timestamp\",\"original\",\"digest\"],\n[\"20171003120512\",\"https://www.Example.gov/FOIA/\",\"-\"]]";
        CdxRecord row = parse(json).get(0);
        assertThat(row.urlkey()).isEqualTo("gov,example)/foia");
        assertThat(row.digestText()).isEqualTo("-");
        assertThat(row.digest()).isEmpty();
        assertThat(row.mimetype()).isEmpty();
    }

    @Test
    void waybackJsonWithoutResultsOrWithAResumeKey() throws Exception {
        assertThat(parse("[]\n")).isEmpty();
        assertThat(parse("[[\"urlkey\",\"timestamp\",\"original\"]]")).isEmpty();
        String withResumeKey = "[[\"urlkey\",\"timestamp\",\"original\"],\n"
                + "[\"com,example)/\",\"20170101000000\",\"http://example.com/\"],\n[],\n[\"com%2Cexample%29%2F+20170101000000\"]]";
        assertThat(parse(withResumeKey)).hasSize(1);
    }

    static Stream<Arguments> waybackJsonErrors() {
        return Stream.of(
                // a row with a value missing
                arguments("[[\"urlkey\",\"timestamp\",\"original\"],\n[\"com,example)/\",\"20170101000000\",\"http://example.com/\"],\n"
                        + "[\"com,example)/\",\"20170101000000\"]]", "line 3: the row has 2 values, the header row names 3 fields"),
                // a status that is not a number
                arguments("[[\"timestamp\",\"original\",\"statuscode\"],\n[\"20170101000000\",\"http://example.com/\",\"2OO\"]]",
                        "line 2: status '2OO' is not an HTTP status code"),
                // a length that is not a number, after a blank line
                arguments("[[\"timestamp\",\"original\",\"length\"],\n\n[\"20170101000000\",\"http://example.com/\",\"12kB\"]]",
                        "line 3: length '12kB' is not a non-negative integer"),
                // an impossible date
                arguments("[[\"timestamp\",\"original\"],\n[\"20170230000000\",\"http://example.com/\"]]",
                        "line 2: timestamp '20170230000000': day 30 is not in 01-28"),
                // broken JSON
                arguments("[[\"timestamp\",\"original\"],\n[\"20170101000000\" \"http://example.com/\"]]", "line 2: not valid JSON"),
                arguments("[[\"timestamp\",\"original\"],\n[\"20170101000000\",\"http://example.com/\"]", "line 2: not valid JSON"),
                // not a table
                arguments("{\"timestamp\":\"20170101000000\"}", "line 1: expected a JSON array"),
                arguments("[[\"timestamp\",\"original\"],\n{\"a\":1}]", "line 2: a row is not a JSON array"),
                arguments("[[\"timestamp\",\"original\"],\n[\"20170101000000\",[\"http://example.com/\"]]]",
                        "line 2: value 2 has a JSON array"),
                arguments("[[\"timestamp\",\"timestamp\",\"original\"]]", "line 1: the header row names 'timestamp' twice"),
                arguments("[[\"urlkey\",\"original\"]]", "line 1: the header row must name the fields timestamp and original"),
                arguments("[[\"timestamp\",\"original\"]]\n[]", "line 2: text after the JSON array"));
    }

    @ParameterizedTest
    @MethodSource("waybackJsonErrors")
    void waybackJsonErrorsNameTheLine(String json, String message) {
        CaptureFormatException e = failure(CdxParser.create().withFormat(CdxFormat.WAYBACK_JSON), json);
        assertThat(e.getMessage()).contains(message);
        assertThat(e.line()).hasValue(Long.parseLong(message.substring(5, message.indexOf(':'))));
    }

    @Test
    void waybackJsonRefusesOverlongValues() {
        String json = "[[\"timestamp\",\"original\"],\n[\"20170101000000\",\"http://example.com/" + "a".repeat(200) + "\"]]";
        CaptureFormatException e = failure(CdxParser.create().withMaxLineLength(100), json);
        assertThat(e.getMessage()).contains("line 2: a JSON value is longer than 100 characters");
    }

    // ------------------------------------------------------------ space-separated

    @Test
    void spaceSeparatedLinesInTheDefaultOrder() throws Exception {
        List<CdxRecord> rows = parse(SPACE_SEPARATED);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).toString()).isEqualTo(SPACE_SEPARATED.lines().findFirst().orElseThrow());
        assertThat(rows.get(1).isRevisit()).isTrue();
        assertThat(rows.get(1).status()).isEmpty();
        assertThat(rows.get(1).length()).hasValue(612);
    }

    @Test
    void spaceSeparatedLinesInTheOrderOfFl() throws Exception {
        CdxParser parser = CdxParser.create().withFields(List.of(CdxField.TIMESTAMP, CdxField.ORIGINAL, CdxField.DIGEST,
                CdxField.OFFSET, CdxField.FILENAME));
        List<CdxRecord> rows = parser.parse(new StringReader(
                "20171003120512 https://www.example.gov/foia/doc1.pdf sha1:" + HELLO_SHA1 + " 1043 FOIA-00001.warc.gz\r\n"));
        CdxRecord row = rows.get(0);
        assertThat(row.urlkey()).isEqualTo("gov,example)/foia/doc1.pdf");
        assertThat(row.digestText()).isEqualTo("sha1:" + HELLO_SHA1);
        assertThat(row.offset()).hasValue(1043);
        assertThat(row.filename()).contains("FOIA-00001.warc.gz");
        assertThat(row.status()).isEmpty();
    }

    @Test
    void withFieldsRejectsIncompleteOrRepeatedFields() {
        assertThatThrownBy(() -> CdxParser.create().withFields(List.of(CdxField.URLKEY, CdxField.TIMESTAMP)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestamp and original");
        assertThatThrownBy(() -> CdxParser.create().withFields(List.of(CdxField.TIMESTAMP, CdxField.ORIGINAL, CdxField.TIMESTAMP)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
        assertThatThrownBy(() -> CdxParser.create().withMaxLineLength(10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "com,example)/ 20170101000000 http://example.com/ text/html 200 " + HELLO_SHA1
                + " | line 2: expected 7 space-separated fields (urlkey timestamp original mimetype statuscode digest length), found 6",
        "com,example)/ 20170101000000 http://example.com/ text/html 200 " + HELLO_SHA1 + " 1043 extra"
                + " | line 2: expected 7 space-separated fields",
        "com,example)/ 20170101000000 http://example.com/  200 " + HELLO_SHA1 + " 1043"
                + " | line 2: field mimetype is empty",
        "com,example)/ 20170101000000 http://example.com/ text/html OK " + HELLO_SHA1 + " 1043"
                + " | line 2: status 'OK' is not an HTTP status code",
        "com,example)/ 20170101000000 http://example.com/ text/html 2000 " + HELLO_SHA1 + " 1043"
                + " | line 2: status '2000' is not an HTTP status code",
        "com,example)/ 20170101000000 http://example.com/ text/html 200 " + HELLO_SHA1 + " -12"
                + " | line 2: length '-12' is not a non-negative integer",
        "com,example)/ 20170101000000 http://example.com/ text/html 200 " + HELLO_SHA1 + " 99999999999999999999"
                + " | line 2: length '99999999999999999999' is not a non-negative integer",
        "com,example)/ 2017-01-01 http://example.com/ text/html 200 " + HELLO_SHA1 + " 1043"
                + " | line 2: timestamp '2017-01-01' has a character that is not a digit",
        "com,example)/ 201701010 http://example.com/ text/html 200 " + HELLO_SHA1 + " 1043"
                + " | line 2: timestamp '201701010' must have 4, 6, 8, 10, 12 or 14 digits, not 9 characters",
        "com,example)/ 20170101000000 http://example.com/ text/html 200 NOTADIGEST 1043"
                + " | line 2: digest 'NOTADIGEST' is neither <algorithm>:<value> nor a SHA-1",
        "com,example)/ 20170101000000 http://example.com/ text/html 200 md4:" + HELLO_SHA1 + " 1043"
                + " | line 2: digest 'md4:" + HELLO_SHA1 + "' is neither",
        "com,example)/ 20170101000000 - text/html 200 " + HELLO_SHA1 + " 1043"
                + " | line 2: the row has no original URL",
    })
    void spaceSeparatedErrorsNameTheLineAndTheField(String badLine, String message) {
        String text = SPACE_SEPARATED.lines().findFirst().orElseThrow() + "\n" + badLine + "\n";
        CaptureFormatException e = failure(text);
        assertThat(e.getMessage()).contains(message);
        assertThat(e.line()).hasValue(2);
    }

    @Test
    void overlongLinesAreRefusedWithoutBeingRead() throws Exception {
        String text = SPACE_SEPARATED.lines().findFirst().orElseThrow() + "\n" + "x".repeat(5_000) + "\n";
        CaptureFormatException e = failure(CdxParser.create().withMaxLineLength(1_000), text);
        assertThat(e.getMessage()).isEqualTo("line 2: the line is longer than 1000 characters");
    }

    static Stream<Arguments> overlongLinesInEveryLineFormat() {
        String longUrl = "http://example.com/" + "a".repeat(1_000);
        return Stream.of(
                arguments(SPACE_SEPARATED + "com,example)/ 20170101000000 " + longUrl + " text/html 200 - 1\n", 3),
                arguments(CDX11 + "com,example)/ 20170101000000 " + longUrl + " text/html 200 - - - 1 0 a.warc.gz\n", 5),
                arguments(CDXJ + "com,example)/ 20170101000000 {\"url\": \"" + longUrl + "\"}\n", 3),
                arguments("{\"timestamp\": \"20170101000000\", \"url\": \"http://example.com/\"}\n"
                        + "{\"timestamp\": \"20170101000000\", \"url\": \"" + longUrl + "\"}\n", 2));
    }

    @ParameterizedTest
    @MethodSource("overlongLinesInEveryLineFormat")
    void everyLineFormatRefusesOverlongLines(String text, long badLine) throws Exception {
        CdxParser parser = CdxParser.create().withMaxLineLength(400);
        assertThat(failure(parser, text).getMessage()).isEqualTo("line " + badLine + ": the line is longer than 400 characters");
        CdxParseResult lenient = parser.parseLenient(new StringReader(text));
        assertThat(lenient.records()).hasSize((int) badLine - (text.startsWith(" CDX") ? 2 : 1));
        assertThat(lenient.problems()).extracting(CdxProblem::line).containsExactly(badLine);
    }

    @Test
    void aLegendLongerThanTheLimitEndsTheParse() throws Exception {
        String text = " CDX N b a" + " x".repeat(300) + "\n" + CDX11.lines().skip(1).findFirst().orElseThrow() + "\n";
        CdxParseResult lenient = CdxParser.create().withMaxLineLength(100).parseLenient(new StringReader(text));
        assertThat(lenient.records()).isEmpty();
        assertThat(lenient.problems()).containsExactly(new CdxProblem(1, "the legend line is longer than 100 characters"));
    }

    @Test
    @Timeout(10)
    void aHugeInputWithoutLineBreaksIsOneProblemNotAnOutOfMemoryError() throws Exception {
        Reader endless = new Reader() {
            private long left = 16L * 1024 * 1024;

            @Override
            public int read(char[] buf, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(buf, off, off + n, 'a');
                left -= n;
                return n;
            }

            @Override
            public void close() {
            }
        };
        CdxParseResult result = CdxParser.create().parseLenient(endless);
        assertThat(result.records()).isEmpty();
        assertThat(result.problems()).containsExactly(new CdxProblem(1, "the line is longer than 65536 characters"));
    }

    // ------------------------------------------------------------ CDX files with a legend

    @Test
    void cdx11FilesReadTheirFieldsFromTheLegend() throws Exception {
        List<CdxRecord> rows = parse(CDX11);
        assertThat(rows).hasSize(3);
        CdxRecord first = rows.get(0);
        assertThat(first.length()).hasValue(48213);
        assertThat(first.offset()).hasValue(1043);
        assertThat(first.filename()).contains("FOIA-20171003120000-00001.warc.gz");
        assertThat(rows.get(1).isRevisit()).isTrue();
        assertThat(rows.get(2).status()).hasValue(301);
    }

    @Test
    void anyLegendWorks() throws Exception {
        String cdx9 = " CDX N b a m s k r V g\n"
                + "com,example)/ 20170101000000 http://example.com/ text/html 200 " + HELLO_SHA1 + " - 1043 a.warc.gz\n";
        CdxRecord row = parse(cdx9).get(0);
        assertThat(row.offset()).hasValue(1043);
        assertThat(row.length()).isEmpty();

        String reordered = " CDX a b k x v\nhttp://www.example.com/ 20170101000000 " + HELLO_SHA1 + " ignored 77\n";
        CdxRecord r = parse(reordered).get(0);
        assertThat(r.urlkey()).isEqualTo("com,example)/");
        assertThat(r.offset()).hasValue(77);
    }

    static Stream<Arguments> badLegends() {
        return Stream.of(
                arguments(" CDX N b m s k\nx", "line 1: the legend must name the fields 'b' (timestamp) and 'a' (original URL)"),
                arguments(" CDX N b a ab\nx", "line 1: legend field 'ab' is not a single letter"),
                arguments(" CDX N b a N\nx", "line 1: the legend gives the urlkey field twice"),
                arguments(" CDX N b a m\ncom,example)/ 20170101000000 http://example.com/",
                        "line 2: expected 4 space-separated fields (urlkey timestamp original mimetype), found 3"),
                arguments(" CDX N b a m\n\ncom,example)/ 20171 http://example.com/ text/html", "line 3: timestamp '20171' must have"));
    }

    @ParameterizedTest
    @MethodSource("badLegends")
    void badLegendsAndRows(String text, String message) {
        assertThat(failure(text).getMessage()).contains(message);
    }

    @Test
    void aForcedCdxFileNeedsItsLegend() {
        CaptureFormatException e = failure(CdxParser.create().withFormat(CdxFormat.CDX_FILE),
                SPACE_SEPARATED);
        assertThat(e.getMessage()).startsWith("line 1: a CDX file must start with a legend line");
    }

    // ------------------------------------------------------------ CDXJ and pywb JSON lines

    @Test
    void cdxjLinesAsPywbWritesThem() throws Exception {
        List<CdxRecord> rows = parse("!meta 0 {\"format\": \"cdxj-gzip-1.0\"}\n" + CDXJ);
        assertThat(rows).hasSize(2);
        CdxRecord first = rows.get(0);
        assertThat(first.urlkey()).isEqualTo("gov,example)/foia/doc1.pdf");
        assertThat(first.original()).isEqualTo("https://www.example.gov/foia/doc1.pdf");
        assertThat(first.status()).hasValue(200);
        assertThat(first.digestText()).isEqualTo("sha1:" + HELLO_SHA1);
        assertThat(first.digest()).contains(sha1("Hello World\n\n"));
        assertThat(first.offset()).hasValue(1043);
        assertThat(first.filename()).contains("foia-2017.warc.gz");
        CdxRecord revisit = rows.get(1);
        assertThat(revisit.isRevisit()).isTrue();
        assertThat(revisit.status()).isEmpty();
    }

    @Test
    void cdxjAcceptsNumbersAndSkipsUnknownKeys() throws Exception {
        CdxRecord row = parse("com,example)/ 20170101000000 {\"url\": \"http://example.com/\", \"status\": 200,"
                + " \"length\": 1290, \"req.http:cookie\": {\"x\": [1, 2]}, \"non-200-status\": true}\n").get(0);
        assertThat(row.status()).hasValue(200);
        assertThat(row.length()).hasValue(1290);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "com,example)/ 20170101000000 {\"url\": \"http://example.com/\", \"status\": \"200\"  | line 1: not valid JSON",
        "com,example)/ 20170101000000 {\"url\": \"http://example.com/\"} {} | line 1: text after the JSON object",
        "com,example)/ 20170101000000 {\"url\": \"http://example.com/\"} trailing | line 1: not valid JSON: Unrecognized token 'trailing'",
        "com,example)/ 20170101000000 {\"url\": \"http://example.com/\", \"url\": \"http://x/\"} | line 1: not valid JSON",
        "com,example)/ 20170101000000 [\"http://example.com/\"] | line 1: expected a JSON object",
        "com,example)/ 20170101000000 {\"mime\": \"text/html\"} | line 1: the row has no original URL",
        "com,example)/ 20170101000000 {\"url\": \"http://example.com/\", \"status\": \"abc\"} | line 1: status 'abc' is not an HTTP status code",
        "com,example)/ 20170101000000 {\"url\": \"http://example.com/\", \"status\": 200.5} | line 1: key 'status' has the JSON value '200.5'",
        "com,example)/ 20170101000000 {\"url\": {\"href\": \"http://example.com/\"}} | line 1: key 'url' has a JSON object",
        "com,example)/ 20170101000000 {\"url\": \"http://example.com/\", \"length\": \"-5\"} | line 1: length '-5' is not a non-negative integer",
        "com,example)/ 201701010000000 {\"url\": \"http://example.com/\"} | line 1: timestamp '201701010000000' must have 4",
    })
    void cdxjErrorsNameTheLine(String line, String message) {
        assertThat(failure(CdxParser.create().withFormat(CdxFormat.CDXJ), line).getMessage()).contains(message);
    }

    @Test
    void cdxjLineWithoutThreeParts() {
        assertThat(failure(CdxParser.create().withFormat(CdxFormat.CDXJ), "com,example)/ 20170101000000\n").getMessage())
                .isEqualTo("line 1: expected '<urlkey> <timestamp> <json>', found 'com,example)/ 20170101000000'");
    }

    @Test
    void pywbJsonLines() throws Exception {
        String text = "{\"urlkey\": \"gov,example)/foia/doc1.pdf\", \"timestamp\": \"20171003120512\","
                + " \"url\": \"https://www.example.gov/foia/doc1.pdf\", \"mime\": \"application/pdf\", \"status\": \"200\","
                + " \"digest\": \"" + HELLO_SHA1 + "\", \"length\": \"48213\", \"offset\": \"1043\", \"filename\": \"foia.warc.gz\"}\n";
        CdxRecord row = parse(text).get(0);
        assertThat(row.urlkey()).isEqualTo("gov,example)/foia/doc1.pdf");
        assertThat(row.filename()).contains("foia.warc.gz");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"timestamp\": \"20170101000000\", \"url\": \"http://example.com/\", \"status\": \"x\"} | line 1: status 'x' is not an HTTP status code",
        "{\"timestamp\": \"20170101000000\", \"url\": \"http://example.com/\", \"length\": \"1e3\"} | line 1: length '1e3' is not a non-negative integer",
        "{\"timestamp\": \"2017010100000\", \"url\": \"http://example.com/\"} | line 1: timestamp '2017010100000' must have",
        "{\"timestamp\": \"20170101000000\", \"url\": \"http://example.com/\" | line 1: not valid JSON",
        "{\"url\": \"http://example.com/\"} | line 1: the row has no timestamp",
    })
    void jsonLinesErrorsNameTheLine(String line, String message) {
        assertThat(failure(CdxParser.create().withFormat(CdxFormat.JSON_LINES), line).getMessage()).contains(message);
    }

    // ------------------------------------------------------------ format detection, files, leniency

    @Test
    void detectsEveryFormat() throws Exception {
        for (String text : List.of(WAYBACK_JSON, SPACE_SEPARATED, CDX11, CDXJ)) {
            CdxParseResult result = CdxParser.create().parseLenient(new StringReader("\uFEFF" + text));
            assertThat(result.problems()).isEmpty();
            assertThat(result.records()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.urlkey()).startsWith("gov,example)/foia"));
        }
        assertThat(CdxParser.create().parseLenient(new StringReader(CDX11)).format()).isEqualTo(CdxFormat.CDX_FILE);
        assertThat(CdxParser.create().parseLenient(new StringReader("\n\n" + CDXJ)).format()).isEqualTo(CdxFormat.CDXJ);
        assertThat(CdxParser.create().parseLenient(new StringReader(WAYBACK_JSON)).format()).isEqualTo(CdxFormat.WAYBACK_JSON);
        assertThat(CdxParser.create().parseLenient(new StringReader("")).records()).isEmpty();
    }

    @Test
    void leniencyCollectsBadLinesAndKeepsTheRest() throws Exception {
        String text = String.join("\n",
                SPACE_SEPARATED.lines().findFirst().orElseThrow(),
                "com,example)/ 20170101000000 http://example.com/ text/html 200",
                "",
                "com,example)/ 20171301000000 http://example.com/ text/html 200 " + HELLO_SHA1 + " 5",
                SPACE_SEPARATED.lines().skip(1).findFirst().orElseThrow());
        CdxParseResult result = CdxParser.create().parseLenient(new StringReader(text));
        assertThat(result.records()).hasSize(2);
        assertThat(result.isClean()).isFalse();
        assertThat(result.problems()).extracting(CdxProblem::line).containsExactly(2L, 4L);
        assertThat(result.problems().get(1).detail()).contains("month 13");
        assertThat(result.problems().get(1).toString()).startsWith("line 4: timestamp");
    }

    @Test
    void leniencyListsAThousandProblemsThenCountsTheRest() throws Exception {
        String text = "bad line\n".repeat(CdxParser.MAX_LISTED_PROBLEMS + 5);
        CdxParseResult result = CdxParser.create().parseLenient(new StringReader(text));
        assertThat(result.problems()).hasSize(CdxParser.MAX_LISTED_PROBLEMS + 1);
        assertThat(result.problems().get(CdxParser.MAX_LISTED_PROBLEMS))
                .isEqualTo(new CdxProblem(CdxParser.MAX_LISTED_PROBLEMS + 1, "5 more bad lines from here on were not listed"));
    }

    @Test
    void lenientJsonStopsAtBrokenSyntaxButKeepsEarlierRows() throws Exception {
        String json = "[[\"timestamp\",\"original\"],\n[\"20170101000000\",\"http://example.com/\"],\n"
                + "[\"20170101000000\",\"http://example.com/\",\"x\"],\n[\"2017\" \"x\"]]";
        CdxParseResult result = CdxParser.create().parseLenient(new StringReader(json));
        assertThat(result.records()).hasSize(1);
        assertThat(result.problems()).extracting(CdxProblem::line).containsExactly(3L, 4L);
        assertThat(result.problems().get(1).detail()).startsWith("not valid JSON");
    }

    @Test
    void readsPlainAndGzippedFiles(@TempDir Path dir) throws Exception {
        Path plain = Files.writeString(dir.resolve("index.cdx"), CDX11);
        Path gz = dir.resolve("index.cdxj.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(CDXJ.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(CdxParser.create().parse(plain)).hasSize(3);
        assertThat(CdxParser.create().parse(gz)).hasSize(2);
        assertThat(CdxParser.create().parseLenient(gz).records()).hasSize(2);
    }

    @Test
    void aFileThatIsNotUtf8IsAnErrorWithALine(@TempDir Path dir) throws Exception {
        byte[] line1 = (SPACE_SEPARATED.lines().findFirst().orElseThrow() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, '\n'};
        Path file = dir.resolve("latin1.cdx");
        Files.write(file, concat(line1, bad));
        assertThatThrownBy(() -> CdxParser.create().parse(file))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("not valid text in its encoding (UTF-8 expected)");
        CdxParseResult lenient = CdxParser.create().parseLenient(file);
        assertThat(lenient.problems()).hasSize(1);
        assertThat(lenient.problems().get(0).detail()).contains("UTF-8 expected");
    }

    @Test
    void recordsBuiltByHandValidate() throws Exception {
        CdxRecord row = CdxRecord.builder().urlkey("com,example)/").timestamp(WaybackTimestamp.parse("20170101000000"))
                .original("http://example.com/").mimetype("text/html").status(200).digest("SHA1:" + HELLO_SHA1.toLowerCase())
                .length(10).offset(0).filename("a.warc.gz").build();
        assertThat(row.digest()).contains(sha1("Hello World\n\n"));
        assertThat(row.digestText()).isEqualTo("SHA1:" + HELLO_SHA1.toLowerCase());
        CdxParser nineFields = CdxParser.create().withFields(List.of(CdxField.URLKEY, CdxField.TIMESTAMP, CdxField.ORIGINAL,
                CdxField.MIMETYPE, CdxField.STATUSCODE, CdxField.DIGEST, CdxField.LENGTH, CdxField.OFFSET, CdxField.FILENAME));
        assertThat(nineFields.parse(new StringReader(row.toString()))).containsExactly(row);
        assertThatThrownBy(() -> CdxRecord.builder().status(42)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CdxRecord.builder().length(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CdxRecord.builder().urlkey("com,example)/ x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CdxRecord.builder().digest("xyz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CdxRecord.builder().urlkey("a").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing timestamp");
    }

    @Test
    void digestsInHexAndBase64AreReadAsSha1() throws Exception {
        DigestValue hello = sha1("Hello World\n\n");
        for (String digest : List.of(hello.hex(), hello.hex().toUpperCase(), hello.base64(), "sha-1:" + hello.base64())) {
            CdxRecord row = parse("com,example)/ 20170101000000 http://example.com/ text/html 200 " + digest + " 5\n").get(0);
            assertThat(row.digest()).contains(hello);
            assertThat(row.digestText()).isEqualTo(digest);
        }
    }

    static DigestValue sha1(String text) {
        return DigestValue.of(DigestAlgorithm.SHA1,
                DigestAlgorithm.SHA1.newMessageDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
