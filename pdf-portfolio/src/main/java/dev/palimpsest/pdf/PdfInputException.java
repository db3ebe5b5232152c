package dev.palimpsest.pdf;

import java.io.IOException;
import java.util.Objects;

/**
 * A PDF cannot be signed as asked: it is not a PDF PDFBox can read, it is encrypted, a
 * certification signature forbids further signatures, or a certification was asked of a document
 * that is already signed. The message names the file and what was wrong.
 *
 * <p>It extends {@link IOException} because it arises while reading the input. Nothing is
 * written when it is thrown.
 */
public final class PdfInputException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;

    /** A problem with the PDF {@code file} (as the caller named it), with its cause or {@code null}. */
    public PdfInputException(String file, String message, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + ": " + Objects.requireNonNull(message, "message"), cause);
        this.file = file;
    }

    /** The file that could not be signed. */
    public String file() {
        return file;
    }
}
