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

/**
 * One file in the page cache, sha256 and sha512: each alone, both in one pass on one thread
 * ({@code bothInline}), and both in one pass with a thread per digest ({@code bothThreaded}).
 * The sum of the two single times is what hashing twice would cost. Scores are ms per file.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class MultiDigestBenchmark {
    @Param({"256"})
    public int sizeMiB;

    private Path dir;
    private Path file;
    private final Hasher sha256 = Hasher.builder().algorithms(DigestAlgorithm.SHA256).parallelism(2).build();
    private final Hasher sha512 = Hasher.builder().algorithms(DigestAlgorithm.SHA512).parallelism(2).build();
    private final Hasher bothInline = Hasher.builder()
            .algorithms(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512).parallelism(1).build();
    private final Hasher bothThreaded = Hasher.builder()
            .algorithms(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512).parallelism(2).build();

    @Setup
    public void setUp() throws IOException {
        dir = BenchFiles.newDirectory();
        file = BenchFiles.write(dir, "large", (long) sizeMiB << 20, 7);
    }

    @TearDown
    public void tearDown() {
        BenchFiles.delete(dir);
    }

    @Benchmark
    public DigestSet sha256Only() throws IOException {
        return sha256.hash(file);
    }

    @Benchmark
    public DigestSet sha512Only() throws IOException {
        return sha512.hash(file);
    }

    @Benchmark
    public DigestSet bothInline() throws IOException {
        return bothInline.hash(file);
    }

    @Benchmark
    public DigestSet bothThreaded() throws IOException {
        return bothThreaded.hash(file);
    }
}
