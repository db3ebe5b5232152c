package dev.palimpsest.core.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.ArchiveCollection;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.ArchivePathException;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.CdxRecord;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.manifest.ManifestException;
import dev.palimpsest.core.manifest.PathRule;
import dev.palimpsest.core.manifest.WarcSource;
import java.io.CharConversionException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a manifest with a streaming parser, one token at a time, so that memory and time stay
 * bounded whatever the input: the document length, the number of entries, nesting depth and
 * string lengths are all capped, and the first problem stops the read with its location.
 *
 * <p>The first two members must be {@code format} and {@code version}, so a document that is not
 * a manifest, or is of a newer major version, is rejected before anything else is parsed.
 */
public final class ManifestReader {
    private static final String SUPPORTED_DIGESTS = Arrays.stream(DigestAlgorithm.values())
            .map(DigestAlgorithm::label).collect(Collectors.joining(", "));

    private static final Pattern SOURCE_REFERENCE =
            Pattern.compile("\\[Source: [^;\\]]*(?:\\([^)]*\\))?[^;\\]]*; line: (\\d+), column: (\\d+)\\]");

    private final JsonFactory factory;
    private final int maxEntries;
    private final long maxDocumentBytes;

    /**
     * @param maxEntries the most entries a manifest may have
     * @param maxDocumentBytes the longest manifest, in bytes
     */
    public ManifestReader(int maxEntries, long maxDocumentBytes) {
        this.maxEntries = maxEntries;
        this.maxDocumentBytes = maxDocumentBytes;
        this.factory = JsonSetup.factory(maxDocumentBytes);
    }

    /**
     * Reads a manifest from a stream, which is not closed.
     *
     * @param source how to name the input in messages (e.g. a file name), or {@code null}
     */
    public ArchiveManifest read(InputStream in, String source) throws IOException {
        PushbackInputStream head = new PushbackInputStream(in, 4);
        byte[] start = head.readNBytes(4);
        head.unread(start);
        checkEncoding(start, start.length, source);
        try (JsonParser parser = factory.createParser(new LimitedInputStream(head, maxDocumentBytes))) {
            return new Session(parser, source).manifest();
        }
    }

    /**
     * Reads a manifest from bytes held in memory.
     *
     * @param source how to name the input in messages (e.g. a file name), or {@code null}
     */
    public ArchiveManifest read(byte[] json, String source) throws ManifestException {
        checkSize(source, json.length);
        checkEncoding(json, Math.min(4, json.length), source);
        try (JsonParser parser = factory.createParser(json)) {
            return new Session(parser, source).manifest();
        } catch (ManifestException e) {
            throw e;
        } catch (IOException e) {
            // Only the parser's own errors can arise from an array, and Session converts those.
            throw new UncheckedIOException(e);
        }
    }

    private ManifestException tooLarge(String location, long size) {
        return new ManifestException(location, "the manifest is " + (size < 0 ? "larger than" : size + " bytes, over")
                + " the limit of " + maxDocumentBytes + " bytes (see ManifestCodec.withMaxDocumentBytes)", null);
    }

    /**
     * Rejects a file whose size, known before reading, is over the limit.
     *
     * @param source the file's name for the message
     */
    public void checkSize(String source, long size) throws ManifestException {
        if (size > maxDocumentBytes) {
            throw tooLarge(source, size);
        }
    }

    /**
     * RFC 8259 requires UTF-8. Jackson would otherwise detect UTF-16 and UTF-32 by their byte
     * order marks or zero bytes and read them; a NUL byte is never valid at the start of JSON
     * text, so any zero byte here means another encoding.
     */
    private static void checkEncoding(byte[] start, int length, String source) throws ManifestException {
        boolean utf16Bom = length >= 2 && ((start[0] == (byte) 0xFE && start[1] == (byte) 0xFF)
                || (start[0] == (byte) 0xFF && start[1] == (byte) 0xFE));
        boolean zero = false;
        for (int i = 0; i < length; i++) {
            zero |= start[i] == 0;
        }
        if (utf16Bom || zero) {
            throw new ManifestException(source, "the manifest is not UTF-8 (it looks like UTF-16 or UTF-32)", null);
        }
    }

