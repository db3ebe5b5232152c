package dev.palimpsest.core.verify;

import java.time.Instant;
import java.util.Objects;

/** An RFC 3161 timestamp as a report shows it: its time, the authority that issued it, and whether it verified. */
public final class TimestampInfo {
    private final Instant time;
    private final String tsa;
    private final boolean valid;

    private TimestampInfo(Instant time, String tsa, boolean valid) {
        this.time = Objects.requireNonNull(time, "time");
        this.tsa = Objects.requireNonNull(tsa, "tsa");
        this.valid = valid;
    }

    /** A timestamp issued at {@code time} by {@code tsa} (the authority's subject name). */
    public static TimestampInfo of(Instant time, String tsa, boolean valid) {
        return new TimestampInfo(time, tsa, valid);
    }

    /** The time the token asserts. */
    public Instant time() {
        return time;
    }

    /** The timestamp authority's name (its certificate subject). */
    public String tsa() {
        return tsa;
    }

    /** Whether the token verified (signature, imprint, TSA certificate). */
    public boolean valid() {
        return valid;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimestampInfo && ((TimestampInfo) o).time.equals(time)
                && ((TimestampInfo) o).tsa.equals(tsa) && ((TimestampInfo) o).valid == valid;
    }

    @Override
    public int hashCode() {
        return Objects.hash(time, tsa, valid);
    }

    @Override
    public String toString() {
        return time + " by " + tsa + (valid ? "" : " (invalid)");
    }
}
