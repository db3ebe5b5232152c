package dev.palimpsest.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a killed writer leaves and what the next run does with it, in-process: temporary names
 * carry the owner's process id and start time ({@code .palimpsest-tmp-<pid>-<start>-<hex>-<kind>-<name>}),
 * and the next write of, or signing of, the same target removes only what a gone process left for
 * that target, restores a target that was moved aside, and finishes a folder signing that was
 * killed between its renames. Anything else — a live process's work, another target's, a name
 * that merely starts like ours — is left alone. ({@code KillTest} in examples does this with real
 * SIGKILLs.)
 */
class StaleTempFaultTest {
    static long deadPid;

    @TempDir
    Path tmp;

    @BeforeAll
    static void aProcessThatIsGone() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        deadPid = p.pid();
    }

    private static String dead(String kind, String name) {
        return ".palimpsest-tmp-" + deadPid + "-1700000000000-0123456789ab-" + kind + "-" + name;
    }

    private static String live(String name) {
        ProcessHandle me = ProcessHandle.current();
        long start = me.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return ".palimpsest-tmp-" + me.pid() + "-" + start + "-ba9876543210-n-" + name;
    }

    private static String[] names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void theNextWriteRemovesOnlyWhatAGoneProcessLeftForThatTarget() throws Exception {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path staleFolder = Files.createDirectories(out.resolve(dead("n", "b")).resolve("data"));
        Files.writeString(staleFolder.resolve("half.txt"), "half");
        Path staleZip = Files.writeString(out.resolve(dead("n", "b.zip")), "PK half");
        Path reusedPid = Files.writeString(out.resolve(".palimpsest-tmp-" + ProcessHandle.current().pid()
                + "-1-0123456789ab-n-b"), "the id was reused: its owner is gone");
        String liveName = live("b");
        Files.writeString(out.resolve(liveName), "a live writer's work");
        String otherTarget = dead("n", "c");
        Files.writeString(out.resolve(otherTarget), "another target's leftover");
        Files.writeString(out.resolve(".palimpsest-tmp-notes"), "not a name we write");
        Files.writeString(out.resolve("unrelated.txt"), "someone else's");

        Fixtures.writer().build().write(BundleContent.ofFolder(in), out.resolve("b"));

        assertThat(staleFolder.getParent()).doesNotExist();
        assertThat(staleZip).doesNotExist();
        assertThat(reusedPid).doesNotExist();
        assertThat(names(out)).containsExactlyInAnyOrder("b", liveName, otherTarget, ".palimpsest-tmp-notes",
                "unrelated.txt");
        assertThat(BundleVerifier.builder().build().verify(out.resolve("b")).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aTargetLeftAsideByAKilledReplacementIsRestored() throws Exception {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path built = Fixtures.writer().build().write(BundleContent.ofFolder(in), out.resolve("built")).path();
        // Killed after moving the old bundle aside and before moving the new one in.
        Files.move(built, out.resolve(dead("o", "b.old")));
        Files.createDirectories(out.resolve(dead("n", "b")));

        assertThatThrownBy(() -> Fixtures.writer().build().write(BundleContent.ofFolder(in), out.resolve("b")))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.TARGET_EXISTS));
        assertThat(names(out)).containsExactly("b");
        assertThat(BundleVerifier.builder().build().verify(out.resolve("b")).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aFolderSigningKilledBetweenItsRenamesIsFinishedByTheNextSigning() throws Exception {
        Path in = Fixtures.recovered(tmp.resolve("in"));
        Path bundle = Fixtures.writer().signer(Fixtures.signer(Fixtures.ARCHIVIST)).build()
                .write(BundleContent.ofFolder(in), tmp.resolve("b")).path();
        // The same countersigning done on a copy gives the files the killed run had written.
        Path copy = tmp.resolve("copy");
        copyTree(bundle, copy);
        BundleSigner.builder(Fixtures.signer(Fixtures.WITNESS)).build().sign(copy);
        // Killed after the signature's rename, before the tag manifests' renames.
        Files.copy(copy.resolve("provenance/archive.json.p7s"), bundle.resolve("provenance/archive.json.p7s"),
                StandardCopyOption.REPLACE_EXISTING);
        for (String algorithm : new String[] {"sha256", "sha512"}) {
            Files.copy(copy.resolve("tagmanifest-" + algorithm + ".txt"),
                    bundle.resolve(dead("n", "tagmanifest-" + algorithm + ".txt")));
        }
        assertThat(BundleVerifier.builder().build().verify(bundle).verdict()).as("the half-done state")
                .isEqualTo(Verdict.INVALID);

        BundleSigner.builder(Fixtures.signer(Fixtures.ARCHIVIST)).build().sign(bundle);

        VerificationReport report = BundleVerifier.builder().trustPolicy(Fixtures.trustRoot()).build().verify(bundle);
        assertThat(report.verdict()).as(report.problems().toString()).isEqualTo(Verdict.TRUSTED);
        assertThat(report.signatures()).hasSize(3);
        assertThat(names(bundle)).noneMatch(n -> n.startsWith(".palimpsest-tmp-"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
