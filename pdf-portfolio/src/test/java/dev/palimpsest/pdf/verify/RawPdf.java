package dev.palimpsest.pdf.verify;

import dev.palimpsest.pdf.internal.verify.ByteSource;
import dev.palimpsest.pdf.internal.verify.PdfFile;
import dev.palimpsest.pdf.internal.verify.PdfValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Byte-level edits of PDF files for attack tests: hand-written incremental updates (objects, a
 * cross-reference table, a trailer with {@code /Prev}), in-place rewrites of a signature's
 * {@code /ByteRange} and {@code /Contents}, and a small serialiser for values read back.
 */
final class RawPdf {
    private RawPdf() {
    }

    /** One object of an update: its body, or (with {@code offset}) only an entry pointing at {@code offset}. */
    record Obj(int number, String body, long offset) {
        static Obj of(int number, String body) {
            return new Obj(number, body, -1);
        }

        static Obj pointingAt(int number, long offset) {
            return new Obj(number, null, offset);
        }
    }

    static PdfFile parse(byte[] pdf) throws Exception {
        return PdfFile.read(ByteSource.of(pdf));
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static long lastStartxref(byte[] pdf) {
        String s = ascii(pdf);
        int i = s.lastIndexOf("startxref");
        return Long.parseLong(s.substring(i + 9).trim().split("\\s+")[0]);
    }

    /** Appends an incremental update with these objects; {@code trailerExtra} replaces keys of the trailer. */
    static byte[] append(byte[] pdf, List<Obj> objects, Map<String, String> trailerExtra) throws Exception {
        return append(pdf, objects, trailerExtra, parse(pdf).latest().trailer());
    }

    /** As {@link #append(byte[], List, Map)}, taking the keys to carry over from {@code trailer}. */
    static byte[] append(byte[] pdf, List<Obj> objects, Map<String, String> trailerExtra, PdfValue.Dict trailer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(pdf);
        out.writeBytes(bytes("\n"));
        List<long[]> entries = new ArrayList<>();
        long size = ((PdfValue.Num) trailer.get("Size")).longValue();
        for (Obj o : objects) {
            long offset = o.offset();
            if (o.body() != null) {
                offset = out.size();
                out.writeBytes(bytes(o.number() + " 0 obj\n" + o.body() + "\nendobj\n"));
            }
            entries.add(new long[] {o.number(), offset});
            size = Math.max(size, o.number() + 1);
        }
        long xref = out.size();
        StringBuilder sb = new StringBuilder("xref\n");
        for (long[] e : entries) {
            sb.append(e[0]).append(" 1\n").append(String.format(Locale.ROOT, "%010d 00000 n \n", e[1]));
        }
        StringBuilder t = new StringBuilder("<< /Size " + size
                + (trailerExtra.containsKey("Prev") ? "" : " /Prev " + lastStartxref(pdf)));
        for (String key : List.of("Root", "Info", "ID")) {
            if (trailerExtra.containsKey(key)) {
                continue;
            }
            if (trailer.has(key)) {
                t.append(" /").append(key).append(' ').append(text(trailer.get(key)));
            }
        }
        trailerExtra.forEach((k, v) -> t.append(" /").append(k).append(' ').append(v));
        t.append(" >>");
        sb.append("trailer\n").append(t).append("\nstartxref\n").append(xref).append("\n%%EOF\n");
        out.writeBytes(bytes(sb.toString()));
        return out.toByteArray();
    }

    /** PDF syntax for a value read back (strings in hex). */
    static String text(PdfValue v) {
        if (v instanceof PdfValue.Name) {
            StringBuilder sb = new StringBuilder("/");
            for (char c : ((PdfValue.Name) v).value().toCharArray()) {
                if (c > 32 && c < 127 && "()<>[]{}/%#".indexOf(c) < 0) {
                    sb.append(c);
                } else {
                    sb.append(String.format(Locale.ROOT, "#%02X", (int) c));
                }
            }
            return sb.toString();
        }
        if (v instanceof PdfValue.Str) {
            StringBuilder sb = new StringBuilder("<");
            for (byte b : ((PdfValue.Str) v).bytes()) {
                sb.append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
            return sb.append('>').toString();
        }
        if (v instanceof PdfValue.Arr) {
            StringBuilder sb = new StringBuilder("[");
            for (PdfValue x : ((PdfValue.Arr) v).items()) {
                sb.append(text(x)).append(' ');
            }
            return sb.append(']').toString();
        }
        if (v instanceof PdfValue.Dict) {
            StringBuilder sb = new StringBuilder("<<");
            ((PdfValue.Dict) v).entries().forEach((k, x) -> sb.append(text(new PdfValue.Name(k))).append(' ')
                    .append(text(x)).append(' '));
            return sb.append(">>").toString();
        }
        if (v instanceof PdfValue.Bool) {
            return Boolean.toString(((PdfValue.Bool) v).value());
        }
        if (v == PdfValue.Null.INSTANCE) {
            return "null";
        }
        return v.toString();
    }

    /** A dictionary's text with {@code key} set to {@code value} (raw PDF syntax). */
    static String with(PdfValue.Dict d, String key, String value) {
        StringBuilder sb = new StringBuilder("<<");
        boolean set = false;
        for (Map.Entry<String, PdfValue> e : d.entries().entrySet()) {
            sb.append(text(new PdfValue.Name(e.getKey()))).append(' ');
            if (e.getKey().equals(key)) {
                sb.append(value).append(' ');
                set = true;
            } else {
                sb.append(text(e.getValue())).append(' ');
            }
        }
        if (!set) {
            sb.append('/').append(key).append(' ').append(value).append(' ');
        }
        return sb.append(">>").toString();
    }

    /** Where the last signature's {@code /ByteRange [...]} array is: {start of '[', index after ']'}. */
    static int[] lastByteRange(byte[] pdf) {
        String s = ascii(pdf);
        int k = s.lastIndexOf("/ByteRange");
        int open = s.indexOf('[', k);
        int close = s.indexOf(']', open);
        return new int[] {open, close + 1};
    }

    static long[] byteRangeValues(byte[] pdf) {
        int[] at = lastByteRange(pdf);
        String[] parts = ascii(pdf).substring(at[0] + 1, at[1] - 1).trim().split("\\s+");
        long[] v = new long[4];
        for (int i = 0; i < 4; i++) {
            v[i] = Long.parseLong(parts[i]);
        }
        return v;
    }

    /** Rewrites the last {@code /ByteRange} in place, padded with spaces to its length. */
    static byte[] withByteRange(byte[] pdf, String array) {
        int[] at = lastByteRange(pdf);
        int room = at[1] - at[0];
        if (array.length() > room) {
            throw new IllegalArgumentException("no room for " + array);
        }
        byte[] out = pdf.clone();
        byte[] text = bytes(array + " ".repeat(room - array.length()));
        System.arraycopy(text, 0, out, at[0], room);
        return out;
    }

    /** Replaces the first occurrence of {@code from} after {@code start} by {@code to} (same length). */
    static byte[] replace(byte[] pdf, int start, String from, String to) {
        if (from.length() != to.length()) {
            throw new IllegalArgumentException("lengths differ");
        }
        int i = ascii(pdf).indexOf(from, start);
        if (i < 0) {
            throw new IllegalArgumentException(from + " not found");
        }
        byte[] out = pdf.clone();
        System.arraycopy(bytes(to), 0, out, i, to.length());
        return out;
    }
}
