package dev.palimpsest.pdf.internal.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Random access to bytes for the parser: either a file read through a {@link FileChannel} with
 * a small window cache, or a decoded object stream in memory.
 * Reading past the end gives {@code -1}. Not thread-safe.
 */
public abstract class ByteSource {

    /** The number of bytes. */
    public abstract long length();

    /** The byte at {@code pos} (0..255), or {@code -1} past either end. */
    public abstract int at(long pos) throws IOException;

    /** Whether this source is the file itself, so that positions are file offsets. */
    public abstract boolean isFile();

    /** Reads up to {@code len} bytes at {@code pos}; returns the count, or -1 at the end. */
    public abstract int read(long pos, byte[] buffer, int offset, int len) throws IOException;

    /** A stream over {@code [from, to)}. */
    public InputStream stream(long from, long to) {
        return new InputStream() {
            private long pos = from;

            @Override
            public int read() throws IOException {
                if (pos >= to) {
                    return -1;
                }
                return at(pos++);
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= to) {
                    return -1;
                }
                int n = ByteSource.this.read(pos, b, off, (int) Math.min(len, to - pos));
                if (n <= 0) {
                    return -1;
                }
                pos += n;
                return n;
            }
        };
    }

    /**
     * A source over a file channel; the caller closes {@code channel}. Positional reads, so
     * {@link #read} of a large range is one system call per buffer rather than one per 4 KiB page.
     */
    public static ByteSource of(FileChannel channel) throws IOException {
        return new ChannelSource(channel);
    }

    /** A source over bytes in memory (a decoded object stream). */
    public static ByteSource of(byte[] bytes) {
        return new ArraySource(bytes);
    }

    private static final class ChannelSource extends ByteSource {
        private static final int WINDOW = 16 * 1024;
        private final FileChannel channel;
        private final long length;
        private final byte[] window = new byte[WINDOW];
        private long windowStart = -1;
        private int windowLength;

        ChannelSource(FileChannel channel) throws IOException {
            this.channel = channel;
            this.length = channel.size();
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public boolean isFile() {
            return true;
        }

        @Override
        public int at(long pos) throws IOException {
            if (pos < 0 || pos >= length) {
                return -1;
            }
            if (windowStart < 0 || pos < windowStart || pos >= windowStart + windowLength) {
                windowStart = pos;
                windowLength = Math.max(0, fill(pos, window, 0, (int) Math.min(WINDOW, length - pos)));
                if (windowLength == 0) {
                    return -1;
                }
            }
            return window[(int) (pos - windowStart)] & 0xff;
        }

        @Override
        public int read(long pos, byte[] buffer, int offset, int len) throws IOException {
            if (pos < 0 || pos >= length) {
                return -1;
            }
            int want = (int) Math.min(len, length - pos);
            if (want <= WINDOW && windowStart >= 0 && pos >= windowStart && pos + want <= windowStart + windowLength) {
                System.arraycopy(window, (int) (pos - windowStart), buffer, offset, want);
                return want;
            }
            return fill(pos, buffer, offset, want);
        }

        private int fill(long pos, byte[] buffer, int offset, int want) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(buffer, offset, want);
            int total = 0;
            while (total < want) {
                int n = channel.read(b, pos + total);
                if (n <= 0) {
                    break;
                }
                total += n;
            }
            return total == 0 ? -1 : total;
        }
    }

    private static final class ArraySource extends ByteSource {
        private final byte[] bytes;

        ArraySource(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public boolean isFile() {
            return false;
        }

        @Override
        public int at(long pos) {
            return pos < 0 || pos >= bytes.length ? -1 : bytes[(int) pos] & 0xff;
        }

        @Override
        public int read(long pos, byte[] buffer, int offset, int len) {
            if (pos < 0 || pos >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, (int) pos, buffer, offset, n);
            return n;
        }

        @Override
        public String toString() {
            return "ArraySource[" + bytes.length + " bytes, " + Arrays.hashCode(bytes) + "]";
        }
    }
}
