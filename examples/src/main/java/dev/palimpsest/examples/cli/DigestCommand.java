package dev.palimpsest.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestSet;
import dev.palimpsest.core.digest.FileDigests;
import dev.palimpsest.core.digest.Hasher;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code digest}: prints {@code sha256sum}-compatible lines for files, reading each file once
 * whatever the number of algorithms.
 */
@Command(name = "digest",
        mixinStandardHelpOptions = true,
        header = "Prints sha256sum-compatible digests of files.",
        description = {"Hashes files, reading each once for all algorithms, and prints sha256sum-compatible lines"
                + " ('<hex>  <path>'); with several algorithms, one block per algorithm, each headed '# <algorithm>'."},
        footerHeading = "%nExamples:%n",
        footer = {"  palimpsest digest --digest sha256,sha512 report.pdf data.csv",
            "  palimpsest digest *.pdf > SHA256SUMS && sha256sum -c SHA256SUMS",
            "  palimpsest digest --parallelism 1 disk-image.iso",
            "  palimpsest digest --json report.pdf | jq -r .files[0].digests.sha256"})
final class DigestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--digest", split = ",", paramLabel = "ALGORITHM", converter = DigestAlgorithmConverter.class,
            description = "Digest algorithms, comma-separated (default: sha256). Supported: "
                    + "sha256, sha512, sha1, md5, sha3-256, blake2b-512, sha224, sha384.")
    List<DigestAlgorithm> algorithms = new ArrayList<>(List.of(DigestAlgorithm.SHA256));

    @Option(names = "--json", description = "Write only JSON to stdout: {\"files\": [{\"path\", \"size\", \"digests\":"
            + " {\"<algorithm>\": \"<hex>\"}}]}. On an error stdout stays empty (the message goes to stderr).")
    boolean json;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Hash up to N files at once; 1 hashes on one thread (default: the number of processors).")
    int parallelism = Runtime.getRuntime().availableProcessors();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to hash.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        if (parallelism < 1 || parallelism > 1024) {
            throw CliException.usage("--parallelism must be between 1 and 1024, got " + parallelism);
        }
        Set<DigestAlgorithm> wanted = new LinkedHashSet<>(algorithms);
        long totalBytes = 0;
        for (Path file : files) {
            if (!Files.exists(file)) {
                throw CliException.noInput("no such file '" + file + "'");
            }
            if (Files.isDirectory(file)) {
                throw CliException.noInput("'" + file + "' is a directory, not a file");
            }
            if (!Files.isReadable(file)) {
                throw CliException.noInput("cannot read '" + file + "': permission denied");
            }
            totalBytes += Files.size(file);
        }
        Progress progress = Progress.forCommand(spec, "hashing", json);
        Hasher.Builder builder = Hasher.builder().algorithms(wanted).parallelism(parallelism);
        if (progress != null) {
            builder.listener(progress.totals(totalBytes, files.size()));
        }
        List<FileDigests> results;
        try {
            results = builder.build().hashAll(files);
        } catch (NoSuchFileException e) {
            throw CliException.noInput("no such file '" + e.getFile() + "'");
        } catch (IOException e) {
            throw new CliException(ExitCode.NO_INPUT, "cannot hash: " + e.getMessage(), e);
        } finally {
            if (progress != null) {
                progress.done();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            writeJson(results, wanted, out);
            return ExitCode.OK;
        }
        boolean headed = wanted.size() > 1;
        boolean first = true;
        for (DigestAlgorithm algorithm : wanted) {
            if (headed) {
                if (!first) {
                    out.println();
                }
                out.println("# " + algorithm.label());
            }
            first = false;
            for (FileDigests result : results) {
                out.println(sumLine(result.digests().get(algorithm).hex(), result.file().toString()));
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    /**
     * One line as GNU coreutils writes it: a name holding a backslash or a line break is escaped
     * and the line starts with a backslash, so that {@code sha256sum -c} reads it back.
     */
    static String sumLine(String hex, String name) {
        if (name.indexOf('\\') < 0 && name.indexOf('\n') < 0 && name.indexOf('\r') < 0) {
            return hex + "  " + name;
        }
        String escaped = name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
        return "\\" + hex + "  " + escaped;
    }

    private static void writeJson(List<FileDigests> results, Set<DigestAlgorithm> wanted, PrintWriter out)
            throws IOException {
        // The generator writes to a String so that stdout receives only complete JSON.
        StringWriter text = new StringWriter();
        try (JsonGenerator gen = new JsonFactory().createGenerator(text)) {
            gen.useDefaultPrettyPrinter();
            gen.writeStartObject();
            gen.writeArrayFieldStart("files");
            for (FileDigests result : results) {
                DigestSet digests = result.digests();
                gen.writeStartObject();
                gen.writeStringField("path", result.file().toString());
                gen.writeNumberField("size", digests.size());
                gen.writeObjectFieldStart("digests");
                for (DigestAlgorithm algorithm : wanted) {
                    gen.writeStringField(algorithm.label(), digests.get(algorithm).hex());
                }
                gen.writeEndObject();
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        out.println(text);
        out.flush();
    }
}
