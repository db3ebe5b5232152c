package dev.palimpsest.core.internal.sources;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A failure writing the output (disk full, permissions), kept apart from failures reading the
 * input: bad input is reported and skipped, a failing target stops the whole import.
 */
final class TargetWriteException extends IOException {
    private static final long serialVersionUID = 1L;

    TargetWriteException(IOException cause) {
        super(cause.getMessage(), cause);
    }

    /** The underlying failure. */
    IOException failure() {
        return (IOException) getCause();
    }

    /** An output stream whose failures are {@link TargetWriteException}s. */
    static OutputStream marking(OutputStream out) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                try {
                    out.write(b);
                } catch (IOException e) {
                    throw new TargetWriteException(e);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw new TargetWriteException(e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw new TargetWriteException(e);
                }
            }
        };
    }
}
