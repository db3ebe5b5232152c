package dev.palimpsest.pdf;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.ArchivePathException;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.pdf.internal.io.StaleFiles;
import dev.palimpsest.pdf.internal.verify.PdfSyntaxException;
import dev.palimpsest.pdf.internal.verify.PdfVerification;
import dev.palimpsest.pdf.internal.verify.PortfolioContents;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Extracts the files of a Palimpsest portfolio into a folder, safely: it verifies the portfolio
 * first (with {@link PdfVerifier}) and refuses an {@code INVALID} one unless
 * {@linkplain #withForce(boolean) forced}; it writes each file listed in the signed manifest,
 * plus {@code archive.json} and {@code archive.json.p7s}, at its archive path under the folder
 * and never outside it (names that are absolute, hold {@code ..}, or collide after Unicode
 * normalisation and case folding are refused, and symbolic links are not followed out of the
 * folder); it never replaces an existing file unless {@linkplain #withOverwrite(boolean) asked};
 * and it checks each file's size and digests while writing it, so a portfolio changed between
 * verification and extraction is caught. Each file appears complete at its path or not at all.
 *
 * <p>Files are read from the revision the PDF signature covers. Instances are immutable; each
 * {@code with…} method returns a new one.
 */
public final class PortfolioExtractor {
    private static final String TEMP_PREFIX = ".palimpsest-extract-";
    private final TrustPolicy policy;
    private final boolean force;
    private final boolean overwrite;

    private PortfolioExtractor(TrustPolicy policy, boolean force, boolean overwrite) {
        this.policy = policy;
        this.force = force;
        this.overwrite = overwrite;
    }

    /** An extractor that verifies with {@code policy}, refuses {@code INVALID} portfolios and never overwrites. */
    public static PortfolioExtractor of(TrustPolicy policy) {
        return new PortfolioExtractor(Objects.requireNonNull(policy, "policy"), false, false);
    }

    /**
     * A copy that, with {@code force}, extracts an {@code INVALID} portfolio too: files are written
     * as the portfolio holds them, and {@link ExtractedFile#matches()} tells which differ from the
     * signed manifest. Unsafe names are refused even then.
     */
    public PortfolioExtractor withForce(boolean force) {
        return new PortfolioExtractor(policy, force, overwrite);
    }

    /** A copy that, with {@code overwrite}, replaces files that exist in the output folder. */
    public PortfolioExtractor withOverwrite(boolean overwrite) {
        return new PortfolioExtractor(policy, force, overwrite);
    }

    /**
     * Verifies {@code portfolio} and writes its files under {@code folder} (created if needed).
     *
     * @return the report and the files written
     * @throws ExtractionException when the portfolio is not one, is {@code INVALID} (unless
     *     forced), has an unsafe or colliding name, a file exists (unless overwriting), or a
     *     file's bytes change while written; nothing is written in the first cases
     * @throws IOException if reading the PDF or writing a file fails
     */
    public ExtractionResult extract(Path portfolio, Path folder) throws IOException {
        Objects.requireNonNull(portfolio, "portfolio");
        Objects.requireNonNull(folder, "folder");
        try (PdfVerification v = PdfVerification.run(portfolio, policy)) {
            VerificationReport report = v.report();
            if (v.contents().isEmpty()) {
                throw new ExtractionException(ExtractionException.Reason.NOT_A_PORTFOLIO, portfolio
                        + " is not a Palimpsest portfolio (no /Collection with an archive.json attachment)", report);
            }
            if (report.verdict() == Verdict.INVALID && !force) {
                throw new ExtractionException(ExtractionException.Reason.INVALID, portfolio + " is INVALID; nothing was"
                        + " extracted (" + firstErrors(report) + ")", report);
            }
            if (v.manifest().isEmpty()) {
                throw new ExtractionException(ExtractionException.Reason.NOT_A_PORTFOLIO, portfolio
                        + ": the portfolio's archive.json cannot be read, so there is nothing to check files against",
                        report);
            }
            PortfolioContents contents = v.contents().get();
            List<Planned> plan = plan(contents, v.manifest().get(), report);
            Files.createDirectories(folder);
            Path root = folder.toRealPath();
            java.util.Set<Path> cleaned = new java.util.HashSet<>();
            for (Planned p : plan) {
                Path target = target(root, p.path, report);
                // Leftovers of an extraction into this folder that was killed: gone before anything is decided.
                if (cleaned.add(target.getParent()) && Files.isDirectory(target.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                    StaleFiles.clean(target.getParent(), TEMP_PREFIX, "part");
                }
                if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ExtractionException(ExtractionException.Reason.EXISTS, target + " exists; nothing was"
                            + " extracted (ask to overwrite to replace it)", report);
                }
            }
            List<ExtractedFile> written = new ArrayList<>();
            for (Planned p : plan) {
                written.add(write(contents, root, p, report));
            }
            return new ExtractionResult(report, written);
        }
    }

    private static String firstErrors(VerificationReport report) {
        List<String> out = new ArrayList<>();
        report.problems().stream().filter(p -> p.severity() == dev.palimpsest.core.verify.Severity.ERROR).limit(3)
                .forEach(p -> out.add(p.code() + ": " + p.message()));
        return String.join("; ", out);
    }

    /** One file to write: its name, attachment, and the digests it must have. */
    private record Planned(String path, PortfolioContents.Attachment attachment, long size,
            Map<DigestAlgorithm, DigestValue> digests) {
    }

    private List<Planned> plan(PortfolioContents contents, ArchiveManifest manifest, VerificationReport report)
            throws ExtractionException {
        List<Planned> plan = new ArrayList<>();
        Map<String, String> keys = new HashMap<>();
        for (PortfolioContents.Attachment a : contents.attachments().values()) {
            ArchivePath path;
            try {
                path = ArchivePath.of(a.name());
            } catch (ArchivePathException e) {
                throw new ExtractionException(ExtractionException.Reason.UNSAFE_PATH, "the attachment name is not a safe"
                        + " archive path: " + e.getMessage() + "; nothing was extracted", report);
            }
            String previous = keys.putIfAbsent(path.collisionKey(), a.name());
            if (previous != null) {
                throw new ExtractionException(ExtractionException.Reason.COLLISION, "the attachments '" + previous + "' and '"
                        + a.name() + "' would be the same file on a case-insensitive or normalising file system; nothing"
                        + " was extracted", report);
            }
            if (a.stream() == null) {
                continue;
            }
            Map<DigestAlgorithm, DigestValue> digests = new EnumMap<>(DigestAlgorithm.class);
            long size = -1;
            if (a.name().equals(PortfolioContents.MANIFEST) || a.name().equals(PortfolioContents.SIGNATURE)) {
                Optional<DigestValue> verified = contents.verifiedProvenance(a.name());
                if (verified.isEmpty()) {
                    continue;
                }
                digests.put(DigestAlgorithm.SHA256, verified.get());
            } else {
                Optional<ManifestEntry> entry = manifest.entry(path);
                if (entry.isEmpty()) {
                    continue;
                }
                digests.putAll(entry.get().digests());
                size = entry.get().size();
            }
            plan.add(new Planned(a.name(), a, size, digests));
        }
        return plan;
    }

    private static Path target(Path root, String path, VerificationReport report) throws ExtractionException {
        Path target = root;
        for (String segment : path.split("/")) {
            target = target.resolve(segment);
        }
        target = target.normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new ExtractionException(ExtractionException.Reason.UNSAFE_PATH, "'" + path
                    + "' would be written outside " + root + "; nothing was extracted", report);
        }
        return target;
    }

    private ExtractedFile write(PortfolioContents contents, Path root, Planned p, VerificationReport report)
            throws IOException {
        Path target = target(root, p.path, report);
        Files.createDirectories(target.getParent());
        // A folder on the way may be a symbolic link planted in the output folder: resolve and re-check.
        Path parent = target.getParent().toRealPath();
        if (!parent.startsWith(root)) {
            throw new ExtractionException(ExtractionException.Reason.UNSAFE_PATH, "'" + p.path + "' would be written to "
                    + parent + ", outside " + root + " (through a symbolic link)", report);
        }
        target = parent.resolve(target.getFileName());
        Path temp = parent.resolve(StaleFiles.name(TEMP_PREFIX, System.nanoTime(), "part"));
        Map<DigestAlgorithm, MessageDigest> mds = new EnumMap<>(DigestAlgorithm.class);
        p.digests.keySet().forEach(a -> mds.put(a, a.newMessageDigest()));
        long size = 0;
        boolean done = false;
        try {
            try (InputStream in = contents.open(p.attachment);
                    OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) >= 0;) {
                    size += n;
                    if (p.size >= 0 && size > p.size && !force) {
                        break;
                    }
                    for (MessageDigest md : mds.values()) {
                        md.update(buffer, 0, n);
                    }
                    out.write(buffer, 0, n);
                }
            } catch (PdfSyntaxException | java.util.zip.ZipException e) {
                throw new ExtractionException(ExtractionException.Reason.MISMATCH, "'" + p.path + "' cannot be decoded: "
                        + e.getMessage(), report);
            } catch (IOException e) {
                // Usually the output side (a full disk, a read-only folder): say which file.
                throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
            }
            boolean matches = p.size < 0 || size == p.size;
            for (Map.Entry<DigestAlgorithm, MessageDigest> e : mds.entrySet()) {
                matches &= p.digests.get(e.getKey()).matches(e.getValue().digest());
            }
            if (!matches && !force) {
                throw new ExtractionException(ExtractionException.Reason.MISMATCH, "'" + p.path + "' does not match the"
                        + " signed manifest while being written (the portfolio changed after it was verified)", report);
            }
            if (overwrite) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                try {
                    Files.move(temp, target);
                } catch (FileAlreadyExistsException e) {
                    throw new ExtractionException(ExtractionException.Reason.EXISTS, target + " appeared while extracting",
                            report);
                }
            }
            done = true;
            return new ExtractedFile(p.path, target, size, matches);
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    @Override
    public String toString() {
        return "PortfolioExtractor[" + policy + (force ? ", force" : "") + (overwrite ? ", overwrite" : "") + "]";
    }
}
