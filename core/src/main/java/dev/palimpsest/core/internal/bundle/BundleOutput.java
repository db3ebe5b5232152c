package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.digest.DigestSet;
import dev.palimpsest.core.internal.digest.ProgressTracker;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Where a bundle being written goes: a temporary folder, or a temporary ZIP file. */
interface BundleOutput extends Closeable {

    /**
     * Copies every payload file to {@code data/<path>} while hashing it.
     *
     * @return the digests of each file, in the order of {@code files}
     */
    List<DigestSet> payload(List<PlannedFile> files, PayloadCopier copier, ProgressTracker progress)
            throws IOException;

    /** Writes a tag file (or the archive manifest, or its signature) at {@code path} below the bag root. */
    void tagFile(String path, ChunkedBytes content) throws IOException;

    /** Completes the output (a ZIP's central directory; with durability, a sync to the device). */
    void finish() throws IOException;
}
