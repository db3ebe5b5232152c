package dev.palimpsest.pdf.internal.io;

import dev.palimpsest.pdf.ContentSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link ContentSource} that is a file, so that a portfolio can copy its bytes straight from the
 * file into the PDF instead of through a temporary copy.
 */
public record FileSource(Path path) implements ContentSource {
    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }
}
