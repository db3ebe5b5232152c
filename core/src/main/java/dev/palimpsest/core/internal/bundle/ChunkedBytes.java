package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Bytes held in memory as a list of chunks: written once, then read any number of times. Unlike a
 * {@link java.io.ByteArrayOutputStream} it never copies what it holds to grow or to hand it out,
 * which matters for the manifest of a bundle of a hundred thousand files (tens of megabytes).
 */
final class ChunkedBytes extends OutputStream {
    private static final int CHUNK = 1 << 20;
    private final List<byte[]> chunks = new ArrayList<>();
    private int used;
    private long size;

    /** The bytes of {@code bytes}, without a copy. */
    static ChunkedBytes of(byte[] bytes) {
        ChunkedBytes chunked = new ChunkedBytes();
        chunked.chunks.add(bytes);
        chunked.used = bytes.length;
        chunked.size = bytes.length;
        return chunked;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (chunks.isEmpty() || used == chunks.get(chunks.size() - 1).length) {
                chunks.add(new byte[CHUNK]);
                used = 0;
            }
            byte[] last = chunks.get(chunks.size() - 1);
            int n = Math.min(len, last.length - used);
            System.arraycopy(b, off, last, used, n);
            used += n;
            off += n;
            len -= n;
            size += n;
        }
    }

    /** The number of bytes held. */
    long size() {
        return size;
    }

    /** The length of chunk {@code i} that holds data. */
    private int length(int i) {
        return i == chunks.size() - 1 ? used : chunks.get(i).length;
    }

    /** Writes every byte to {@code out}. */
    void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < chunks.size(); i++) {
            out.write(chunks.get(i), 0, length(i));
        }
    }

    /** Calls {@code sink} with each chunk in order. */
    void forEach(dev.palimpsest.core.internal.digest.ByteSink sink) throws IOException {
        for (int i = 0; i < chunks.size(); i++) {
            sink.write(chunks.get(i), 0, length(i));
        }
    }

    /** A stream over the bytes. */
    InputStream stream() {
        List<InputStream> parts = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            parts.add(new java.io.ByteArrayInputStream(chunks.get(i), 0, length(i)));
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    /** The digest of the bytes with {@code algorithm}. */
    DigestValue digest(DigestAlgorithm algorithm) {
        MessageDigest md = algorithm.newMessageDigest();
        for (int i = 0; i < chunks.size(); i++) {
            md.update(chunks.get(i), 0, length(i));
        }
        return DigestValue.of(algorithm, md.digest());
    }

    /** The bytes as one array (a copy); for small content only. */
    byte[] toByteArray() {
        byte[] all = new byte[Math.toIntExact(size)];
        int at = 0;
        for (int i = 0; i < chunks.size(); i++) {
            System.arraycopy(chunks.get(i), 0, all, at, length(i));
            at += length(i);
        }
        return all;
    }

    @Override
    public String toString() {
        return "ChunkedBytes[" + size + " bytes]";
    }
}
