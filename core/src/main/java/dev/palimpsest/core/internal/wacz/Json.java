package dev.palimpsest.core.internal.wacz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palimpsest.core.internal.json.JsonSetup;
import java.io.IOException;

/** JSON for WACZ metadata, with the project's strict, bounded Jackson settings (duplicate names rejected). */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonSetup.factory(-1));

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
