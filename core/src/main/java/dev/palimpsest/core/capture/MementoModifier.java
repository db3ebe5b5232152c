package dev.palimpsest.core.capture;

import java.util.Optional;

/**
 * The replay modifier written after the timestamp of a Wayback memento URL
 * ({@code /web/20171003120000id_/...}). It chooses how the archive serves the capture, not
 * which capture it is.
 */
public enum MementoModifier {
    /** No modifier: the view form, rewritten for browsing inside the archive's banner. */
    NONE(""),
    /** {@code id_}: the raw form, the capture's bytes as the archive stored them, links not rewritten. */
    ID("id_"),
    /** {@code js_}: served as JavaScript. */
    JS("js_"),
    /** {@code cs_}: served as a style sheet. */
    CS("cs_"),
    /** {@code im_}: served as an image. */
    IM("im_"),
    /** {@code if_}: served for an iframe, without the banner. */
    IF("if_"),
    /** {@code fr_}: served for a frame, without the banner. */
    FR("fr_"),
    /** {@code mp_}: pywb's main-page form, rewritten without the banner frame. */
    MP("mp_");

    private final String code;

    MementoModifier(String code) {
        this.code = code;
    }

    /** The text written after the timestamp: {@code id_}, {@code js_}, ..., or empty for {@link #NONE}. */
    public String code() {
        return code;
    }

    /**
     * The modifier written as {@code code} (exact, lower case), e.g. {@code id_}; the empty
     * string is {@link #NONE}.
     *
     * @return the modifier, or empty when the code names none
     */
    public static Optional<MementoModifier> fromCode(String code) {
        for (MementoModifier m : values()) {
            if (m.code.equals(code)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The {@link #code()}. */
    @Override
    public String toString() {
        return code;
    }
}
