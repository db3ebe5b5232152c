package dev.palimpsest.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.palimpsest.core.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing with a key inside a PKCS#11 token (SoftHSM2 through SunPKCS11): the key is generated
 * in the token, marked sensitive and not extractable, and every signature is made by the token.
 *
 * <p>Skipped, with the reason, when SoftHSM2 is not installed ({@code apt-get install softhsm2}) or
 * when {@code SOFTHSM2_CONF} is not set (core/pom.xml sets it for surefire).
 */
class Pkcs11SigningTest {
    private static final List<String> LIBRARY_LOCATIONS = List.of(
            "/usr/lib/softhsm/libsofthsm2.so",
            "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
            "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
            "/usr/lib64/pkcs11/libsofthsm2.so",
            "/usr/local/lib/softhsm/libsofthsm2.so",
            "/opt/homebrew/lib/softhsm/libsofthsm2.so");
    private static final char[] PIN = "4321".toCharArray();

    @TempDir
    static Path tokens;

    static Provider token;

    @BeforeAll
    static void initialiseToken() throws Exception {
        Optional<Path> library = LIBRARY_LOCATIONS.stream().map(Path::of).filter(Files::isReadable).findFirst();
        assumeThat(library).as("libsofthsm2.so not found (install softhsm2): PKCS#11 signing is not tested").isPresent();
        Optional<Path> util = ExternalTool.find("softhsm2-util");
        assumeThat(util).as("softhsm2-util not on the PATH: PKCS#11 signing is not tested").isPresent();
        String conf = System.getenv("SOFTHSM2_CONF");
        assumeThat(conf).as("SOFTHSM2_CONF is not set (core/pom.xml sets it for surefire): PKCS#11 signing is not tested")
                .isNotNull();

        Files.createDirectories(Path.of(conf).getParent());
        Files.writeString(Path.of(conf), "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        ExternalTool.Result init = ExternalTool.run(tokens, Map.of("SOFTHSM2_CONF", conf), List.of(util.get().toString(),
                "--init-token", "--free", "--label", "palimpsest-test", "--pin", new String(PIN), "--so-pin", "87654321"));
        assertThat(init.exitCode()).as(init.output()).isZero();
        Matcher slot = Pattern.compile("reassigned to slot (\\d+)").matcher(init.output());
        assertThat(slot.find()).as(init.output()).isTrue();

        String config = "--name=PalimpsestSoftHSM\n"
                + "library=" + library.get() + "\n"
                + "slot=" + slot.group(1) + "\n"
                + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n"
                + "  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n"
                + "}\n";
        token = Security.getProvider("SunPKCS11").configure(config);
        KeyStore login = KeyStore.getInstance("PKCS11", token);
        login.load(null, PIN);
    }

    @Test
    void theTokenGeneratesAndUsesAKeyThatNeverLeavesIt() throws Exception {
        SigningIdentity identity = SigningIdentity.generator().name("Token Holder").provider(token).generate();

        assertThat(identity.isExportable()).isFalse();
        assertThat(identity.privateKey().getEncoded()).as("the token does not reveal the key").isNull();
        assertThat(identity.toString()).contains("PalimpsestSoftHSM");
        assertThatThrownBy(() -> identity.savePkcs12(tokens.resolve("never.p12"), PIN))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be exported");

        byte[] signature = CmsSigner.builder(identity).build().sign(CmsSignerTest.CONTENT);
        SignatureVerification v = CmsVerifier.of(TrustPolicy.builder().anchor(identity.certificate()).build())
                .verify(signature, CmsSignerTest.CONTENT);
        assertThat(v.status()).isEqualTo(SignatureStatus.TRUSTED);
    }

    @Test
    void anyJcaKeyFromTheTokenWithItsChainCanSign() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", token);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        // A certificate for the token's key, signed by the token.
        SigningIdentity certified = SigningIdentity.generator().name("HSM Key").provider(token).certify(keys);

        SigningIdentity identity = SigningIdentity.of(keys.getPrivate(), certified.chain(), SignatureAlgorithm.ECDSA_SHA256,
                token);
        byte[] signature = CmsSigner.builder(identity).build().sign(CmsSignerTest.CONTENT);
        assertThat(CmsVerifier.of(TrustPolicy.builder().anchor(identity.certificate()).build())
                .verify(signature, CmsSignerTest.CONTENT).status()).isEqualTo(SignatureStatus.TRUSTED);

        // The token's key with someone else's certificate is refused.
        SigningIdentity other = CmsSignerTest.identity(KeyAlgorithm.ECDSA_P256);
        assertThatThrownBy(() -> SigningIdentity.of(keys.getPrivate(), other.chain(), SignatureAlgorithm.ECDSA_SHA256, token))
                .isInstanceOfSatisfying(SigningException.class,
                        e -> assertThat(e.reason()).isEqualTo(SigningException.Reason.KEY_CERTIFICATE_MISMATCH));
    }
}
