package dev.palimpsest.examples.cli;

import dev.palimpsest.core.bundle.BundleContent;
import dev.palimpsest.core.bundle.BundleException;
import dev.palimpsest.core.bundle.BundleReader;
import dev.palimpsest.core.bundle.BundleResult;
import dev.palimpsest.core.bundle.BundleWriter;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.sign.TimestampClient;
import dev.palimpsest.core.sources.WarcImport;
import dev.palimpsest.core.sources.WarcImportProblem;
import dev.palimpsest.core.sources.WarcImporter;
import dev.palimpsest.core.verify.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code import-warc}: the response and resource records of WARC files become bundle entries,
 * each with its capture record, in a new bundle or added to an existing one.
 */
@Command(name = "import-warc",
        mixinStandardHelpOptions = true,
        header = "Adds the records of WARC files to a bundle, with capture records.",
        description = {"Adds the response and resource records of WARC files (gzipped or not) to BUNDLE, each with its"
                + " capture record (target URI, WARC-Date, record id, WARC file and offset, payload digest) and a check"
                + " of the payload against the record's WARC-Payload-Digest. BUNDLE is created when it does not exist."
                + " An existing bundle folder must verify; it is rebuilt beside itself with its old entries and the new"
                + " ones and then swapped into place, so it is never left half-written. Its old signature does not"
                + " cover the new manifest and is removed: give --key to sign again. A ZIP bundle cannot be added to.",
            "",
            "Problems with the WARC files are printed as warnings. A damaged or unreadable WARC (not a WARC, truncated,"
                    + " a broken record, a record header over 1 MiB) stops the import and leaves BUNDLE untouched,"
                    + " unless --force imports what can be read. A payload that does not match its record's"
                    + " WARC-Payload-Digest is imported, its capture check MISMATCH recorded in the manifest, and the"
                    + " exit code is 1."},
        footerHeading = "%nExamples:%n",
        footer = {"  palimpsest import-warc bundle crawl.warc.gz",
            "  palimpsest import-warc bundle a.warc b.warc.gz --status 200,203 \\",
            "      --key me.p12 --password-file pw.txt"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:written",
            " 1:written, but a payload does not match its WARC-Payload-Digest, or (with --force) records were left out",
            "64:usage error (including a ZIP bundle)",
            "66:a WARC, the bundle or the key is missing, unreadable or damaged, or a path is already in the bundle;"
                    + " nothing written",
            "70:internal error",
        })
