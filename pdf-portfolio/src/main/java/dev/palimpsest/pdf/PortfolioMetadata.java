package dev.palimpsest.pdf;

import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * What a portfolio says about itself: its title, description, creator, creation time and the
 * fingerprint of the key that signed its manifest. Shown on the cover and written to the
 * document information dictionary and the XMP metadata. Immutable.
 */
public final class PortfolioMetadata {
    private final String title;
    private final String description;
    private final String creator;
    private final Instant created;
    private final String signerFingerprint;

    private PortfolioMetadata(Builder b) {
        this.title = b.title;
        this.description = b.description;
        this.creator = b.creator;
        this.created = b.created;
        this.signerFingerprint = b.signerFingerprint;
    }

    /**
     * A builder for a portfolio titled {@code title}, created at {@code created}. PDF dates have
     * whole seconds, so {@code created} is truncated to the second.
     *
     * @throws IllegalArgumentException if the title is blank
     */
    public static Builder builder(String title, Instant created) {
        return new Builder(text(title, "title"), Objects.requireNonNull(created, "created").truncatedTo(ChronoUnit.SECONDS));
    }

    /** The title (NFC). */
    public String title() {
        return title;
    }

    /** A description of the collection. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** Who assembled the archive (a person or an organisation). */
    public Optional<String> creator() {
        return Optional.ofNullable(creator);
    }

    /** When the archive was created, to the second. */
    public Instant created() {
        return created;
    }

    /** The fingerprint of the manifest signer's certificate, as it should be shown (e.g. SHA-256 hex). */
    public Optional<String> signerFingerprint() {
        return Optional.ofNullable(signerFingerprint);
    }

    @Override
    public String toString() {
        return "PortfolioMetadata[" + title + ", " + created + "]";
    }

    private static String text(String value, String what) {
        Objects.requireNonNull(value, what);
        String v = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException(what + " is blank");
        }
        return v;
    }

    /** Collects the optional fields of a {@link PortfolioMetadata}. */
    public static final class Builder {
        private final String title;
        private final Instant created;
        private String description;
        private String creator;
        private String signerFingerprint;

        private Builder(String title, Instant created) {
            this.title = title;
            this.created = created;
        }

        /** The description (NFC, stripped; must not be blank). */
        public Builder description(String description) {
            this.description = text(description, "description");
            return this;
        }

        /** The creator (NFC, stripped; must not be blank). */
        public Builder creator(String creator) {
            this.creator = text(creator, "creator");
            return this;
        }

        /** The signer's certificate fingerprint as text (stripped; must not be blank). */
        public Builder signerFingerprint(String signerFingerprint) {
            this.signerFingerprint = text(signerFingerprint, "signer fingerprint");
            return this;
        }

        /** The metadata. */
        public PortfolioMetadata build() {
            return new PortfolioMetadata(this);
        }
    }
}
