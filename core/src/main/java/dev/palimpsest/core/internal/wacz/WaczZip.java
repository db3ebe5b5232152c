package dev.palimpsest.core.internal.wacz;

import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A WACZ read in place through {@link ZipFile}'s random access: nothing is unpacked to disk.
 *
 * <p>Hostile ZIPs are contained. Entry names that could escape a root are reported and never
 * read; the entry count and the declared expanded size are checked before anything is read; and
 * every entry stream counts what it inflates, failing as soon as it passes its declared size, the
 * total expansion limit or the compression-ratio limit — so a bomb costs at most the limits,
 * whatever its headers claim.
 */
final class WaczZip implements AutoCloseable {
    private final ZipFile zip;
    private final WaczOptions options;
    private final SortedMap<String, ZipEntry> files;
    private final Map<String, String> refused;
    private final AtomicLong expanded = new AtomicLong();

    private WaczZip(ZipFile zip, WaczOptions options, SortedMap<String, ZipEntry> files, Map<String, String> refused) {
        this.zip = zip;
        this.options = options;
        this.files = files;
        this.refused = refused;
    }

    /**
     * Opens {@code file}. Problems with the ZIP as a whole (not a ZIP, malformed, too many entries,
     * too large once expanded) are reported and give an empty result; problems with single entries
     * are reported and those entries left out or refused.
     */
    static Optional<WaczZip> open(Path file, WaczOptions options, VerificationReport.Builder report) throws IOException {
        String name = String.valueOf(file.getFileName());
        if (!looksLikeZip(file)) {
            report.problem(ProblemCode.FORMAT_UNRECOGNISED, null, name + " is not a ZIP file (it does not start with"
                    + " a ZIP signature), so it cannot be a WACZ");
            return Optional.empty();
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            report.problem(ProblemCode.ZIP_MALFORMED, null, name + " is not a readable ZIP: " + e.getMessage());
            return Optional.empty();
        }
        try {
            Optional<WaczZip> result = list(zip, name, options, report);
            if (result.isEmpty()) {
                zip.close();
            }
            return result;
        } catch (IOException | IllegalArgumentException e) {
            // ZipFile reports some corrupt central directory entries lazily, e.g. an undecodable name
            report.problem(ProblemCode.ZIP_MALFORMED, null, name + " has a malformed central directory: "
                    + e.getMessage());
            zip.close();
            return Optional.empty();
        }
    }

