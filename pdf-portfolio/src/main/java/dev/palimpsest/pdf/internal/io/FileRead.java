package dev.palimpsest.pdf.internal.io;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.pdf.PortfolioException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadView;

/**
 * The bytes of a file of known length as a PDFBox {@link RandomAccessRead}, so that an embedded
 * file stream is copied from the file into the PDF when the document is saved, with no temporary
 * copy in between.
 *
 * <p>The file is opened on first read and closed once read to its end, so a portfolio of many
 * files holds at most one open. Reads go through a read-ahead buffer (PDFBox copies in 4 KiB
 * pieces). While the file is read from start to end, its SHA-256 (and MD5, when one is expected)
 * is computed and compared at the end with the manifest's: a file whose bytes differ fails the
 * save, so a portfolio never holds other bytes than its manifest says, even when a file changes
 * after it was first looked at.
 */
public final class FileRead implements RandomAccessRead {
    private static final int BUFFER = 256 * 1024;

    private final String name;
    private final Path path;
    private final long length;
    private final DigestValue sha256;
    private final DigestValue md5;
    private FileChannel channel;
    private byte[] buffer;
    private long bufferStart;
    private int bufferLength;
    private long position;
    private boolean closed;
    private MessageDigest guardSha256;
    private MessageDigest guardMd5;
    private long guarded;

    /**
     * The file at {@code path}, named {@code name} in messages, expected to have {@code length}
     * bytes with {@code sha256} and, unless it is null, {@code md5}.
     */
    public FileRead(String name, Path path, long length, DigestValue sha256, DigestValue md5) {
        this.name = name;
        this.path = path;
        this.length = length;
        this.sha256 = sha256;
        this.md5 = md5;
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
            guardSha256 = DigestAlgorithm.SHA256.newMessageDigest();
            guardMd5 = md5 == null ? null : DigestAlgorithm.MD5.newMessageDigest();
            guarded = 0;
        }
        if (guardSha256 == null || position != guarded) {
            guardSha256 = null; // not a read from start to end: nothing to conclude
            return;
        }
        guardSha256.update(b, offset, n);
        if (guardMd5 != null) {
            guardMd5.update(b, offset, n);
        }
        guarded += n;
        if (guarded == length) {
            compare(sha256, guardSha256.digest());
            if (guardMd5 != null) {
                compare(md5, guardMd5.digest());
            }
            guardSha256 = null;
            guardMd5 = null;
        }
    }

    private void compare(DigestValue expected, byte[] actual) throws PortfolioException {
        if (!expected.matches(actual)) {
            throw new PortfolioException(name, expected.algorithm().label() + " is "
                    + DigestValue.of(expected.algorithm(), actual).hex() + ", the manifest declares " + expected.hex());
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
