package dev.palimpsest.pdf.internal.pades;

import dev.palimpsest.core.digest.DigestAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.io.RandomAccessReadView;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * A PDF file that grows by incremental updates appended in place, with running digests over all
 * its bytes.
 *
 * <p>PDFBox writes an incremental update as "the whole original, then the new revision", reading
 * the original from the source it is given. For a portfolio of a gigabyte that would read and copy
 * the file once per revision. Here PDFBox's writer is given a stand-in source of the same length
 * that reads nothing ({@link #stub()}), the original part of what it writes is dropped, and only
 * the new revision is appended to this file. Likewise the bytes a signature covers are the
 * original (whose digest is already known here) followed by part of the new revision, so only
 * the new revision is hashed. The document itself is parsed from the real file.
 */
final class IncrementalPdf {
    private static final int BUFFER = 1 << 20;

    private final Path file;
    private final Map<DigestAlgorithm, MessageDigest> running;
    private long length;

    /**
     * A file whose {@code length} bytes have been fed to {@code digests} (which this object now
     * owns and keeps updating).
     */
    IncrementalPdf(Path file, long length, Map<DigestAlgorithm, MessageDigest> digests) {
        this.file = file;
        this.length = length;
        this.running = new EnumMap<>(digests);
    }

    long length() {
        return length;
    }

    /** Opens the file as it is now. */
    PDDocument load() throws IOException {
        RandomAccessReadBufferedFile source = new RandomAccessReadBufferedFile(file);
        try {
            return Loader.loadPDF(source);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** A copy of the running digest over every byte of the file so far. */
    MessageDigest digestSoFar(DigestAlgorithm algorithm) {
        MessageDigest d = Objects.requireNonNull(running.get(algorithm), algorithm.label() + " is not tracked");
        try {
            return (MessageDigest) d.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's " + algorithm.jcaName() + " cannot be cloned", e);
        }
    }

    /**
     * The digest of what a signature in the new revision covers: {@code content} is PDFBox's
     * "data to sign", i.e. this file's bytes followed by the new revision without the signature's
     * {@code /Contents}. The file's part is skipped (its digest is known), not hashed again.
     */
    byte[] digestOfSignedRanges(DigestAlgorithm algorithm, InputStream content) throws IOException {
        MessageDigest digest = digestSoFar(algorithm);
        byte[] buffer = new byte[BUFFER];
        long toSkip = length;
        while (toSkip > 0) {
            int n = content.read(buffer, 0, (int) Math.min(buffer.length, toSkip));
            if (n < 0) {
                throw new IOException("PDFBox gave fewer bytes to sign than the file has");
            }
            toSkip -= n;
        }
        for (int n; (n = content.read(buffer)) >= 0;) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }

    /**
     * A stand-in for the file as PDFBox's incremental writer's source: it has the file's length,
     * and reading it yields unspecified bytes without touching the disk. The writer only copies
     * the source to the {@link #appender()}, which drops those bytes, and offers it as the start of
     * the data to sign, which {@link #digestOfSignedRanges} skips.
     */
    RandomAccessRead stub() {
        return new Stub(length);
    }

    /**
     * A stream for PDFBox's incremental save: it drops the first {@link #length()} bytes (the
     * file's own, which PDFBox copies) and appends the rest to the file, updating the digests.
     * Close it once PDFBox has written everything.
     */
    OutputStream appender() throws IOException {
        return new Appender(FileChannel.open(file, StandardOpenOption.WRITE));
    }

    private static final class Stub implements RandomAccessRead {
        private final long length;
        private long position;
        private boolean closed;

        Stub(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            return position < length ? (int) (position++ & 0) : -1;
        }

        @Override
        public int read(byte[] b, int offset, int len) {
            Objects.checkFromIndexSize(offset, len, b.length);
            if (position >= length) {
                return len == 0 ? 0 : -1;
            }
            int n = (int) Math.min(len, length - position);
            position += n;
            return n;
        }

        @Override
        public long getPosition() {
            return position;
        }

        @Override
        public void seek(long newPosition) throws IOException {
            if (newPosition < 0) {
                throw new IOException("seek to " + newPosition);
            }
            position = Math.min(newPosition, length);
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public boolean isEOF() {
            return position >= length;
        }

        @Override
        public RandomAccessReadView createView(long startPosition, long streamLength) {
            return new RandomAccessReadView(this, startPosition, streamLength);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final class Appender extends OutputStream {
        private final FileChannel channel;
        private long position;
        private boolean closed;

        Appender(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (closed) {
                throw new IOException("closed");
            }
            long start = position;
            position += len;
            if (position <= length) {
                return;
            }
            int skip = start >= length ? 0 : (int) (length - start);
            ByteBuffer buf = ByteBuffer.wrap(b, off + skip, len - skip);
            long at = Math.max(start, length);
            while (buf.hasRemaining()) {
                at += channel.write(buf, at);
            }
            for (MessageDigest d : running.values()) {
                d.update(b, off + skip, len - skip);
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            channel.close();
            if (position == 0) {
                return; // nothing written: the revision was abandoned
            }
            if (position < length) {
                throw new IOException("PDFBox wrote " + position + " bytes, less than the " + length
                        + " of the revision it updates");
            }
            length = position;
        }
    }
}
