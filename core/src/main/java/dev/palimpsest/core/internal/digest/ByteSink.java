package dev.palimpsest.core.internal.digest;

import java.io.IOException;

/** Where the engine copies what it reads to, when hashing while copying. */
@FunctionalInterface
public interface ByteSink {
    /** Writes all of {@code buffer[offset, offset + length)}. */
    void write(byte[] buffer, int offset, int length) throws IOException;
}
