package dev.palimpsest.core.manifest;

import dev.palimpsest.core.internal.json.JsonSetup;
import dev.palimpsest.core.internal.json.JsonValues;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Validation shared by the manifest value types. Every failure is a {@link ManifestException}. */
final class Checks {
    /**
     * Orders strings by Unicode code point, which is also the byte order of their UTF-8 form;
     * {@link String#compareTo} orders by UTF-16 code unit, which differs for characters beyond
     * U+FFFF, and another implementation of the format would not reproduce that order.
     */
    static final Comparator<String> CODE_POINT_ORDER = Checks::compareByCodePoint;

    /** RFC 3339 has four-digit years only. */
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Checks() {}

    static int compareByCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * Free text (titles, descriptions, metadata values): valid Unicode, and no longer than a
     * reader accepts, so that whatever is built can be written and read back.
     */
    static String text(String owner, String field, String value) throws ManifestException {
        if (value.length() > JsonSetup.MAX_STRING_LENGTH) {
            throw new ManifestException(owner + ": " + field + " is " + value.length() + " characters long, more than"
                    + " the " + JsonSetup.MAX_STRING_LENGTH + " a manifest allows");
        }
        int bad = unpairedSurrogateIndex(value);
        if (bad >= 0) {
            throw new ManifestException(owner + ": " + field + " is not valid Unicode (unpaired surrogate U+"
                    + String.format("%04X", (int) value.charAt(bad)) + " at index " + bad + ")");
        }
        return value;
    }

    /** A one-line token (URLs, identifiers, media types): non-empty, valid Unicode, no control characters. */
    static String line(String owner, String field, String value) throws ManifestException {
        if (value.isEmpty()) {
            throw new ManifestException(owner + ": " + field + " must not be empty");
        }
        text(owner, field, value);
        int control = controlCharacterIndex(value);
        if (control >= 0) {
            throw new ManifestException(owner + ": " + field + " must not contain control characters (found "
                    + quote(value.substring(control, control + 1)) + " at index " + control + " of "
                    + quote(value) + ")");
        }
        return value;
    }

    /** A member name chosen by the user (metadata key, header name, extra field name). */
    static String name(String owner, String field, String value) throws ManifestException {
        line(owner, field, value);
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > JsonSetup.MAX_NAME_LENGTH) {
            throw new ManifestException(owner + ": " + field + " is " + bytes + " bytes long in UTF-8, more than the "
                    + JsonSetup.MAX_NAME_LENGTH + " a manifest allows");
        }
        return value;
    }

    static Instant instant(String owner, String field, Instant value) throws ManifestException {
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            throw new ManifestException(owner + ": " + field + " " + value
                    + " is outside the years 0000 to 9999 that RFC 3339 can express");
        }
        return value;
    }

    /**
     * Validates unknown-field names and canonicalises their JSON values, returning them sorted by
     * name so that equal manifests serialise to equal bytes.
     */
    static Map<String, String> extraFields(String owner, Map<String, String> raw, Set<String> knownNames)
            throws ManifestException {
        if (raw.isEmpty()) {
            return Map.of();
        }
        Map<String, String> result = new TreeMap<>(CODE_POINT_ORDER);
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String name = e.getKey();
            if (knownNames.contains(name)) {
                throw new ManifestException(owner + ": extra field " + quote(name)
                        + " has the name of a field the format defines");
            }
            name(owner, "extra field name " + quote(name), name);
            try {
                result.put(name, JsonValues.canonical(e.getValue()));
            } catch (IllegalArgumentException bad) {
                throw new ManifestException(owner + ": extra field " + quote(name) + " is not an acceptable JSON value: "
                        + bad.getMessage(), bad);
            }
        }
        return Collections.unmodifiableMap(result);
    }

    static int unpairedSurrogateIndex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** C0 controls, DEL and C1 controls (Unicode general category Cc). */
    static int controlCharacterIndex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.getType(s.charAt(i)) == Character.CONTROL) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A string quoted for an error message: control characters, backslashes and unpaired
     * surrogates escaped so the message stays on one line and shows what was there; long strings
     * are shortened.
     */
    static String quote(String s) {
        String shown = s.length() > 200 ? s.substring(0, 197) : s;
        StringBuilder out = new StringBuilder(shown.length() + 2).append('\'');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            boolean unpaired = (Character.isHighSurrogate(c)
                            && !(i + 1 < shown.length() && Character.isLowSurrogate(shown.charAt(i + 1))))
                    || (Character.isLowSurrogate(c) && !(i > 0 && Character.isHighSurrogate(shown.charAt(i - 1))));
            if (c == '\\') {
                out.append("\\\\");
            } else if (Character.getType(c) == Character.CONTROL || unpaired) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        if (shown.length() < s.length()) {
            out.append("...");
        }
        return out.append('\'').toString();
    }
}
