package dev.palimpsest.pdf;

import java.util.Locale;
import java.util.Objects;

/**
 * The PAdES baseline levels (ETSI EN 319 142-1) a {@link PadesSigner} signs at. Each level
 * includes the ones before it.
 */
public enum PadesLevel {
    /** B-B: a CMS signature ({@code ETSI.CAdES.detached}) with the signer's certificate chain. */
    B_B("B-B", "PAdES-BASELINE-B"),
    /** B-T: B-B plus an RFC 3161 signature timestamp in the CMS, proving when it existed. */
    B_T("B-T", "PAdES-BASELINE-T"),
    /**
     * B-LT: B-T plus a document security store ({@code /DSS}) in a later revision holding the
     * certificates and revocation data (CRLs) needed to validate the signature and its timestamp
     * without going online.
     */
    B_LT("B-LT", "PAdES-BASELINE-LT"),
    /**
     * B-LTA: B-LT plus a document timestamp ({@code ETSI.RFC3161}) over the whole file, DSS
     * included, so that the validation material is itself covered by a trusted time.
     */
    B_LTA("B-LTA", "PAdES-BASELINE-LTA");

    private final String shortName;
    private final String baselineName;

    PadesLevel(String shortName, String baselineName) {
        this.shortName = shortName;
        this.baselineName = baselineName;
    }

    /** The short name used on the command line: {@code B-B}, {@code B-T}, {@code B-LT} or {@code B-LTA}. */
    public String shortName() {
        return shortName;
    }

    /** The name validators report, e.g. {@code PAdES-BASELINE-LTA}. */
    public String baselineName() {
        return baselineName;
    }

    /** Whether this level needs a time-stamping authority (every level from B-T on). */
    public boolean needsTimestamps() {
        return this != B_B;
    }

    /** Whether this level adds a document security store (B-LT and B-LTA). */
    public boolean needsValidationData() {
        return this == B_LT || this == B_LTA;
    }

    /**
     * The level named {@code name}: a {@linkplain #shortName() short name} ({@code B-LT}), the
     * constant's name ({@code B_LT}) or a {@linkplain #baselineName() baseline name}
     * ({@code PAdES-BASELINE-LT}), in any case.
     *
     * @throws IllegalArgumentException naming the accepted values, for any other text
     */
    public static PadesLevel fromName(String name) {
        Objects.requireNonNull(name, "name");
        String n = name.strip().toUpperCase(Locale.ROOT);
        for (PadesLevel level : values()) {
            if (n.equals(level.shortName) || n.equals(level.name()) || n.equals(level.baselineName.toUpperCase(Locale.ROOT))) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown PAdES level '" + name + "'; expected B-B, B-T, B-LT or B-LTA");
    }
}
