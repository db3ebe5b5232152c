package dev.palimpsest.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.TimestampClient;
import dev.palimpsest.core.testing.ExternalTool;
import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.core.testing.TestTsa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSSL as the independent judge of the manifest signature, exactly as DESIGN.md tells readers
 * to check it: {@code openssl cms -verify -binary -inform DER -in provenance/archive.json.p7s
 * -content provenance/archive.json -CAfile signer.pem}. Missing openssl skips these tests, except
 * under {@code CI=true}, where it fails them.
 */
class OpensslJudgeTest {
    static TestTsa tsa;
    Path openssl;

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

    @BeforeEach
    void findOpenssl() {
        openssl = ExternalTool.require("openssl", "the bundle signature's interoperability with OpenSSL");
    }

    private ExternalTool.Result verify(Path bundle, X509Certificate... anchors) {
        Path caFile = TestPki.writePem(tmp.resolve("signer.pem"), anchors);
        return ExternalTool.run(bundle, Map.of(), List.of(openssl.toString(), "cms", "-verify", "-binary", "-inform",
                "DER", "-in", "provenance/archive.json.p7s", "-content", "provenance/archive.json", "-CAfile",
                caFile.toString(), "-out", "/dev/null"));
    }

    @Test
    void opensslVerifiesTheSignatureOfAWrittenBundle() throws Exception {
        Path bundle = Fixtures.writer().signer(Fixtures.signer(Fixtures.ARCHIVIST)).build()
                .write(BundleContent.ofFolder(Fixtures.recovered(tmp.resolve("in"))), tmp.resolve("b")).path();
        ExternalTool.Result result = verify(bundle, Fixtures.PKI.root().certificate());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Verification successful");

        {
            Files.writeString(bundle.resolve("provenance/archive.json"),
                    Files.readString(bundle.resolve("provenance/archive.json")).replace("notes.txt", "notez.txt"));
            ExternalTool.Result tampered = verify(bundle, Fixtures.PKI.root().certificate());
            assertThat(tampered.exitCode()).as("openssl must reject an edited manifest: " + tampered.output()).isNotZero();
        }
    }

    @Test
    void opensslVerifiesEverySignerOfACountersignedTimestampedBundle() throws Exception {
        CmsSigner author = CmsSigner.builder(Fixtures.ARCHIVIST.identity()).timestampClient(TimestampClient.of(tsa.url()))
                .build();
        Path bundle = Fixtures.writer().signer(author).build()
                .write(BundleContent.ofFolder(Fixtures.recovered(tmp.resolve("in"))), tmp.resolve("b")).path();
        BundleSigner.builder(Fixtures.signer(Fixtures.WITNESS)).build().sign(bundle);
        ExternalTool.Result result = verify(bundle, Fixtures.PKI.root().certificate());
        assertThat(result.exitCode()).as(result.output()).isZero();

        // A witness from a PKI OpenSSL was not told to trust makes it refuse the whole signature.
        BundleSigner.builder(Fixtures.signer(Fixtures.MALLORY)).build().sign(bundle);
        ExternalTool.Result untrusted = verify(bundle, Fixtures.PKI.root().certificate());
        assertThat(untrusted.exitCode()).as(untrusted.output()).isNotZero();
        ExternalTool.Result both = verify(bundle, Fixtures.PKI.root().certificate(),
                Fixtures.MALLORY.chain().get(Fixtures.MALLORY.chain().size() - 1));
        assertThat(both.exitCode()).as(both.output()).isZero();
    }

    @Test
    void opensslVerifiesTheSignatureInsideAZipOnceExtracted() throws Exception {
        Path zip = Fixtures.writer().zip(true).signer(Fixtures.signer(Fixtures.ARCHIVIST)).build()
                .write(BundleContent.ofFolder(Fixtures.recovered(tmp.resolve("in"))), tmp.resolve("b.zip")).path();
        Path bundle = Fixtures.unzip(zip, tmp.resolve("x")).resolve("b");
        ExternalTool.Result result = verify(bundle, Fixtures.PKI.root().certificate());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