    /** Where the parser was when an object started: kept to locate problems found at its end. */
    private static final class Mark {
        final JsonLocation location;
        final String pointer;

        Mark(JsonLocation location, String pointer) {
            this.location = location;
            this.pointer = pointer;
        }
    }

    private final class Session {
        private final JsonParser p;
        private final String source;

        Session(JsonParser p, String source) {
            this.p = p;
            this.source = source;
        }

        ArchiveManifest manifest() throws IOException {
            try {
                return readManifest();
            } catch (DocumentTooLarge e) {
                throw tooLarge(location(here()), -1);
            } catch (StreamConstraintsException e) {
                throw new ManifestException(location(here()), "limit exceeded: " + e.getOriginalMessage(), e);
            } catch (InputCoercionException e) {
                throw new ManifestException(location(here()), "number out of range: " + e.getOriginalMessage(), e);
            } catch (JsonProcessingException e) {
                Mark at = e.getLocation() == null ? here() : new Mark(e.getLocation(), pointer());
                throw new ManifestException(location(at), "malformed JSON: " + plain(e.getOriginalMessage()), e);
            } catch (CharConversionException e) {
                throw new ManifestException(location(here()), "malformed UTF-8: " + e.getMessage(), e);
            }
        }

        private ArchiveManifest readManifest() throws IOException {
            next();
            expect(JsonToken.START_OBJECT, "a manifest (a JSON object)");
            Mark root = here();
            if (!nextMember() || !Fields.FORMAT.equals(p.currentName())) {
                throw fail("the first member must be \"" + Fields.FORMAT
                        + "\"; this is not a Palimpsest archive manifest");
            }
            next();
            String format = string(Fields.FORMAT);
            if (!ArchiveManifest.FORMAT.equals(format)) {
                throw fail("\"" + Fields.FORMAT + "\" is " + quote(format) + ", not \"" + ArchiveManifest.FORMAT
                        + "\"; this is not a Palimpsest archive manifest");
            }
            if (!nextMember() || !Fields.VERSION.equals(p.currentName())) {
                throw fail("the second member must be \"" + Fields.VERSION + "\"");
            }
            next();
            String version = string(Fields.VERSION);
            try {
                // Checks the version now, by the builder's own rule, before reading what it governs.
                ArchiveManifest.builder().version(version).build();
            } catch (ManifestException e) {
                throw relocate(e, here());
            }
            ArchiveManifest.Builder manifest = ArchiveManifest.builder().version(version);
            boolean hasEntries = false;
            while (nextMember()) {
                String name = p.currentName();
                next();
                switch (name) {
                    case Fields.TITLE:
                        manifest.title(string(name));
                        break;
                    case Fields.DESCRIPTION:
                        manifest.description(string(name));
                        break;
                    case Fields.CREATOR:
                        manifest.creator(string(name));
                        break;
                    case Fields.CREATED:
                        manifest.created(instant(name));
                        break;
                    case Fields.COLLECTIONS:
                        readCollections(manifest);
                        break;
                    case Fields.ENTRIES:
                        readEntries(manifest);
                        hasEntries = true;
                        break;
                    default:
                        manifest.extraField(name, JsonValues.copyCompact(p));
                }
            }
            if (p.nextToken() != null) {
                throw fail("unexpected content after the manifest object");
            }
            if (!hasEntries) {
                throw new ManifestException(location(root), "the manifest has no \"" + Fields.ENTRIES
                        + "\" (a required member)", null);
            }
            try {
                return manifest.build();
            } catch (ManifestException e) {
                // Problems across the whole manifest (collisions, undeclared collections) name
                // the entries involved; no single place in the document is to blame.
                throw relocate(e, null);
            }
        }

