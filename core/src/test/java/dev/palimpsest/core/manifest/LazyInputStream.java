package dev.palimpsest.core.manifest;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

/**
 * Bytes produced on demand: a prefix, then {@code count} generated chunks, then a suffix. Lets a
 * test feed hundreds of megabytes to a reader without holding them, and counts the bytes the
 * reader pulled, to show that it stopped early.
 */
final class LazyInputStream extends InputStream {
    private final byte[] suffix;
    private final LongFunction<String> chunks;
    private final long count;
    private long next;
    private byte[] current;
    private int offset;
    private boolean suffixDone;
    private long bytesRead;

    private LazyInputStream(String prefix, LongFunction<String> chunks, long count, String suffix) {
        this.current = prefix.getBytes(StandardCharsets.UTF_8);
        this.chunks = chunks;
        this.count = count;
        this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code prefix}, {@code unit} repeated {@code times} times, {@code suffix}. */
    static LazyInputStream repeat(String prefix, String unit, long times, String suffix) {
        // Repeat the unit in blocks, so that long runs are produced quickly.
        int perBlock = Math.max(1, 8192 / Math.max(1, unit.length()));
        long blocks = times / perBlock;
        long rest = times % perBlock;
        String block = unit.repeat(perBlock);
        String tail = unit.repeat((int) rest);
        return new LazyInputStream(prefix, i -> i < blocks ? block : tail, blocks + (rest > 0 ? 1 : 0), suffix);
    }

    /** {@code prefix}, {@code chunk.apply(0)} to {@code chunk.apply(count - 1)}, {@code suffix}. */
    static LazyInputStream generate(String prefix, LongFunction<String> chunk, long count, String suffix) {
        return new LazyInputStream(prefix, chunk, count, suffix);
    }

    /** How many bytes were read so far. */
    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (offset == current.length) {
            if (next < count) {
                current = chunks.apply(next++).getBytes(StandardCharsets.UTF_8);
            } else if (!suffixDone) {
                current = suffix;
                suffixDone = true;
            } else {
                return -1;
            }
            offset = 0;
        }
        int n = Math.min(len, current.length - offset);
        System.arraycopy(current, offset, b, off, n);
        offset += n;
        bytesRead += n;
        return n;
    }
}
