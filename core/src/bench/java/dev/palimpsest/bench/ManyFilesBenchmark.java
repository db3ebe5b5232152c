package dev.palimpsest.bench;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.FileDigests;
import dev.palimpsest.core.digest.Hasher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@code hashAll} with sha256 over 200 files in the page cache, on 1 and 2 threads. Scores are ms per batch. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ManyFilesBenchmark {
    @Param({"200"})
    public int files;

    @Param({"256"})
    public int totalMiB;

    @Param({"1", "2"})
    public int parallelism;

    private Path dir;
    private List<Path> paths;
    private Hasher hasher;

    @Setup
    public void setUp() throws IOException {
        dir = BenchFiles.newDirectory();
        paths = BenchFiles.writeMany(dir, files, (long) totalMiB << 20);
        hasher = Hasher.builder().algorithms(DigestAlgorithm.SHA256).parallelism(parallelism).build();
    }

    @TearDown
    public void tearDown() {
        BenchFiles.delete(dir);
    }

    @Benchmark
    public List<FileDigests> hashAll() throws IOException {
        return hasher.hashAll(paths);
    }
}
