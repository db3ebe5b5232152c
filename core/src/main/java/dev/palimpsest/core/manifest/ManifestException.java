package dev.palimpsest.core.manifest;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * An archive manifest, or a part of one, breaks a rule of the format: a builder was given a value
 * the format does not allow, or a JSON document is not a valid manifest.
 *
 * <p>This is a checked {@link IOException} because manifests usually come from files and the
 * network: a caller reading one handles "unreadable" and "not a valid manifest" in one place, and
 * can still tell them apart by catching this type first. Programmer errors (a {@code null}
 * argument) are unchecked exceptions instead.
 *
 * <p>The {@linkplain #getMessage() message} is {@code <location>: <problem>} when a location is
 * known. For JSON input the location names the source (when read from a file), the line and
 * column, and a JSON pointer to the offending value, e.g. {@code archive.json:12:15
 * (/entries/3/path)}. The problem names the entry or field and the rule that was broken.
 *
 * <p>Not final: {@link ArchivePathException} refines it for path rules.
 */
public sealed class ManifestException extends IOException permits ArchivePathException {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final String problem;

    /**
     * A problem without a known location.
     *
     * @param problem what is wrong, naming the entry or field and the rule
     */
    public ManifestException(String problem) {
        this(null, problem, null);
    }

    /**
     * A problem without a known location, caused by another exception.
     *
     * @param problem what is wrong, naming the entry or field and the rule
     * @param cause the underlying exception, or {@code null}
     */
    public ManifestException(String problem, Throwable cause) {
        this(null, problem, cause);
    }

    /**
     * A problem at a location in a manifest document.
     *
     * @param location where the problem is (file, line and column, JSON pointer), or
     *     {@code null} when unknown
     * @param problem what is wrong, naming the entry or field and the rule
     * @param cause the underlying exception, or {@code null}
     */
    public ManifestException(String location, String problem, Throwable cause) {
        super(location == null ? Objects.requireNonNull(problem, "problem") : location + ": " + problem, cause);
        this.location = location;
        this.problem = problem;
    }

    /** Where in the manifest document the problem is, when known. */
    public Optional<String> location() {
        return Optional.ofNullable(location);
    }

    /** The problem alone, without the location. */
    public String problem() {
        return problem;
    }
}
