package dev.palimpsest.core.internal.bag;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Severity;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a bag's tag files into a {@link Bag}, reporting every problem in them to a report
 * builder: bagit.txt syntax and version, tag file encodings and limits, malformed, unsafe,
 * duplicated and colliding manifest lines, and malformed fetch.txt lines. Reading never stops at
 * a problem; what cannot be read is left out of the model and said so in the report.
 */
public final class BagReader {
    private static final Pattern MANIFEST_FILE = Pattern.compile("manifest-([A-Za-z0-9_-]+)\\.txt");
    private static final Pattern TAG_MANIFEST_FILE = Pattern.compile("tagmanifest-([A-Za-z0-9_-]+)\\.txt");
    private static final Pattern VERSION_LINE = Pattern.compile("BagIt-Version: ([0-9]{1,4})\\.([0-9]{1,4})");
    private static final Pattern VERSION_LINE_LOOSE = Pattern.compile("(?i)\\s*BagIt-Version\\s*:\\s*(.*?)\\s*");
    private static final Pattern VERSION = Pattern.compile("([0-9]{1,4})\\.([0-9]{1,4})");
    private static final Pattern ENCODING_LINE = Pattern.compile("Tag-File-Character-Encoding: (\\S+)");
    private static final Pattern ENCODING_LINE_LOOSE =
            Pattern.compile("(?i)\\s*Tag-File-Character-Encoding\\s*:\\s*(.*?)\\s*");
    private static final Pattern MANIFEST_LINE = Pattern.compile("(\\S+)([ \\t]+)(.*)");
    private static final Pattern FETCH_LINE = Pattern.compile("(\\S+)[ \\t]+(\\S+)[ \\t]+(.+)");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");
    private static final Pattern LENGTH = Pattern.compile("[0-9]{1,18}");

    private final BagSource source;
    private final BagOptions options;
    private final VerificationReport.Builder report;
    private final Map<String, BagEntry> entries = new TreeMap<>();
    private final Set<String> directories = new HashSet<>();
    /** Payload manifests above this size keep only their digests once parsed. */
    private static final int PRECOMPUTE_ABOVE_BYTES = 1 << 20;

    private final Map<String, byte[]> tagBytes = new HashMap<>();
    private final Map<String, Map<DigestAlgorithm, DigestValue>> tagDigests = new HashMap<>();
    private final Set<String> attempted = new HashSet<>();
    private BagDeclaration declaration = BagDeclaration.FALLBACK;

    private BagReader(BagSource source, BagOptions options, VerificationReport.Builder report) {
        this.source = source;
        this.options = options;
        this.report = report;
    }

    /** Reads the bag in {@code source}, reporting problems to {@code report}. */
    public static Bag read(BagSource source, BagOptions options, VerificationReport.Builder report) {
        return read(source, options, report, Set.of());
    }

    /**
     * Reads the bag in {@code source} and also the bytes of {@code pinned} tag files that are
     * present (at most {@link BagOptions#maxManifestBytes()} each), e.g. a signed manifest and its
     * signature: {@link Bag#tagFileBytes(String)} then returns the very bytes that the tag
     * manifests are checked against.
     */
    public static Bag read(BagSource source, BagOptions options, VerificationReport.Builder report,
            Set<String> pinned) {
        return new BagReader(source, options, report).read(pinned);
    }

