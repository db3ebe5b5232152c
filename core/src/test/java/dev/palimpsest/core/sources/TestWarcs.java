package dev.palimpsest.core.sources;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcWriter;

/** Small WARC files for tests, written with jwarc, and digests of test bytes. */
public final class TestWarcs {
    public static final Instant DATE = Instant.parse("2017-10-03T12:00:00Z");

    private TestWarcs() {
    }

    /** Raw HTTP/1.1 response bytes: status line, headers, blank line, body. */
    public static byte[] http(int status, List<String> headers, byte[] body) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(status == 200 ? " OK" : " Status")
                .append("\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        head.append("\r\n");
        return concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
    }

    /** A 200 response with Content-Type and Content-Length. */
    public static byte[] ok(String contentType, byte[] body) {
        return http(200, List.of("Content-Type: " + contentType, "Content-Length: " + body.length), body);
    }

    /** The body in chunked transfer coding, in chunks of {@code size} bytes. */
    public static byte[] chunked(byte[] body, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += size) {
            int n = Math.min(size, body.length - i);
            out.writeBytes((Integer.toHexString(n) + ";ext=1\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\nX-Trailer: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static DigestValue digest(DigestAlgorithm algorithm, byte[] data) {
        return DigestValue.of(algorithm, algorithm.newMessageDigest().digest(data));
    }

    public static DigestValue sha1(byte[] data) {
        return digest(DigestAlgorithm.SHA1, data);
    }

    public static DigestValue sha1(Path file) throws IOException {
        return sha1(Files.readAllBytes(file));
    }

    public static String sha1Base32(byte[] data) {
        return "sha1:" + sha1(data).base32();
    }

    public static URI id(int n) {
        return URI.create("urn:uuid:" + new UUID(0x1234, n));
    }

    /** A response record; {@code payloadDigest} is written verbatim when not null. */
    public static WarcResponse response(String target, int n, byte[] http, String payloadDigest) {
        WarcResponse.Builder b = new WarcResponse.Builder(target).recordId(id(n)).date(DATE.plusSeconds(n))
                .body(MediaType.HTTP_RESPONSE, http);
        if (payloadDigest != null) {
            b.setHeader("WARC-Payload-Digest", payloadDigest);
        }
        return b.build();
    }

    /** A response whose payload digest is the Base32 SHA-1 of {@code body} (the usual form). */
    public static WarcResponse response(String target, int n, String contentType, byte[] body) {
        return response(target, n, ok(contentType, body), sha1Base32(body));
    }

    public static WarcResource resource(String target, int n, String contentType, byte[] block, String digestHeader,
            String digest) {
        WarcResource.Builder b = new WarcResource.Builder(URI.create(target)).recordId(id(n)).date(DATE.plusSeconds(n))
                .body(MediaType.parse(contentType), block);
        if (digestHeader != null) {
            b.setHeader(digestHeader, digest);
        }
        return b.build();
    }

    /** A revisit with an HTTP head and no body. */
    public static WarcRevisit revisit(String target, int n, String payloadDigest, URI refersTo, String refersToTarget) {
        WarcRevisit.Builder b = new WarcRevisit.Builder(target, WarcRevisit.IDENTICAL_PAYLOAD_DIGEST_1_0).recordId(id(n))
                .date(DATE.plusSeconds(n)).body(MediaType.HTTP_RESPONSE,
                        http(200, List.of("Content-Type: text/plain"), new byte[0]));
        if (payloadDigest != null) {
            b.setHeader("WARC-Payload-Digest", payloadDigest);
        }
        if (refersTo != null) {
            b.setHeader("WARC-Refers-To", "<" + refersTo + ">");
        }
        if (refersToTarget != null) {
            b.setHeader("WARC-Refers-To-Target-URI", refersToTarget);
        }
        return b.build();
    }

    /** Writes the records to a WARC file, gzip-compressed (one member per record) or not. */
    public static Path write(Path file, boolean gzip, WarcRecord... records) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                WarcWriter writer = new WarcWriter(channel, gzip ? WarcCompression.GZIP : WarcCompression.NONE)) {
            for (WarcRecord record : records) {
                writer.write(record);
            }
        }
        return file;
    }

    /** The offsets of the records in a WARC file, as jwarc reads them. */
    public static List<Long> offsets(Path warc) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (org.netpreserve.jwarc.WarcReader reader = new org.netpreserve.jwarc.WarcReader(warc)) {
            for (WarcRecord ignored : reader) {
                offsets.add(reader.position());
            }
        }
        return offsets;
    }

    public static MessageDigest md(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
