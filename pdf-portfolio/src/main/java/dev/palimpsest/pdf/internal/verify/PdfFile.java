package dev.palimpsest.pdf.internal.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The revisions of a PDF as its own bytes define them: every cross-reference section (table or
 * stream) found by following {@code startxref} and {@code /Prev} from the end of the file, each
 * with the trailer and the {@code %%EOF} that close it, and a {@link View} of the objects as
 * they stand after any revision. Nothing is repaired or guessed; nothing is taken from another
 * library's merged view of the document.
 */
public final class PdfFile {
    /** How many cross-reference sections a file may have. */
    public static final int MAX_SECTIONS = 1000;
    /** How many cross-reference entries all sections may have together. */
    public static final int MAX_ENTRIES = 2_000_000;
    /** How far from the end the last {@code startxref} is looked for. */
    static final int TAIL = 64 * 1024;

    /** Entry types of a cross-reference section. */
    public static final int FREE = 0;
    /** An object at a byte offset. */
    public static final int IN_FILE = 1;
    /** An object inside an object stream. */
    public static final int IN_OBJECT_STREAM = 2;

    /** One cross-reference entry: type, and (offset, generation) or (object stream, index). */
    public record Entry(int type, long field2, int field3) {
        /** Whether the entry defines an object. */
        public boolean inUse() {
            return type == IN_FILE || type == IN_OBJECT_STREAM;
        }

        /** The generation the object has (0 inside object streams). */
        public int generation() {
            return type == IN_OBJECT_STREAM ? 0 : field3;
        }

        @Override
        public String toString() {
            switch (type) {
                case IN_FILE:
                    return "at offset " + field2 + " (generation " + field3 + ")";
                case IN_OBJECT_STREAM:
                    return "in object stream " + field2 + " at index " + field3;
                default:
                    return "free";
            }
        }
    }

    /** One cross-reference section with its trailer. */
    public static final class Section {
        private final long offset;
        private final boolean stream;
        private final int[] numbers;
        private final Entry[] entries;
        private final PdfValue.Dict trailer;
        private final long end;
        private final List<String> duplicates;

        Section(long offset, boolean stream, Map<Integer, Entry> map, PdfValue.Dict trailer, long end, List<String> duplicates) {
            this.offset = offset;
            this.stream = stream;
            this.numbers = map.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            this.entries = new Entry[numbers.length];
            for (int i = 0; i < numbers.length; i++) {
                entries[i] = map.get(numbers[i]);
            }
            this.trailer = trailer;
            this.end = end;
            this.duplicates = List.copyOf(duplicates);
        }

        /** Where the section starts ({@code xref} keyword or the stream object's header). */
        public long offset() {
            return offset;
        }

        /** Whether it is a cross-reference stream. */
        public boolean isStream() {
            return stream;
        }

        /** The trailer dictionary (the stream's dictionary for a cross-reference stream). */
        public PdfValue.Dict trailer() {
            return trailer;
        }

        /** The entry for object {@code n}, or null. */
        public Entry entry(int n) {
            int i = Arrays.binarySearch(numbers, n);
            return i >= 0 ? entries[i] : null;
        }

        /** The object numbers this section lists, ascending. */
        public int[] numbers() {
            return numbers.clone();
        }

        /** Descriptions of object numbers listed twice in this section. */
        public List<String> duplicates() {
            return duplicates;
        }

        long end() {
            return end;
        }
    }

    /** One revision: its sections, and the bytes from the previous revision's end to its {@code %%EOF}. */
    public static final class Revision {
        private final int index;
        private final long start;
        private final long eofEnd;
        private final long end;
        private final List<Section> sections;

        Revision(int index, long start, long eofEnd, long end, List<Section> sections) {
            this.index = index;
            this.start = start;
            this.eofEnd = eofEnd;
            this.end = end;
            this.sections = List.copyOf(sections);
        }

        /** Position in the file, from 0 for the original document. */
        public int index() {
            return index;
        }

        /** The offset of its first byte (the previous revision's end). */
        public long start() {
            return start;
        }

        /** The offset just after its {@code %%EOF} marker. */
        public long eofEnd() {
            return eofEnd;
        }

        /** The offset just after its {@code %%EOF} and the end-of-line marker that follows it, if any. */
        public long end() {
            return end;
        }