    private Bag read(Set<String> pinned) {
        for (BagEntry e : source.entries()) {
            entries.put(e.path(), e);
            if (e.kind() == BagEntry.Kind.DIRECTORY) {
                directories.add(e.path());
            }
            for (int slash = e.path().indexOf('/'); slash > 0; slash = e.path().indexOf('/', slash + 1)) {
                directories.add(e.path().substring(0, slash));
            }
        }
        readDeclaration();

        List<String> tagManifestFiles = new ArrayList<>();
        List<String> manifestFiles = new ArrayList<>();
        for (BagEntry e : entries.values()) {
            if (e.path().indexOf('/') >= 0) {
                continue;
            }
            if (TAG_MANIFEST_FILE.matcher(e.path()).matches()) {
                tagManifestFiles.add(e.path());
            } else if (MANIFEST_FILE.matcher(e.path()).matches()) {
                manifestFiles.add(e.path());
            }
        }
        List<Manifest> tagManifests = new ArrayList<>();
        for (String file : tagManifestFiles) {
            readManifest(file, true).ifPresent(tagManifests::add);
        }
        List<Manifest> payloadManifests = new ArrayList<>();
        for (String file : manifestFiles) {
            readManifest(file, false).ifPresent(payloadManifests::add);
            keepDigestsOnly(file, tagManifests);
        }
        List<FetchItem> fetchItems = entries.containsKey("fetch.txt") ? readFetch() : List.of();
        TagMetadata metadata = readMetadata();
        for (String path : new TreeSet<>(pinned)) {
            BagEntry entry = entries.get(path);
            if (entry != null && !attempted.contains(path)) {
                readTagFile(entry, options.maxManifestBytes());
            }
        }
        return new Bag(source, declaration, metadata, payloadManifests, tagManifests, manifestFiles.size(), fetchItems,
                entries, directories, tagBytes, tagDigests, attempted);
    }

    // --- bagit.txt --------------------------------------------------------------------------

    private void readDeclaration() {
        BagEntry entry = entries.get("bagit.txt");
        if (entry == null) {
            report.problem(ProblemCode.BAGIT_DECLARATION_MISSING, "bagit.txt",
                    "bagit.txt is missing, so this is not a bag; its other files are checked as BagIt 1.0 in UTF-8");
            return;
        }
        Optional<byte[]> read = readTagFile(entry, options.maxTagFileBytes());
        if (read.isEmpty()) {
            return;
        }
        byte[] bytes = read.get();
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            invalidDeclaration("bagit.txt starts with a UTF-8 byte-order mark, which RFC 8493 (section 2.1.1) forbids");
        }
        List<String> lines = new ArrayList<>();
        try {
            TagLines.forEach(bytes, StandardCharsets.UTF_8, (n, text) -> lines.add(text));
        } catch (TagLines.DecodingException e) {
            invalidDeclaration("bagit.txt line " + e.line() + " (byte " + e.offset() + ") is not UTF-8");
            return;
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        boolean wellFormed = true;
        BagVersion version = null;
        String first = lines.isEmpty() ? "" : lines.get(0);
        Matcher strict = VERSION_LINE.matcher(first);
        if (strict.matches()) {
            version = new BagVersion(Integer.parseInt(strict.group(1)), Integer.parseInt(strict.group(2)));
        } else {
            wellFormed = false;
            invalidDeclaration("bagit.txt line 1 must be exactly 'BagIt-Version: M.N', found '"
                    + BagPaths.printable(first) + "'");
            Matcher loose = VERSION_LINE_LOOSE.matcher(first);
            Matcher digits = loose.matches() ? VERSION.matcher(loose.group(1)) : null;
            if (digits != null && digits.matches()) {
                version = new BagVersion(Integer.parseInt(digits.group(1)), Integer.parseInt(digits.group(2)));
            }
        }
        if (version != null && !version.isSupported()) {
            report.problem(ProblemCode.BAGIT_VERSION_UNSUPPORTED, "bagit.txt", "bagit.txt declares BagIt " + version
                    + ", which is not one Palimpsest reads (0.93 to 0.97, and 1.0); checked as 1.0");
            wellFormed = false;
            version = null;
        }
        Charset encoding = null;
        String second = lines.size() > 1 ? lines.get(1) : null;
        String encodingName = null;
        if (second == null) {
            wellFormed = false;
            invalidDeclaration("bagit.txt has no line 2, 'Tag-File-Character-Encoding: <encoding>'");
        } else {
            Matcher m = ENCODING_LINE.matcher(second);
            if (m.matches()) {
                encodingName = m.group(1);
            } else {
                wellFormed = false;
                invalidDeclaration("bagit.txt line 2 must be exactly 'Tag-File-Character-Encoding: <encoding>', found '"
                        + BagPaths.printable(second) + "'");
                Matcher loose = ENCODING_LINE_LOOSE.matcher(second);
                if (loose.matches() && !loose.group(1).isEmpty()) {
                    encodingName = loose.group(1);
                }
            }
        }
        if (encodingName != null) {
            try {
                encoding = Charset.forName(encodingName);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                wellFormed = false;
                report.problem(ProblemCode.TAG_FILE_ENCODING, "bagit.txt", "bagit.txt declares the tag file encoding '"
                        + BagPaths.printable(encodingName) + "', which this Java runtime does not know; read as UTF-8");
            }
        }
        if (lines.size() > 2) {
            wellFormed = false;
            invalidDeclaration("bagit.txt has " + lines.size() + " lines; it must have exactly two");
        }
        declaration = new BagDeclaration(version != null ? version : BagVersion.V1_0,
                encoding != null ? encoding : StandardCharsets.UTF_8, wellFormed);
    }

