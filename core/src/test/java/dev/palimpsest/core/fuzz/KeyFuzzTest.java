package dev.palimpsest.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.KeyStoreLoadException;
import dev.palimpsest.core.sign.SigningIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The key and certificate loaders on arbitrary files: {@link SigningIdentity#loadPkcs12} (seeds:
 * PKCS#12 files with the password {@code fuzz}) and {@link SigningIdentity#fromPem},
 * {@link Certificates#read}, {@link Certificates#readCrls} (seeds: PEM and DER files).
 *
 * <p>Properties: the only failure, for a file that can be read, is {@link KeyStoreLoadException}
 * with a reason and a message; an identity that loads has a certificate and a key that belong
 * together (the loaders check it), and lists read are not empty.
 */
class KeyFuzzTest {
    private static final char[] PASSWORD = "fuzz".toCharArray();

    @FuzzTest(maxDuration = "60s")
    void pkcs12(byte[] file) throws IOException {
        Path root = FuzzFiles.freshDirectory("p12");
        try {
            Path p12 = Files.write(root.resolve("fuzz.p12"), file);
            try {
                SigningIdentity identity = SigningIdentity.loadPkcs12(p12, PASSWORD);
                assertThat(identity.chain()).isNotEmpty().startsWith(identity.certificate());
            } catch (KeyStoreLoadException e) {
                assertRefusal(e);
            }
        } finally {
            FuzzFiles.deleteTree(root);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void pem(byte[] file) throws IOException {
        Path root = FuzzFiles.freshDirectory("pem");
        try {
            Path pem = Files.write(root.resolve("fuzz.pem"), file);
            for (char[] password : new char[][] {null, PASSWORD}) {
                try {
                    SigningIdentity identity = SigningIdentity.fromPem(pem, pem, password);
                    assertThat(identity.chain()).isNotEmpty().startsWith(identity.certificate());
                } catch (KeyStoreLoadException e) {
                    assertRefusal(e);
                }
            }
            try {
                List<X509Certificate> certificates = Certificates.read(pem);
                assertThat(certificates).isNotEmpty();
                certificates.forEach(c -> assertThat(Certificates.sha256(c)).isNotNull());
            } catch (KeyStoreLoadException e) {
                assertRefusal(e);
            }
            try {
                List<X509CRL> crls = Certificates.readCrls(pem);
                assertThat(crls).isNotEmpty();
            } catch (KeyStoreLoadException e) {
                assertRefusal(e);
            }
        } finally {
            FuzzFiles.deleteTree(root);
        }
    }

    private static void assertRefusal(KeyStoreLoadException e) {
        assertThat(e.reason()).isNotNull();
        assertThat(e.getMessage()).isNotBlank();
    }
}
