package dev.palimpsest.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Random files for the benchmarks, under a fresh temporary directory, read once into the page cache. */
final class BenchFiles {
    private BenchFiles() {
    }

    static Path newDirectory() throws IOException {
        return Files.createTempDirectory("palimpsest-bench");
    }

    static Path write(Path dir, String name, long size, long seed) throws IOException {
        Path file = dir.resolve(name);
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                for (int i = 0; i < chunk.length; i += 8) {
                    long r = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        chunk[i + j] = (byte) (r >>> (8 * j));
                    }
                }
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
        warm(file);
        return file;
    }

    /** {@code count} files of equal size totalling {@code total} bytes. */
    static List<Path> writeMany(Path dir, int count, long total) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(write(dir, String.format("f%03d", i), total / count + (i < total % count ? 1 : 0), i));
        }
        return files;
    }

    static void warm(Path file) throws IOException {
        byte[] buffer = new byte[1 << 20];
        try (var in = Files.newInputStream(file)) {
            while (in.read(buffer) >= 0) {
                // Only to have the file in the page cache, as in the whole-process runs.
            }
        }
    }

    static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
