package dev.palimpsest.examples.cli;

import dev.palimpsest.core.bundle.BundleContent;
import dev.palimpsest.core.bundle.BundleException;
import dev.palimpsest.core.bundle.BundleResult;
import dev.palimpsest.core.bundle.BundleWriter;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.manifest.ArchiveCollection;
import dev.palimpsest.core.manifest.ManifestException;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.sign.TimestampClient;
import dev.palimpsest.core.sources.SourcesTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code create}: a bundle from a folder — the files copied to {@code data/} and hashed in one
 * read, {@code provenance/archive.json}, optionally signed and timestamped, and the BagIt files.
 */
@Command(name = "create",
        mixinStandardHelpOptions = true,
        header = "Creates a bundle (BagIt bag + provenance manifest) from a folder.",
        description = {"Creates a bundle (a BagIt bag with a provenance manifest) from the files in DIR; the input is"
                + " never modified. Hidden files are left out (with a warning) and symbolic links, special files and"
                + " names that collide on macOS or Windows are refused, unless the options below say otherwise. The"
                + " bundle appears complete at BUNDLE or not at all."},
        footerHeading = "%nExamples:%n",
        footer = {"  palimpsest create removed-2017 --from recovered/ --title \"Removed FOIA files\"",
            "  palimpsest create removed-2017 --from recovered/ --sources sources.csv",
            "  palimpsest create removed-2017.zip --from recovered/ --key me.p12 \\",
            "      --password-file pw.txt --tsa https://tsa.example.org"})
