package dev.palimpsest.bench;

import dev.palimpsest.core.bundle.BundleContent;
import dev.palimpsest.core.bundle.BundleResult;
import dev.palimpsest.core.bundle.BundleVerifier;
import dev.palimpsest.core.bundle.BundleWriter;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.verify.Verdict;
import gov.loc.repository.bagit.creator.BagCreator;
import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.hash.StandardSupportedAlgorithms;
import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bundle creation and verification timed against the Library of Congress bagit-java, for
 * {@code run-bundle-benchmarks.sh}. Modes:
 * <ul>
 *   <li>{@code compare INPUT WORK RUNS}: in one JVM, after one warm-up round, RUNS rounds of:
 *       Palimpsest creating a bundle (sha256 + sha512) from INPUT; bagit-java's
 *       {@code BagCreator.bagInPlace} on a fresh copy of INPUT (the copy is not timed); Palimpsest's
 *       {@code BundleVerifier} and bagit-java's {@code BagVerifier.isValid} on the same bundle.
 *       The order alternates between rounds. Prints each time and the means and ratios.
 *   <li>{@code create INPUT TARGET [zip]}, {@code verify BUNDLE}: one operation, for whole-process
 *       runs under a small heap; prints the time.
 *   <li>{@code bagit-create DIR}, {@code bagit-verify DIR}: the same with bagit-java.
 *   <li>{@code make-large DIR FILES MIB}: FILES random files totalling MIB mebibytes;
 *       {@code make-many DIR COUNT}: COUNT random files of 100 to 4,000 bytes, 1,000 per folder.
 * </ul>
 */
public final class BundleBenchmark {
    private BundleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "compare":
                compare(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
                break;
            case "create": {
                long start = System.nanoTime();
                BundleResult result = BundleWriter.builder().zip(args.length > 3 && args[3].equals("zip")).build()
                        .write(BundleContent.ofFolder(Path.of(args[1])), Path.of(args[2]));
                print("palimpsest create", start, result.manifest().entries().size() + " files");
                break;
            }
            case "verify": {
                long start = System.nanoTime();
                VerificationReport report = BundleVerifier.builder().build().verify(Path.of(args[1]));
                print("palimpsest verify", start, report.verdict() + ", " + report.entries().size() + " entries");
                if (report.verdict() == Verdict.INVALID) {
                    System.out.println(report.toText());
                    System.exit(1);
                }
                break;
            }
            case "make-large":
                makeLarge(Path.of(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]) << 20);
                break;
            case "make-many":
                makeMany(Path.of(args[1]), Integer.parseInt(args[2]));
                break;
            case "bagit-create": {
                long start = System.nanoTime();
                bagitCreate(Path.of(args[1]));
                print("bagit-java bagInPlace", start, "");
                break;
            }
            case "bagit-verify": {
                long start = System.nanoTime();
                bagitVerify(Path.of(args[1]));
                print("bagit-java isValid", start, "");
                break;
            }
            default:
                System.err.println("usage: BundleBenchmark compare INPUT WORK RUNS | create INPUT TARGET [zip]"
                        + " | verify BUNDLE | bagit-create DIR | bagit-verify DIR | make-large DIR FILES MIB"
                        + " | make-many DIR COUNT");
                System.exit(64);
        }
    }

    private static void print(String what, long start, String detail) {
        System.out.printf(Locale.ROOT, "%s: %.3f s%s%n", what, (System.nanoTime() - start) / 1e9,
                detail.isEmpty() ? "" : " (" + detail + ")");
    }

    private static void bagitCreate(Path dir) throws Exception {
        BagCreator.bagInPlace(dir, List.of(StandardSupportedAlgorithms.SHA256, StandardSupportedAlgorithms.SHA512), false);
    }

    private static void bagitVerify(Path dir) throws Exception {
        Bag bag = new BagReader().read(dir);
        try (BagVerifier verifier = new BagVerifier()) {
            verifier.isValid(bag, false);
        }
    }

    private static void compare(Path input, Path work, int runs) throws Exception {
        Files.createDirectories(work);
        List<double[]> times = new ArrayList<>();
        for (int round = 0; round <= runs; round++) {
            Path ours = work.resolve("palimpsest-" + round);
            Path theirs = work.resolve("bagit-" + round);
            copy(input, theirs);
            double create;
            double bagitCreate;
            if (round % 2 == 0) {
                create = time(() -> BundleWriter.builder().digests(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512).build()
                        .write(BundleContent.ofFolder(input), ours));
                bagitCreate = time(() -> bagitCreate(theirs));
            } else {
                bagitCreate = time(() -> bagitCreate(theirs));
                create = time(() -> BundleWriter.builder().digests(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512).build()
                        .write(BundleContent.ofFolder(input), ours));
            }
            double[] verify = new double[1];
            double[] bagitVerify = new double[1];
            Step ourVerify = () -> {
                VerificationReport report = BundleVerifier.builder().build().verify(ours);
                if (report.verdict() == Verdict.INVALID) {
                    throw new IllegalStateException(report.toText());
                }
            };
            if (round % 2 == 0) {
                verify[0] = time(ourVerify);
                bagitVerify[0] = time(() -> bagitVerify(ours));
            } else {
                bagitVerify[0] = time(() -> bagitVerify(ours));
                verify[0] = time(ourVerify);
            }
            delete(ours);
            delete(theirs);
            System.out.printf(Locale.ROOT, "%s %d: create %.3f s, bagit-java bagInPlace %.3f s; verify %.3f s,"
                    + " bagit-java isValid %.3f s%n", round == 0 ? "warm-up" : "round", round, create, bagitCreate,
                    verify[0], bagitVerify[0]);
            if (round > 0) {
                times.add(new double[] {create, bagitCreate, verify[0], bagitVerify[0]});
            }
        }
        double[] mean = new double[4];
        for (double[] t : times) {
            for (int i = 0; i < 4; i++) {
                mean[i] += t[i] / times.size();
            }
        }
        System.out.printf(Locale.ROOT, "mean over %d rounds: create %.3f s, bagit-java %.3f s, speed-up %.2fx (target >= 2);"
                + " verify %.3f s, bagit-java %.3f s, speed-up %.2fx (target >= 1)%n", times.size(), mean[0], mean[1],
                mean[1] / mean[0], mean[2], mean[3], mean[3] / mean[2]);
    }

    private static void makeLarge(Path dir, int files, long total) throws IOException {
        Files.createDirectories(dir);
        BenchFiles.writeMany(dir, files, total);
    }

    private static void makeMany(Path dir, int count) throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        byte[] bytes = new byte[4000];
        for (int i = 0; i < count; i++) {
            Path folder = Files.createDirectories(dir.resolve(String.format(Locale.ROOT, "d%03d", i / 1000)));
            int size = 100 + random.nextInt(3901);
            for (int j = 0; j < size; j++) {
                bytes[j] = (byte) random.nextInt();
            }
            Files.write(folder.resolve(String.format(Locale.ROOT, "file-%04d.txt", i % 1000)),
                    java.util.Arrays.copyOf(bytes, size));
        }
    }

    /** Something to time. */
    private interface Step {
        void run() throws Exception;
    }

    private static double time(Step step) throws Exception {
        System.gc();
        long start = System.nanoTime();
        step.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