    private void invalidDeclaration(String message) {
        report.problem(ProblemCode.BAGIT_DECLARATION_INVALID, "bagit.txt", message);
    }

    // --- manifests ----------------------------------------------------------------------------

    private Optional<Manifest> readManifest(String file, boolean tag) {
        Matcher name = (tag ? TAG_MANIFEST_FILE : MANIFEST_FILE).matcher(file);
        if (!name.matches()) {
            throw new IllegalStateException(file);
        }
        String label = name.group(1);
        DigestAlgorithm algorithm = DigestAlgorithm.fromLabel(label).orElse(null);
        if (algorithm == null) {
            report.problem(ProblemCode.MANIFEST_ALGORITHM_UNSUPPORTED, file, file + " uses the algorithm '" + label
                    + "', which Palimpsest does not support; its digests are not checked");
        }
        Optional<byte[]> read = readTagFile(entries.get(file), options.maxManifestBytes());
        if (read.isEmpty()) {
            return Optional.empty();
        }
        List<ManifestEntry> lines = new ArrayList<>();
        Map<String, ManifestEntry> byPath = new HashMap<>();
        Map<String, ManifestEntry> byCollisionKey = new HashMap<>();
        try {
            TagLines.forEach(read.get(), declaration.encoding(), (number, text) -> {
                ManifestEntry entry = parseManifestLine(file, tag, algorithm, number, text);
                if (entry == null) {
                    return;
                }
                ManifestEntry earlier = byPath.putIfAbsent(entry.path(), entry);
                if (earlier != null) {
                    duplicate(file, earlier, entry);
                } else {
                    ManifestEntry similar = byCollisionKey.putIfAbsent(BagPaths.collisionKey(entry.path()), entry);
                    if (similar != null) {
                        report.problem(ProblemCode.PATH_COLLISION, entry.path(), file + " lists '"
                                + BagPaths.printable(entry.path()) + "' (line " + entry.line() + ") and '"
                                + BagPaths.printable(similar.path()) + "' (line " + similar.line()
                                + "): " + BagPaths.collisionKind(entry.path(), similar.path())
                                + ", one file on macOS and Windows");
                    }
                }
                lines.add(entry);
            });
        } catch (TagLines.DecodingException e) {
            encodingProblem(file, e);
        }
        return Optional.of(new Manifest(file, tag, label, algorithm, lines));
    }