        private void readCollections(ArchiveManifest.Builder manifest) throws IOException {
            expect(JsonToken.START_ARRAY, "\"" + Fields.COLLECTIONS + "\" to be an array");
            while (next() != JsonToken.END_ARRAY) {
                expect(JsonToken.START_OBJECT, "a collection (a JSON object)");
                Mark start = here();
                ArchiveCollection.Builder collection = ArchiveCollection.builder();
                boolean hasId = false;
                while (nextMember()) {
                    String name = p.currentName();
                    next();
                    switch (name) {
                        case Fields.ID:
                            collection.id(string(name));
                            hasId = true;
                            break;
                        case Fields.TITLE:
                            collection.title(string(name));
                            break;
                        case Fields.DESCRIPTION:
                            collection.description(string(name));
                            break;
                        default:
                            collection.extraField(name, JsonValues.copyCompact(p));
                    }
                }
                requireMember(hasId, start, "a collection", Fields.ID);
                try {
                    manifest.collection(collection.build());
                } catch (ManifestException e) {
                    throw relocate(e, start);
                }
            }
        }

        private void readEntries(ArchiveManifest.Builder manifest) throws IOException {
            expect(JsonToken.START_ARRAY, "\"" + Fields.ENTRIES + "\" to be an array");
            // Collisions are also checked when the manifest is built; checking here as well
            // stops a document of endlessly repeated entries at the first repeat.
            Map<String, ArchivePath> byCollisionKey = new HashMap<>();
            int count = 0;
            while (next() != JsonToken.END_ARRAY) {
                if (count == maxEntries) {
                    throw fail("the manifest has more than " + maxEntries
                            + " entries, the limit of this reader (see ManifestCodec.withMaxEntries)");
                }
                Mark start = here();
                ManifestEntry entry = readEntry(start);
                ArchivePath twin = byCollisionKey.putIfAbsent(entry.path().collisionKey(), entry.path());
                if (twin != null) {
                    String path = entry.path().toString();
                    String how = twin.equals(entry.path()) ? "appears twice"
                            : "collides with " + quote(twin.toString())
                                    + " (equal after NFC normalisation and case folding)";
                    throw new ArchivePathException(location(start), path, PathRule.COLLISION,
                            "path " + quote(path) + " " + how + " [" + PathRule.COLLISION + "]");
                }
                manifest.entry(entry);
                count++;
            }
        }

        private ManifestEntry readEntry(Mark start) throws IOException {
            expect(JsonToken.START_OBJECT, "an entry (a JSON object)");
            ManifestEntry.Builder entry = ManifestEntry.builder();
            boolean hasPath = false;
            boolean hasSize = false;
            boolean hasDigests = false;
            while (nextMember()) {
                String name = p.currentName();
                next();
                switch (name) {
                    case Fields.PATH:
                        entry.path(path(string(name)));
                        hasPath = true;
                        break;
                    case Fields.COLLECTION:
                        entry.collection(string(name));
                        break;
                    case Fields.TITLE:
                        entry.title(string(name));
                        break;
                    case Fields.MEDIA_TYPE:
                        entry.mediaType(string(name));
                        break;
                    case Fields.SIZE:
                        entry.size(nonNegativeLong(name));
                        hasSize = true;
                        break;
                    case Fields.DIGESTS:
                        readDigests(entry);
                        hasDigests = true;
                        break;
                    case Fields.CAPTURE:
                        entry.capture(readCapture());
                        break;
                    case Fields.METADATA:
                        expect(JsonToken.START_OBJECT, "\"" + Fields.METADATA + "\" to be an object");
                        while (nextMember()) {
                            String key = p.currentName();
                            next();
                            entry.metadata(key, string("metadata " + quote(key)));
                        }
                        break;
                    default:
                        entry.extraField(name, JsonValues.copyCompact(p));
                }
            }
            requireMember(hasPath, start, "an entry", Fields.PATH);
            requireMember(hasSize, start, "an entry", Fields.SIZE);
            requireMember(hasDigests, start, "an entry", Fields.DIGESTS);
            try {
                return entry.build();
            } catch (ManifestException e) {
                throw relocate(e, start);
            }
        }

