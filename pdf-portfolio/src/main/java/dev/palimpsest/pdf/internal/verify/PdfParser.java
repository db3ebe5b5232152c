package dev.palimpsest.pdf.internal.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of PDF syntax (ISO 32000-1, 7.2 to 7.5) over a {@link ByteSource}. It never
 * repairs: a dictionary with a key twice, an object whose header names another number, a stream
 * whose {@code /Length} does not end at {@code endstream}, are errors. Nesting, container sizes,
 * string sizes and the number of values in one object are bounded, so hostile input costs
 * bounded time and memory.
 */
public final class PdfParser {
    /** How deep arrays and dictionaries may nest. */
    public static final int MAX_DEPTH = 64;
    /** How many items one array or dictionary may have. */
    public static final int MAX_CONTAINER_ITEMS = 200_000;
    /** How many values one object may hold in all. */
    public static final int MAX_VALUES = 1_000_000;
    /** How long one string may be, in bytes. */
    public static final int MAX_STRING_BYTES = 16 * 1024 * 1024;

    /** Resolves an indirect {@code /Length}. */
    @FunctionalInterface
    public interface LengthResolver {
        /** The integer that {@code ref} stands for. */
        long length(PdfValue.Ref ref) throws IOException, PdfSyntaxException;
    }

    /** An indirect object as parsed: its value and the offset just after {@code endobj}. */
    public record Parsed(PdfValue value, long end) {
    }

    private final ByteSource src;
    private long pos;
    private int values;

    /** A parser positioned at {@code pos}. */
    public PdfParser(ByteSource src, long pos) {
        this.src = src;
        this.pos = pos;
    }

    /** The current position. */
    public long position() {
        return pos;
    }

    /** Moves to {@code pos}. */
    public void seek(long pos) {
        this.pos = pos;
    }

    static boolean isWhite(int c) {
        return c == 0 || c == 9 || c == 10 || c == 12 || c == 13 || c == 32;
    }

