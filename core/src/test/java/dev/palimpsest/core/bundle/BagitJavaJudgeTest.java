package dev.palimpsest.core.bundle;

import static dev.palimpsest.core.bundle.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.testing.TestTsa;
import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Library of Congress bagit-java library as an independent judge: every kind of bundle the
 * library writes is a valid bag to it ({@code BagReader.read} then {@code BagVerifier.isValid}).
 */
class BagitJavaJudgeTest {
    static TestTsa tsa;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startTsa() {
        tsa = TestTsa.start();
    }

    @AfterAll
    static void stopTsa() {
        tsa.close();
    }

    /** A kind of bundle: how to write it into {@code dir}, returning the bag folder. */
    interface Kind {
        Path write(Path dir) throws Exception;
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("unsigned folder", (Kind) dir -> {
                    Fixtures.writer().build().write(BundleContent.ofFolder(Fixtures.recovered(dir.resolve("in"))),
                            dir.resolve("b"));
                    return dir.resolve("b");
                }),
                Arguments.of("signed, countersigned and timestamped", (Kind) dir -> {
                    Fixtures.writer().signer(dev.palimpsest.core.sign.CmsSigner.builder(Fixtures.ARCHIVIST.identity())
                            .timestampClient(dev.palimpsest.core.sign.TimestampClient.of(tsa.url())).build())
                            .signer(Fixtures.signer(Fixtures.WITNESS)).build()
                            .write(BundleContent.builder().title("Signed").folder(Fixtures.recovered(dir.resolve("in")))
                                    .build(), dir.resolve("b"));
                    return dir.resolve("b");
                }),
                Arguments.of("signed later, then countersigned", (Kind) dir -> {
                    Fixtures.writer().build().write(BundleContent.ofFolder(Fixtures.recovered(dir.resolve("in"))),
                            dir.resolve("b"));
                    BundleSigner.builder(Fixtures.signer(Fixtures.ARCHIVIST)).build().sign(dir.resolve("b"));
                    BundleSigner.builder(Fixtures.signer(Fixtures.WITNESS)).build().sign(dir.resolve("b"));
                    return dir.resolve("b");
                }),
                Arguments.of("names with spaces, accents, CJK and nested folders", (Kind) dir -> {
                    Path in = Files.createDirectories(dir.resolve("in"));
                    write(in.resolve("Rapport annuel \u00e9t\u00e9 2016.pdf"), "rapport");
                    write(in.resolve("\u6587\u66f8/\u5831\u544a.txt"), "report");
                    write(in.resolve("a/b/c/d/e/deep file.txt"), "deep");
                    Fixtures.writer().build().write(BundleContent.ofFolder(in), dir.resolve("b"));
                    return dir.resolve("b");
                }),
                Arguments.of("a percent sign in a name (written %25, RFC 8493 2.1.3)", (Kind) dir -> {
                    Path in = Files.createDirectories(dir.resolve("in"));
                    write(in.resolve("100% recovered.txt"), "all of it");
                    Fixtures.writer().build().write(BundleContent.ofFolder(in), dir.resolve("b"));
                    return dir.resolve("b");
                }),
                Arguments.of("empty payload", (Kind) dir -> {
                    Fixtures.writer().build().write(BundleContent.ofFolder(Files.createDirectories(dir.resolve("in"))),
                            dir.resolve("b"));
                    return dir.resolve("b");
                }),
                Arguments.of("every digest algorithm bagit-java knows", (Kind) dir -> {
                    Fixtures.writer().digests(DigestAlgorithm.MD5, DigestAlgorithm.SHA1, DigestAlgorithm.SHA224,
                            DigestAlgorithm.SHA256, DigestAlgorithm.SHA512).build()
                            .write(BundleContent.ofFolder(Fixtures.recovered(dir.resolve("in"))), dir.resolve("b"));
                    return dir.resolve("b");
                }),
                Arguments.of("ZIP, unpacked by ZipInputStream", (Kind) dir -> {
                    Fixtures.writer().zip(true).signer(Fixtures.signer(Fixtures.ARCHIVIST)).build()
                            .write(BundleContent.ofFolder(Fixtures.recovered(dir.resolve("in"))), dir.resolve("z.zip"));
                    return Fixtures.unzip(dir.resolve("z.zip"), dir.resolve("unzipped")).resolve("z");
                }),
                Arguments.of("ZIP signed later, unpacked", (Kind) dir -> {
                    Fixtures.writer().zip(true).build()
                            .write(BundleContent.ofFolder(Fixtures.recovered(dir.resolve("in"))), dir.resolve("z.zip"));
                    BundleSigner.builder(Fixtures.signer(Fixtures.ARCHIVIST)).build().sign(dir.resolve("z.zip"));
                    return Fixtures.unzip(dir.resolve("z.zip"), dir.resolve("unzipped")).resolve("z");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void bagitJavaFindsTheBundleValid(String name, Kind kind) throws Exception {
        Path bundle = kind.write(tmp);
        Bag bag = new BagReader().read(bundle);
        try (BagVerifier verifier = new BagVerifier()) {
            verifier.isValid(bag, false);
        }
        assertThat(bag.getVersion().toString()).isEqualTo("1.0");
        assertThat(bag.getTagManifests()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void bagitJavaRejectsTheBundleOnceAPayloadFileChanges(String name, Kind kind) throws Exception {
        Path bundle = kind.write(tmp);
        Path data = bundle.resolve("data");
        Path victim;
        try (Stream<Path> files = Files.walk(data)) {
            victim = files.filter(Files::isRegularFile).findFirst().orElse(null);
        }
        if (victim == null) {
            victim = write(data.resolve("added.txt"), "added");
        } else {
            Files.writeString(victim, "changed");
        }
        Bag bag = new BagReader().read(bundle);
        try (BagVerifier verifier = new BagVerifier()) {
            assertThatThrownBy(() -> verifier.isValid(bag, false)).isInstanceOf(Exception.class);
        }
    }
}
