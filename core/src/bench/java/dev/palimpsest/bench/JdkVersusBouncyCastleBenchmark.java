package dev.palimpsest.bench;

import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
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
 * The JDK's {@code SUN} provider against Bouncy Castle's, for every algorithm both implement
 * (BLAKE2b has no JDK implementation), over 16 MiB in memory. This decided which one
 * {@code DigestAlgorithm.newMessageDigest()} uses. Scores are MiB/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class JdkVersusBouncyCastleBenchmark {
    static final int MIB = 16;

    @Param({"SHA-256", "SHA-512", "SHA-1", "MD5", "SHA3-256"})
    public String algorithm;

    private byte[] data;
    private MessageDigest jdk;
    private MessageDigest bouncyCastle;

    @Setup
    public void setUp() throws Exception {
        data = new byte[MIB << 20];
        new SplittableRandom(1).nextBytes(data);
        jdk = MessageDigest.getInstance(algorithm, "SUN");
        bouncyCastle = MessageDigest.getInstance(algorithm, new BouncyCastleProvider());
    }

    @Benchmark
    @OperationsPerInvocation(MIB)
    public byte[] jdk() {
        return jdk.digest(data);
    }

    @Benchmark
    @OperationsPerInvocation(MIB)
    public byte[] bouncyCastle() {
        return bouncyCastle.digest(data);
    }
}
