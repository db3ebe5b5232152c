package dev.palimpsest.core.manifest;

import dev.palimpsest.core.internal.json.JsonSetup;
import dev.palimpsest.core.internal.json.ManifestReader;
import dev.palimpsest.core.internal.json.ManifestWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads and writes archive manifests as JSON (the format of {@code core/FORMAT.md}).
 *
 * <p><b>Writing</b> is deterministic: the same manifest always gives the same bytes (UTF-8,
 * members in a fixed order, two-space indents, LF line ends, a final newline), so a manifest can
 * be signed, re-created and compared byte for byte.
 *
 * <p><b>Reading</b> is strict and treats the input as hostile. It accepts only UTF-8 JSON with
 * no duplicate member names, no comments and nothing after the manifest object; the first two
 * members must be {@code "format": "palimpsest-archive"} and {@code "version"}, and a version
 * with a newer major number is rejected before anything else is read, while a newer minor
 * version is accepted with the members it added kept as extra fields. The input is read as a
 * stream of tokens and the first problem stops the read, so time and memory stay bounded: at
 * most {@link #maxDocumentBytes()} bytes and {@link #maxEntries()} entries are read, objects and
 * arrays nest at most {@value #MAX_NESTING_DEPTH} deep, a string holds at most
 * {@value #MAX_STRING_LENGTH} characters and a member name at most {@value #MAX_NAME_LENGTH} bytes
 * in UTF-8. The builders hold every value to these limits too, so whatever can be built can be
 * written and read back (the document and entry limits depend on the reader and are the
 * exception).
 * The manifest read is held in memory: about four times its size in JSON for typical entries, and
 * never more than about ten times (for documents made of tiny members), so the default limits
 * keep a read under roughly 700 MB whatever the input. Raise them for larger archives.
 * Every rule of the model types applies as well. A problem is a {@link ManifestException} whose
 * message gives the line, column and JSON pointer of the offending value, and the file name when
 * read from a file.
 *
 * <p>Instances are immutable and thread-safe; {@link #standard()} has the default limits and the
 * {@code with...} methods return a copy with one limit changed.
 */
public final class ManifestCodec {
    /** The default for {@link #maxEntries()}. */
    public static final int DEFAULT_MAX_ENTRIES = 1_000_000;
    /**
     * The default for {@link #maxDocumentBytes()}: 64 MiB, room for tens of thousands of entries
     * with full capture records.
     */
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 64L * 1024 * 1024;
    /** How deep objects and arrays may nest, counting the manifest object itself. */
    public static final int MAX_NESTING_DEPTH = JsonSetup.MAX_NESTING_DEPTH;
    /** The longest string value, in characters. */
    public static final int MAX_STRING_LENGTH = JsonSetup.MAX_STRING_LENGTH;
    /** The longest member name (including metadata keys and header names), in UTF-8 bytes. */
    public static final int MAX_NAME_LENGTH = JsonSetup.MAX_NAME_LENGTH;

    private static final String SCHEMA_RESOURCE = "archive-manifest.schema.json";
    private static final ManifestCodec STANDARD = new ManifestCodec(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_DOCUMENT_BYTES);

    private final int maxEntries;
    private final long maxDocumentBytes;
    private final ManifestReader reader;

    private ManifestCodec(int maxEntries, long maxDocumentBytes) {
        this.maxEntries = maxEntries;
        this.maxDocumentBytes = maxDocumentBytes;
        this.reader = new ManifestReader(maxEntries, maxDocumentBytes);
    }

    /** The codec with the default limits. */
    public static ManifestCodec standard() {
        return STANDARD;
    }

    /**
     * A codec that reads at most {@code maxEntries} entries.
     *
     * @throws IllegalArgumentException if {@code maxEntries} is negative
     */
    public ManifestCodec withMaxEntries(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative: " + maxEntries);
        }
        return new ManifestCodec(maxEntries, maxDocumentBytes);
    }

    /**
     * A codec that reads manifests of at most {@code maxDocumentBytes} bytes.
     *
     * @throws IllegalArgumentException if {@code maxDocumentBytes} is less than 1
     */
    public ManifestCodec withMaxDocumentBytes(long maxDocumentBytes) {
        if (maxDocumentBytes < 1) {
            throw new IllegalArgumentException("maxDocumentBytes must be at least 1: " + maxDocumentBytes);
        }
        return new ManifestCodec(maxEntries, maxDocumentBytes);
    }

    /** The most entries a manifest may have to be read. */
    public int maxEntries() {
        return maxEntries;
    }

    /** The longest manifest that is read, in bytes. */
    public long maxDocumentBytes() {
        return maxDocumentBytes;
    }

    /**
     * Reads a manifest from a stream, up to its end. The stream is not closed.
     *
     * @throws ManifestException if the input is not a valid manifest or is over a limit; the
     *     message gives the location and the rule
     * @throws IOException if reading the stream fails
     */
    public ArchiveManifest read(InputStream in) throws IOException {
        return reader.read(Objects.requireNonNull(in, "in"), null);
    }

    /**
     * Reads a manifest held in memory, such as the exact bytes whose signature was just checked.
     *
     * @throws ManifestException if the bytes are not a valid manifest or are over a limit; the
     *     message gives the location and the rule
     */
    public ArchiveManifest read(byte[] json) throws ManifestException {
        return reader.read(Objects.requireNonNull(json, "json"), null);
    }

    /**
     * Reads a manifest from a file. A file over the size limit is rejected before it is read.
     *
     * @throws ManifestException if the file is not a valid manifest or is over a limit; the
     *     message starts with the file name, line and column
     * @throws IOException if the file cannot be read
     */
    public ArchiveManifest read(Path file) throws IOException {
        String source = file.toString();
        reader.checkSize(source, Files.size(file));
        try (InputStream in = Files.newInputStream(file)) {
            return reader.read(in, source);
        }
    }

    /**
     * Writes a manifest to a stream, which is flushed but not closed.
     *
     * @throws IOException if writing to the stream fails
     */
    public void write(ArchiveManifest manifest, OutputStream out) throws IOException {
        ManifestWriter.write(Objects.requireNonNull(manifest, "manifest"), Objects.requireNonNull(out, "out"));
    }

    /** The manifest's JSON, exactly the bytes {@link #write} produces. */
    public byte[] toBytes(ArchiveManifest manifest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            write(manifest, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return out.toByteArray();
    }

    /**
     * The JSON Schema (draft 2020-12) of the manifest format, as shipped in this library. The
     * schema describes the structure; some rules (path collisions, collection references, the
     * agreement of the capture time with the Wayback timestamp) are beyond what a schema can say,
     * and only the reader checks them.
     */
    public static String jsonSchema() {
        try (InputStream in = ManifestCodec.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the palimpsest-core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + SCHEMA_RESOURCE, e);
        }
    }
}