    /**
     * Replaces the bytes of a large payload manifest by its digests for the algorithms of the tag
     * manifests that list it (they were read first): those are all the bytes were kept for, and a
     * bag of a million files has a hundred megabytes of them.
     */
    private void keepDigestsOnly(String file, List<Manifest> tagManifests) {
        byte[] bytes = tagBytes.get(file);
        if (bytes == null || bytes.length < PRECOMPUTE_ABOVE_BYTES) {
            return;
        }
        Set<DigestAlgorithm> algorithms = java.util.EnumSet.noneOf(DigestAlgorithm.class);
        for (Manifest m : tagManifests) {
            if (m.algorithm().isPresent() && m.entries().stream().anyMatch(e -> e.path().equals(file))) {
                algorithms.add(m.algorithm().get());
            }
        }
        tagDigests.put(file, Digests.of(bytes, algorithms));
        tagBytes.remove(file);
    }

    private void duplicate(String file, ManifestEntry earlier, ManifestEntry entry) {
        boolean same = earlier.sameDigest(entry);
        // Before RFC 8493 a repeated identical line was merely redundant; 1.0 forbids listing a file twice.
        Severity severity = same && !declaration.version().atLeast(BagVersion.V1_0) ? Severity.WARNING : Severity.ERROR;
        report.problem(Problem.builder(ProblemCode.MANIFEST_DUPLICATE_ENTRY).severity(severity).path(entry.path())
                .message(file + " lists '" + BagPaths.printable(entry.path()) + "' on lines " + earlier.line()
                        + " and " + entry.line() + (same ? " with the same digest" : " with different digests"))
                .expected(earlier.digestText()).actual(entry.digestText()).build());
    }

    private ManifestEntry parseManifestLine(String file, boolean tag, DigestAlgorithm algorithm, int number,
            String text) {
        if (text.isBlank()) {
            return null;
        }
        Matcher m = MANIFEST_LINE.matcher(text);
        if (!m.matches() || m.group(3).isEmpty()) {
            report.problem(ProblemCode.MANIFEST_LINE_MALFORMED, file, file + " line " + number
                    + " is not '<digest> <path>': '" + BagPaths.printable(text) + "'");
            return null;
        }
        String digestText = m.group(1);
        DigestValue digest = null;
        if (algorithm != null) {
            if (digestText.length() != 2 * algorithm.length() || !HEX.matcher(digestText).matches()) {
                report.problem(Problem.builder(ProblemCode.MANIFEST_LINE_MALFORMED).path(file)
                        .message(file + " line " + number + ": '" + BagPaths.printable(digestText) + "' is not a "
                                + algorithm.label() + " digest of " + 2 * algorithm.length() + " hex digits")
                        .actual(BagPaths.printable(digestText)).build());
                return null;
            }
            try {
                digest = DigestValue.parse(algorithm, digestText);
            } catch (IllegalArgumentException e) {
                // HEX lets hex in mixed case through; DigestValue refuses it (no encoder writes it).
                report.problem(Problem.builder(ProblemCode.MANIFEST_LINE_MALFORMED).path(file)
                        .message(file + " line " + number + ": " + BagPaths.printable(e.getMessage()))
                        .actual(BagPaths.printable(digestText)).build());
                return null;
            }
        }
        String written = m.group(3);
        String raw = written;
        boolean binaryMarker = false;
        if (m.group(2).equals(" ") && raw.startsWith("*") && raw.length() > 1) {
            // md5sum and sha*sum write "<digest> *<path>" in binary mode; a bag path never starts with '*'.
            raw = raw.substring(1);
            binaryMarker = true;
        }
        String where = file + " line " + number;
        String path = checkPath(file, where, raw, binaryMarker);
        if (path == null) {
            return null;
        }
        if (!tag && !path.startsWith("data/")) {
            report.problem(Problem.builder(ProblemCode.PATH_OUTSIDE_PAYLOAD).path(file)
                    .message(where + " lists '" + BagPaths.printable(path)
                            + "', which is not in the payload directory data/")
                    .actual(BagPaths.printable(path)).build());
            return null;
        }
        // Large bags have a million lines: share the path with the listing's entry, and keep the
        // written digest only when it is not simply the parsed digest's lower-case hex.
        BagEntry listed = entries.get(path);
        return new ManifestEntry(number, listed != null ? listed.path() : path,
                digest != null && isLowerCase(digestText) ? null : digestText, digest);
    }