        /** Its cross-reference sections, the one {@code startxref} names first. */
        public List<Section> sections() {
            return sections;
        }

        /** The entry this revision gives object {@code n}, or null when it does not list it. */
        public Entry entry(int n) {
            for (Section s : sections) {
                Entry e = s.entry(n);
                if (e != null) {
                    return e;
                }
            }
            return null;
        }

        /** Every object number this revision lists. */
        public Set<Integer> numbers() {
            Set<Integer> all = new HashSet<>();
            for (Section s : sections) {
                for (int n : s.numbers) {
                    all.add(n);
                }
            }
            return all;
        }

        /** The trailer. */
        public PdfValue.Dict trailer() {
            return sections.get(0).trailer();
        }

        @Override
        public String toString() {
            return "revision " + (index + 1) + " (bytes " + start + " to " + end + ")";
        }
    }

    private final ByteSource src;
    private final List<Revision> revisions;
    private final Map<Long, PdfValue> objectCache = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, PdfValue> eldest) {
            return size() > 4096;
        }
    };
    private final Map<Long, ObjectStream> objectStreams = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ObjectStream> eldest) {
            return size() > 8;
        }
    };

    private PdfFile(ByteSource src, List<Revision> revisions) {
        this.src = src;
        this.revisions = List.copyOf(revisions);
    }

    /** The bytes. */
    public ByteSource source() {
        return src;
    }

    /** The file's length. */
    public long length() {
        return src.length();
    }

    /** The revisions, oldest first. */
    public List<Revision> revisions() {
        return revisions;
    }

    /** The objects as they stand after revision {@code index}. */
    public View view(int index) {
        return new View(index);
    }

    /** The objects as they stand after the last revision: what a reader shows. */
    public View latest() {
        return view(revisions.size() - 1);
    }

    /**
     * Reads the revision structure of {@code src}.
     *
     * @throws PdfSyntaxException if it is not a PDF, or its cross-reference structure is broken
     */
    public static PdfFile read(ByteSource src) throws IOException, PdfSyntaxException {
        byte[] head = new byte[5];
        if (src.read(0, head, 0, 5) != 5 || !new String(head, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            throw new PdfSyntaxException("the file does not start with %PDF-");
        }
        long startxref = lastStartxref(src);
        List<Section> sections = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        int[] total = {0};
        for (long at = startxref; at >= 0;) {
            if (!seen.add(at)) {
                throw new PdfSyntaxException("the cross-reference sections form a loop: /Prev leads back to offset " + at);
            }
            if (sections.size() >= MAX_SECTIONS) {
                throw new PdfSyntaxException("more than " + MAX_SECTIONS + " cross-reference sections", true);
            }
            Section s = readSection(src, at, total);
            sections.add(s);
            PdfValue prev = s.trailer().get("Prev");
            if (prev == PdfValue.Null.INSTANCE) {
                break;
            }
            if (!(prev instanceof PdfValue.Num) || !((PdfValue.Num) prev).isInteger() || ((PdfValue.Num) prev).longValue() < 0
                    || ((PdfValue.Num) prev).longValue() >= src.length()) {
                throw new PdfSyntaxException("the trailer of the cross-reference section at offset " + at
                        + " has an invalid /Prev " + prev);
            }
            at = ((PdfValue.Num) prev).longValue();
        }
        // Group sections by the %%EOF that closes them; order revisions by position in the file.
        Map<Long, long[]> ends = new LinkedHashMap<>();
        Map<Long, List<Section>> byEnd = new LinkedHashMap<>();
        for (Section s : sections) {
            long[] end = revisionEnd(src, s);
            ends.put(end[0], end);
            byEnd.computeIfAbsent(end[0], k -> new ArrayList<>()).add(s);
        }
        List<Long> order = new ArrayList<>(byEnd.keySet());
        order.sort(Comparator.naturalOrder());
        List<Revision> revisions = new ArrayList<>();
        long start = 0;
        for (int i = 0; i < order.size(); i++) {
            long[] end = ends.get(order.get(i));
            revisions.add(new Revision(i, start, end[0], end[1], byEnd.get(order.get(i))));
            start = end[1];
        }
        return new PdfFile(src, revisions);
    }

    private static long lastStartxref(ByteSource src) throws IOException, PdfSyntaxException {
        long from = Math.max(0, src.length() - TAIL);
        byte[] tail = new byte[(int) (src.length() - from)];
        int n = 0;
        while (n < tail.length) {
            int r = src.read(from + n, tail, n, tail.length - n);
            if (r <= 0) {
                break;
            }
            n += r;
        }
        String text = new String(tail, 0, n, StandardCharsets.ISO_8859_1);
        int i = text.lastIndexOf("startxref");
        if (i < 0) {
            throw new PdfSyntaxException("no 'startxref' in the last " + TAIL + " bytes: the file is truncated or not a PDF");
        }
        PdfParser p = new PdfParser(src, from + i + "startxref".length());
        long offset = p.unsignedInteger("the offset after startxref");
        if (offset >= src.length()) {
            throw new PdfSyntaxException("startxref names offset " + offset + ", past the end of the file (" + src.length()
                    + " bytes): the file is truncated");
        }
        return offset;
    }

    /** {eofEnd, end} for the revision that {@code s} belongs to. */
    private static long[] revisionEnd(ByteSource src, Section s) throws IOException, PdfSyntaxException {
        PdfParser p = new PdfParser(src, s.end());
        p.skipWhite();
        long at = p.position();
        String t = p.token();
        if (!t.equals("startxref")) {
            throw new PdfSyntaxException("the cross-reference section at offset " + s.offset() + " is not followed by"
                    + " 'startxref' (offset " + at + ")");
        }
        p.unsignedInteger("the offset after startxref");
        p.skipWhite();
        long eof = p.position();
        byte[] marker = new byte[5];
        if (src.read(eof, marker, 0, 5) != 5 || !new String(marker, StandardCharsets.ISO_8859_1).equals("%%EOF")) {
            throw new PdfSyntaxException("the cross-reference section at offset " + s.offset()
                    + " has no %%EOF after its startxref (offset " + eof + ")");
        }
        long eofEnd = eof + 5;
        long end = eofEnd;
        if (src.at(end) == '\r') {
            end++;
        }
        if (src.at(end) == '\n') {
            end++;
        }
        return new long[] {eofEnd, end};
    }

    private static Section readSection(ByteSource src, long at, int[] total) throws IOException, PdfSyntaxException {
        PdfParser p = new PdfParser(src, at);
        p.skipWhite();
        long mark = p.position();
        String t = p.token();
        if (t.equals("xref")) {
            return readTable(src, p, at, total);
        }
        p.seek(mark);
        return readStream(src, at, total);
    }

    private static Section readTable(ByteSource src, PdfParser p, long at, int[] total) throws IOException, PdfSyntaxException {
        Map<Integer, Entry> map = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        while (true) {
            p.skipSpace();
            long mark = p.position();
            String t = p.token();
            if (t.equals("trailer")) {
                break;
            }
            p.seek(mark);
            long first = p.unsignedInteger("a subsection's first object number or 'trailer'");
            long count = p.unsignedInteger("a subsection's entry count");
            if (first + count > Integer.MAX_VALUE) {
                throw new PdfSyntaxException("the cross-reference subsection at offset " + mark + " lists object numbers past "
                        + Integer.MAX_VALUE);
            }
            if ((total[0] += count) > MAX_ENTRIES || count > MAX_ENTRIES) {
                throw new PdfSyntaxException("more than " + MAX_ENTRIES + " cross-reference entries", true);
            }
            for (long i = 0; i < count; i++) {
                long entryAt = p.position();
                long f2 = p.unsignedInteger("a 10-digit offset in the cross-reference entry");
                long f3 = p.unsignedInteger("a 5-digit generation in the cross-reference entry");
                p.skipWhite();
                String kind = p.token();
                if ((!kind.equals("n") && !kind.equals("f")) || f3 > 65535) {
                    throw new PdfSyntaxException("malformed cross-reference entry at offset " + entryAt);
                }
                int n = (int) (first + i);
                Entry e = new Entry(kind.equals("n") ? IN_FILE : FREE, f2, (int) f3);
                if (map.put(n, e) != null) {
                    duplicates.add("object " + n + " is listed twice in the cross-reference table at offset " + at);
                }
            }
        }
        PdfValue trailer = p.directValue();
        if (!(trailer instanceof PdfValue.Dict)) {
            throw new PdfSyntaxException("the trailer of the cross-reference table at offset " + at + " is not a dictionary");
        }
        long end = p.position();
        PdfValue.Dict dict = (PdfValue.Dict) trailer;
        PdfValue hybrid = dict.get("XRefStm");
        if (hybrid instanceof PdfValue.Num && ((PdfValue.Num) hybrid).isInteger()) {
            Section extra = readStream(src, ((PdfValue.Num) hybrid).longValue(), total);
            for (int n : extra.numbers) {
                map.putIfAbsent(n, extra.entry(n));
            }
        }
        return new Section(at, false, map, dict, end, duplicates);
    }

    private static Section readStream(ByteSource src, long at, int[] total) throws IOException, PdfSyntaxException {
        PdfParser p = new PdfParser(src, at);
        long num;
        long gen;
        try {
            num = p.unsignedInteger("an object number");
            gen = p.unsignedInteger("a generation number");
        } catch (PdfSyntaxException e) {
            throw new PdfSyntaxException("offset " + at + " holds neither a cross-reference table nor a cross-reference"
                    + " stream");
        }
        if (num > Integer.MAX_VALUE || gen > 65535) {
            throw new PdfSyntaxException("the cross-reference stream at offset " + at + " has an invalid header");
        }
        p.seek(at);
        PdfParser.Parsed parsed = p.indirectObject((int) num, (int) gen, null);
        if (!(parsed.value() instanceof PdfValue.Stream)
                || !((PdfValue.Stream) parsed.value()).dict().name("Type").orElse("").equals("XRef")) {
            throw new PdfSyntaxException("the object at offset " + at + " is not a cross-reference stream (/Type /XRef)");
        }
        PdfValue.Stream stream = (PdfValue.Stream) parsed.value();
        PdfValue.Dict dict = stream.dict();
        long[] w = integers(dict.get("W"), "/W of the cross-reference stream at offset " + at);
        if (w.length != 3 || Arrays.stream(w).anyMatch(x -> x < 0 || x > 8)) {
            throw new PdfSyntaxException("the cross-reference stream at offset " + at + " has an invalid /W");
        }
        long size = integer(dict.get("Size"), "/Size of the cross-reference stream at offset " + at);
        long[] index = dict.has("Index") ? integers(dict.get("Index"), "/Index of the cross-reference stream at offset " + at)
                : new long[] {0, size};
        if (index.length % 2 != 0) {
            throw new PdfSyntaxException("the cross-reference stream at offset " + at + " has an odd-length /Index");
        }
        long count = 0;
        for (int i = 1; i < index.length; i += 2) {
            count += index[i];
            if (index[i - 1] + index[i] > Integer.MAX_VALUE) {
                throw new PdfSyntaxException("the cross-reference stream at offset " + at + " lists object numbers past "
                        + Integer.MAX_VALUE);
            }
        }
        if (count > MAX_ENTRIES || (total[0] += count) > MAX_ENTRIES) {
            throw new PdfSyntaxException("more than " + MAX_ENTRIES + " cross-reference entries", true);
        }
        int width = (int) (w[0] + w[1] + w[2]);
        byte[] rows = Streams.decode(src, stream, (int) Math.min(Integer.MAX_VALUE - 16, count * width + 16),
                "the cross-reference stream at offset " + at);
        if (rows.length < count * width) {
            throw new PdfSyntaxException("the cross-reference stream at offset " + at + " holds " + rows.length
                    + " bytes, too few for its " + count + " entries");
        }
        Map<Integer, Entry> map = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        int r = 0;
        for (int i = 0; i + 1 < index.length; i += 2) {
            for (long k = 0; k < index[i + 1]; k++) {
                int o = r * width;
                long type = w[0] == 0 ? 1 : field(rows, o, (int) w[0]);
                long f2 = field(rows, o + (int) w[0], (int) w[1]);
                long f3 = field(rows, o + (int) (w[0] + w[1]), (int) w[2]);
                r++;
                if (type > 2) {
                    continue; // reserved types are treated as null references (ISO 32000-1, 7.5.8.3)
                }
                if (f3 > Integer.MAX_VALUE) {
                    throw new PdfSyntaxException("the cross-reference stream at offset " + at + " has an entry out of range");
                }
                int n = (int) (index[i] + k);
                if (map.put(n, new Entry((int) type, f2, (int) f3)) != null) {
                    duplicates.add("object " + n + " is listed twice in the cross-reference stream at offset " + at);
                }
            }
        }
        return new Section(at, true, map, dict, parsed.end(), duplicates);
    }

    private static long field(byte[] rows, int offset, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            v = (v << 8) | (rows[offset + i] & 0xff);
        }
        return v;
    }

    static long integer(PdfValue v, String what) throws PdfSyntaxException {
        if (v instanceof PdfValue.Num && ((PdfValue.Num) v).isInteger() && ((PdfValue.Num) v).longValue() >= 0) {
            return ((PdfValue.Num) v).longValue();
        }
        throw new PdfSyntaxException(what + " is not a non-negative integer");
    }

    static long[] integers(PdfValue v, String what) throws PdfSyntaxException {
        if (!(v instanceof PdfValue.Arr)) {
            throw new PdfSyntaxException(what + " is not an array");
        }
        PdfValue.Arr a = (PdfValue.Arr) v;
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = integer(a.get(i), what);
        }
        return out;
    }

    /** A decoded object stream: the numbers and offsets of its members, and its data. */
    private record ObjectStream(int[] numbers, long[] offsets, long first, byte[] data) {
    }

    /**
     * The objects as they stand after one revision: each object number resolves through that
     * revision's cross-reference section and the earlier ones, newest first.
     */
    public final class View {
        private final int revision;
        private final Set<Integer> resolving = new HashSet<>();

        private View(int revision) {
            this.revision = revision;
        }

        /** The revision this view ends with. */
        public Revision revision() {
            return revisions.get(revision);
        }

        /** The file. */
        public PdfFile file() {
            return PdfFile.this;
        }

        /** The trailer of the revision. */
        public PdfValue.Dict trailer() {
            return revisions.get(revision).trailer();
        }

        /** The entry that defines object {@code n} in this view, or null. */
        public Entry entry(int n) {
            for (int r = revision; r >= 0; r--) {
                Entry e = revisions.get(r).entry(n);
                if (e != null) {
                    return e;
                }
            }
            return null;
        }

        /** The revision whose section gives object {@code n} its entry in this view, or -1. */
        public int definingRevision(int n) {
            for (int r = revision; r >= 0; r--) {
                if (revisions.get(r).entry(n) != null) {
                    return r;
                }
            }
            return -1;
        }

        /** {@code v}, or the object it refers to. */
        public PdfValue resolve(PdfValue v) throws IOException, PdfSyntaxException {
            return v instanceof PdfValue.Ref ? object((PdfValue.Ref) v) : v;
        }

        /**
         * The object {@code ref} refers to: {@link PdfValue.Null} when no entry defines it with that
         * generation (ISO 32000-1, 7.3.10).
         *
         * @throws PdfSyntaxException if the entry points at something that is not that object
         */
        public PdfValue object(PdfValue.Ref ref) throws IOException, PdfSyntaxException {
            Entry e = entry(ref.number());
            if (e == null || !e.inUse() || e.generation() != ref.generation()) {
                return PdfValue.Null.INSTANCE;
            }
            return objectAt(ref.number(), e);
        }

        /** The object that entry {@code e} gives number {@code n}. */
        public PdfValue objectAt(int n, Entry e) throws IOException, PdfSyntaxException {
            if (e.type() == IN_FILE) {
                Long key = e.field2();
                PdfValue cached = objectCache.get(key);
                if (cached != null) {
                    return cached;
                }
                if (!resolving.add(n)) {
                    throw new PdfSyntaxException("object " + n + " depends on itself (a circular /Length or object stream)");
                }
                try {
                    if (e.field2() >= src.length()) {
                        throw new PdfSyntaxException("the cross-reference entry of object " + n + " points at offset "
                                + e.field2() + ", past the end of the file");
                    }
                    PdfParser p = new PdfParser(src, e.field2());
                    PdfValue v = p.indirectObject(n, e.field3(), this::length).value();
                    objectCache.put(key, v);
                    return v;
                } finally {
                    resolving.remove(n);
                }
            }
            if (e.type() == IN_OBJECT_STREAM) {
                if (!resolving.add(n)) {
                    throw new PdfSyntaxException("object " + n + " depends on itself (a circular object stream)");
                }
                try {
                    return fromObjectStream(n, e);
                } finally {
                    resolving.remove(n);
                }
            }
            return PdfValue.Null.INSTANCE;
        }

        private long length(PdfValue.Ref ref) throws IOException, PdfSyntaxException {
            PdfValue v = object(ref);
            if (v instanceof PdfValue.Num && ((PdfValue.Num) v).isInteger()) {
                return ((PdfValue.Num) v).longValue();
            }
            throw new PdfSyntaxException("the stream /Length " + ref + " is not an integer");
        }

        private PdfValue fromObjectStream(int n, Entry e) throws IOException, PdfSyntaxException {
            long streamNumber = e.field2();
            if (streamNumber > Integer.MAX_VALUE) {
                throw new PdfSyntaxException("object " + n + " is said to be in object stream " + streamNumber
                        + ", which cannot exist");
            }
            Entry se = entry((int) streamNumber);
            if (se == null || se.type() != IN_FILE) {
                throw new PdfSyntaxException("object " + n + " is said to be in object stream " + streamNumber
                        + ", which is not an object in the file");
            }
            ObjectStream os = objectStreams.get(se.field2());
            if (os == null) {
                PdfValue v = objectAt((int) streamNumber, se);
                if (!(v instanceof PdfValue.Stream)
                        || !((PdfValue.Stream) v).dict().name("Type").orElse("").equals("ObjStm")) {
                    throw new PdfSyntaxException("object " + n + " is said to be in object " + streamNumber
                            + ", which is not an object stream");
                }
                PdfValue.Stream s = (PdfValue.Stream) v;
                long count = integer(s.dict().get("N"), "/N of object stream " + streamNumber);
                long first = integer(s.dict().get("First"), "/First of object stream " + streamNumber);
                if (count > 100_000) {
                    throw new PdfSyntaxException("object stream " + streamNumber + " claims " + count + " objects", true);
                }
                byte[] data = Streams.decode(src, s, 16 * 1024 * 1024, "object stream " + streamNumber);
                PdfParser header = new PdfParser(ByteSource.of(data), 0);
                int[] numbers = new int[(int) count];
                long[] offsets = new long[(int) count];
                for (int i = 0; i < count; i++) {
                    long on = header.unsignedInteger("an object number in the header of object stream " + streamNumber);
                    long off = header.unsignedInteger("an offset in the header of object stream " + streamNumber);
                    if (on > Integer.MAX_VALUE || first + off >= data.length) {
                        throw new PdfSyntaxException("the header of object stream " + streamNumber + " is out of range");
                    }
                    numbers[i] = (int) on;
                    offsets[i] = off;
                }
                os = new ObjectStream(numbers, offsets, first, data);
                objectStreams.put(se.field2(), os);
            }
            int index = e.field3();
            if (index < 0 || index >= os.numbers().length || os.numbers()[index] != n) {
                throw new PdfSyntaxException("the cross-reference entry of object " + n + " points at index " + index
                        + " of object stream " + streamNumber + ", where " + (index >= 0 && index < os.numbers().length
                                ? "object " + os.numbers()[index] + " is" : "there is no object"),
                        PdfSyntaxException.Kind.HEADER_MISMATCH);
            }
            PdfParser p = new PdfParser(ByteSource.of(os.data()), os.first() + os.offsets()[index]);
            PdfValue v = p.directValue();
            if (v instanceof PdfValue.Ref) {
                throw new PdfSyntaxException("object " + n + " in object stream " + streamNumber + " is a bare reference");
            }
            return v;
        }

        /** The document catalog. */
        public PdfValue.Dict catalog() throws IOException, PdfSyntaxException {
            PdfValue root = trailer().get("Root");
            PdfValue v = root instanceof PdfValue.Ref ? object((PdfValue.Ref) root) : root;
            if (!(v instanceof PdfValue.Dict)) {
                throw new PdfSyntaxException("the trailer's /Root " + root + " is not a dictionary");
            }
            return (PdfValue.Dict) v;
        }

        @Override
        public String toString() {
            return "the objects after " + revisions.get(revision);
        }
    }
}
