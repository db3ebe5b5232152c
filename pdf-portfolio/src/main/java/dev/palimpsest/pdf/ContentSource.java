package dev.palimpsest.pdf;

import dev.palimpsest.pdf.internal.io.FileSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens the bytes of one file to embed in a portfolio.
 *
 * <p>A portfolio reads each source once, while embedding, and closes the stream it got; sources
 * are opened one at a time, so a portfolio of many large files never holds more than one of them
 * open. A source made by {@link #ofFile(Path)} is the exception: it is read twice, once to hash it
 * (possibly on another thread, alongside other files) and once, when the PDF is written, to copy it
 * from the disk into the PDF without a temporary copy.
 */
@FunctionalInterface
public interface ContentSource {
    /**
     * A new stream over the file's bytes, positioned at the first byte. The caller closes it.
     *
     * @throws IOException if the bytes cannot be read
     */
    InputStream open() throws IOException;

    /**
     * A source that reads {@code file} from the file system each time it is opened. A portfolio
     * copies such a file straight into the PDF when it is written (no temporary copy), checking
     * that its SHA-256 is still the one it had when embedded.
     */
    static ContentSource ofFile(Path file) {
        Objects.requireNonNull(file, "file");
        return new FileSource(file);
    }

    /** A source over a copy of {@code bytes}, for small files and tests. */
    static ContentSource ofBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        byte[] copy = bytes.clone();
        return () -> new ByteArrayInputStream(copy);
    }
}
