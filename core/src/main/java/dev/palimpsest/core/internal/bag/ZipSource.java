package dev.palimpsest.core.internal.bag;

import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A bag serialised as a ZIP, read in place through {@link ZipFile}'s random access: nothing is
 * unpacked to disk. The bag is either at the root of the ZIP or in its one top-level folder.
 *
 * <p>Hostile ZIPs are contained: entry names that could escape a root ({@code ..}, absolute,
 * backslashes, drive letters) are reported and never read; the entry count and the declared
 * expanded size are checked before anything is read; and every entry stream counts what it
 * inflates, failing as soon as it passes its declared size, the total expansion limit, or the
 * compression-ratio limit — so a bomb costs at most the limits, whatever its headers claim.
 */
public final class ZipSource implements BagSource {
    private static final String MAC_METADATA = "__MACOSX/";

    private final ZipFile zip;
    private final BagOptions options;
    private final Map<String, ZipEntry> files;
    private final Map<String, String> refused;
    private final List<BagEntry> entries;
    private final AtomicLong expanded = new AtomicLong();

    private ZipSource(ZipFile zip, BagOptions options, Map<String, ZipEntry> files, Map<String, String> refused,
            List<BagEntry> entries) {
        this.zip = zip;
        this.options = options;
        this.files = files;
        this.refused = refused;
        this.entries = entries;
    }

