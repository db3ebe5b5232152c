package dev.palimpsest.bench;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestSet;
import dev.palimpsest.core.digest.Hasher;
import java.io.IOException;
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

/** sha256 of a 256 MiB file in the page cache at several buffer sizes, to choose the default. Scores are ms per file. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class BufferSizeBenchmark {
    @Param({"16384", "65536", "262144", "1048576"})
    public int bufferSize;

    @Param({"sha256"})
    public String algorithms;

    private Path dir;
    private Path file;
    private Hasher hasher;

    @Setup
    public void setUp() throws IOException {
        dir = BenchFiles.newDirectory();
        file = BenchFiles.write(dir, "large", 256L << 20, 3);
        Hasher.Builder builder = Hasher.builder().bufferSize(bufferSize).parallelism(2);
        builder.algorithms(java.util.Arrays.stream(algorithms.split(","))
                .map(l -> DigestAlgorithm.fromLabel(l).orElseThrow()).toArray(DigestAlgorithm[]::new));
        hasher = builder.build();
    }

    @TearDown
    public void tearDown() {
        BenchFiles.delete(dir);
    }

    @Benchmark
    public DigestSet hashFile() throws IOException {
        return hasher.hash(file);
    }
}
