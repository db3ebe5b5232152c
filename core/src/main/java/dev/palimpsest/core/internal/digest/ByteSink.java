package dev.palimpsest.core.internal.digest;

import java.io.IOException;
import java.io.OutputStream;

/** Where the engine copies what it reads to, when hashing while copying. */
public interface ByteSink {
    /** Writes all of {@code buffer[offset, offset + length)}. */
    void write(byte[] buffer, int offset, int length) throws IOException;

    /** A sink writing to {@code out}. */
    static ByteSink of(OutputStream out) {
        return new ByteSink() {
            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                out.write(buffer, offset, length);
            }
        };
    }
}