        private void readDigests(ManifestEntry.Builder entry) throws IOException {
            expect(JsonToken.START_OBJECT, "\"" + Fields.DIGESTS + "\" to be an object of algorithm to digest");
            while (nextMember()) {
                String label = p.currentName();
                DigestAlgorithm algorithm = DigestAlgorithm.fromLabel(label)
                        .filter(a -> a.label().equals(label))
                        .orElseThrow(() -> fail("unsupported digest algorithm " + quote(label) + " (the format's labels are "
                                + SUPPORTED_DIGESTS + ")"));
                next();
                String text = string("digest " + quote(label));
                // The format has one spelling, hex, although DigestValue also parses Base32 and Base64.
                if (text.length() != 2 * algorithm.length() || !isHex(text)) {
                    throw fail("the " + label + " digest must be " + 2 * algorithm.length() + " hex digits, found "
                            + quote(text));
                }
                try {
                    entry.digest(DigestValue.parse(algorithm, text));
                } catch (IllegalArgumentException e) {
                    // isHex lets hex in mixed case through; DigestValue refuses it (no encoder writes it).
                    throw fail(e.getMessage());
                }
            }
        }

        private CaptureRecord readCapture() throws IOException {
            expect(JsonToken.START_OBJECT, "\"" + Fields.CAPTURE + "\" to be an object");
            Mark start = here();
            CaptureRecord.Builder capture = CaptureRecord.builder();
            boolean hasUrl = false;
            while (nextMember()) {
                String name = p.currentName();
                next();
                switch (name) {
                    case Fields.ORIGINAL_URL:
                        capture.originalUrl(string(name));
                        hasUrl = true;
                        break;
                    case Fields.CAPTURE_TIME:
                        capture.captureTime(instant(name));
                        break;
                    case Fields.WAYBACK_TIMESTAMP:
                        capture.waybackTimestamp(string(name));
                        break;
                    case Fields.ARCHIVE:
                        capture.archive(string(name));
                        break;
                    case Fields.MEMENTO_URL:
                        capture.mementoUrl(string(name));
                        break;
                    case Fields.RAW_MEMENTO_URL:
                        capture.rawMementoUrl(string(name));
                        break;
                    case Fields.CDX:
                        capture.cdx(readCdx());
                        break;
                    case Fields.RETRIEVED_AT:
                        capture.retrievedAt(instant(name));
                        break;
                    case Fields.RETRIEVED_BY:
                        capture.retrievedBy(string(name));
                        break;
                    case Fields.HEADERS:
                        readHeaders(capture);
                        break;
                    case Fields.WARC:
                        capture.warc(readWarc());
                        break;
                    case Fields.CHECK:
                        capture.check(check(name));
                        break;
                    case Fields.CHECK_EXPLANATION:
                        capture.checkExplanation(string(name));
                        break;
                    default:
                        capture.extraField(name, JsonValues.copyCompact(p));
                }
            }
            requireMember(hasUrl, start, "a capture record", Fields.ORIGINAL_URL);
            try {
                return capture.build();
            } catch (ManifestException e) {
                throw relocate(e, start);
            }
        }

        private void readHeaders(CaptureRecord.Builder capture) throws IOException {
            expect(JsonToken.START_OBJECT, "\"" + Fields.HEADERS + "\" to be an object of name to values");
            while (nextMember()) {
                String name = p.currentName();
                next();
                expect(JsonToken.START_ARRAY, "the values of header " + quote(name) + " to be an array of strings");
                int values = 0;
                while (next() != JsonToken.END_ARRAY) {
                    capture.responseHeader(name, string("header " + quote(name) + " value"));
                    values++;
                }
                if (values == 0) {
                    throw fail("header " + quote(name) + " has no values");
                }
            }
        }

