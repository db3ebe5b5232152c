package dev.palimpsest.examples.cli;

import dev.palimpsest.core.bundle.BundleReader;
import dev.palimpsest.core.manifest.ArchiveCollection;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestCodec;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.manifest.ManifestException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code inspect}: shows what a bundle's manifest says — its metadata, and every file with its
 * capture record — as a table; with {@code --json}, writes the manifest's JSON exactly as stored.
 * Nothing is verified.
 */
@Command(name = "inspect",
        mixinStandardHelpOptions = true,
        header = "Shows a bundle's manifest and the capture records of its files.",
        description = {"Shows a bundle's manifest (provenance/archive.json) and the capture records of its files as a"
                + " table, or with --json the manifest itself. PATH is a bundle folder, a bundle ZIP or an archive.json"
                + " file. This shows what the bundle claims; 'palimpsest verify' checks it."},
        footerHeading = "%nExamples:%n",
        footer = {"  palimpsest inspect removed-2017.zip", "  palimpsest inspect removed-2017 --json | jq .entries[0]"})
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "A bundle folder or ZIP, or an archive.json file.")
    Path path;

    @Option(names = "--json", description = "Write only the manifest's JSON (its exact bytes, the fields of DESIGN.md's"
            + " manifest format) to stdout; on an error stdout stays empty.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(path)) {
            throw CliException.noInput("no such bundle '" + path + "' (expected a bundle folder, a bundle .zip or an"
                    + " archive.json file)");
        }
        byte[] bytes = manifestBytes();
        ArchiveManifest manifest;
        try {
            manifest = ManifestCodec.standard().read(bytes);
        } catch (ManifestException e) {
            throw CliException.noInput("the manifest of '" + path + "' is not a valid archive manifest: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            // The exact bytes, not a re-serialisation: they are what the signature covers.
            out.print(new String(bytes, StandardCharsets.UTF_8));
            out.flush();
            return ExitCode.OK;
        }
        out.print(render(manifest, signed()));
        out.flush();
        return ExitCode.OK;
    }

    private byte[] manifestBytes() throws CliException {
        try {
            if (BundleReader.isBundle(path)) {
                return BundleReader.readManifestBytes(path);
            }
            if (Files.isRegularFile(path) && startsLikeJson(path)) {
                long size = Files.size(path);
                if (size > ManifestCodec.standard().maxDocumentBytes()) {
                    throw CliException.noInput("'" + path + "' is larger than a manifest may be (" + size + " bytes)");
                }
                return Files.readAllBytes(path);
            }
        } catch (NoSuchFileException e) {
            throw CliException.noInput("no such file '" + e.getFile() + "'");
        } catch (IOException e) {
            throw new CliException(ExitCode.NO_INPUT, "cannot read '" + path + "': " + e.getMessage(), e);
        }
        throw CliException.noInput("'" + path + "' is not a bundle (a folder or ZIP holding "
                + BundleReader.MANIFEST_PATH + ") nor an archive.json file");
    }

    private boolean signed() {
        try {
            return BundleReader.isBundle(path) && BundleReader.isSigned(path);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean startsLikeJson(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            for (int c = in.read(), n = 0; c >= 0 && n < 64; c = in.read(), n++) {
                if (c == '{') {
                    return true;
                }
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != 0xEF && c != 0xBB && c != 0xBF) {
                    return false;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** The manifest for people: metadata lines, then one row per file. */
    static String render(ArchiveManifest manifest, boolean signed) {
        StringBuilder out = new StringBuilder();
        manifest.title().ifPresent(t -> out.append("Title:       ").append(oneLine(t)).append('\n'));
        manifest.description().ifPresent(t -> out.append("Description: ").append(oneLine(t)).append('\n'));
        manifest.creator().ifPresent(t -> out.append("Creator:     ").append(oneLine(t)).append('\n'));
        manifest.created().ifPresent(t -> out.append("Created:     ").append(t).append('\n'));
        for (ArchiveCollection c : manifest.collections()) {
            out.append("Collection:  ").append(c.id()).append(c.title().map(t -> " - " + oneLine(t)).orElse(""))
                    .append('\n');
        }
        long bytes = manifest.entries().stream().mapToLong(ManifestEntry::size).sum();
        out.append("Files:       ").append(manifest.entries().size()).append(", ").append(bytes).append(" bytes\n");
        out.append("Signature:   ").append(signed ? "present (not verified here: run 'palimpsest verify')" : "none")
                .append('\n');
        if (manifest.entries().isEmpty()) {
            return out.toString();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PATH", "SIZE", "TYPE", "CAPTURED", "CHECK", "ORIGINAL URL"});
        for (ManifestEntry e : manifest.entries()) {
            CaptureRecord c = e.capture().orElse(null);
            rows.add(new String[] {oneLine(e.path().toString()), Long.toString(e.size()), e.mediaType().orElse("-"),
                c == null ? "-" : c.captureTime().map(Object::toString).orElse(c.waybackTimestamp().orElse("-")),
                c == null ? "-" : c.check().map(Enum::name).orElse("-"),
                c == null ? "-" : oneLine(c.originalUrl())});
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.min(Math.max(widths[i], row[i].length()), i == 0 ? 60 : 40);
            }
        }
        out.append('\n');
        for (String[] row : rows) {
            out.append(' ');
            for (int i = 0; i < widths.length; i++) {
                String cell = row[i].length() > widths[i] ? row[i].substring(0, widths[i] - 3) + "..." : row[i];
                boolean right = i == 1 && row != rows.get(0);
                out.append(' ').append(right ? pad(cell, widths[i], true) : pad(cell, widths[i], false)).append(' ');
            }
            out.append(' ').append(row[5]).append('\n');
        }
        List<String> explained = new ArrayList<>();
        for (ManifestEntry e : manifest.entries()) {
            e.capture().flatMap(CaptureRecord::checkExplanation)
                    .ifPresent(x -> explained.add("  " + oneLine(e.path().toString()) + ": " + oneLine(x)));
            e.capture().flatMap(CaptureRecord::mementoUrl)
                    .ifPresent(m -> explained.add("  " + oneLine(e.path().toString()) + ": memento " + oneLine(m)));
        }
        if (!explained.isEmpty()) {
            out.append("\nCapture details:\n");
            explained.forEach(line -> out.append(line).append('\n'));
        }
        return out.toString();
    }

    private static String pad(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s;
        }
        String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }

    private static String oneLine(String s) {
        return Text.oneLine(s);
    }
}
