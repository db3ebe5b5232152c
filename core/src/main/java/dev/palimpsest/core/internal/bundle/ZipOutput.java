package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.bundle.BundleException;
import dev.palimpsest.core.digest.DigestSet;
import dev.palimpsest.core.internal.digest.HashControl;
import dev.palimpsest.core.internal.digest.ProgressTracker;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * A bundle written as a ZIP holding one top-level folder. Payload files are stored uncompressed
 * as they stream (they are usually PDFs and images, already compressed), one after the other;
 * tag files are deflated, unless they are several megabytes (the manifests of a large bundle). The ZIP's directory entries are written before the files in them.
 */
final class ZipOutput implements BundleOutput {
    /** Tag files up to this size are deflated in memory; larger ones are stored. */
    private static final long DEFLATE_UP_TO = 4L << 20;
    private final ZipWriter zip;
    private final String top;
    private final int bufferSize;
    private final boolean durable;
    private final Set<String> directories = new HashSet<>();

    private ZipOutput(ZipWriter zip, String top, int bufferSize, boolean durable) {
        this.zip = zip;
        this.top = top;
        this.bufferSize = bufferSize;
        this.durable = durable;
    }

    /**
     * Creates the ZIP {@code file} (which must not exist), whose entries are all under the folder
     * {@code topFolder}.
     */
    static ZipOutput create(Path file, String topFolder, Instant time, int bufferSize, boolean durable)
            throws IOException {
        ZipWriter zip = ZipWriter.create(file, time);
        ZipOutput output = new ZipOutput(zip, topFolder + "/", bufferSize, durable);
        try {
            output.directory("");
            output.directory("data/");
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
        return output;
    }

    private void directory(String path) throws IOException {
        if (directories.add(path)) {
            zip.directory(top + path);
        }
    }

    private void parents(String path) throws IOException {
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            directory(path.substring(0, slash + 1));
        }
    }

    @Override
    public List<DigestSet> payload(List<PlannedFile> files, PayloadCopier copier, ProgressTracker progress)
            throws IOException {
        List<DigestSet> results = new ArrayList<>(files.size());
        HashControl control = new HashControl(null, null, true, progress);
        byte[] buffer = new byte[bufferSize];
        for (PlannedFile file : files) {
            String path = "data/" + file.path();
            parents(path);
            BasicFileAttributes before = PayloadCopier.attributes(file);
            ZipWriter.StoredEntry entry = zip.beginStored(top + path, before.size());
            try {
                results.add(copier.copy(file, before, entry::write, buffer, control, true));
            } catch (BundleException | CancellationException e) {
                throw e;
            } catch (IOException e) {
                throw new IOException(file.display() + ": " + e.getMessage(), e);
            }
            entry.finish();
            progress.fileDone();
        }
        return results;
    }

    @Override
    public void tagFile(String path, ChunkedBytes content) throws IOException {
        parents(path);
        if (content.size() <= DEFLATE_UP_TO) {
            zip.bytes(top + path, content.toByteArray());
        } else {
            // A large manifest streams in stored, rather than being deflated in memory.
            ZipWriter.StoredEntry entry = zip.beginStored(top + path, content.size());
            content.forEach(entry::write);
            entry.finish();
        }
    }

    @Override
    public void finish() throws IOException {
        zip.finish(durable);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
