package dev.palimpsest.bench;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.digest.FileDigests;
import dev.palimpsest.core.digest.Hasher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The smallest whole-process hashing command, for timing against {@code openssl dgst} in
 * {@code run-benchmarks.sh} until the CLI's {@code digest} command exists:
 * {@code HashFiles [--digest sha256,sha512] [--parallelism N] FILE...}. Prints one
 * {@code <label>:<hex>  <file>} line per digest, in input order.
 *
 * <p>Written without lambdas or string concatenation, whose first use costs a short-lived JVM
 * tens of milliseconds, so that the timings are the library's and not this class's.
 */
public final class HashFiles {
    private HashFiles() {
    }

    public static void main(String[] args) throws Exception {
        Set<DigestAlgorithm> algorithms = EnumSet.of(DigestAlgorithm.SHA256);
        int parallelism = Runtime.getRuntime().availableProcessors();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--digest":
                    algorithms = EnumSet.noneOf(DigestAlgorithm.class);
                    for (String label : args[++i].split(",")) {
                        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromLabel(label);
                        if (algorithm.isEmpty()) {
                            throw new IllegalArgumentException("unknown digest ".concat(label));
                        }
                        algorithms.add(algorithm.get());
                    }
                    break;
                case "--parallelism":
                    parallelism = Integer.parseInt(args[++i]);
                    break;
                default:
                    files.add(Path.of(args[i]));
            }
        }
        Hasher hasher = Hasher.builder().algorithms(algorithms).parallelism(parallelism).build();
        StringBuilder out = new StringBuilder();
        for (FileDigests result : hasher.hashAll(files)) {
            for (DigestValue value : result.digests().asMap().values()) {
                out.append(value.algorithm().label()).append(':').append(value.hex()).append("  ")
                        .append(result.file()).append('\n');
            }
        }
        System.out.print(out);
    }
}