        private CdxRecord readCdx() throws IOException {
            expect(JsonToken.START_OBJECT, "\"" + Fields.CDX + "\" to be an object");
            Mark start = here();
            CdxRecord.Builder cdx = CdxRecord.builder();
            while (nextMember()) {
                String name = p.currentName();
                next();
                switch (name) {
                    case Fields.URLKEY:
                        cdx.urlkey(string(name));
                        break;
                    case Fields.TIMESTAMP:
                        cdx.timestamp(string(name));
                        break;
                    case Fields.ORIGINAL:
                        cdx.original(string(name));
                        break;
                    case Fields.MIMETYPE:
                        cdx.mimetype(string(name));
                        break;
                    case Fields.STATUS:
                        cdx.status(string(name));
                        break;
                    case Fields.DIGEST:
                        cdx.digest(string(name));
                        break;
                    case Fields.LENGTH:
                        cdx.length(string(name));
                        break;
                    case Fields.OFFSET:
                        cdx.offset(string(name));
                        break;
                    case Fields.FILENAME:
                        cdx.filename(string(name));
                        break;
                    default:
                        cdx.extraField(name, JsonValues.copyCompact(p));
                }
            }
            try {
                return cdx.build();
            } catch (ManifestException e) {
                throw relocate(e, start);
            }
        }

        private WarcSource readWarc() throws IOException {
            expect(JsonToken.START_OBJECT, "\"" + Fields.WARC + "\" to be an object");
            Mark start = here();
            WarcSource.Builder warc = WarcSource.builder();
            boolean hasRecordId = false;
            while (nextMember()) {
                String name = p.currentName();
                next();
                switch (name) {
                    case Fields.FILENAME:
                        warc.filename(string(name));
                        break;
                    case Fields.OFFSET:
                        warc.offset(nonNegativeLong(name));
                        break;
                    case Fields.RECORD_ID:
                        warc.recordId(string(name));
                        hasRecordId = true;
                        break;
                    case Fields.TARGET_URI:
                        warc.targetUri(string(name));
                        break;
                    case Fields.DATE:
                        warc.date(instant(name));
                        break;
                    case Fields.PAYLOAD_DIGEST:
                        warc.payloadDigest(string(name));
                        break;
                    default:
                        warc.extraField(name, JsonValues.copyCompact(p));
                }
            }
            requireMember(hasRecordId, start, "a WARC source", Fields.RECORD_ID);
            try {
                return warc.build();
            } catch (ManifestException e) {
                throw relocate(e, start);
            }
        }

        // --- values -------------------------------------------------------------------------

