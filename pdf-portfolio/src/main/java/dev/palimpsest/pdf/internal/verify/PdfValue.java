package dev.palimpsest.pdf.internal.verify;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PDF value as read from the file's own bytes, independent of any PDF library's merged view.
 * Strings and streams remember where they are in the file, which is what signature checks need.
 */
public sealed interface PdfValue {

    /** The {@code null} object, and what an unresolvable reference stands for. */
    enum Null implements PdfValue {
        /** The only instance. */
        INSTANCE
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements PdfValue {
    }

    /** A number, kept as written so that integers and reals compare exactly. */
    record Num(BigDecimal value) implements PdfValue {
        /** Whether it is an integer that fits a long. */
        public boolean isInteger() {
            if (value.scale() > 0 && value.stripTrailingZeros().scale() > 0) {
                return false;
            }
            try {
                value.longValueExact();
                return true;
            } catch (ArithmeticException e) {
                return false;
            }
        }

        /** The value as a long; callers check {@link #isInteger()} first. */
        public long longValue() {
            return value.longValue();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Num && ((Num) o).value.compareTo(value) == 0;
        }

        @Override
        public int hashCode() {
            return value.stripTrailingZeros().hashCode();
        }

        @Override
        public String toString() {
            return value.toPlainString();
        }
    }

    /**
     * A string: its decoded bytes, whether it was written in hex, and the offsets of its first
     * and one-past-last byte in the file ({@code -1} when it came from a decoded object stream).
     */
    record Str(byte[] bytes, boolean hex, long start, long end) implements PdfValue {
        @Override
        public boolean equals(Object o) {
            return o instanceof Str && Arrays.equals(((Str) o).bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return hex ? "<" + bytes.length + " bytes>" : "(" + new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1) + ")";
        }
    }

    /** A name, its bytes (after {@code #xx} escapes) as ISO-8859-1 text, without the slash. */
    record Name(String value) implements PdfValue {
        @Override
        public String toString() {
            return "/" + value;
        }
    }

    /** An array. */
    record Arr(List<PdfValue> items) implements PdfValue {
        /** An unmodifiable array of {@code items}. */
        public Arr {
            items = Collections.unmodifiableList(items);
        }

        /** The number of items. */
        public int size() {
            return items.size();
        }

        /** The item at {@code i}. */
        public PdfValue get(int i) {
            return items.get(i);
        }
    }

    /** A dictionary; keys are names without the slash, in the order written. */
    record Dict(Map<String, PdfValue> entries) implements PdfValue {
        /** An unmodifiable dictionary of {@code entries}. */
        public Dict {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        /** The value of {@code key}, or {@link Null#INSTANCE}. */
        public PdfValue get(String key) {
            PdfValue v = entries.get(key);
            return v == null ? Null.INSTANCE : v;
        }

        /** Whether the key is present with a value other than {@code null}. */
        public boolean has(String key) {
            PdfValue v = entries.get(key);
            return v != null && v != Null.INSTANCE;
        }

        /** The name value of {@code key}, when it is a name. */
        public Optional<String> name(String key) {
            PdfValue v = get(key);
            return v instanceof Name ? Optional.of(((Name) v).value()) : Optional.empty();
        }
    }

    /** An indirect reference {@code n g R}. */
    record Ref(int number, int generation) implements PdfValue {
        @Override
        public String toString() {
            return number + " " + generation + " R";
        }
    }

    /**
     * A stream: its dictionary and where its raw (still encoded) data is. Data of a stream in the
     * file is at {@code [dataStart, dataStart + length)}; streams never come from object streams.
     */
    record Stream(Dict dict, long dataStart, long length) implements PdfValue {
    }
}
