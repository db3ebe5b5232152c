package dev.palimpsest.core.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Unknown field values, kept as JSON text. Values are copied token by token rather than through
 * a tree model, because a tree turns numbers into doubles ({@code 1.10} would become {@code 1.1}
 * and {@code 1e400} infinity); copying keeps every number's text exactly.
 */
public final class JsonValues {
    private JsonValues() {}

    /**
     * The compact canonical text of one JSON value: insignificant whitespace removed, strings
     * re-escaped the way the writer escapes them, numbers and member order unchanged.
     *
     * @throws IllegalArgumentException if {@code json} is not exactly one JSON value, or is over
     *     a limit of {@link JsonSetup} (nesting, string, name or number length)
     */
    public static String canonical(String json) {
        try (JsonParser parser = JsonSetup.extraValues().createParser(json)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("no JSON value");
            }
            String canonical = copyCompact(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("more than one JSON value");
            }
            return canonical;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a string", e);
        }
    }

    /**
     * Copies the value starting at the parser's current token as compact text, leaving the parser
     * on the value's last token.
     */
    public static String copyCompact(JsonParser parser) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = JsonSetup.extraValues().createGenerator(text)) {
            copy(parser, generator);
        }
        return text.toString();
    }

    /** Writes one JSON value given as text (e.g. from {@link #canonical}) to a generator. */
    public static void write(String json, JsonGenerator generator) throws IOException {
        try (JsonParser parser = JsonSetup.extraValues().createParser(json)) {
            parser.nextToken();
            copy(parser, generator);
        }
    }

    /** Copies the value starting at the parser's current token, leaving the parser on its last token. */
    static void copy(JsonParser parser, JsonGenerator generator) throws IOException {
        int depth = 0;
        JsonToken token = parser.currentToken();
        while (true) {
            switch (token) {
                case START_OBJECT:
                    generator.writeStartObject();
                    depth++;
                    break;
                case START_ARRAY:
                    generator.writeStartArray();
                    depth++;
                    break;
                case END_OBJECT:
                    generator.writeEndObject();
                    depth--;
                    break;
                case END_ARRAY:
                    generator.writeEndArray();
                    depth--;
                    break;
                case FIELD_NAME:
                    generator.writeFieldName(parser.currentName());
                    break;
                case VALUE_STRING:
                    generator.writeString(parser.getText());
                    break;
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    generator.writeNumber(parser.getText());
                    break;
                case VALUE_TRUE:
                    generator.writeBoolean(true);
                    break;
                case VALUE_FALSE:
                    generator.writeBoolean(false);
                    break;
                case VALUE_NULL:
                    generator.writeNull();
                    break;
                default:
                    throw new IllegalStateException("unexpected JSON token " + token);
            }
            if (depth == 0) {
                return;
            }
            token = parser.nextToken();
        }
    }
}