        /** The current string value; decoding it may fail, since the parser decodes lazily. */
        private String string(String what) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw fail(describeMember(what) + " must be a string, found " + describe(p.currentToken()));
            }
            return p.getText();
        }

        private long nonNegativeLong(String what) throws IOException {
            JsonToken token = p.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT) {
                throw fail(describeMember(what) + " must be a non-negative integer, found "
                        + (token == JsonToken.VALUE_NUMBER_FLOAT ? "a number with a fraction or exponent "
                                + p.getText() : describe(token)));
            }
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw fail(describeMember(what) + " " + p.getText() + " is too large (the most is " + Long.MAX_VALUE
                        + ")");
            }
            long value = p.getLongValue();
            if (value < 0) {
                throw fail(describeMember(what) + " must not be negative, found " + value);
            }
            return value;
        }

        private Instant instant(String what) throws IOException {
            String text = string(what);
            try {
                return Rfc3339.parse(text);
            } catch (IllegalArgumentException e) {
                throw fail(describeMember(what) + " " + quote(text) + " is " + e.getMessage());
            }
        }

        private CaptureCheck check(String what) throws IOException {
            String text = string(what);
            for (CaptureCheck check : CaptureCheck.values()) {
                if (check.name().equals(text)) {
                    return check;
                }
            }
            throw fail(describeMember(what) + " must be one of " + Arrays.toString(CaptureCheck.values()) + ", found "
                    + quote(text));
        }

        private ArchivePath path(String text) throws ManifestException {
            try {
                return ArchivePath.of(text);
            } catch (ArchivePathException e) {
                throw (ArchivePathException) relocate(e, here());
            }
        }

        // --- structure ----------------------------------------------------------------------

        private JsonToken next() throws IOException {
            JsonToken token = p.nextToken();
            if (token == null) {
                throw fail("unexpected end of input");
            }
            return token;
        }

        /** Advances to the next member name; false at the end of the object. */
        private boolean nextMember() throws IOException {
            return next() == JsonToken.FIELD_NAME;
        }

        private void expect(JsonToken token, String what) throws ManifestException {
            if (p.currentToken() != token) {
                throw fail("expected " + what + ", found " + describe(p.currentToken()));
            }
        }

        private void requireMember(boolean present, Mark start, String owner, String member)
                throws ManifestException {
            if (!present) {
                throw new ManifestException(location(start), owner + " has no \"" + member
                        + "\" (a required member)", null);
            }
        }

        // --- locations ----------------------------------------------------------------------

        private ManifestException fail(String problem) {
            return new ManifestException(location(here()), problem, null);
        }

        private ManifestException relocate(ManifestException e, Mark at) {
            String location = at == null ? source : location(at);
            ManifestException moved;
            if (e instanceof ArchivePathException) {
                ArchivePathException a = (ArchivePathException) e;
                moved = new ArchivePathException(location, a.path(), a.rule(), a.problem());
            } else {
                moved = new ManifestException(location, e.problem(), e.getCause());
            }
            moved.setStackTrace(e.getStackTrace());
            return moved;
        }

        private Mark here() {
            return new Mark(p.currentTokenLocation(), pointer());
        }

        private String pointer() {
            return p.getParsingContext() == null ? "" : p.getParsingContext().pathAsPointer().toString();
        }

        /** {@code file:line:column (pointer)}, or {@code line L, column C (pointer)} without a file. */
        private String location(Mark mark) {
            StringBuilder b = new StringBuilder();
            JsonLocation at = mark.location;
            boolean hasLine = at != null && at.getLineNr() > 0 && at.getColumnNr() > 0;
            if (source != null) {
                b.append(source);
                if (hasLine) {
                    b.append(':').append(at.getLineNr()).append(':').append(at.getColumnNr());
                }
            } else if (hasLine) {
                b.append("line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr());
            }
            if (!mark.pointer.isEmpty()) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append('(').append(mark.pointer).append(')');
            }
            return b.length() == 0 ? null : b.toString();
        }
    }

    /**
     * Jackson's messages may point at another place in the input as {@code [Source: REDACTED
     * (...); line: 1, column: 58]}; the source is never shown (it could be anything), so say only
     * where.
     */
    private static String plain(String jacksonMessage) {
        return SOURCE_REFERENCE.matcher(jacksonMessage).replaceAll("line $1, column $2");
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    private static String describeMember(String what) {
        return what.startsWith("metadata ") || what.startsWith("header ") || what.startsWith("digest ")
                ? what : "\"" + what + "\"";
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of input";
        }
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            case END_ARRAY:
                return "the end of an array";
            case END_OBJECT:
                return "the end of an object";
            default:
                return token.toString();
        }
    }

    /**
     * Quotes text for a message: control characters, backslashes and unpaired surrogates escaped
     * so the message stays on one line and shows what was there; long text shortened.
     */
    private static String quote(String s) {
        StringBuilder out = new StringBuilder("'");
        int end = Math.min(s.length(), 200);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            if (c == '\\') {
                out.append("\\\\");
            } else if (paired) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.getType(c) == Character.CONTROL || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(end < s.length() ? "...'" : "'").toString();
    }

    /** Raised by {@link LimitedInputStream} and turned into a located {@link ManifestException}. */
    private static final class DocumentTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        DocumentTooLarge() {
            super("manifest too large");
        }
    }

    /**
     * Fails as soon as the input goes past the limit, whatever the parser is doing (skipping
     * whitespace, reading a long string), so no input can make a read go on for ever.
     */
    private static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long count;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void count(long n) throws DocumentTooLarge {
            count += n;
            if (count > limit) {
                throw new DocumentTooLarge();
            }
        }
    }
}
