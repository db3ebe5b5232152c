package dev.palimpsest.core.internal.digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** Where the engine reads from: an input stream, a channel or a file, behind one shape. */
public interface ByteSource {
    /**
     * Reads up to {@code length} bytes, blocking until at least one is available.
     *
     * @return the number of bytes read, or -1 at end of input
     */
    int read(byte[] buffer, int offset, int length) throws IOException;

    // Named classes rather than lambdas: the first lambda a JVM links costs tens of
    // milliseconds, which shows when a command hashes one file and exits.

    /** A source reading from {@code in}. */
    static ByteSource of(InputStream in) {
        return new ByteSource() {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return in.read(buffer, offset, length);
            }
        };
    }

    /** A source reading from a blocking channel. */
    static ByteSource of(ReadableByteChannel channel) {
        return new ByteSource() {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return channel.read(ByteBuffer.wrap(buffer, offset, length));
            }
        };
    }
}
