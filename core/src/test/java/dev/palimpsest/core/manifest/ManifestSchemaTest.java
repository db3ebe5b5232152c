package dev.palimpsest.core.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palimpsest.core.digest.DigestAlgorithm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schema shipped in the jar describes what the codec writes and requires. Rather than
 * compare two hand-kept lists, the schema is checked against the codec's behaviour: every
 * property the schema lists is written for a full manifest and nothing else is; removing a
 * required member makes the reader reject the document, naming the member; removing any other
 * member does not.
 */
class ManifestSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode schema;
    private static ArchiveManifest full;
    private static JsonNode fullJson;
    /** Where in the full sample an object of each schema definition is ("" for the manifest). */
    private static final Map<String, String> SAMPLE_POINTERS = new LinkedHashMap<>();

    static {
        SAMPLE_POINTERS.put("manifest", "");
        SAMPLE_POINTERS.put("collection", "/collections/0");
        SAMPLE_POINTERS.put("entry", "/entries/0");
        SAMPLE_POINTERS.put("digests", "/entries/0/digests");
        SAMPLE_POINTERS.put("capture", "/entries/0/capture");
        SAMPLE_POINTERS.put("cdx", "/entries/0/capture/cdx");
        SAMPLE_POINTERS.put("warc", "/entries/0/capture/warc");
    }

    @BeforeAll
    static void load() throws Exception {
        schema = JSON.readTree(ManifestCodec.jsonSchema());
        full = Samples.full();
        fullJson = JSON.readTree(ManifestCodec.standard().toBytes(full));
    }

    @Test
    void isADraft202012SchemaForTheFormat() {
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).startsWith("https://");
        assertThat(schema.path("properties").path("format").path("const").asText()).isEqualTo(ArchiveManifest.FORMAT);
        assertThat(Pattern.matches(schema.path("properties").path("version").path("pattern").asText(),
                ArchiveManifest.VERSION)).isTrue();
        for (JsonNode ref : schema.findValues("$ref")) {
            String name = ref.asText().substring("#/$defs/".length());
            assertThat(schema.path("$defs").has(name)).as("$ref %s resolves", ref).isTrue();
        }
    }

    @Test
    void propertiesAreExactlyWhatTheWriterWritesForAFullManifest() {
        Map<String, Map<String, String>> extras = Map.of(
                "manifest", full.extraFields(),
                "collection", full.collections().get(0).extraFields(),
                "entry", full.entries().get(0).extraFields(),
                "digests", Map.of(),
                "capture", full.entries().get(0).capture().get().extraFields(),
                "cdx", full.entries().get(0).capture().get().cdx().get().extraFields(),
                "warc", full.entries().get(0).capture().get().warc().get().extraFields());
        for (Map.Entry<String, String> def : SAMPLE_POINTERS.entrySet()) {
            Set<String> written = names(fullJson.at(def.getValue()));
            written.removeAll(extras.get(def.getKey()).keySet());
            assertThat(names(definition(def.getKey()).path("properties")))
                    .as("properties of %s", def.getKey()).isEqualTo(written);
        }
    }

    @Test
    void removingARequiredMemberIsRejectedNamingIt() {
        int checked = 0;
        for (Map.Entry<String, String> def : SAMPLE_POINTERS.entrySet()) {
            List<String> required = new ArrayList<>();
            definition(def.getKey()).path("required").forEach(n -> required.add(n.asText()));
            assertThat(required).as("required of %s", def.getKey()).isSubsetOf(names(fullJson.at(def.getValue())));
            for (String member : required) {
                checked++;
                ObjectNode doc = fullJson.deepCopy();
                ((ObjectNode) doc.at(def.getValue())).remove(member);
                assertThatThrownBy(() -> ManifestCodec.standard().read(JSON.writeValueAsBytes(doc)))
                        .as("%s without %s", def.getKey(), member)
                        .isInstanceOf(ManifestException.class)
                        .hasMessageContaining(member);
            }
        }
        // format, version, entries; id; path, size, digests; sha256; originalUrl; recordId.
        assertThat(checked).isEqualTo(10);
    }

    @Test
    void removingAnyOtherMemberIsAccepted() throws Exception {
        for (Map.Entry<String, String> def : SAMPLE_POINTERS.entrySet()) {
            JsonNode definition = definition(def.getKey());
            Set<String> required = new HashSet<>();
            definition.path("required").forEach(n -> required.add(n.asText()));
            for (String member : names(definition.path("properties"))) {
                if (required.contains(member)) {
                    continue;
                }
                ObjectNode doc = fullJson.deepCopy();
                ObjectNode object = (ObjectNode) doc.at(def.getValue());
                object.remove(member);
                // What depends on the member goes with it, as the schema says.
                definition.path("dependentRequired").properties().forEach(d -> {
                    d.getValue().forEach(n -> {
                        if (n.asText().equals(member)) {
                            object.remove(d.getKey());
                        }
                    });
                });
                if (member.equals("collections")) {
                    // Entries may only name declared collections, a rule beyond the schema.
                    doc.path("entries").forEach(e -> ((ObjectNode) e).remove("collection"));
                }
                assertThatCode(() -> ManifestCodec.standard().read(JSON.writeValueAsBytes(doc)))
                        .as("%s without %s", def.getKey(), member).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void digestPropertiesAreTheAlgorithmsWithTheirHexLengths() {
        JsonNode properties = definition("digests").path("properties");
        assertThat(names(properties)).containsExactlyElementsOf(
                Arrays.stream(DigestAlgorithm.values()).map(DigestAlgorithm::label).collect(Collectors.toList()));
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            assertThat(properties.path(algorithm.label()).path("pattern").asText())
                    .isEqualTo("^[0-9a-fA-F]{" + 2 * algorithm.length() + "}$");
        }
        assertThat(definition("digests").path("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void captureCheckValuesMatchTheEnum() {
        List<String> values = new ArrayList<>();
        definition("capture").path("properties").path("check").path("enum").forEach(n -> values.add(n.asText()));
        assertThat(values).containsExactlyElementsOf(
                Arrays.stream(CaptureCheck.values()).map(Enum::name).collect(Collectors.toList()));
    }

    /** The schema's path pattern agrees with ArchivePath on the rules a pattern can express. */
    @Test
    void pathPatternAgreesWithArchivePath() throws Exception {
        Pattern pattern = Pattern.compile(definition("path").path("pattern").asText());
        for (String valid : List.of("a", "a/b/c.pdf", ".hidden", "..dots..", "a/.b", "ab:c", "報告書/📄.pdf", "x y/z")) {
            ArchivePath.of(valid);
            assertThat(pattern.matcher(valid).matches()).as(valid).isTrue();
        }
        for (String invalid : List.of("/abs", "C:/x", "c:x", "a//b", "a/", "..", "../x", "a/./b", "a/..", "a\\b",
                "tab\t", "nul\u0000", "c1\u0085")) {
            assertThatThrownBy(() -> ArchivePath.of(invalid)).isInstanceOf(ArchivePathException.class);
            assertThat(pattern.matcher(invalid).matches()).as(invalid).isFalse();
        }
    }

    private static JsonNode definition(String name) {
        return name.equals("manifest") ? schema : schema.path("$defs").path(name);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void schemaIsValidUtf8Json() throws Exception {
        byte[] bytes = ManifestCodec.jsonSchema().getBytes(UTF_8);
        assertThat(JSON.readTree(bytes).isObject()).isTrue();
    }
}
