package dev.palimpsest.pdf.internal.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;

/** Feeds every byte written through it to a set of digests, and counts them. */
public final class DigestingOutputStream extends FilterOutputStream {
    private final List<MessageDigest> digests;
    private long count;

    /** Writes to {@code out}, updating {@code digests}. */
    public DigestingOutputStream(OutputStream out, Collection<MessageDigest> digests) {
        super(out);
        this.digests = List.copyOf(digests);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        for (MessageDigest d : digests) {
            d.update((byte) b);
        }
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        for (MessageDigest d : digests) {
            d.update(b, off, len);
        }
        count += len;
    }

    /** How many bytes went through. */
    public long count() {
        return count;
    }
}
