package dev.palimpsest.core.internal.digest;

import java.io.IOException;

/** Where the engine reads from: an input stream, a channel or a file, behind one shape. */
@FunctionalInterface
public interface ByteSource {
    /**
     * Reads up to {@code length} bytes, blocking until at least one is available.
     *
     * @return the number of bytes read, or -1 at end of input
     */
    int read(byte[] buffer, int offset, int length) throws IOException;
}
