package dev.palimpsest.core.digest;

import static dev.palimpsest.core.digest.TestSupport.assertNoHashingThreads;
import static dev.palimpsest.core.digest.TestSupport.randomBytes;
import static dev.palimpsest.core.digest.TestSupport.reference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.internal.digest.HashControl;
import dev.palimpsest.core.internal.digest.HashEngine;
import dev.palimpsest.core.internal.digest.ProgressTracker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The threaded path against the inline one at sizes around buffer boundaries. The public
 * {@link Hasher} only fans out above a few megabytes, so this test drives the internal engine
 * with a fan-out threshold of zero to put every size through the ring of shared buffers.
 */
class OnePassEngineTest {
    static final int BUFFER = 4096;
    static final Set<DigestAlgorithm> ALL = EnumSet.allOf(DigestAlgorithm.class);

    @AfterEach
    void noThreadsLeft() {
        assertNoHashingThreads();
    }

    private static DigestSet run(HashEngine engine, InputStream in, ByteArrayOutputStream copy) throws IOException {
        HashControl control = new HashControl(null, null, true, new ProgressTracker(null));
        return engine.digest(in::read, -1, null, copy == null ? null : copy::write, control, true);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, BUFFER - 1, BUFFER, BUFFER + 1, 2 * BUFFER, 4 * BUFFER - 1, 4 * BUFFER,
            4 * BUFFER + 1, 5 * BUFFER + 17, 3 * 1024 * 1024 + 5})
    void threadedEqualsInlineEqualsReference(int size) throws IOException {
        byte[] data = randomBytes(size, size);
        DigestSet expected = reference(data, DigestAlgorithm.values());
        HashEngine threaded = new HashEngine(ALL, BUFFER, 2, 0, false);
        HashEngine inline = new HashEngine(ALL, BUFFER, 1, 0, false);

        assertThat(run(threaded, new ByteArrayInputStream(data), null)).isEqualTo(expected);
        assertThat(run(inline, new ByteArrayInputStream(data), null)).isEqualTo(expected);
        // Short reads: buffers are handed over part-filled or filled over several reads.
        assertThat(run(threaded, new TestSupport.ChunkedStream(new ByteArrayInputStream(data), 1000), null))
                .isEqualTo(expected);
        // Switching from inline to threaded part-way through the input.
        HashEngine switching = new HashEngine(ALL, BUFFER, 2, BUFFER + 1, false);
        assertThat(run(switching, new ByteArrayInputStream(data), null)).isEqualTo(expected);

        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        assertThat(run(threaded, new ByteArrayInputStream(data), copy)).isEqualTo(expected);
        assertThat(copy.toByteArray()).isEqualTo(data);

        HashControl control = new HashControl(null, null, true, new ProgressTracker(null));
        assertThat(threaded.digest(data, control)).isEqualTo(expected);
    }

    @Test
    void startsOneThreadPerAlgorithmAndNoMore() throws IOException {
        byte[] data = randomBytes(8 * BUFFER, 1);
        Set<String> seen = new java.util.concurrent.ConcurrentSkipListSet<>();
        InputStream spying = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                seen.addAll(TestSupport.hashingThreads());
                return super.read(b, off, len);
            }
        };
        run(new HashEngine(EnumSet.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512, DigestAlgorithm.MD5), BUFFER,
                2, 0, false), spying, null);
        assertThat(seen).containsExactlyInAnyOrder("palimpsest-digest-sha256", "palimpsest-digest-sha512",
                "palimpsest-digest-md5");
    }

    @Test
    void cancellingTheThreadedPathStopsItsThreads() {
        byte[] data = randomBytes(64 * BUFFER, 2);
        CancellationToken token = new CancellationToken();
        AtomicLong reads = new AtomicLong();
        ProgressTracker progress = new ProgressTracker((bytes, files) -> {
            if (reads.incrementAndGet() == 3) {
                token.cancel();
            }
        });
        HashControl control = new HashControl(token, null, false, progress);
        HashEngine engine = new HashEngine(ALL, BUFFER, 2, 0, false);
        assertThatThrownBy(() -> engine.digest(new ByteArrayInputStream(data)::read, -1, null, null, control, true))
                .isInstanceOf(CancellationException.class);
        assertThat(progress.bytes()).isEqualTo(3L * BUFFER);
    }

    @Test
    void aFailingReadStopsTheThreadedPath() {
        InputStream failing = new InputStream() {
            private int reads;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (++reads == 5) {
                    throw new IOException("disk on fire");
                }
                return len;
            }
        };
        HashEngine engine = new HashEngine(ALL, BUFFER, 2, 0, false);
        assertThatThrownBy(() -> run(engine, failing, null)).isInstanceOf(IOException.class)
                .hasMessage("disk on fire");
    }
}
