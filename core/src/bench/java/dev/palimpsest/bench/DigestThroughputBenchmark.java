package dev.palimpsest.bench;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestSet;
import dev.palimpsest.core.digest.Hasher;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-digest throughput of {@link Hasher#hash(byte[])} over 16 MiB in memory, i.e. the digest
 * implementation the library picked, without I/O. Scores are MiB/s (one operation = 1 MiB).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DigestThroughputBenchmark {
    static final int MIB = 16;

    @Param({"sha256", "sha512", "sha1", "md5", "blake2b-512", "sha3-256"})
    public String algorithm;

    private byte[] data;
    private Hasher hasher;

    @Setup
    public void setUp() {
        data = new byte[MIB << 20];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) random.nextInt();
        }
        hasher = Hasher.of(DigestAlgorithm.fromLabel(algorithm).orElseThrow());
    }

    @Benchmark
    @OperationsPerInvocation(MIB)
    public DigestSet viaHasher() {
        return hasher.hash(data);
    }
}
