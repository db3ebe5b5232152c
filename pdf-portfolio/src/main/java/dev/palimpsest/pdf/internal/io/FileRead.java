package dev.palimpsest.pdf.internal.io;

import dev.palimpsest.pdf.PortfolioException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadView;

/**
 * The bytes of a file of known length as a PDFBox {@link RandomAccessRead}, so that an embedded
 * file stream is copied from the file into the PDF when the document is saved, with no temporary
 * copy in between.
 *
 * <p>The file is opened on first read and closed once read to its end, so a portfolio of many
 * files holds at most one open. Reads go through a read-ahead buffer (PDFBox copies in 4 KiB
 * pieces). While the file is read from start to end, its CRC-32C is computed and compared at the
 * end with the one it had when it was hashed for the portfolio: a file changed in between fails
 * the save rather than putting other bytes in the PDF than those that were checked. (A CRC, not a
 * second SHA-256: this catches a file that changes under the build, at a tenth of the cost; the
 * PDF's own signature covers the bytes actually written.)
 */
public final class FileRead implements RandomAccessRead {
    private static final int BUFFER = 256 * 1024;

    private final String name;
    private final Path path;
    private final long length;
    private final int crc32c;
    private FileChannel channel;
    private byte[] buffer;
    private long bufferStart;
    private int bufferLength;
    private long position;
    private boolean closed;
    private CRC32C guard;
    private long guarded;

    /** The file at {@code path}, named {@code name} in messages, expected to have {@code length} bytes with CRC-32C {@code crc32c}. */
    public FileRead(String name, Path path, long length, int crc32c) {
        this.name = name;
        this.path = path;
        this.length = length;
        this.crc32c = crc32c;
    }

    /** A view of the whole file that closes this reader when PDFBox closes the stream. */
    public RandomAccessReadView view() throws IOException {
        return new RandomAccessReadView(this, 0, length, true);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int offset, int len) throws IOException {
        checkOpen();
        if (len == 0) {
            return 0;
        }
        if (position >= length) {
            return -1;
        }
        if (position < bufferStart || position >= bufferStart + bufferLength) {
            fill();
        }
        int n = (int) Math.min(len, bufferStart + bufferLength - position);
        System.arraycopy(buffer, (int) (position - bufferStart), b, offset, n);
        check(b, offset, n);
        position += n;
        if (position == length) {
            release();
        }
        return n;
    }

    private void fill() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            buffer = new byte[BUFFER];
        }
        ByteBuffer bb = ByteBuffer.wrap(buffer, 0, (int) Math.min(BUFFER, length - position));
        long at = position;
        while (bb.hasRemaining()) {
            int n = channel.read(bb, at);
            if (n < 0) {
                throw new PortfolioException(name, "became shorter (" + at + " bytes) while the portfolio was written", new EOFException());
            }
            at += n;
        }
        bufferStart = position;
        bufferLength = bb.position();
    }

    /** Hashes bytes read in order from the start, and checks the digest at the end. */
    private void check(byte[] b, int offset, int n) throws PortfolioException {
        if (position == 0) {
            guard = new CRC32C();
            guarded = 0;
        }
        if (guard == null || position != guarded) {
            guard = null; // not a read from start to end: nothing to conclude
            return;
        }
        guard.update(b, offset, n);
        guarded += n;
        if (guarded == length) {
            int actual = (int) guard.getValue();
            guard = null;
            if (actual != crc32c) {
                throw new PortfolioException(name, "changed while the portfolio was written (its CRC-32C is now "
                        + Integer.toHexString(actual) + ", it was " + Integer.toHexString(crc32c) + ")");
            }
        }
    }

    private void release() throws IOException {
        buffer = null;
        bufferLength = 0;
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException(name + ": read after close");
        }
    }

    @Override
    public long getPosition() {
        return position;
    }

    @Override
    public void seek(long newPosition) throws IOException {
        checkOpen();
        if (newPosition < 0) {
            throw new IOException(name + ": seek to " + newPosition);
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
    public void close() throws IOException {
        closed = true;
        release();
    }
}