    private static boolean isLowerCase(String hex) {
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes, checks and normalises a path from a manifest or fetch.txt line; null (reported)
     * when it is unsafe.
     */
    private String checkPath(String file, String where, String written, boolean binaryMarker) {
        String decoded = declaration.version().atLeast(BagVersion.V0_97) ? BagPaths.decodePercent(written) : written;
        String unsafe = BagPaths.unsafeReason(decoded);
        if (unsafe != null) {
            report.problem(Problem.builder(ProblemCode.PATH_UNSAFE).path(file)
                    .message(where + ": '" + BagPaths.printable(decoded) + "' " + unsafe
                            + "; it could name a file outside the bag and is not used")
                    .actual(BagPaths.printable(decoded)).build());
            return null;
        }
        String path = BagPaths.normalise(decoded);
        if (path.isEmpty()) {
            report.problem(Problem.builder(ProblemCode.PATH_UNSAFE).path(file)
                    .message(where + ": '" + BagPaths.printable(decoded) + "' names the bag itself")
                    .actual(BagPaths.printable(decoded)).build());
            return null;
        }
        if (!path.equals(decoded) || binaryMarker) {
            String why = binaryMarker ? "an md5sum binary-mode '*' marker" : "'.' or empty segments";
            report.problem(Problem.builder(ProblemCode.PATH_NORMALISED).path(path)
                    .message(where + " writes '" + BagPaths.printable(binaryMarker ? "*" + decoded : decoded)
                            + "' with " + why + "; read as '" + BagPaths.printable(path) + "'")
                    .actual(BagPaths.printable(binaryMarker ? "*" + decoded : decoded)).expected(BagPaths.printable(path))
                    .build());
        }
        return path;
    }

    // --- fetch.txt ------------------------------------------------------------------------------

    private List<FetchItem> readFetch() {
        Optional<byte[]> read = readTagFile(entries.get("fetch.txt"), options.maxManifestBytes());
        if (read.isEmpty()) {
            return List.of();
        }
        List<FetchItem> items = new ArrayList<>();
        try {
            TagLines.forEach(read.get(), declaration.encoding(), (number, text) -> {
                if (text.isBlank()) {
                    return;
                }
                String where = "fetch.txt line " + number;
                Matcher m = FETCH_LINE.matcher(text);
                if (!m.matches()) {
                    report.problem(ProblemCode.FETCH_LINE_MALFORMED, "fetch.txt", where
                            + " is not '<url> <length> <path>': '" + BagPaths.printable(text) + "'");
                    return;
                }
                String url = m.group(1);
                String length = m.group(2);
                if (!isAbsoluteUri(url)) {
                    report.problem(ProblemCode.FETCH_LINE_MALFORMED, "fetch.txt", where + ": '"
                            + BagPaths.printable(url) + "' is not an absolute URL");
                    return;
                }
                if (!length.equals("-") && !LENGTH.matcher(length).matches()) {
                    report.problem(ProblemCode.FETCH_LINE_MALFORMED, "fetch.txt", where + ": the length '"
                            + BagPaths.printable(length) + "' is neither a number of bytes nor '-'");
                    return;
                }
                String path = checkPath("fetch.txt", where, m.group(3), false);
                if (path == null) {
                    return;
                }
                if (!path.startsWith("data/")) {
                    report.problem(Problem.builder(ProblemCode.PATH_OUTSIDE_PAYLOAD).path("fetch.txt")
                            .message(where + " lists '" + BagPaths.printable(path)
                                    + "', which is not in the payload directory data/")
                            .actual(BagPaths.printable(path)).build());
                    return;
                }
                items.add(new FetchItem(number, url,
                        length.equals("-") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(length)), path));
            });
        } catch (TagLines.DecodingException e) {
            encodingProblem("fetch.txt", e);
        }
        return items;
    }

