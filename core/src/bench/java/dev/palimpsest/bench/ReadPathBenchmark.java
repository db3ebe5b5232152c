package dev.palimpsest.bench;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a 256 MiB file from the page cache into a {@code byte[]} (what the digests consume),
 * without hashing: the JDK's file channel into a wrapped heap array (what the engine does), a
 * direct buffer then a copy, and {@code FileInputStream}. Scores are ms per file.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ReadPathBenchmark {
    @Param({"262144"})
    public int bufferSize;

    private Path dir;
    private Path file;
    private byte[] array;
    private ByteBuffer direct;

    @Setup
    public void setUp() throws IOException {
        dir = BenchFiles.newDirectory();
        file = BenchFiles.write(dir, "large", 256L << 20, 5);
        array = new byte[bufferSize];
        direct = ByteBuffer.allocateDirect(bufferSize);
    }

    @TearDown
    public void tearDown() {
        BenchFiles.delete(dir);
    }

    @Benchmark
    public long channelIntoHeapArray() throws IOException {
        long total = 0;
        try (FileChannel channel = FileChannel.open(file)) {
            int n;
            while ((n = channel.read(ByteBuffer.wrap(array))) >= 0) {
                total += n;
            }
        }
        return total;
    }

    @Benchmark
    public long channelIntoDirectThenCopy() throws IOException {
        long total = 0;
        try (FileChannel channel = FileChannel.open(file)) {
            int n;
            while ((n = channel.read(direct.clear())) >= 0) {
                direct.flip().get(array, 0, n);
                total += n;
            }
        }
        return total;
    }

    @Benchmark
    public long fileInputStream() throws IOException {
        long total = 0;
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            int n;
            while ((n = in.read(array)) >= 0) {
                total += n;
            }
        }
        return total;
    }
}
