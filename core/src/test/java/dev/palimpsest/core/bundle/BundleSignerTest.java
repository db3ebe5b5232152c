package dev.palimpsest.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.SignatureResult;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.verify.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing an existing bundle later, and countersigning it. */
class BundleSignerTest {
    @TempDir
    Path tmp;

    private Path unsigned(boolean zip) throws IOException {
        return Fixtures.writer().zip(zip).build().write(BundleContent.builder().title("t")
                .folder(Fixtures.recovered(tmp.resolve("in"))).build(), tmp.resolve(zip ? "b.zip" : "b")).path();
    }

    private static VerificationReport verify(Path bundle) throws IOException {
        return BundleVerifier.builder().trustPolicy(Fixtures.trustRoot()).build().verify(bundle);
    }

    /** The files that differ between two snapshots. */
    private static Set<String> changed(Map<String, byte[]> before, Map<String, byte[]> after) {
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        Set<String> changed = new TreeSet<>();
        for (String name : names) {
            if (!java.util.Arrays.equals(before.get(name), after.get(name))) {
                changed.add(name);
            }
        }
        return changed;
    }

    @Test
    void signingLaterChangesOnlyTheSignatureAndTheTagManifests() throws IOException {
        Path bundle = unsigned(false);
        Map<String, byte[]> before = Fixtures.snapshot(bundle);
        BundleResult result = BundleSigner.builder(Fixtures.signer(Fixtures.ARCHIVIST)).build().sign(bundle);
        assertThat(result.signatures()).isEqualTo(1);
        assertThat(changed(before, Fixtures.snapshot(bundle))).containsExactly("provenance/archive.json.p7s",
                "tagmanifest-sha256.txt", "tagmanifest-sha512.txt");
        assertThat(Fixtures.read(bundle.resolve("tagmanifest-sha256.txt"))).endsWith(Fixtures.hex("SHA-256",
                Files.readAllBytes(bundle.resolve("provenance/archive.json.p7s"))) + "  provenance/archive.json.p7s\n");
        assertThat(verify(bundle).verdict()).isEqualTo(Verdict.TRUSTED);
        assertThat(Fixtures.names(bundle.resolve("provenance"))).containsExactly("archive.json", "archive.json.p7s");
    }

    @Test
    void aSecondSignerCountersignsAndBothStayValid() throws IOException {
        Path bundle = Fixtures.writer().signer(Fixtures.signer(Fixtures.ARCHIVIST)).build()
                .write(BundleContent.ofFolder(Fixtures.recovered(tmp.resolve("in"))), tmp.resolve("b")).path();
        Map<String, byte[]> before = Fixtures.snapshot(bundle);
        BundleResult result = BundleSigner.builder(Fixtures.signer(Fixtures.WITNESS)).build().sign(bundle);
        assertThat(result.signatures()).isEqualTo(2);
        assertThat(changed(before, Fixtures.snapshot(bundle))).containsExactly("provenance/archive.json.p7s",
                "tagmanifest-sha256.txt", "tagmanifest-sha512.txt");
        VerificationReport report = verify(bundle);
        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.TRUSTED);
        assertThat(report.signatures()).extracting(SignatureResult::valid).containsExactly(true, true);
        assertThat(report.signatures()).extracting(s -> s.signer().orElseThrow().substring(0, 6))
                .containsExactlyInAnyOrder("CN=A. ", "CN=W. ");
        // the line for the signature replaced, not added
        assertThat(Fixtures.read(bundle.resolve("tagmanifest-sha256.txt")).lines()
                .filter(l -> l.endsWith("archive.json.p7s")).count()).isEqualTo(1);
    }

    @Test
    void replacingDropsTheEarlierSigners() throws IOException {
        Path bundle = Fixtures.writer().signer(Fixtures.signer(Fixtures.MALLORY)).build()
                .write(BundleContent.ofFolder(Fixtures.recovered(tmp.resolve("in"))), tmp.resolve("b")).path();
        BundleSigner.builder(Fixtures.signer(Fixtures.ARCHIVIST)).replaceExisting(true).build().sign(bundle);
        VerificationReport report = verify(bundle);
        assertThat(report.signatures()).singleElement().satisfies(s -> assertThat(s.trusted()).isTrue());
    }

    @Test
    void aZipIsSignedByRewritingItWhole() throws IOException {
        Path zip = unsigned(true);
        BundleSigner.builder(Fixtures.signer(Fixtures.ARCHIVIST)).build().sign(zip);
        BundleSigner.builder(Fixtures.signer(Fixtures.WITNESS)).build().sign(zip);
        VerificationReport report = verify(zip);
        assertThat(report.verdict()).as(report.toText()).isEqualTo(Verdict.TRUSTED);
        assertThat(report.signatures()).hasSize(2);
        assertThat(Fixtures.names(tmp)).containsExactly("b.zip", "in");
        Map<String, byte[]> inside = Fixtures.snapshot(Fixtures.unzip(zip, tmp.resolve("x")).resolve("b"));
        assertThat(inside.keySet()).contains("provenance/archive.json.p7s", "data/notes.txt");
    }

    @Test
    void aDamagedBundleIsNotSignedAndIsLeftAsItWas() throws IOException {
        Path bundle = unsigned(false);
        Files.writeString(bundle.resolve("data/notes.txt"), "changed");
        Map<String, byte[]> before = Fixtures.snapshot(bundle);
        assertThatThrownBy(() -> BundleSigner.builder(Fixtures.signer(Fixtures.ARCHIVIST)).build().sign(bundle))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.BUNDLE_INVALID))
                .hasMessageContaining("does not verify").hasMessageContaining("FILE_MODIFIED data/notes.txt");
        assertThat(changed(before, Fixtures.snapshot(bundle))).isEmpty();
        assertThat(Fixtures.names(bundle.resolve("provenance"))).containsExactly("archive.json");
    }

    @Test
    void aPlainBagIsNotABundleToSign() throws IOException {
        Path bag = unsigned(false);
        Files.delete(bag.resolve("provenance/archive.json"));
        assertThatThrownBy(() -> BundleSigner.builder(Fixtures.signer(Fixtures.ARCHIVIST)).build().sign(bag))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.NOT_A_BUNDLE));
    }

    @Test
    void aBrokenSignatureBlocksCountersigningButNotReplacing() throws IOException {
        Path bundle = Fixtures.writer().signer(Fixtures.signer(Fixtures.ARCHIVIST)).build()
                .write(BundleContent.ofFolder(Fixtures.recovered(tmp.resolve("in"))), tmp.resolve("b")).path();
        Files.write(bundle.resolve("provenance/archive.json.p7s"), new byte[] {0x30, 0x03, 0x02, 0x01, 0x01});
        assertThatThrownBy(() -> BundleSigner.builder(Fixtures.signer(Fixtures.WITNESS)).build().sign(bundle))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.reason()).isEqualTo(BundleException.Reason.BUNDLE_INVALID))
                .hasMessageContaining(ProblemCode.SIGNATURE_MALFORMED.name());
        BundleSigner.builder(Fixtures.signer(Fixtures.WITNESS)).replaceExisting(true).build().sign(bundle);
        assertThat(verify(bundle).verdict()).isEqualTo(Verdict.TRUSTED);
    }
}
