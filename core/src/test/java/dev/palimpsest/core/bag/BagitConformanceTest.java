package dev.palimpsest.core.bag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.palimpsest.core.verify.Severity;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.verify.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Library of Congress BagIt conformance suite as the judge: every bag under
 * {@code <version>/valid/} must be VALID, every bag under {@code invalid/} and {@code linux-only/}
 * INVALID, every bag under {@code warning/} VALID with at least one warning;
 * {@code windows-only/} is skipped. Each bag is verified as the folder it is, and again as a ZIP
 * of it (one top-level folder) written to a temporary directory.
 *
 * <p>Runs only when the system property {@code palimpsest.corpus} names the shared corpus folder
 * (the one holding {@code bagit-conformance/}); fails when it is set but the folder is missing.
 * An unset property reaches the test as empty or as the literal {@code ${palimpsest.corpus}},
 * both treated as unset.
 */
class BagitConformanceTest {
    private static final BagVerifier VERIFIER = BagVerifier.builder().build();

    @TempDir
    static Path zips;

    @TestFactory
    Stream<DynamicTest> conformanceSuite() throws IOException {
        String corpus = System.getProperty("palimpsest.corpus");
        Assumptions.assumeTrue(corpus != null && !corpus.isBlank() && !corpus.startsWith("${"),
                "palimpsest.corpus is not set; the BagIt conformance suite is not run");
        Path suite = Path.of(corpus).resolve("bagit-conformance");
        if (!Files.isDirectory(suite)) {
            fail("palimpsest.corpus is set to " + corpus + ", but " + suite + " is not a folder");
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path version : list(suite)) {
            if (!Files.isDirectory(version) || !version.getFileName().toString().startsWith("v")) {
                continue;
            }
            for (Path category : list(version)) {
                String kind = category.getFileName().toString();
                if (!Files.isDirectory(category) || kind.equals("windows-only")) {
                    continue;
                }
                for (Path bag : list(category)) {
                    if (!Files.isDirectory(bag)) {
                        continue; // the suite's Makefiles
                    }
                    String name = suite.relativize(bag).toString();
                    tests.add(DynamicTest.dynamicTest(name, () -> judge(kind, VERIFIER.verify(bag))));
                    tests.add(DynamicTest.dynamicTest(name + " [zip]", () -> judge(kind, VERIFIER.verify(zip(bag)))));
                }
            }
        }
        assertThat(tests).as("bags found in " + suite).isNotEmpty();
        return tests.stream();
    }

    private static void judge(String kind, VerificationReport report) {
        String problems = report.problems().stream().map(Object::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
        switch (kind) {
            case "valid":
                assertThat(report.verdict()).as("a valid bag: %s", problems).isEqualTo(Verdict.VALID);
                break;
            case "invalid":
            case "linux-only":
                assertThat(report.verdict()).as("an invalid bag: %s", problems).isEqualTo(Verdict.INVALID);
                break;
            case "warning":
                assertThat(report.verdict()).as("a bag with warnings: %s", problems).isEqualTo(Verdict.VALID);
                assertThat(report.problems()).as("warnings").anyMatch(p -> p.severity() == Severity.WARNING);
                break;
            default:
                fail("unknown category " + kind);
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        }
    }

    /** The bag as a ZIP holding one top-level folder, as BagIt tools serialise it. */
    private static Path zip(Path bag) throws IOException {
        Path parent = bag.getParent();
        String name = parent.getParent().getFileName() + "-" + parent.getFileName() + "-" + bag.getFileName() + ".zip";
        Path zip = zips.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out);
                Stream<Path> files = Files.walk(bag)) {
            for (Path p : files.sorted().collect(Collectors.toList())) {
                String entry = bag.getFileName() + "/" + bag.relativize(p).toString().replace('\\', '/');
                if (Files.isDirectory(p)) {
                    z.putNextEntry(new ZipEntry(entry.endsWith("/") ? entry : entry + "/"));
                } else {
                    z.putNextEntry(new ZipEntry(entry));
                    Files.copy(p, z);
                }
                z.closeEntry();
            }
        }
        return zip;
    }
}
