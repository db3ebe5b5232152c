package dev.palimpsest.pdf;

import java.io.IOException;
import java.util.Objects;

/**
 * A portfolio could not be built because an input was wrong: a file's bytes do not have the
 * size or digest its {@link PortfolioItem} declares, or a file could not be read. The message
 * names the file and what was expected and found.
 *
 * <p>It extends {@link IOException} because it arises while reading the inputs. When building to
 * a path, nothing is left behind when it is thrown.
 */
public final class PortfolioException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * A failure concerning the file at {@code path} (an archive path, or the name of the
     * manifest or its signature).
     */
    public PortfolioException(String path, String message, Throwable cause) {
        super(Objects.requireNonNull(path, "path") + ": " + Objects.requireNonNull(message, "message"), cause);
        this.path = path;
    }

    /** A failure concerning the file at {@code path}, with no underlying cause. */
    public PortfolioException(String path, String message) {
        this(path, message, null);
    }

    /** The archive path of the file that was wrong. */
    public String path() {
        return path;
    }
}
