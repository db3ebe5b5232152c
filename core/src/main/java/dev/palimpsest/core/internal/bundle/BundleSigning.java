package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.bundle.BundleException;
import dev.palimpsest.core.bundle.BundleException.Reason;
import dev.palimpsest.core.bundle.BundleResult;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.internal.bag.Bag;
import dev.palimpsest.core.internal.bag.BagOptions;
import dev.palimpsest.core.internal.bag.BagPaths;
import dev.palimpsest.core.internal.bag.Manifest;
import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.SigningException;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Severity;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Signs an existing bundle, or adds a countersignature: the bundle is verified first (a damaged
 * bundle is not signed), then only {@code provenance/archive.json.p7s} and the tag manifests
 * change. In a folder, each new file is written beside the old one and renamed over it; a ZIP is
 * rewritten to a temporary sibling that replaces it in one rename.
 */
public final class BundleSigning {
    /** Problems that a replaced signature makes moot. */
    private static final Set<ProblemCode> SIGNATURE_CODES = Set.of(ProblemCode.SIGNATURE_INVALID,
            ProblemCode.SIGNATURE_MALFORMED, ProblemCode.ALGORITHM_NOT_ALLOWED, ProblemCode.TIMESTAMP_INVALID,
            ProblemCode.CERTIFICATE_REVOKED, ProblemCode.TAG_FILE_MODIFIED, ProblemCode.TAG_FILE_TOO_LARGE);

    private BundleSigning() {
    }

    /**
     * Adds {@code signer}'s signature to the bundle: countersigns an existing signature, or
     * replaces it when {@code replace} is set, or signs an unsigned bundle.
     */
    public static BundleResult sign(Path bundle, CmsSigner signer, boolean replace, int parallelism)
            throws IOException {
        if (Files.isDirectory(bundle)) {
            recoverFolder(bundle);
        } else if (Files.isRegularFile(bundle)) {
            StaleTemps.clean(bundle);
        }
        BagOptions options = new BagOptions(BagOptions.DEFAULT_MAX_TAG_FILE_BYTES, BagOptions.DEFAULT_MAX_MANIFEST_BYTES,
                BagOptions.DEFAULT_MAX_ZIP_ENTRIES, BagOptions.DEFAULT_MAX_ZIP_EXPANDED_BYTES,
                BagOptions.DEFAULT_MAX_ZIP_COMPRESSION_RATIO, parallelism, null);
        BundleVerification.Verified verified = BundleVerification.verifyKeeping(bundle, options, TrustPolicy.none(),
                ManifestCodec.standard());
        VerificationReport report = verified.report();
        if (verified.bag() == null || verified.bag().entry(TagFiles.ARCHIVE_JSON).isEmpty()) {
            throw new BundleException(Reason.NOT_A_BUNDLE, bundle.toString(), bundle
                    + " is not a Palimpsest bundle (no " + TagFiles.ARCHIVE_JSON + ")" + errors(report, false), null);
        }
        List<Problem> blocking = blocking(report, replace);
        if (!blocking.isEmpty() || verified.manifest() == null) {
            throw new BundleException(Reason.BUNDLE_INVALID, bundle.toString(), bundle
                    + " does not verify, so it is not signed" + errors(report, replace), null);
        }
        Bag bag = verified.bag();
        byte[] json = bag.tagFileBytes(TagFiles.ARCHIVE_JSON).orElseThrow();
        byte[] existing = replace ? null : bag.tagFileBytes(TagFiles.ARCHIVE_SIGNATURE).orElse(null);
        byte[] signature;
        try {
            signature = existing == null ? signer.sign(json) : signer.countersign(existing, json);
        } catch (SigningException e) {
            throw new BundleException(Reason.SIGNING_FAILED, bundle.toString(), "signing " + TagFiles.ARCHIVE_JSON
                    + " of " + bundle + " failed: " + e.getMessage(), e);
        }
        Map<String, byte[]> changed = new LinkedHashMap<>();
        changed.put(TagFiles.ARCHIVE_SIGNATURE, signature);
        for (Manifest tagManifest : bag.tagManifests()) {
            changed.put(tagManifest.file(), updatedTagManifest(bag, tagManifest, signature));
        }
        if (bag.source().isZip()) {
            rewriteZip(bundle, changed);
        } else {
            replaceFiles(bundle, changed);
        }
        int signers = existing == null ? 1 : report.signatures().size() + 1;
        return new BundleResult(bundle, verified.manifest(), signers, List.of());
    }

