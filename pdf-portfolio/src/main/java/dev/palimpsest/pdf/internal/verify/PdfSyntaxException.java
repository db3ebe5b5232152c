package dev.palimpsest.pdf.internal.verify;

/**
 * The bytes of a PDF are not what the syntax requires, or exceed a limit. The message names the
 * offset (and the object, when known) and what was expected and found.
 */
public final class PdfSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of problem. */
    public enum Kind {
        /** The syntax is broken. */
        SYNTAX,
        /** A limit (nesting, size, count) was exceeded. */
        LIMIT,
        /** A cross-reference entry points at the header of another object. */
        HEADER_MISMATCH
    }

    private final Kind kind;

    /** A syntax error. */
    public PdfSyntaxException(String message) {
        this(message, Kind.SYNTAX);
    }

    /** A syntax error, or with {@code limit} an exceeded limit. */
    public PdfSyntaxException(String message, boolean limit) {
        this(message, limit ? Kind.LIMIT : Kind.SYNTAX);
    }

    /** A problem of this kind. */
    public PdfSyntaxException(String message, Kind kind) {
        super(message);
        this.kind = kind;
    }

    /** What kind of problem. */
    public Kind kind() {
        return kind;
    }
}