    /**
     * Opens {@code file} as a ZIP holding a bag. Problems with the ZIP as a whole (malformed, too
     * many entries, too large once expanded) are reported to {@code report} and give an empty
     * result; problems with single entries are reported and those entries left out or refused.
     */
    public static Optional<ZipSource> open(Path file, BagOptions options, VerificationReport.Builder report) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            report.problem(ProblemCode.ZIP_MALFORMED, null, file.getFileName() + " is not a readable ZIP: "
                    + e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            report.problem(ProblemCode.FILE_UNREADABLE, null, file.getFileName() + " could not be read: " + e);
            return Optional.empty();
        }
        try {
            Optional<ZipSource> source = list(zip, file, options, report);
            if (source.isEmpty()) {
                zip.close();
            }
            return source;
        } catch (IOException | IllegalArgumentException e) {
            // ZipFile reports some corrupt central directory entries lazily, e.g. an undecodable name
            report.problem(ProblemCode.ZIP_MALFORMED, null, file.getFileName() + " has a malformed central directory: "
                    + e.getMessage());
            closeQuietly(zip);
            return Optional.empty();
        }
    }

    private static Optional<ZipSource> list(ZipFile zip, Path file, BagOptions options,
            VerificationReport.Builder report) throws IOException {
        if (zip.size() > options.maxZipEntries()) {
            report.problem(limit(null, file.getFileName() + " has " + zip.size() + " entries; the limit is "
                    + options.maxZipEntries()));
            return Optional.empty();
        }
        Map<String, ZipEntry> byName = new HashMap<>();
        Set<String> names = new LinkedHashSet<>();
        long declared = 0;
        int macEntries = 0;
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry ze = all.nextElement();
            String name = ze.getName();
            String unsafe = unsafeEntryName(name);
            if (unsafe != null) {
                report.problem(Problem.builder(ProblemCode.ZIP_ENTRY_UNSAFE)
                        .message("ZIP entry '" + BagPaths.printable(name) + "' " + unsafe + "; it is not read")
                        .actual(BagPaths.printable(name)).build());
                continue;
            }
            if (byName.containsKey(name)) {
                report.problem(ProblemCode.ZIP_MALFORMED, null, "ZIP entry '" + BagPaths.printable(name)
                        + "' appears twice; tools disagree about which copy counts, so only the first is read");
                continue;
            }
            if (name.startsWith(MAC_METADATA) || name.contains("/" + MAC_METADATA)) {
                macEntries++;
                continue;
            }
            if (!ze.isDirectory()) {
                if (ze.getSize() < 0) {
                    report.problem(ProblemCode.ZIP_MALFORMED, null, "ZIP entry '" + BagPaths.printable(name)
                            + "' has no size in the central directory");
                    continue;
                }
                declared += ze.getSize();
            }
            byName.put(name, ze);
            names.add(name);
        }
        if (declared > options.maxZipExpandedBytes()) {
            report.problem(limit(null, file.getFileName() + " would expand to " + declared
                    + " bytes; the limit is " + options.maxZipExpandedBytes()));
            return Optional.empty();
        }
        if (macEntries > 0) {
            report.problem(ProblemCode.SYSTEM_FILE, null, "the ZIP holds " + macEntries
                    + " __MACOSX/ entries (macOS resource forks added by the archiver); they are ignored");
        }
        String root = findRoot(names);
        Map<String, ZipEntry> files = new HashMap<>();
        Map<String, String> refused = new HashMap<>();
        TreeMap<String, BagEntry> entries = new TreeMap<>();
        for (String name : names) {
            String rel = name.substring(root.length());
            boolean dir = rel.endsWith("/");
            if (dir) {
                rel = rel.substring(0, rel.length() - 1);
            }
            if (rel.isEmpty()) {
                continue;
            }
            addParents(entries, rel);
            if (entries.containsKey(rel)) {
                if (!dir || entries.get(rel).kind() != BagEntry.Kind.DIRECTORY) {
                    report.problem(ProblemCode.ZIP_MALFORMED, rel, "ZIP entry '" + BagPaths.printable(name)
                            + "' is both a file and a directory");
                }
                continue;
            }
            ZipEntry ze = byName.get(name);
            if (dir) {
                entries.put(rel, new BagEntry(rel, BagEntry.Kind.DIRECTORY, 0));
                continue;
            }
            entries.put(rel, new BagEntry(rel, BagEntry.Kind.FILE, ze.getSize()));
            files.put(rel, ze);
            long compressed = Math.max(1, ze.getCompressedSize());
            if (ze.getSize() > BagOptions.RATIO_FLOOR_BYTES
                    && (double) ze.getSize() / compressed > options.maxZipCompressionRatio()) {
                String message = rel + " would expand from " + ze.getCompressedSize() + " to " + ze.getSize()
                        + " bytes, a ratio above the limit of " + options.maxZipCompressionRatio() + "; it is not read";
                refused.put(rel, message);
                report.problem(limit(rel, message));
            }
        }
        ZipSource source = new ZipSource(zip, options, files, refused, List.copyOf(entries.values()));
        return Optional.of(source);
    }

    /** The directory holding the bag: the ZIP root when it has bagit.txt, else its one top-level folder. */
    private static String findRoot(Set<String> names) {
        if (names.contains("bagit.txt")) {
            return "";
        }
        Set<String> top = new HashSet<>();
        boolean folder = false;
        for (String name : names) {
            int slash = name.indexOf('/');
            top.add(slash < 0 ? name : name.substring(0, slash));
            folder |= slash >= 0;
        }
        if (top.size() == 1 && folder) {
            return top.iterator().next() + "/";
        }
        return "";
    }

    private static void addParents(Map<String, BagEntry> entries, String rel) {
        int slash = rel.lastIndexOf('/');
        while (slash > 0) {
            String parent = rel.substring(0, slash);
            if (entries.containsKey(parent)) {
                return;
            }
            entries.put(parent, new BagEntry(parent, BagEntry.Kind.DIRECTORY, 0));
            slash = parent.lastIndexOf('/');
        }
    }

    /** Why an entry name could escape the directory it is extracted into, or null when it cannot. */
    static String unsafeEntryName(String name) {
        if (name.isEmpty()) {
            return "has an empty name";
        }
        if (name.indexOf('\0') >= 0) {
            return "contains a NUL character";
        }
        if (name.indexOf('\\') >= 0) {
            return "contains a backslash";
        }
        if (name.startsWith("/")) {
            return "is an absolute path";
        }
        if (name.length() >= 2 && Character.isLetter(name.charAt(0)) && name.charAt(1) == ':') {
            return "starts with a drive letter";
        }
        String body = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : body.split("/", -1)) {
            if (segment.equals("..")) {
                return "has a '..' segment";
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "has an empty or '.' segment";
            }
        }
        return null;
    }

    @Override
    public List<BagEntry> entries() {
        return entries;
    }

    @Override
    public InputStream open(BagEntry entry) throws IOException {
        ZipEntry ze = files.get(entry.path());
        if (ze == null) {
            throw new IllegalArgumentException("not a file entry: " + entry);
        }
        String refusal = refused.get(entry.path());
        if (refusal != null) {
            throw new BagProblemException(ProblemCode.ZIP_LIMIT_EXCEEDED, refusal);
        }
        try {
            return new GuardedStream(zip.getInputStream(ze), entry.path(), ze.getSize(),
                    Math.max(1, ze.getCompressedSize()));
        } catch (ZipException e) {
            throw new BagProblemException(ProblemCode.ZIP_MALFORMED, entry.path() + ": " + e.getMessage());
        }
    }

    @Override
    public boolean isZip() {
        return true;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    @Override
    public String toString() {
        return zip.getName();
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // the ZIP was only read; nothing to lose
        }
    }

    /** Counts what an entry inflates to and stops at the first limit it passes. */
    private final class GuardedStream extends FilterInputStream {
        private final String path;
        private final long declaredSize;
        private final long compressedSize;
        private long count;

        GuardedStream(InputStream in, String path, long declaredSize, long compressedSize) {
            super(in);
            this.path = path;
            this.declaredSize = declaredSize;
            this.compressedSize = compressedSize;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (ZipException e) {
                throw new BagProblemException(ProblemCode.ZIP_MALFORMED, path + " is corrupt in the ZIP: "
                        + e.getMessage());
            }
            if (n > 0) {
                count += n;
                if (count > declaredSize) {
                    throw new BagProblemException(ProblemCode.ZIP_MALFORMED, path
                            + " expands beyond the " + declaredSize + " bytes its ZIP entry declares");
                }
                long total = expanded.addAndGet(n);
                if (total > options.maxZipExpandedBytes()) {
                    throw new BagProblemException(ProblemCode.ZIP_LIMIT_EXCEEDED, "reading " + path
                            + " took the ZIP past its expansion limit of " + options.maxZipExpandedBytes() + " bytes");
                }
                if (count > BagOptions.RATIO_FLOOR_BYTES
                        && (double) count / compressedSize > options.maxZipCompressionRatio()) {
                    throw new BagProblemException(ProblemCode.ZIP_LIMIT_EXCEEDED, path + " expanded from "
                            + compressedSize + " to more than " + count + " bytes, a ratio above the limit of "
                            + options.maxZipCompressionRatio());
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipping inflates too, so it goes through the counting read
            byte[] discard = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int r = read(discard, 0, (int) Math.min(discard.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }
    }

    private static Problem limit(String path, String message) {
        return Problem.of(ProblemCode.ZIP_LIMIT_EXCEEDED, path, message);
    }
}