    private static List<Problem> blocking(VerificationReport report, boolean replace) {
        return report.problems().stream().filter(p -> p.severity() == Severity.ERROR)
                .filter(p -> !(replace && SIGNATURE_CODES.contains(p.code())
                        && p.path().map(TagFiles.ARCHIVE_SIGNATURE::equals).orElse(false)))
                .collect(Collectors.toList());
    }

    private static String errors(VerificationReport report, boolean replace) {
        List<Problem> errors = blocking(report, replace);
        if (errors.isEmpty()) {
            return "";
        }
        return ": " + errors.stream().limit(10).map(p -> p.code() + (p.path().map(x -> " " + x).orElse("")) + ": "
                + p.message()).collect(Collectors.joining("; ")) + (errors.size() > 10 ? "; ..." : "");
    }

    /** The tag manifest with the signature's line replaced (or added); every other line kept byte for byte. */
    private static byte[] updatedTagManifest(Bag bag, Manifest manifest, byte[] signature) throws BundleException {
        DigestAlgorithm algorithm = manifest.algorithm().orElseThrow(() -> new BundleException(Reason.BUNDLE_INVALID,
                manifest.file(), manifest.file() + " uses an algorithm Palimpsest does not support, so it cannot be"
                        + " updated for the new signature", null));
        byte[] original = bag.tagFileBytes(manifest.file()).orElseThrow(() -> new BundleException(Reason.BUNDLE_INVALID,
                manifest.file(), manifest.file() + " could not be read", null));
        String line = DigestValue.of(algorithm, algorithm.newMessageDigest().digest(signature)).hex() + "  "
                + TagFiles.ARCHIVE_SIGNATURE + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + line.length());
        boolean replaced = false;
        int start = 0;
        while (start < original.length) {
            int end = start;
            while (end < original.length && original[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, original.length);
            String text = new String(original, start, end - start, StandardCharsets.UTF_8).replaceAll("\r$", "");
            String[] parts = text.trim().split("[ \t]+", 2);
            if (parts.length == 2 && BagPaths.normalise(BagPaths.decodePercent(parts[1].startsWith("*")
                    ? parts[1].substring(1) : parts[1])).equals(TagFiles.ARCHIVE_SIGNATURE)) {
                if (!replaced) {
                    out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
                    replaced = true;
                }
            } else {
                out.write(original, start, next - start);
                if (next == original.length && end == original.length && end > start) {
                    out.write('\n'); // the last line had no line end
                }
            }
            start = next;
        }
        if (!replaced) {
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Writes each changed file beside its original, then renames it over the original. */
    private static void replaceFiles(Path bundle, Map<String, byte[]> changed) throws IOException {
        Map<Path, Path> written = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, byte[]> file : changed.entrySet()) {
                Path target = bundle.resolve(file.getKey());
                Path temp = Atomic.temporarySibling(target, "");
                // Registered before writing, so that one a full disk stops half-way is deleted too.
                written.put(temp, target);
                try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ByteBuffer bytes = ByteBuffer.wrap(file.getValue());
                    while (bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                    out.force(true);
                }
            }
            // The signature first: until the tag manifests follow, a BagIt tool sees a changed
            // signature file, never a tag manifest naming a signature that is not there.
            for (Map.Entry<Path, Path> file : new ArrayList<>(written.entrySet())) {
                Files.move(file.getKey(), file.getValue(), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                written.remove(file.getKey());
            }
        } finally {
            for (Path temp : written.keySet()) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Finishes or undoes a signing of the folder {@code bundle} that was killed. The signature is
     * renamed into place before the tag manifests, so a kill between those renames leaves a new
     * signature that the tag manifests in place do not list; their complete, forced replacements
     * are still beside them, and are moved into place when they list the signature now in place.
     * Every other stale temporary is removed.
     */
    private static void recoverFolder(Path bundle) throws IOException {
        List<String> notes = new ArrayList<>();
        Path signature = bundle.resolve(TagFiles.ARCHIVE_SIGNATURE);
        String signatureName = signature.getFileName().toString();
        for (StaleTemps.Temp t : StaleTemps.staleIn(signature.getParent(), signatureName::equals)) {
            StaleTemps.remove(t, notes);
        }
        for (StaleTemps.Temp t : StaleTemps.staleIn(bundle, n -> n.startsWith("tagmanifest-") && n.endsWith(".txt"))) {
            Path target = bundle.resolve(t.rest());
            Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromLabel(
                    t.rest().substring("tagmanifest-".length(), t.rest().length() - ".txt".length()));
            if (algorithm.isPresent() && Files.isRegularFile(signature) && Files.isRegularFile(target)
                    && !listsSignature(target, algorithm.get(), signature)
                    && listsSignature(t.path(), algorithm.get(), signature)) {
                Files.move(t.path(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                StaleTemps.note(notes, "completed the signing of " + bundle + " that process " + t.pid()
                        + " left half done: moved " + t.path().getFileName() + " to " + t.rest());
            } else {
                StaleTemps.remove(t, notes);
            }
        }
    }

    /** Whether the tag manifest {@code tagManifest} gives the digest {@code signature} has now. */
    private static boolean listsSignature(Path tagManifest, DigestAlgorithm algorithm, Path signature)
            throws IOException {
        String actual = DigestValue.of(algorithm, algorithm.newMessageDigest().digest(Files.readAllBytes(signature)))
                .hex();
        if (Files.size(tagManifest) > BagOptions.DEFAULT_MAX_MANIFEST_BYTES) {
            return false;
        }
        for (String line : Files.readAllLines(tagManifest, StandardCharsets.UTF_8)) {
            String[] parts = line.trim().split("[ \t]+", 2);
            if (parts.length == 2 && (parts[1].startsWith("*") ? parts[1].substring(1) : parts[1])
                    .equals(TagFiles.ARCHIVE_SIGNATURE)) {
                return parts[0].equalsIgnoreCase(actual);
            }
        }
        return false;
    }

    /** Copies the ZIP to a temporary sibling with the changed entries replaced, then renames it over the original. */
    private static void rewriteZip(Path bundle, Map<String, byte[]> changed) throws IOException {
        Path temp = Atomic.temporarySibling(bundle.toAbsolutePath(), ".zip");
        try (ZipFile zip = new ZipFile(bundle.toFile(), StandardCharsets.UTF_8)) {
            String prefix = prefix(zip);
            Map<String, byte[]> pending = new LinkedHashMap<>();
            changed.forEach((path, bytes) -> pending.put(prefix + path, bytes));
            Instant time = Files.getLastModifiedTime(bundle).toInstant();
            try (ZipWriter out = ZipWriter.create(temp, time)) {
                byte[] buffer = new byte[256 * 1024];
                for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                    ZipEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (entry.isDirectory()) {
                        out.directory(name);
                    } else if (pending.containsKey(name)) {
                        out.bytes(name, pending.remove(name));
                    } else if (!name.startsWith(prefix + "data/") && entry.getSize() >= 0 && entry.getSize() < (1 << 20)) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            out.bytes(name, in.readAllBytes());
                        }
                    } else {
                        ZipWriter.StoredEntry stored = out.beginStored(name, entry.getSize());
                        try (InputStream in = zip.getInputStream(entry)) {
                            for (int n; (n = in.read(buffer)) >= 0;) {
                                stored.write(buffer, 0, n);
                            }
                        }
                        stored.finish();
                    }
                }
                for (Map.Entry<String, byte[]> added : pending.entrySet()) {
                    out.bytes(added.getKey(), added.getValue());
                }
                out.finish(true);
            }
            Files.move(temp, bundle, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException | Error e) {
            Atomic.deleteQuietly(temp, e);
            throw e;
        }
    }

    /** The folder inside the ZIP that holds the bag: where its {@code provenance/archive.json} is. */
    private static String prefix(ZipFile zip) throws BundleException {
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
            String name = entries.nextElement().getName();
            if (name.endsWith(TagFiles.ARCHIVE_JSON)) {
                String prefix = name.substring(0, name.length() - TagFiles.ARCHIVE_JSON.length());
                if (prefix.isEmpty() || (prefix.endsWith("/") && prefix.indexOf('/') == prefix.length() - 1)) {
                    return prefix;
                }
            }
        }
        throw new BundleException(Reason.NOT_A_BUNDLE, zip.getName(), zip.getName() + " holds no "
                + TagFiles.ARCHIVE_JSON, null);
    }
}