final class ImportWarcCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle folder to create or add to.")
    Path bundle;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "WARC", description = "WARC files, read in this order.")
    List<Path> warcs;

    @Option(names = "--status", split = ",", paramLabel = "CODE",
            description = "HTTP statuses of the responses imported (default: every 2xx).")
    List<Integer> statuses;

    @Mixin
    AddOptions add;

    @Option(names = "--force", description = "Import what can be read from damaged WARC files instead of stopping.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        Adding adding = Adding.prepare(spec, bundle, add);
        WarcImporter.Builder importer = WarcImporter.builder().digests(add.digests.toArray(DigestAlgorithm[]::new));
        if (statuses != null) {
            try {
                importer.statuses(statuses);
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--status: " + e.getMessage());
            }
        }
        for (Path warc : warcs) {
            if (!Files.isRegularFile(warc)) {
                throw CliException.noInput(Files.exists(warc) ? "'" + warc + "' is not a file" : "no such WARC file '"
                        + warc + "'");
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        Path staging = Adding.staging(bundle);
        try {
            WarcImport result;
            try {
                result = importer.build().importTo(staging, warcs);
            } catch (IOException e) {
                throw new CliException(ExitCode.NO_INPUT, "nothing written to '" + bundle + "': cannot stage the"
                        + " imported files beside it: " + e.getMessage(), e);
            }
            boolean damaged = false;
            boolean mismatch = false;
            for (WarcImportProblem problem : result.problems()) {
                err.println("palimpsest: warning: " + problem);
                if (problem.kind() == WarcImportProblem.Kind.PAYLOAD_DIGEST_MISMATCH) {
                    mismatch = true;
                } else if (problem.severity() == Severity.ERROR) {
                    damaged = true;
                }
            }
            err.flush();
            if (damaged && !force) {
                WarcImportProblem first = result.problems().stream()
                        .filter(p -> p.severity() == Severity.ERROR
                                && p.kind() != WarcImportProblem.Kind.PAYLOAD_DIGEST_MISMATCH)
                        .findFirst().orElseThrow();
                throw CliException.noInput("nothing written to '" + bundle + "': " + first.message()
                        + " (--force imports what can be read)");
            }
            if (result.entries().isEmpty()) {
                throw CliException.noInput("nothing written to '" + bundle + "': the WARC files hold no "
                        + (statuses == null ? "2xx" : "matching") + " response or resource records");
            }
            BundleContent.Builder content = BundleContent.builder().title(add.title);
            for (ManifestEntry entry : result.entries()) {
                content.file(staging.resolve(entry.path().toString()), entry);
            }
            BundleResult written = adding.write(content.build());
            adding.report(written, result.entries().size(), warcs.size() == 1 ? " from 1 WARC file"
                    : " from " + warcs.size() + " WARC files");
            return mismatch || damaged ? ExitCode.INVALID : ExitCode.OK;
        } finally {
            Adding.deleteQuietly(staging);
        }
    }

    /**
     * Writing new entries to BUNDLE: a new bundle when nothing is there, else added to the
     * existing one (which must be a bundle folder). Shared by {@code import-warc} and {@code recover}.
     */
    static final class Adding {
        private final CommandSpec spec;
        private final Path bundle;
        private final boolean exists;
        private final boolean wasSigned;
        private final BundleWriter writer;
        private final SigningIdentity identity;
        private final URI tsa;
        private final Progress progress;

        private Adding(CommandSpec spec, Path bundle, boolean exists, boolean wasSigned, BundleWriter writer,
                SigningIdentity identity, URI tsa, Progress progress) {
            this.spec = spec;
            this.bundle = bundle;
            this.exists = exists;
            this.wasSigned = wasSigned;
            this.writer = writer;
            this.identity = identity;
            this.tsa = tsa;
            this.progress = progress;
        }

        /** Checks the target and the signing options, and loads the key, before any work is done. */
        static Adding prepare(CommandSpec spec, Path bundle, AddOptions options) throws CliException, IOException {
            List<DigestAlgorithm> digests = options.digests;
            Path key = options.key;
            PasswordOptions password = options.password;
            URI tsa = options.tsa;
            SigningKeys.checkOptions(key, password, tsa);
            boolean exists = Files.exists(bundle, LinkOption.NOFOLLOW_LINKS);
            boolean signed = false;
            if (exists) {
                if (!Files.isDirectory(bundle, LinkOption.NOFOLLOW_LINKS)) {
                    throw CliException.usage(BundleReader.isBundle(bundle) ? "'" + bundle + "' is a ZIP bundle;"
                            + " files can only be added to a bundle folder" : "'" + bundle + "' exists and is not a"
                            + " bundle folder");
                }
                if (!BundleReader.isBundle(bundle)) {
                    throw CliException.usage("'" + bundle + "' exists and is not a Palimpsest bundle (no "
                            + BundleReader.MANIFEST_PATH + "); choose another path");
                }
                signed = BundleReader.isSigned(bundle);
            } else if (bundle.getFileName() != null
                    && bundle.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                throw CliException.usage("'" + bundle + "': this command writes a bundle folder; give a name without"
                        + " .zip (create --zip makes ZIP bundles)");
            }
            TimestampClient timestamps = SigningKeys.tsa(tsa);
            Progress progress = Progress.forCommand(spec, "copying and hashing", false);
            BundleWriter.Builder writer = BundleWriter.builder().digests(EnumSet.copyOf(digests)).listener(progress);
            SigningIdentity identity = null;
            if (key != null) {
                identity = SigningKeys.load(key, password);
                writer.signer(SigningKeys.signer(identity, timestamps));
            }
            return new Adding(spec, bundle, exists, signed, writer.build(), identity, tsa, progress);
        }

        /** A new empty staging folder beside the bundle, for files on their way in. */
        static Path staging(Path bundle) throws IOException {
            Path absolute = bundle.toAbsolutePath().normalize();
            Files.createDirectories(absolute.getParent());
            byte[] random = new byte[6];
            new SecureRandom().nextBytes(random);
            return Files.createDirectory(absolute.resolveSibling(".palimpsest-tmp-incoming-"
                    + HexFormat.of().formatHex(random)));
        }

        /** Writes the new bundle, or adds to the existing one. */
        BundleResult write(BundleContent content) throws CliException {
            try {
                return exists ? writer.add(bundle, content) : writer.write(content, bundle);
            } catch (BundleException e) {
                throw new CliException(e.reason() == BundleException.Reason.TARGET_EXISTS ? ExitCode.USAGE
                        : ExitCode.NO_INPUT, e.getMessage(), e);
            } catch (NoSuchFileException e) {
                throw CliException.noInput("no such file '" + e.getFile() + "'");
            } catch (IOException e) {
                throw new CliException(ExitCode.NO_INPUT, "cannot write '" + bundle + "': " + e.getMessage(), e);
            } finally {
                if (progress != null) {
                    progress.done();
                }
            }
        }

        /** Prints what was written, the writer's warnings, and whether the bundle must be signed again. */
        void report(BundleResult result, int added, String how) {
            PrintWriter err = spec.commandLine().getErr();
            for (String warning : result.warnings()) {
                err.println("palimpsest: warning: " + warning);
            }
            if (wasSigned && identity == null) {
                err.println("palimpsest: warning: the signature of " + bundle + " covered the old manifest only and was"
                        + " removed; sign the bundle again: palimpsest sign " + bundle + " --key KEY.p12");
            }
            err.flush();
            int total = result.manifest().entries().size();
            long bytes = result.manifest().entries().stream().mapToLong(ManifestEntry::size).sum();
            PrintWriter out = spec.commandLine().getOut();
            out.println((exists ? "Added " : "Created " + bundle + ": ") + added + (added == 1 ? " file" : " files")
                    + how + (exists ? " to " + bundle + ", now " + total + (total == 1 ? " file" : " files")
                            : "") + ", " + bytes + " bytes, "
                    + writer.digests().stream().map(DigestAlgorithm::label).collect(Collectors.joining("+"))
                    + (identity != null ? ", signed by " + identity.subject() + " (SHA-256 "
                            + identity.certificateSha256().hex() + ")" + (tsa != null ? ", timestamped by " + tsa : "")
                            : ", unsigned"));
            out.flush();
        }

        /** Deletes a staging folder; what cannot be deleted is left (its name marks it as temporary). */
        static void deleteQuietly(Path folder) {
            if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            try {
                Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        Files.deleteIfExists(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                // a leftover temporary folder is harmless
            }
        }
    }
}