    private static boolean isAbsoluteUri(String url) {
        try {
            return new URI(url).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    // --- bag-info.txt -------------------------------------------------------------------------

    private TagMetadata readMetadata() {
        String file = declaration.version().atLeast(BagVersion.V0_96) ? "bag-info.txt" : "package-info.txt";
        if (!entries.containsKey(file)) {
            String other = file.equals("bag-info.txt") ? "package-info.txt" : "bag-info.txt";
            if (!entries.containsKey(other)) {
                return null;
            }
            file = other;
        }
        Optional<byte[]> read = readTagFile(entries.get(file), options.maxTagFileBytes());
        if (read.isEmpty()) {
            return null;
        }
        String name = file;
        List<String[]> elements = new ArrayList<>();
        try {
            TagLines.forEach(read.get(), declaration.encoding(), (number, text) -> {
                if (text.isBlank()) {
                    return;
                }
                if (text.charAt(0) == ' ' || text.charAt(0) == '\t') {
                    if (elements.isEmpty()) {
                        report.problem(ProblemCode.TAG_FILE_MALFORMED, name, name + " line " + number
                                + " continues a value, but no element precedes it");
                    } else {
                        String[] last = elements.get(elements.size() - 1);
                        last[1] = last[1] + " " + text.strip();
                    }
                    return;
                }
                int colon = text.indexOf(':');
                if (colon <= 0 || text.substring(0, colon).isBlank()) {
                    report.problem(ProblemCode.TAG_FILE_MALFORMED, name, name + " line " + number
                            + " is not 'Label: value': '" + BagPaths.printable(text) + "'");
                    return;
                }
                elements.add(new String[] {text.substring(0, colon).strip(), text.substring(colon + 1).strip()});
            });
        } catch (TagLines.DecodingException e) {
            encodingProblem(name, e);
        }
        List<TagMetadata.Element> list = new ArrayList<>();
        for (String[] e : elements) {
            list.add(new TagMetadata.Element(e[0], e[1]));
        }
        return new TagMetadata(name, List.copyOf(list));
    }

    // --- reading ------------------------------------------------------------------------------

    private void encodingProblem(String file, TagLines.DecodingException e) {
        report.problem(ProblemCode.TAG_FILE_ENCODING, file, file + " line " + e.line() + " (byte " + e.offset()
                + ") is not valid "
                + declaration.encoding().name() + ", the encoding bagit.txt declares; the rest of the file is not read");
    }

    /** The bytes of a tag file, at most {@code limit}; empty (reported) when it cannot be read. */
    private Optional<byte[]> readTagFile(BagEntry entry, long limit) {
        String path = entry.path();
        attempted.add(path);
        if (!entry.isFile()) {
            if (entry.kind() == BagEntry.Kind.DIRECTORY) {
                report.problem(ProblemCode.FILE_NOT_REGULAR, path, path + " is a directory, not a tag file");
            }
            return Optional.empty();
        }
        if (entry.size() > limit) {
            tooLarge(path, entry.size(), limit);
            return Optional.empty();
        }
        try (InputStream in = source.open(entry)) {
            byte[] bytes = in.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                tooLarge(path, -1, limit);
                return Optional.empty();
            }
            tagBytes.put(path, bytes);
            return Optional.of(bytes);
        } catch (BagProblemException e) {
            report.problem(e.code(), path, e.getMessage());
        } catch (IOException e) {
            report.problem(ProblemCode.FILE_UNREADABLE, path, path + " could not be read: " + e);
        }
        return Optional.empty();
    }

    private void tooLarge(String path, long size, long limit) {
        report.problem(ProblemCode.TAG_FILE_TOO_LARGE, path, path + (size >= 0 ? " is " + size + " bytes" : " grew while read")
                + "; the verifier reads at most " + limit + " bytes of it, so it is neither parsed nor checked");
    }
}
