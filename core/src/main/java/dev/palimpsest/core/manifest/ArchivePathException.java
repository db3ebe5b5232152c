package dev.palimpsest.core.manifest;

import java.util.Objects;

/**
 * A path breaks one of the {@linkplain PathRule path rules}. The message names the path (with
 * control characters escaped) and the rule; {@link #rule()} gives the rule as a value.
 */
public final class ArchivePathException extends ManifestException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final PathRule rule;

    /**
     * A path rule violation without a known location.
     *
     * @param path the offending path, as given
     * @param rule the rule it breaks
     * @param problem what is wrong; should name the path and the rule
     */
    public ArchivePathException(String path, PathRule rule, String problem) {
        this(null, path, rule, problem);
    }

    /**
     * A path rule violation at a location in a manifest document.
     *
     * @param location where the path is (file, line and column, JSON pointer), or {@code null}
     * @param path the offending path, as given
     * @param rule the rule it breaks
     * @param problem what is wrong; should name the path and the rule
     */
    public ArchivePathException(String location, String path, PathRule rule, String problem) {
        super(location, problem, null);
        this.path = Objects.requireNonNull(path, "path");
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /** The offending path exactly as given (it may hold the characters that broke the rule). */
    public String path() {
        return path;
    }

    /** The rule the path breaks. */
    public PathRule rule() {
        return rule;
    }
}
