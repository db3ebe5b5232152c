package dev.palimpsest.core.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.Separators;

/**
 * The one Jackson configuration for manifests. Every limit a hostile document could exploit is
 * set here: nesting depth, string, name and number length, and document length.
 */
public final class JsonSetup {
    /** Deeper than any manifest (five levels) plus generous room for unknown fields. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** One string value, in characters. */
    public static final int MAX_STRING_LENGTH = 1 << 20;
    /**
     * One member name (also metadata keys and header names), in UTF-8 bytes: Jackson counts the
     * bytes of names read from bytes.
     */
    public static final int MAX_NAME_LENGTH = 1024;
    /**
     * How deep an unknown member's value may nest: the deepest objects that carry unknown
     * members (CDX rows, WARC sources) are at depth 5, so a value nesting this deep still reads
     * back within {@link #MAX_NESTING_DEPTH}.
     */
    public static final int MAX_EXTRA_NESTING_DEPTH = MAX_NESTING_DEPTH - 5;
    /** One number, in characters. */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private static final JsonFactory EXTRA_VALUES = factory(-1, MAX_EXTRA_NESTING_DEPTH);

    private JsonSetup() {}

    /**
     * A factory with the manifest's strict settings: duplicate member names rejected, no
     * comments or other JSON extensions, sources and targets never closed by Jackson (the caller
     * owns them), input never echoed into error locations, and text written as UTF-8 with only
     * the escapes JSON requires.
     *
     * @param maxDocumentLength the longest document in bytes (or characters), or -1 for no limit
     */
    public static JsonFactory factory(long maxDocumentLength) {
        return factory(maxDocumentLength, MAX_NESTING_DEPTH);
    }

    private static JsonFactory factory(long maxDocumentLength, int maxNestingDepth) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxDocumentLength(maxDocumentLength)
                .build();
        return JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                // Characters beyond U+FFFF as four UTF-8 bytes, not as an escaped surrogate pair,
                // so that paths and titles stay readable in the file.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
    }

    /**
     * The factory for unknown members' values, held in memory (so without a document limit) and
     * nesting at most {@link #MAX_EXTRA_NESTING_DEPTH} deep.
     */
    public static JsonFactory extraValues() {
        return EXTRA_VALUES;
    }

    /**
     * The manifest layout: two-space indents, LF line ends whatever the platform, {@code ": "}
     * between name and value, every array element and member on its own line, {@code []} and
     * {@code {}} when empty. A new instance per document, as pretty printers keep state.
     */
    public static PrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withSeparators(separators);
        printer.indentArraysWith(indenter);
        printer.indentObjectsWith(indenter);
        return printer;
    }
}
