package dev.palimpsest.core.digest;

import static dev.palimpsest.core.digest.TestSupport.randomBytes;
import static dev.palimpsest.core.digest.TestSupport.reference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FixityInputStreamTest {
    static final byte[] DATA = randomBytes(100_000, 42);
    static final DigestSet EXPECTED = reference(DATA, DigestAlgorithm.SHA256, DigestAlgorithm.SHA1);

    static byte[] tampered() {
        byte[] copy = DATA.clone();
        copy[50_000] ^= 0x01;
        return copy;
    }

    @Test
    void passesIntactBytesThroughUnchanged() throws IOException {
        try (FixityInputStream in = new FixityInputStream(new ByteArrayInputStream(DATA), EXPECTED)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(in.transferTo(out)).isEqualTo(DATA.length);
            assertThat(out.toByteArray()).isEqualTo(DATA);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.read(new byte[10])).isEqualTo(-1);
            assertThat(in.bytesRead()).isEqualTo(DATA.length);
        }
    }

    @Test
    void aChangedByteFailsAtEndOfStreamWithBothValues() throws IOException {
        FixityInputStream in = FixityInputStream.builder(new ByteArrayInputStream(tampered()))
                .expect(EXPECTED.asMap().values()).expectSize(DATA.length).source("data/memo.pdf").build();
        byte[] buffer = new byte[DATA.length];
        assertThat(in.readNBytes(buffer, 0, DATA.length)).isEqualTo(DATA.length); // no end seen yet: no check
        FixityException e = (FixityException) org.assertj.core.api.Assertions.catchThrowable(in::read);
        assertThat(e).isNotNull();
        DigestSet actual = reference(tampered(), DigestAlgorithm.SHA256, DigestAlgorithm.SHA1);
        assertThat(e.expected()).contains(EXPECTED.get(DigestAlgorithm.SHA256));
        assertThat(e.actual()).contains(actual.get(DigestAlgorithm.SHA256));
        assertThat(e.expectedSize()).hasValue(DATA.length);
        assertThat(e.actualSize()).isEqualTo(DATA.length);
        assertThat(e).hasMessage("data/memo.pdf: fixity check failed: sha256 expected "
                + EXPECTED.get(DigestAlgorithm.SHA256).hex() + ", got " + actual.get(DigestAlgorithm.SHA256).hex()
                + "; sha1 expected " + EXPECTED.get(DigestAlgorithm.SHA1).hex() + ", got "
                + actual.get(DigestAlgorithm.SHA1).hex());
        // Every later read fails the same way: the stream never pretends to have ended cleanly.
        assertThatThrownBy(in::read).isSameAs(e);
        assertThatThrownBy(() -> in.read(new byte[1], 0, 1)).isSameAs(e);
    }

    @Test
    void readAllBytesCannotMissAMismatch() {
        assertThatThrownBy(() -> new FixityInputStream(new ByteArrayInputStream(tampered()), EXPECTED).readAllBytes())
                .isInstanceOf(FixityException.class).hasMessageStartingWith("fixity check failed: sha256 expected");
    }

    @Test
    void anExtraByteIsASizeMismatch() {
        byte[] longer = Arrays.copyOf(DATA, DATA.length + 1);
        assertThatThrownBy(() -> new FixityInputStream(new ByteArrayInputStream(longer), EXPECTED).readAllBytes())
                .isInstanceOf(FixityException.class)
                .hasMessageStartingWith("fixity check failed: expected 100000 bytes, read 100001; sha256 expected")
                .satisfies(t -> assertThat(((FixityException) t).actualSize()).isEqualTo(100_001));
    }

    @Test
    void onlyTheSizeDiffers() {
        FixityInputStream in = FixityInputStream.builder(new ByteArrayInputStream(DATA))
                .expect(EXPECTED.get(DigestAlgorithm.SHA256)).expectSize(99_999).build();
        assertThatThrownBy(in::readAllBytes).isInstanceOf(FixityException.class)
                .hasMessage("fixity check failed: expected 99999 bytes, read 100000")
                .satisfies(t -> {
                    FixityException e = (FixityException) t;
                    assertThat(e.expected()).isEmpty();
                    assertThat(e.actual()).isEmpty();
                    assertThat(e.expectedSize()).hasValue(99_999);
                });
    }

    @Test
    void withoutAnExpectedSizeOnlyDigestsAreChecked() throws IOException {
        FixityInputStream in = FixityInputStream.builder(new ByteArrayInputStream(DATA))
                .expect(EXPECTED.get(DigestAlgorithm.SHA1)).build();
        assertThat(in.readAllBytes()).isEqualTo(DATA);
        FixityInputStream wrong = FixityInputStream.builder(new ByteArrayInputStream(tampered()))
                .expect(EXPECTED.get(DigestAlgorithm.SHA1)).build();
        assertThatThrownBy(wrong::readAllBytes).isInstanceOf(FixityException.class)
                .satisfies(t -> assertThat(((FixityException) t).expectedSize()).isEmpty());
    }

    @Test
    void singleByteReadsAndSkipsAreDigestedToo() throws IOException {
        try (InputStream in = new FixityInputStream(new ByteArrayInputStream(DATA), EXPECTED)) {
            for (int i = 0; i < 10; i++) {
                assertThat(in.read()).isEqualTo(DATA[i] & 0xff);
            }
            assertThat(in.skip(60_000)).isEqualTo(60_000);
            assertThat(in.read()).isEqualTo(DATA[60_010] & 0xff);
            assertThat(in.skip(Long.MAX_VALUE)).isEqualTo(DATA.length - 60_011);
            assertThat(in.read()).isEqualTo(-1);
        }
        // A skip that reaches the end of tampered data reports the mismatch.
        InputStream bad = new FixityInputStream(new ByteArrayInputStream(tampered()), EXPECTED);
        assertThatThrownBy(() -> bad.skip(Long.MAX_VALUE)).isInstanceOf(FixityException.class);
    }

    @Test
    void closingEarlyChecksNothing() throws IOException {
        InputStream in = new FixityInputStream(new ByteArrayInputStream(tampered()), EXPECTED);
        in.readNBytes(10);
        in.close();
    }

    @Test
    void markAndResetAreNotSupported() throws IOException {
        try (InputStream in = new FixityInputStream(new ByteArrayInputStream(DATA), EXPECTED)) {
            assertThat(in.markSupported()).isFalse();
            in.mark(10);
            assertThatThrownBy(in::reset).isInstanceOf(IOException.class)
                    .hasMessage("mark/reset not supported by a fixity-checking stream");
        }
    }

    @Test
    void emptyStream() throws IOException {
        DigestSet empty = reference(new byte[0], DigestAlgorithm.SHA512);
        try (InputStream in = new FixityInputStream(new ByteArrayInputStream(new byte[0]), empty)) {
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void builderValidation() {
        ByteArrayInputStream in = new ByteArrayInputStream(DATA);
        assertThatThrownBy(() -> FixityInputStream.builder(in).expectSize(10).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("at least one expected digest is needed");
        DigestValue other = DigestValue.of(DigestAlgorithm.SHA256, new byte[32]);
        assertThatThrownBy(() -> FixityInputStream.builder(in).expect(EXPECTED.get(DigestAlgorithm.SHA256), other)
                .build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two different expected sha256 digests");
        assertThatThrownBy(() -> FixityInputStream.builder(in).expectSize(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
