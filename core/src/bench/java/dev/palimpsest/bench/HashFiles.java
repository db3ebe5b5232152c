package dev.palimpsest.bench;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestSet;
import dev.palimpsest.core.digest.FileDigests;
import dev.palimpsest.core.digest.Hasher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The smallest whole-process hashing command, for timing against {@code openssl dgst} in
 * {@code run-benchmarks.sh} until the CLI's {@code digest} command exists:
 * {@code HashFiles [--digest sha256,sha512] [--parallelism N] FILE...}. Prints one
 * {@code <label>:<hex>  <file>} line per digest, in input order.
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
                        String l = label;
                        algorithms.add(DigestAlgorithm.fromLabel(l)
                                .orElseThrow(() -> new IllegalArgumentException("unknown digest " + l)));
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
            DigestSet digests = result.digests();
            digests.asMap().values().forEach(v -> out.append(v).append("  ").append(result.file()).append('\n'));
        }
        System.out.print(out);
    }
}