    static boolean isDelimiter(int c) {
        return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}'
                || c == '/' || c == '%';
    }

    static boolean isRegular(int c) {
        return c >= 0 && !isWhite(c) && !isDelimiter(c);
    }

    /** Skips white space and comments. */
    public void skipSpace() throws IOException {
        while (true) {
            int c = src.at(pos);
            if (isWhite(c)) {
                pos++;
            } else if (c == '%') {
                while (c != -1 && c != '\n' && c != '\r') {
                    pos++;
                    c = src.at(pos);
                }
            } else {
                return;
            }
        }
    }

    /** Skips white space only (comments are significant where {@code %%EOF} is looked for). */
    public void skipWhite() throws IOException {
        while (isWhite(src.at(pos))) {
            pos++;
        }
    }

    /** Reads a run of regular characters (a keyword or number), at most 64 of them. */
    public String token() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while (isRegular(c = src.at(pos)) && sb.length() < 64) {
            sb.append((char) c);
            pos++;
        }
        return sb.toString();
    }

    /** Reads the keyword {@code word} after optional white space and comments. */
    public void expectKeyword(String word) throws IOException, PdfSyntaxException {
        skipSpace();
        long at = pos;
        String t = token();
        if (!t.equals(word)) {
            throw new PdfSyntaxException("expected '" + word + "' at offset " + at + ", found " + describe(t, at));
        }
    }

    private String describe(String token, long at) throws IOException {
        if (!token.isEmpty()) {
            return "'" + token + "'";
        }
        int c = src.at(at);
        return c == -1 ? "the end of the data" : "'" + (char) c + "'";
    }

    /** Reads a non-negative integer that fits a long, after optional white space. */
    public long unsignedInteger(String what) throws IOException, PdfSyntaxException {
        skipSpace();
        long at = pos;
        String t = token();
        if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new PdfSyntaxException("expected " + what + " at offset " + at + ", found " + describe(t, at));
        }
        return Long.parseLong(t);
    }

    /**
     * Parses the indirect object {@code number generation obj ... endobj} at the current position,
     * checking that its header names {@code number} and {@code generation}.
     */
    public Parsed indirectObject(int number, int generation, LengthResolver lengths) throws IOException, PdfSyntaxException {
        values = 0;
        skipWhite();
        long start = pos;
        long n;
        long g;
        try {
            n = unsignedInteger("an object number");
            g = unsignedInteger("a generation number");
            expectKeyword("obj");
        } catch (PdfSyntaxException e) {
            throw new PdfSyntaxException("the cross-reference entry of object " + number + " " + generation
                    + " points at offset " + start + ", where there is no object header (" + e.getMessage() + ")");
        }
        if (n != number || g != generation) {
            throw new PdfSyntaxException("the cross-reference entry of object " + number + " " + generation
                    + " points at offset " + start + ", where object " + n + " " + g + " begins",
                    PdfSyntaxException.Kind.HEADER_MISMATCH);
        }
        PdfValue value = value(0);
        skipSpace();
        long at = pos;
        String t = token();
        if (t.equals("stream")) {
            if (!(value instanceof PdfValue.Dict)) {
                throw new PdfSyntaxException("object " + number + " " + generation + ": 'stream' after a value that is"
                        + " not a dictionary at offset " + at);
            }
            PdfValue.Dict dict = (PdfValue.Dict) value;
            int c = src.at(pos);
            if (c == '\r') {
                pos++;
                c = src.at(pos);
            }
            if (c == '\n') {
                pos++;
            }
            long dataStart = pos;
            PdfValue lv = dict.get("Length");
            long length;
            if (lv instanceof PdfValue.Num && ((PdfValue.Num) lv).isInteger()) {
                length = ((PdfValue.Num) lv).longValue();
            } else if (lv instanceof PdfValue.Ref && lengths != null) {
                length = lengths.length((PdfValue.Ref) lv);
            } else {
                throw new PdfSyntaxException("object " + number + " " + generation + ": the stream has no integer /Length");
            }
            if (length < 0 || dataStart + length > src.length()) {
                throw new PdfSyntaxException("object " + number + " " + generation + ": the stream's /Length " + length
                        + " runs past the end of the data (" + src.length() + " bytes)", length >= 0);
            }
            pos = dataStart + length;
            skipWhite();
            long endAt = pos;
            String end = token();
            if (!end.equals("endstream")) {
                throw new PdfSyntaxException("object " + number + " " + generation + ": the stream's /Length " + length
                        + " does not end at 'endstream' (found " + describe(end, endAt) + " at offset " + endAt + ")");
            }
            expectKeyword("endobj");
            return new Parsed(new PdfValue.Stream(dict, dataStart, length), pos);
        }
        if (!t.equals("endobj")) {
            throw new PdfSyntaxException("object " + number + " " + generation + ": expected 'endobj' at offset " + at
                    + ", found " + describe(t, at));
        }
        return new Parsed(value, pos);
    }

    /** Parses one direct value (used for object stream members and trailers). */
    public PdfValue directValue() throws IOException, PdfSyntaxException {
        values = 0;
        return value(0);
    }

    private PdfValue value(int depth) throws IOException, PdfSyntaxException {
        if (++values > MAX_VALUES) {
            throw new PdfSyntaxException("more than " + MAX_VALUES + " values in one object near offset " + pos, true);
        }
        skipSpace();
        long at = pos;
        int c = src.at(pos);
        switch (c) {
            case -1:
                throw new PdfSyntaxException("unexpected end of data at offset " + at);
            case '/':
                pos++;
                return name();
            case '(':
                return literalString(at);
            case '[':
                if (depth >= MAX_DEPTH) {
                    throw new PdfSyntaxException("arrays and dictionaries nest deeper than " + MAX_DEPTH + " at offset " + at, true);
                }
                pos++;
                return array(depth + 1, at);
            case '<':
                if (src.at(pos + 1) == '<') {
                    if (depth >= MAX_DEPTH) {
                        throw new PdfSyntaxException("arrays and dictionaries nest deeper than " + MAX_DEPTH + " at offset "
                                + at, true);
                    }
                    pos += 2;
                    return dictionary(depth + 1, at);
                }
                return hexString(at);
            default:
                break;
        }
        if (c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9')) {
            return number(at);
        }
        String t = token();
        switch (t) {
            case "true":
                return new PdfValue.Bool(true);
            case "false":
                return new PdfValue.Bool(false);
            case "null":
                return PdfValue.Null.INSTANCE;
            default:
                throw new PdfSyntaxException("unexpected " + describe(t, at) + " at offset " + at);
        }
    }

    private PdfValue number(long at) throws IOException, PdfSyntaxException {
        String t = token();
        BigDecimal v;
        try {
            String n = t.startsWith("+") ? t.substring(1) : t;
            if (n.endsWith(".")) {
                n = n + "0";
            }
            if (n.startsWith(".") || n.startsWith("-.")) {
                n = n.replaceFirst("\\.", "0.");
            }
            if (!n.matches("-?[0-9]+(\\.[0-9]*)?")) {
                throw new NumberFormatException(t);
            }
            v = new BigDecimal(n);
        } catch (NumberFormatException e) {
            throw new PdfSyntaxException("malformed number '" + t + "' at offset " + at);
        }
        boolean unsignedInteger = t.chars().allMatch(ch -> ch >= '0' && ch <= '9') && t.length() <= 10;
        if (unsignedInteger) {
            long mark = pos;
            skipSpace();
            String g = token();
            if (!g.isEmpty() && g.length() <= 5 && g.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                skipSpace();
                if (src.at(pos) == 'R' && !isRegular(src.at(pos + 1))) {
                    pos++;
                    long num = Long.parseLong(t);
                    if (num > Integer.MAX_VALUE) {
                        throw new PdfSyntaxException("object number " + num + " too large at offset " + at);
                    }
                    return new PdfValue.Ref((int) num, Integer.parseInt(g));
                }
            }
            pos = mark;
        }
        return new PdfValue.Num(v);
    }

    private PdfValue name() throws IOException, PdfSyntaxException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int c;
        while (isRegular(c = src.at(pos))) {
            if (out.size() > 4096) {
                throw new PdfSyntaxException("a name longer than 4096 bytes at offset " + pos, true);
            }
            if (c == '#') {
                int h = hex(src.at(pos + 1));
                int l = hex(src.at(pos + 2));
                if (h < 0 || l < 0) {
                    throw new PdfSyntaxException("malformed #xx escape in a name at offset " + pos);
                }
                out.write(h * 16 + l);
                pos += 3;
            } else {
                out.write(c);
                pos++;
            }
        }
        return new PdfValue.Name(out.toString(StandardCharsets.ISO_8859_1));
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private PdfValue hexString(long at) throws IOException, PdfSyntaxException {
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int high = -1;
        while (true) {
            int c = src.at(pos++);
            if (c == '>') {
                break;
            }
            if (c == -1) {
                throw new PdfSyntaxException("unterminated hex string starting at offset " + at);
            }
            if (isWhite(c)) {
                continue;
            }
            int d = hex(c);
            if (d < 0) {
                throw new PdfSyntaxException("non-hex character '" + (char) c + "' in the hex string starting at offset " + at);
            }
            if (high < 0) {
                high = d;
            } else {
                out.write(high * 16 + d);
                high = -1;
                if (out.size() > MAX_STRING_BYTES) {
                    throw new PdfSyntaxException("a string longer than " + MAX_STRING_BYTES + " bytes at offset " + at, true);
                }
            }
        }
        if (high >= 0) {
            out.write(high * 16);
        }
        return new PdfValue.Str(out.toByteArray(), true, src.isFile() ? at : -1, src.isFile() ? pos : -1);
    }

    private PdfValue literalString(long at) throws IOException, PdfSyntaxException {
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int open = 1;
        while (true) {
            int c = src.at(pos++);
            if (c == -1) {
                throw new PdfSyntaxException("unterminated string starting at offset " + at);
            }
            if (out.size() > MAX_STRING_BYTES) {
                throw new PdfSyntaxException("a string longer than " + MAX_STRING_BYTES + " bytes at offset " + at, true);
            }
            if (c == '\\') {
                int e = src.at(pos++);
                switch (e) {
                    case 'n': out.write('\n'); break;
                    case 'r': out.write('\r'); break;
                    case 't': out.write('\t'); break;
                    case 'b': out.write('\b'); break;
                    case 'f': out.write('\f'); break;
                    case '(': case ')': case '\\': out.write(e); break;
                    case '\r':
                        if (src.at(pos) == '\n') {
                            pos++;
                        }
                        break;
                    case '\n':
                        break;
                    case -1:
                        throw new PdfSyntaxException("unterminated string starting at offset " + at);
                    default:
                        if (e >= '0' && e <= '7') {
                            int v = e - '0';
                            for (int i = 0; i < 2 && src.at(pos) >= '0' && src.at(pos) <= '7'; i++) {
                                v = v * 8 + (src.at(pos++) - '0');
                            }
                            out.write(v & 0xff);
                        } else {
                            out.write(e);
                        }
                }
            } else if (c == '(') {
                open++;
                out.write(c);
            } else if (c == ')') {
                if (--open == 0) {
                    break;
                }
                out.write(c);
            } else {
                out.write(c);
            }
        }
        return new PdfValue.Str(out.toByteArray(), false, src.isFile() ? at : -1, src.isFile() ? pos : -1);
    }

    private PdfValue array(int depth, long at) throws IOException, PdfSyntaxException {
        List<PdfValue> items = new ArrayList<>();
        while (true) {
            skipSpace();
            int c = src.at(pos);
            if (c == ']') {
                pos++;
                return new PdfValue.Arr(items);
            }
            if (c == -1) {
                throw new PdfSyntaxException("unterminated array starting at offset " + at);
            }
            if (items.size() >= MAX_CONTAINER_ITEMS) {
                throw new PdfSyntaxException("an array of more than " + MAX_CONTAINER_ITEMS + " items at offset " + at, true);
            }
            items.add(value(depth));
        }
    }

    private PdfValue dictionary(int depth, long at) throws IOException, PdfSyntaxException {
        Map<String, PdfValue> entries = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            int c = src.at(pos);
            if (c == '>' && src.at(pos + 1) == '>') {
                pos += 2;
                return new PdfValue.Dict(entries);
            }
            if (c != '/') {
                throw new PdfSyntaxException("expected a name or '>>' in the dictionary starting at offset " + at
                        + ", found " + describe(c == -1 ? "" : token(), pos));
            }
            long keyAt = pos;
            pos++;
            String key = ((PdfValue.Name) name()).value();
            PdfValue v = value(depth);
            if (entries.containsKey(key)) {
                // Readers disagree on which value wins; a signed document must not be ambiguous.
                throw new PdfSyntaxException("the key /" + key + " appears twice in the dictionary starting at offset "
                        + at + " (again at offset " + keyAt + ")");
            }
            if (entries.size() >= MAX_CONTAINER_ITEMS) {
                throw new PdfSyntaxException("a dictionary of more than " + MAX_CONTAINER_ITEMS + " entries at offset " + at,
                        true);
            }
            entries.put(key, v);
        }
    }
}
