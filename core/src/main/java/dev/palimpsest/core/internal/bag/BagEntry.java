package dev.palimpsest.core.internal.bag;

/**
 * One thing found in a bag, folder or ZIP: its path relative to the bag root ({@code /}
 * separated, as the file system or ZIP spells it), what it is, and its size in bytes (as the
 * file system or the ZIP's central directory states it; 0 for anything but a file).
 */
public record BagEntry(String path, Kind kind, long size) {

    /** What an entry is. Only {@link #FILE}s are ever read. */
    public enum Kind {
        /** A regular file. */
        FILE,
        /** A directory. */
        DIRECTORY,
        /** A symbolic link; never followed. */
        SYMLINK,
        /** A device, FIFO, socket or anything else that is not a file, directory or link. */
        OTHER
    }

    /** Whether this is a regular file. */
    public boolean isFile() {
        return kind == Kind.FILE;
    }

    /** Whether the entry is in the payload directory. */
    public boolean inPayload() {
        return path.startsWith("data/");
    }

    /** The last segment of the path. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