final class CreateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "BUNDLE", description = "The bundle to create: a folder, or a ZIP file with --zip"
            + " (or a name ending in .zip).")
    Path bundle;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The folder whose files go into the bundle.")
    Path from;

    @Option(names = "--sources", paramLabel = "SOURCES.csv",
            description = "A sources table (CSV) saying where each file came from: path, original_url, memento_url,"
                    + " title, collection, media_type, capture_time, cdx_digest, and any other columns as metadata.")
    Path sources;

    @Option(names = "--title", paramLabel = "T", description = "The archive's title (also bag-info.txt External-Description).")
    String title;

    @Option(names = "--creator", paramLabel = "NAME", description = "Who assembled the archive.")
    String creator;

    @Option(names = "--digest", split = ",", paramLabel = "ALGORITHM", converter = DigestAlgorithmConverter.class,
            description = "Manifest algorithms, comma-separated (default: sha256,sha512; sha256 is always included).")
    List<DigestAlgorithm> digests = new ArrayList<>(List.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512));

    @Option(names = "--key", paramLabel = "KEY.p12", description = "Sign the manifest with the key in this PKCS#12 store.")
    Path key;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    PasswordOptions password;

    @Option(names = "--tsa", paramLabel = "URL", description = "Add an RFC 3161 timestamp from this TSA to the signature.")
    URI tsa;

    @Option(names = "--zip", description = "Write a ZIP file (one top-level folder inside) instead of a folder.")
    boolean zip;

    @Option(names = "--force", description = "Replace whatever is at BUNDLE.")
    boolean force;

    @Option(names = "--include-hidden", description = "Keep files and folders whose names start with '.'.")
    boolean includeHidden;

    @Option(names = "--follow-links", description = "Follow symbolic links that stay inside DIR.")
    boolean followLinks;

    @Override
    public Integer call() throws Exception {
        SigningKeys.checkOptions(key, password, tsa);
        if (!Files.exists(from)) {
            throw CliException.noInput("no such folder '" + from + "'");
        }
        if (!Files.isDirectory(from)) {
            throw CliException.noInput("'" + from + "' is not a folder (--from takes the folder of files to bundle)");
        }
        TimestampClient timestamps = SigningKeys.tsa(tsa);
        boolean asZip = zip || bundle.getFileName() != null
                && bundle.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = Progress.forCommand(spec, "copying and hashing", false);
        if (progress != null) {
            long[] totals = totals(from, includeHidden);
            progress.totals(totals[0], totals[1]);
        }
        BundleWriter.Builder writer = BundleWriter.builder().digests(EnumSet.copyOf(digests)).zip(asZip)
                .replaceExisting(force).includeHidden(includeHidden).followLinks(followLinks).listener(progress);
        SigningIdentity identity = null;
        if (key != null) {
            identity = SigningKeys.load(key, password);
            writer.signer(SigningKeys.signer(identity, timestamps));
        }
        BundleContent.Builder content = BundleContent.builder().title(title).creator(creator).folder(from);
        if (sources != null) {
            SourcesTable table = readSources();
            // The collections the table names are declared, in the order they first appear.
            Set<String> collections = new LinkedHashSet<>();
            table.rows().forEach((path, row) -> {
                content.describe(path, row::applyTo);
                row.collection().ifPresent(collections::add);
            });
            for (String id : collections) {
                try {
                    content.collection(ArchiveCollection.builder().id(id).build());
                } catch (ManifestException e) {
                    throw CliException.noInput("the sources table '" + sources + "' names collection '" + id
                            + "', which cannot be a collection id: " + e.getMessage());
                }
            }
        }
        BundleWriter built = writer.build();
        BundleResult result;
        // Ctrl-C runs shutdown hooks and then halts: interrupt the writer and give it a moment to
        // delete its temporary folder, so that nothing is left beside BUNDLE.
        Thread worker = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        Thread cleanup = new Thread(() -> {
            worker.interrupt();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "palimpsest-create-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            result = built.write(content.build(), bundle);
        } catch (BundleException e) {
            throw failure(e);
        } catch (NoSuchFileException e) {
            throw CliException.noInput("no such file '" + e.getFile() + "'");
        } catch (IOException e) {
            throw new CliException(ExitCode.NO_INPUT, "cannot create '" + bundle + "': " + e.getMessage(), e);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it has what it waited for
            }
            if (progress != null) {
                progress.done();
            }
        }
        for (String warning : result.warnings()) {
            err.println("palimpsest: warning: " + warning);
        }
        err.flush();
        long bytes = result.manifest().entries().stream().mapToLong(e -> e.size()).sum();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Created " + bundle + (asZip ? " (ZIP)" : "") + ": " + result.manifest().entries().size()
                + (result.manifest().entries().size() == 1 ? " file, " : " files, ") + bytes + " bytes, "
                + built.digests().stream().map(DigestAlgorithm::label).collect(Collectors.joining("+"))
                + (identity != null ? ", signed by " + identity.subject() + " (SHA-256 "
                        + identity.certificateSha256().hex() + ")" + (timestamps != null ? ", timestamped by " + tsa : "")
                        : ", unsigned"));
        out.flush();
        return ExitCode.OK;
    }

    /**
     * The bytes and files under {@code dir} that the writer will copy (hidden ones only when
     * asked), for the progress bar; the writer itself reports only running totals.
     */
    private static long[] totals(Path dir, boolean hidden) throws IOException {
        long[] totals = new long[2];
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                return !hidden && !d.equals(dir) && d.getFileName().toString().startsWith(".")
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                if (a.isRegularFile() && (hidden || !f.getFileName().toString().startsWith("."))) {
                    totals[0] += a.size();
                    totals[1]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                return FileVisitResult.CONTINUE; // the writer reports it
            }
        });
        return totals;
    }

    private SourcesTable readSources() throws CliException {
        if (Files.isDirectory(sources)) {
            throw CliException.noInput("the sources table '" + sources + "' is a folder (--sources takes a CSV file)");
        }
        try {
            return SourcesTable.read(sources);
        } catch (NoSuchFileException e) {
            throw CliException.noInput("no such sources table '" + sources + "'");
        } catch (IOException e) {
            // SourcesTableException names the file, the line and the rule broken
            String message = e.getMessage() != null && e.getMessage().contains(sources.toString()) ? e.getMessage()
                    : "'" + sources + "': " + e.getMessage();
            throw new CliException(ExitCode.NO_INPUT, "cannot use the sources table: " + message, e);
        }
    }

    /** The exit code for a refused bundle: the target is a usage matter, the inputs are input problems. */
    private static CliException failure(BundleException e) {
        switch (e.reason()) {
            case TARGET_EXISTS:
                return new CliException(ExitCode.USAGE, e.getMessage() + " (use --force to replace it)", e);
            case TARGET_OVERLAPS_INPUT:
                return new CliException(ExitCode.USAGE, e.getMessage(), e);
            default:
                return new CliException(ExitCode.NO_INPUT, e.getMessage(), e);
        }
    }
}