    private static boolean looksLikeZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            // an empty archive is only an end-of-central-directory record
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K'
                    && ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
        }
    }

    private static Optional<WaczZip> list(ZipFile zip, String name, WaczOptions options,
            VerificationReport.Builder report) throws IOException {
        if (zip.size() > options.maxZipEntries()) {
            report.problem(ProblemCode.ZIP_LIMIT_EXCEEDED, null, name + " has " + zip.size()
                    + " entries; the limit is " + options.maxZipEntries() + ", so nothing in it is read");
            return Optional.empty();
        }
        SortedMap<String, ZipEntry> files = new TreeMap<>();
        Map<String, String> refused = new HashMap<>();
        Map<String, Boolean> seen = new HashMap<>();
        long declared = 0;
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry entry = all.nextElement();
            String entryName = entry.getName();
            String unsafe = WaczPaths.unsafeReason(entryName);
            if (unsafe != null) {
                report.problem(Problem.builder(ProblemCode.ZIP_ENTRY_UNSAFE)
                        .message("ZIP entry '" + WaczPaths.printable(entryName) + "' " + unsafe + "; it is not read")
                        .actual(WaczPaths.printable(entryName)).build());
                continue;
            }
            if (seen.put(entryName, Boolean.TRUE) != null) {
                report.problem(ProblemCode.ZIP_MALFORMED, entryName, "ZIP entry '" + WaczPaths.printable(entryName)
                        + "' appears twice; tools disagree about which copy counts, so only the first is read");
                continue;
            }
            if (entry.isDirectory()) {
                continue;
            }
            if (entry.getSize() < 0) {
                report.problem(ProblemCode.ZIP_MALFORMED, entryName, "ZIP entry '" + WaczPaths.printable(entryName)
                        + "' has no size in the central directory; it is not read");
                continue;
            }
            declared += entry.getSize();
            files.put(entryName, entry);
            long compressed = Math.max(1, entry.getCompressedSize());
            if (entry.getSize() > WaczOptions.RATIO_FLOOR_BYTES
                    && (double) entry.getSize() / compressed > options.maxZipCompressionRatio()) {
                String message = entryName + " would expand from " + entry.getCompressedSize() + " to " + entry.getSize()
                        + " bytes, a ratio above the limit of " + options.maxZipCompressionRatio() + "; it is not read";
                refused.put(entryName, message);
                report.problem(ProblemCode.ZIP_LIMIT_EXCEEDED, entryName, message);
            }
        }
        if (declared > options.maxZipExpandedBytes()) {
            report.problem(ProblemCode.ZIP_LIMIT_EXCEEDED, null, name + " would expand to " + declared
                    + " bytes; the limit is " + options.maxZipExpandedBytes() + ", so nothing in it is read");
            return Optional.empty();
        }
        return Optional.of(new WaczZip(zip, options, Collections.unmodifiableSortedMap(files), refused));
    }

    /** The file entries with safe names, by name. */
    SortedMap<String, ZipEntry> files() {
        return files;
    }

    boolean has(String path) {
        return files.containsKey(path);
    }

    /** Whether a file entry was refused when the ZIP was listed (and reported then). */
    boolean isRefused(String path) {
        return refused.containsKey(path);
    }

    /** The size the central directory declares for a file entry. */
    long size(String path) {
        return entry(path).getSize();
    }

    /** Whether a file entry is stored without compression. */
    boolean isStored(String path) {
        return entry(path).getMethod() == ZipEntry.STORED;
    }

    /**
     * A stream of a file entry's bytes, guarded by the limits.
     *
     * @throws WaczProblemException {@code ZIP_LIMIT_EXCEEDED} if the entry was refused,
     *     {@code ZIP_MALFORMED} if it cannot be read; and while reading, as the limits are passed
     */
    InputStream open(String path) throws IOException {
        ZipEntry entry = entry(path);
        String refusal = refused.get(path);
        if (refusal != null) {
            throw new WaczProblemException(ProblemCode.ZIP_LIMIT_EXCEEDED, refusal);
        }
        try {
            return new GuardedStream(zip.getInputStream(entry), path, entry.getSize(),
                    Math.max(1, entry.getCompressedSize()));
        } catch (ZipException e) {
            throw new WaczProblemException(ProblemCode.ZIP_MALFORMED, path + " cannot be read from the ZIP: "
                    + e.getMessage());
        }
    }

    /**
     * All bytes of a small file entry.
     *
     * @throws WaczProblemException {@code ZIP_LIMIT_EXCEEDED} if it declares more than {@code max}
     *     bytes; otherwise as {@link #open(String)}
     */
    byte[] readAll(String path, long max) throws IOException {
        long size = size(path);
        if (size > max) {
            throw new WaczProblemException(ProblemCode.ZIP_LIMIT_EXCEEDED, path + " is " + size
                    + " bytes; the verifier reads at most " + max + " bytes of it");
        }
        try (InputStream in = open(path)) {
            return in.readAllBytes();
        }
    }

    private ZipEntry entry(String path) {
        ZipEntry entry = files.get(path);
        if (entry == null) {
            throw new IllegalArgumentException("not a file entry: " + path);
        }
        return entry;
    }

    @Override
    public void close() throws IOException {
        zip.close();
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
                throw new WaczProblemException(ProblemCode.ZIP_MALFORMED, path + " is corrupt in the ZIP: "
                        + e.getMessage());
            }
            if (n > 0) {
                count += n;
                if (count > declaredSize) {
                    throw new WaczProblemException(ProblemCode.ZIP_MALFORMED, path + " expands beyond the "
                            + declaredSize + " bytes its ZIP entry declares");
                }
                long total = expanded.addAndGet(n);
                if (total > options.maxZipExpandedBytes()) {
                    throw new WaczProblemException(ProblemCode.ZIP_LIMIT_EXCEEDED, "reading " + path
                            + " took the ZIP past its expansion limit of " + options.maxZipExpandedBytes() + " bytes");
                }
                if (count > WaczOptions.RATIO_FLOOR_BYTES
                        && (double) count / compressedSize > options.maxZipCompressionRatio()) {
                    throw new WaczProblemException(ProblemCode.ZIP_LIMIT_EXCEEDED, path + " expanded from "
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
}
