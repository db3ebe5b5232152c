package dev.palimpsest.core.internal.wacz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.core.internal.json.JsonSetup;
import java.io.CharConversionException;
import java.io.IOException;

/**
 * JSON for WACZ metadata, as strict as the manifest's (duplicate names rejected, no extensions,
 * bounded nesting, names and numbers) but with strings as long as a pages line may be: a page's
 * extracted {@code text} is often longer than the manifest's string limit.
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(JsonSetup.MAX_NESTING_DEPTH)
                    .maxStringLength(Pages.MAX_LINE_BYTES)
                    .maxNameLength(JsonSetup.MAX_NAME_LENGTH)
                    .maxNumberLength(JsonSetup.MAX_NUMBER_LENGTH)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build());

    private Json() {
    }

    /**
     * Parses one JSON value that must be the whole text.
     *
     * @throws JsonProcessingException with Jackson's description of what is wrong
     */
    static JsonNode parse(byte[] json) throws JsonProcessingException {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (CharConversionException e) {
            // Jackson's encoding detection takes some bytes for UTF-32 and fails on them: bad input, not I/O.
            throw new JsonParseException(null, "not valid JSON text: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("a byte array cannot fail to read", e);
        }
    }

    /** Jackson's message without the location appendix, which repeats what the caller names. */
    static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return message == null ? e.getClass().getSimpleName() : WaczPaths.printable(message);
    }

    /** A member's text if it is a JSON string; null if absent or not a string. */
    static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
