package dev.palimpsest.core.internal.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.json.ManifestWriter;
import dev.palimpsest.core.verify.EntryResult;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.SignatureResult;
import dev.palimpsest.core.verify.TimestampInfo;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a {@link VerificationReport} as JSON. Field names and order are a contract (core/FORMAT.md):
 * fields are only ever added. Absent optional values are omitted rather than written as null.
 */
public final class ReportJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ReportJson() {
    }

    /** The report as a JSON string ending in a newline. */
    public static String toJson(VerificationReport report) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            write(report, buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array cannot fail
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** Writes the report to {@code out} as UTF-8 JSON; flushes, does not close. */
    public static void write(VerificationReport report, OutputStream out) throws IOException {
        JsonGenerator gen = FACTORY.createGenerator(out);
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        gen.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
        gen.writeStartObject();
        gen.writeStringField("verdict", report.verdict().name());
        gen.writeStringField("format", report.format().label());
        gen.writeStringField("source", report.source());
        gen.writeArrayFieldStart("signatures");
        for (SignatureResult s : report.signatures()) {
            writeSignature(gen, s);
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("entries");
        for (EntryResult e : report.entries()) {
            writeEntry(gen, e);
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("problems");
        for (Problem p : report.problems()) {
            writeProblem(gen, p);
        }
        gen.writeEndArray();
        gen.writeEndObject();
        gen.writeRaw('\n');
        gen.flush();
    }

    private static void writeSignature(JsonGenerator gen, SignatureResult s) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("kind", s.kind().label());
        gen.writeBooleanField("valid", s.valid());
        gen.writeBooleanField("trusted", s.trusted());
        optional(gen, "signer", s.signer());
        optional(gen, "certificateSha256", s.certificateSha256());
        optional(gen, "signingTime", s.signingTime().map(Object::toString));
        if (s.timestamp().isPresent()) {
            TimestampInfo t = s.timestamp().get();
            gen.writeObjectFieldStart("timestamp");
            gen.writeStringField("time", t.time().toString());
            gen.writeStringField("tsa", t.tsa());
            gen.writeBooleanField("valid", t.valid());
            gen.writeEndObject();
        }
        optional(gen, "coverage", s.coverage());
        optional(gen, "level", s.level());
        gen.writeEndObject();
    }

    private static void writeEntry(JsonGenerator gen, EntryResult e) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("path", e.path());
        gen.writeStringField("status", e.status().name());
        digests(gen, "expected", e.expected());
        digests(gen, "actual", e.actual());
        if (e.capture().isPresent()) {
            gen.writeFieldName("capture");
            ManifestWriter.writeCapture(e.capture().get(), gen);
        }
        optional(gen, "captureCheck", e.captureCheck().map(Enum::name));
        optional(gen, "url", e.url());
        optional(gen, "timestamp", e.timestamp().map(Object::toString));
        gen.writeEndObject();
    }

    private static void writeProblem(JsonGenerator gen, Problem p) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("code", p.code().name());
        gen.writeStringField("severity", p.severity().name());
        optional(gen, "path", p.path());
        gen.writeStringField("message", p.message());
        optional(gen, "expected", p.expected());
        optional(gen, "actual", p.actual());
        gen.writeEndObject();
    }

    private static void digests(JsonGenerator gen, String name, Map<DigestAlgorithm, DigestValue> digests)
            throws IOException {
        if (digests.isEmpty()) {
            return;
        }
        gen.writeObjectFieldStart(name);
        for (DigestValue d : digests.values()) {
            gen.writeStringField(d.algorithm().label(), d.hex());
        }
        gen.writeEndObject();
    }

    private static void optional(JsonGenerator gen, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            gen.writeStringField(name, value.get());
        }
    }
}
