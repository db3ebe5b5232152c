package dev.palimpsest.core.internal.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.ArchiveCollection;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.CdxRecord;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.manifest.WarcSource;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a manifest as UTF-8 JSON in one fixed layout, so the same manifest always gives the same
 * bytes: members in the order of FORMAT.md, absent optional members and empty optional maps
 * omitted, unknown fields after the defined ones sorted by name, two-space indents, LF line
 * ends and a final newline.
 */
public final class ManifestWriter {
    private static final JsonFactory FACTORY = JsonSetup.factory(-1);

    private ManifestWriter() {}

    /** Writes {@code manifest} to {@code out}, which is flushed but not closed. */
    public static void write(ArchiveManifest manifest, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(JsonSetup.prettyPrinter());
            writeManifest(manifest, g);
        }
        out.write('\n');
        out.flush();
    }

    private static void writeManifest(ArchiveManifest m, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField(Fields.FORMAT, ArchiveManifest.FORMAT);
        g.writeStringField(Fields.VERSION, m.version());
        string(g, Fields.TITLE, m.title());
        string(g, Fields.DESCRIPTION, m.description());
        string(g, Fields.CREATOR, m.creator());
        instant(g, Fields.CREATED, m.created());
        if (!m.collections().isEmpty()) {
            g.writeArrayFieldStart(Fields.COLLECTIONS);
            for (ArchiveCollection c : m.collections()) {
                writeCollection(c, g);
            }
            g.writeEndArray();
        }
        g.writeArrayFieldStart(Fields.ENTRIES);
        for (ManifestEntry e : m.entries()) {
            writeEntry(e, g);
        }
        g.writeEndArray();
        extras(g, m.extraFields());
        g.writeEndObject();
    }

    private static void writeCollection(ArchiveCollection c, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField(Fields.ID, c.id());
        string(g, Fields.TITLE, c.title());
        string(g, Fields.DESCRIPTION, c.description());
        extras(g, c.extraFields());
        g.writeEndObject();
    }

    private static void writeEntry(ManifestEntry e, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField(Fields.PATH, e.path().toString());
        string(g, Fields.COLLECTION, e.collection());
        string(g, Fields.TITLE, e.title());
        string(g, Fields.MEDIA_TYPE, e.mediaType());
        g.writeNumberField(Fields.SIZE, e.size());
        g.writeObjectFieldStart(Fields.DIGESTS);
        for (DigestValue digest : e.digests().values()) {
            g.writeStringField(digest.algorithm().label(), digest.hex());
        }
        g.writeEndObject();
        if (e.capture().isPresent()) {
            g.writeFieldName(Fields.CAPTURE);
            writeCapture(e.capture().get(), g);
        }
        stringMap(g, Fields.METADATA, e.metadata());
        extras(g, e.extraFields());
        g.writeEndObject();
    }

    /**
     * Writes a capture record as a JSON object in the manifest's layout; also used by the
     * verification report, whose entries carry the capture record.
     */
    public static void writeCapture(CaptureRecord c, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField(Fields.ORIGINAL_URL, c.originalUrl());
        instant(g, Fields.CAPTURE_TIME, c.captureTime());
        string(g, Fields.WAYBACK_TIMESTAMP, c.waybackTimestamp());
        string(g, Fields.ARCHIVE, c.archive());
        string(g, Fields.MEMENTO_URL, c.mementoUrl());
        string(g, Fields.RAW_MEMENTO_URL, c.rawMementoUrl());
        if (c.cdx().isPresent()) {
            g.writeFieldName(Fields.CDX);
            writeCdx(c.cdx().get(), g);
        }
        instant(g, Fields.RETRIEVED_AT, c.retrievedAt());
        string(g, Fields.RETRIEVED_BY, c.retrievedBy());
        if (!c.responseHeaders().isEmpty()) {
            g.writeObjectFieldStart(Fields.HEADERS);
            for (Map.Entry<String, List<String>> header : c.responseHeaders().entrySet()) {
                g.writeArrayFieldStart(header.getKey());
                for (String value : header.getValue()) {
                    g.writeString(value);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        if (c.warc().isPresent()) {
            g.writeFieldName(Fields.WARC);
            writeWarc(c.warc().get(), g);
        }
        if (c.check().isPresent()) {
            g.writeStringField(Fields.CHECK, c.check().get().name());
        }
        string(g, Fields.CHECK_EXPLANATION, c.checkExplanation());
        extras(g, c.extraFields());
        g.writeEndObject();
    }

    private static void writeCdx(CdxRecord r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        string(g, Fields.URLKEY, r.urlkey());
        string(g, Fields.TIMESTAMP, r.timestamp());
        string(g, Fields.ORIGINAL, r.original());
        string(g, Fields.MIMETYPE, r.mimetype());
        string(g, Fields.STATUS, r.status());
        string(g, Fields.DIGEST, r.digest());
        string(g, Fields.LENGTH, r.length());
        string(g, Fields.OFFSET, r.offset());
        string(g, Fields.FILENAME, r.filename());
        extras(g, r.extraFields());
        g.writeEndObject();
    }

    private static void writeWarc(WarcSource w, JsonGenerator g) throws IOException {
        g.writeStartObject();
        string(g, Fields.FILENAME, w.filename());
        if (w.offset().isPresent()) {
            g.writeNumberField(Fields.OFFSET, w.offset().getAsLong());
        }
        g.writeStringField(Fields.RECORD_ID, w.recordId());
        string(g, Fields.TARGET_URI, w.targetUri());
        instant(g, Fields.DATE, w.date());
        string(g, Fields.PAYLOAD_DIGEST, w.payloadDigest());
        extras(g, w.extraFields());
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        }
    }

    private static void instant(JsonGenerator g, String name, Optional<Instant> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, Rfc3339.format(value.get()));
        }
    }

    private static void stringMap(JsonGenerator g, String name, Map<String, String> map) throws IOException {
        if (!map.isEmpty()) {
            g.writeObjectFieldStart(name);
            for (Map.Entry<String, String> e : map.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
    }

    private static void extras(JsonGenerator g, Map<String, String> extraFields) throws IOException {
        for (Map.Entry<String, String> e : extraFields.entrySet()) {
            g.writeFieldName(e.getKey());
            JsonValues.write(e.getValue(), g);
        }
    }
}
