package dev.palimpsest.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.palimpsest.core.testing.TestPki;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.wacz.TestWacz;
import dev.palimpsest.core.wacz.WaczVerifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link WaczVerifier} on arbitrary ZIP bytes, and on a valid, signed WACZ with one member
 * mutated.
 *
 * <p>{@code waczBytes}: the input is the file (seeds: small WACZ files in
 * {@code WaczFuzzTestInputs/waczBytes}). {@code mutatedMember}: the input is a mutation of a WACZ
 * the test builds once: byte 0 picks the member (in ZIP order), byte 1 the operation
 * (0 replace the member by the rest of the input, 1 overwrite at an offset, 2 truncate at an
 * offset, 3 insert at an offset, 4 remove the member), bytes 2-3 the offset (big-endian, modulo
 * the member's length), the rest the bytes. The member keeps its name and compression method.
 *
 * <p>Properties: {@code verify} returns a report for every input (its documented exceptions are
 * for a missing file and an interrupt), which renders as JSON and text; and any change to a
 * member's bytes, or a removed member, makes the verdict {@code INVALID}, except for
 * {@code datapackage-digest.json}, whose JSON may change without changing what it says.
 */
class WaczFuzzTest {
    private static final WaczVerifier VERIFIER = WaczVerifier.builder().maxMetadataBytes(1 << 20).build();
    private record Member(String name, int method, byte[] bytes) {
    }

    private static Path dir;
    private static List<Member> members;

    @BeforeAll
    static void buildWacz() throws IOException {
        dir = FuzzFiles.freshDirectory("wacz-base");
        Path wacz = TestWacz.builder()
                .page("https://example.gov/foia/", Instant.parse("2017-10-03T12:00:00Z"), "<p>FOIA reading room</p>")
                .capture("https://example.gov/foia/logo.png", Instant.parse("2017-10-03T12:00:01Z"), "PNG")
                .anonymousSignature(TestPki.ecKeyPair()).write(dir.resolve("base.wacz"));
        members = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(wacz))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                members.add(new Member(e.getName(), e.getMethod(), zip.readAllBytes()));
            }
        }
        assertThat(VERIFIER.verify(wacz).verdict()).isEqualTo(Verdict.VALID);
    }

    @AfterAll
    static void cleanUp() {
        FuzzFiles.deleteTree(dir);
    }

    @FuzzTest(maxDuration = "60s")
    void waczBytes(byte[] zip) throws IOException {
        Path root = FuzzFiles.freshDirectory("wacz");
        try {
            VerificationReport report = VERIFIER.verify(Files.write(root.resolve("fuzz.wacz"), zip));
            assertThat(report.toJson()).isNotEmpty();
            assertThat(report.toText()).isNotEmpty();
        } finally {
            FuzzFiles.deleteTree(root);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void mutatedMember(byte[] mutation) throws IOException {
        if (mutation.length < 4) {
            return;
        }
        int index = Byte.toUnsignedInt(mutation[0]) % members.size();
        int op = Byte.toUnsignedInt(mutation[1]) % 5;
        byte[] data = Arrays.copyOfRange(mutation, 4, mutation.length);
        Member victim = members.get(index);
        byte[] old = victim.bytes();
        int offset = old.length == 0 ? 0 : ((Byte.toUnsignedInt(mutation[2]) << 8) | Byte.toUnsignedInt(mutation[3])) % old.length;
        byte[] changed = switch (op) {
            case 0 -> data;
            case 1 -> {
                byte[] b = old.clone();
                System.arraycopy(data, 0, b, offset, Math.min(data.length, b.length - offset));
                yield b;
            }
            case 2 -> Arrays.copyOf(old, offset);
            case 3 -> {
                byte[] b = new byte[old.length + data.length];
                System.arraycopy(old, 0, b, 0, offset);
                System.arraycopy(data, 0, b, offset, data.length);
                System.arraycopy(old, offset, b, offset + data.length, old.length - offset);
                yield b;
            }
            default -> null;
        };
        Path root = FuzzFiles.freshDirectory("wacz");
        try {
            Path file = root.resolve("mutated.wacz");
            Files.write(file, zip(index, changed));
            VerificationReport report = VERIFIER.verify(file);
            assertThat(report.toJson()).isNotEmpty();
            assertThat(report.toText()).isNotEmpty();
            boolean altered = changed == null || !Arrays.equals(changed, old);
            if (altered && !victim.name().equals("datapackage-digest.json")) {
                assertThat(report.verdict()).as("%s with %s changed:%n%s", report.verdict(), victim.name(), report.toText())
                        .isEqualTo(Verdict.INVALID);
            }
        } finally {
            FuzzFiles.deleteTree(root);
        }
    }

    /** The base WACZ with member {@code index} replaced by {@code replacement} (removed if null). */
    private static byte[] zip(int index, byte[] replacement) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < members.size(); i++) {
                Member m = members.get(i);
                byte[] bytes = i == index ? replacement : m.bytes();
                if (bytes == null) {
                    continue;
                }
                ZipEntry entry = new ZipEntry(m.name());
                entry.setMethod(m.method());
                entry.setTime(0);
                if (m.method() == ZipEntry.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    entry.setSize(bytes.length);
                    entry.setCompressedSize(bytes.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
