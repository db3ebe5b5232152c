package dev.palimpsest.core.internal.wacz;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The payload digests of a WARC record: of the HTTP body as stored, and — when the body was stored
 * with chunked transfer coding — of the body with the coding removed. WARC writers differ here
 * (warcio hashes the chunked bytes, others the decoded body), so an index digest may be either.
 * Content coding (gzip, br) is never removed: indexes hash the body as the server sent it.
 */
final class Payload {
    /** HTTP headers longer than this are not a response a WARC writer recorded. */
    private static final int MAX_HEADER_BYTES = 256 * 1024;

    /** The digests by algorithm; {@code decoded} is empty unless the body was chunked and decoded cleanly. */
    record Digests(Map<DigestAlgorithm, DigestValue> raw, Map<DigestAlgorithm, DigestValue> decoded, boolean chunked) {
    }

    private Payload() {
    }

    /**
     * Hashes a record block.
     *
     * @param block the record's block, read to its end
     * @param http whether the block is an HTTP message whose body is the payload; otherwise the
     *     whole block is
     * @return the digests, or null when an HTTP block has no complete header
     */
    static Digests of(InputStream block, boolean http, Set<DigestAlgorithm> algorithms) throws IOException {
        Map<DigestAlgorithm, MessageDigest> raw = digests(algorithms);
        boolean chunked = false;
        byte[] buffer = new byte[64 * 1024];
        if (http) {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            int lf = 0;
            while (matched < 4 && lf < 2) {
                int b = block.read();
                if (b < 0 || head.size() >= MAX_HEADER_BYTES) {
                    return null;
                }
                head.write(b);
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
                lf = b == '\n' ? lf + 1 : (b == '\r' ? lf : 0);
            }
            chunked = chunked(head.toString(StandardCharsets.ISO_8859_1));
        }
        ChunkDecoder decoder = chunked ? new ChunkDecoder(digests(algorithms)) : null;
        for (int n; (n = block.read(buffer)) >= 0;) {
            for (MessageDigest md : raw.values()) {
                md.update(buffer, 0, n);
            }
            if (decoder != null) {
                decoder.update(buffer, 0, n);
            }
        }
        Map<DigestAlgorithm, DigestValue> decoded = new EnumMap<>(DigestAlgorithm.class);
        if (decoder != null && !decoder.failed) {
            decoder.digests.forEach((a, md) -> decoded.put(a, DigestValue.of(a, md.digest())));
        }
        Map<DigestAlgorithm, DigestValue> rawValues = new EnumMap<>(DigestAlgorithm.class);
        raw.forEach((a, md) -> rawValues.put(a, DigestValue.of(a, md.digest())));
        return new Digests(rawValues, decoded, chunked);
    }

    private static Map<DigestAlgorithm, MessageDigest> digests(Set<DigestAlgorithm> algorithms) {
        Map<DigestAlgorithm, MessageDigest> digests = new EnumMap<>(DigestAlgorithm.class);
        for (DigestAlgorithm a : algorithms) {
            digests.put(a, a.newMessageDigest());
        }
        return digests;
    }

    private static boolean chunked(String head) {
        for (String line : head.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("transfer-encoding")
                    && line.substring(colon + 1).toLowerCase(Locale.ROOT).contains("chunked")) {
                return true;
            }
        }
        return false;
    }

    /** Removes chunked transfer coding (RFC 9112 section 7.1) from bytes pushed into it. */
    private static final class ChunkDecoder {
        private enum State { SIZE, DATA, DATA_END, TRAILER, DONE }

        final Map<DigestAlgorithm, MessageDigest> digests;
        boolean failed;
        private State state = State.SIZE;
        private final StringBuilder line = new StringBuilder();
        private long remaining;

        ChunkDecoder(Map<DigestAlgorithm, MessageDigest> digests) {
            this.digests = digests;
        }

        void update(byte[] b, int off, int len) {
            int i = off;
            int end = off + len;
            while (i < end && !failed && state != State.DONE) {
                if (state == State.DATA) {
                    int n = (int) Math.min(remaining, end - i);
                    for (MessageDigest md : digests.values()) {
                        md.update(b, i, n);
                    }
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.DATA_END;
                    }
                    continue;
                }
                char c = (char) (b[i++] & 0xff);
                if (c != '\n') {
                    if (line.length() > 4096) {
                        failed = true;
                    }
                    line.append(c);
                    continue;
                }
                String text = line.toString().strip();
                line.setLength(0);
                switch (state) {
                    case SIZE:
                        int semicolon = text.indexOf(';');
                        String size = (semicolon < 0 ? text : text.substring(0, semicolon)).strip();
                        if (!size.matches("[0-9A-Fa-f]{1,15}")) {
                            failed = true;
                        } else {
                            remaining = Long.parseLong(size, 16);
                            state = remaining == 0 ? State.TRAILER : State.DATA;
                        }
                        break;
                    case DATA_END:
                        if (!text.isEmpty()) {
                            failed = true;
                        }
                        state = State.SIZE;
                        break;
                    case TRAILER:
                        if (text.isEmpty()) {
                            state = State.DONE;
                        }
                        break;
                    default:
                        break;
                }
            }
        }
    }
}
