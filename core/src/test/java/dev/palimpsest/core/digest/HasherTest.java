package dev.palimpsest.core.digest;

import static dev.palimpsest.core.digest.TestSupport.assertNoHashingThreads;
import static dev.palimpsest.core.digest.TestSupport.randomBytes;
import static dev.palimpsest.core.digest.TestSupport.reference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HasherTest {
    static final int BUFFER = 4096;
    static final DigestAlgorithm[] ALL = DigestAlgorithm.values();

    @TempDir
    Path dir;

    @AfterEach
    void noThreadsLeft() {
        // Also clears an interrupt a failed test may have left on the test thread.
        Thread.interrupted();
        assertNoHashingThreads();
    }

    private Path write(String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name), data);
    }

    private static Hasher hasher(int parallelism, DigestAlgorithm... algorithms) {
        return Hasher.builder().algorithms(algorithms).bufferSize(BUFFER).parallelism(parallelism).build();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, BUFFER - 1, BUFFER, BUFFER + 1, 5 * 1024 * 1024 + 3})
    void everyEntryPointGivesTheReferenceDigests(int size) throws IOException {
        byte[] data = randomBytes(size, size);
        // The large case is above the fan-out threshold; two algorithms keep it fast, and
        // OnePassEngineTest puts all six through the threaded path.
        DigestAlgorithm[] algorithms = size > 1024 * 1024 ? new DigestAlgorithm[] {DigestAlgorithm.SHA256,
            DigestAlgorithm.SHA512} : ALL;
        DigestSet expected = reference(data, algorithms);
        Path file = write("data", data);
        for (Hasher hasher : List.of(hasher(1, algorithms), hasher(2, algorithms))) {
            assertThat(hasher.hash(file)).isEqualTo(expected);
            assertThat(hasher.hash(new ByteArrayInputStream(data))).isEqualTo(expected);
            assertThat(hasher.hash(data)).isEqualTo(expected);
            try (FileChannel channel = FileChannel.open(file)) {
                assertThat(hasher.hash(channel)).isEqualTo(expected);
            }
            assertThat(hasher.hash(Channels.newChannel(new ByteArrayInputStream(data)))).isEqualTo(expected);
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            assertThat(hasher.copy(new TestSupport.ChunkedStream(new ByteArrayInputStream(data), 999), copy))
                    .isEqualTo(expected);
            assertThat(copy.toByteArray()).isEqualTo(data);
            assertThat(hasher.hashAll(List.of(file)).get(0).digests()).isEqualTo(expected);
        }
    }

    @Test
    void aLargeInputGetsOneThreadPerAlgorithmWhenParallelismAllows() throws IOException {
        byte[] data = randomBytes(6 * 1024 * 1024, 6);
        Set<String> seen = new ConcurrentSkipListSet<>();
        InputStream spying = spy(data, seen);
        DigestSet digests = Hasher.builder().algorithms(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512)
                .parallelism(2).build().hash(spying);
        assertThat(digests).isEqualTo(reference(data, DigestAlgorithm.SHA256, DigestAlgorithm.SHA512));
        assertThat(seen).containsExactlyInAnyOrder("palimpsest-digest-sha256", "palimpsest-digest-sha512");

        seen.clear();
        Hasher.builder().algorithms(DigestAlgorithm.SHA256).parallelism(2).build().hash(spy(data, seen));
        assertThat(seen).as("a single digest is read ahead").containsExactly("palimpsest-digest-sha256");

        seen.clear();
        Hasher.builder().algorithms(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512).parallelism(1).build()
                .hash(spy(data, seen));
        assertThat(seen).as("parallelism 1 starts no thread").isEmpty();

        seen.clear();
        Hasher.builder().algorithms(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512).parallelism(2).build()
                .hash(spy(new byte[1024 * 1024], seen));
        assertThat(seen).as("a small input is hashed inline").isEmpty();
    }

    private static InputStream spy(byte[] data, Set<String> seen) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                seen.addAll(TestSupport.hashingThreads());
                return super.read(b, off, len);
            }
        };
    }

    @Test
    void readsTheStreamToItsEndWithoutClosingIt() throws IOException {
        byte[] data = randomBytes(10_000, 3);
        TestSupport.ChunkedStream in = new TestSupport.ChunkedStream(new ByteArrayInputStream(data), 100);
        assertThat(Hasher.of(DigestAlgorithm.SHA256).hash(in).size()).isEqualTo(10_000);
        assertThat(in.closed).isFalse();
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void hashAllKeepsInputOrderAndMatchesHashingOneByOne() throws IOException {
        List<Path> files = new ArrayList<>();
        List<DigestSet> expected = new ArrayList<>();
        int[] sizes = {0, 1, 70_000, 3, BUFFER, 250_000, BUFFER + 1, 17, 1_000_000, 0, 123_456, 5, 64_000, 2, 9_999};
        for (int i = 0; i < sizes.length; i++) {
            byte[] data = randomBytes(sizes[i], i);
            files.add(write("f" + i, data));
            expected.add(reference(data, DigestAlgorithm.SHA256, DigestAlgorithm.MD5));
        }
        files.add(files.get(2)); // the same file twice is hashed twice
        expected.add(expected.get(2));
        for (int parallelism : new int[] {1, 2, 3, 8}) {
            List<FileDigests> results = hasher(parallelism, DigestAlgorithm.SHA256, DigestAlgorithm.MD5)
                    .hashAll(files);
            assertThat(results).hasSize(files.size());
            for (int i = 0; i < files.size(); i++) {
                assertThat(results.get(i).file()).isSameAs(files.get(i));
                assertThat(results.get(i).digests()).isEqualTo(expected.get(i));
            }
        }
        assertThat(Hasher.of(DigestAlgorithm.SHA256).hashAll(List.of())).isEmpty();
    }

    @Test
    void aMissingFileInTheMiddleOfHashAllIsNamed() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            files.add(write("f" + i, randomBytes(50_000, i)));
        }
        Path missing = dir.resolve("no-such-file.pdf");
        files.add(10, missing);
        for (int parallelism : new int[] {1, 2, 4}) {
            assertThatThrownBy(() -> hasher(parallelism, DigestAlgorithm.SHA256).hashAll(files))
                    .isInstanceOf(NoSuchFileException.class)
                    .hasMessageContaining(missing.toString())
                    .satisfies(e -> assertThat(((FileSystemException) e).getFile()).isEqualTo(missing.toString()));
            assertNoHashingThreads();
        }
    }

    @Test
    void whenSeveralFilesFailTheEarliestInInputOrderIsThrown() throws IOException {
        Path first = dir.resolve("first-missing");
        Path second = dir.resolve("second-missing");
        Path directory = Files.createDirectory(dir.resolve("a-directory"));
        for (int parallelism : new int[] {1, 2}) {
            assertThatThrownBy(() -> hasher(parallelism, DigestAlgorithm.SHA256).hashAll(List.of(first, second)))
                    .isInstanceOf(NoSuchFileException.class).hasMessage(first.toString());
        }
        assertThatThrownBy(() -> hasher(2, DigestAlgorithm.SHA256).hashAll(List.of(directory, first)))
                .isInstanceOf(FileSystemException.class)
                .hasMessage(directory + ": is a directory, not a file");
    }

    @Test
    void errorsFromOneFileNameIt() {
        Path missing = dir.resolve("gone.txt");
        assertThatThrownBy(() -> Hasher.of(DigestAlgorithm.SHA256).hash(missing))
                .isInstanceOf(NoSuchFileException.class)
                .satisfies(e -> assertThat(((FileSystemException) e).getFile()).isEqualTo(missing.toString()));
        assertThatThrownBy(() -> Hasher.of(DigestAlgorithm.SHA256).hash(dir))
                .isInstanceOf(FileSystemException.class)
                .hasMessage(dir + ": is a directory, not a file");
    }

    @Test
    void aFileThatGrowsWhileBeingHashedIsAnError() throws IOException {
        Path file = write("growing.log", randomBytes(200_000, 1));
        AtomicBoolean appended = new AtomicBoolean();
        Hasher hasher = Hasher.builder().algorithms(DigestAlgorithm.SHA256).bufferSize(BUFFER).listener((b, f) -> {
            if (appended.compareAndSet(false, true)) {
                try {
                    Files.write(file, new byte[10], StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }).build();
        assertThatThrownBy(() -> hasher.hash(file))
                .isInstanceOf(FileSystemException.class)
                .hasMessageStartingWith(file + ": changed while it was being hashed (size 200000 bytes before, "
                        + "200010 read, 200010 after");
    }

    @Test
    void aFileRewrittenInPlaceWhileBeingHashedIsAnError() throws IOException {
        Path file = write("rewritten.pdf", randomBytes(200_000, 1));
        FileTime original = Files.getLastModifiedTime(file);
        AtomicBoolean touched = new AtomicBoolean();
        Hasher hasher = Hasher.builder().algorithms(DigestAlgorithm.SHA256).bufferSize(BUFFER).listener((b, f) -> {
            if (touched.compareAndSet(false, true)) {
                try {
                    Files.setLastModifiedTime(file, FileTime.from(original.toInstant().plusSeconds(60)));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }).build();
        assertThatThrownBy(() -> hasher.hash(file))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("changed while it was being hashed")
                .hasMessageContaining("modified " + original + " before, "
                        + FileTime.from(original.toInstant().plusSeconds(60)) + " after");
    }

    @Test
    void progressTotalsAreExactAndNeverGoBackwards() throws IOException {
        List<Path> files = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < 30; i++) {
            int size = i * 7919 + (i % 3 == 0 ? 0 : 1);
            files.add(write("f" + i, randomBytes(size, i)));
            total += size;
        }
        for (int parallelism : new int[] {1, 2, 4}) {
            List<long[]> calls = new CopyOnWriteArrayList<>();
            Set<String> threads = new ConcurrentSkipListSet<>();
            AtomicInteger inside = new AtomicInteger();
            AtomicBoolean overlapped = new AtomicBoolean();
            HashProgressListener listener = (bytes, done) -> {
                if (inside.incrementAndGet() > 1) {
                    overlapped.set(true);
                }
                calls.add(new long[] {bytes, done});
                threads.add(Thread.currentThread().getName());
                Thread.yield();
                inside.decrementAndGet();
            };
            hasher(parallelism, DigestAlgorithm.SHA256, DigestAlgorithm.SHA1).toBuilder().listener(listener).build()
                    .hashAll(files);
            assertThat(overlapped).as("calls overlapped").isFalse();
            assertThat(calls.get(calls.size() - 1)).containsExactly(total, files.size());
            for (int i = 1; i < calls.size(); i++) {
                assertThat(calls.get(i)[0]).isGreaterThanOrEqualTo(calls.get(i - 1)[0]);
                assertThat(calls.get(i)[1]).isGreaterThanOrEqualTo(calls.get(i - 1)[1]);
            }
            if (parallelism > 1) {
                assertThat(threads).allMatch(name -> name.startsWith("palimpsest-hash-"));
            }
        }
        List<long[]> single = new ArrayList<>();
        Hasher.builder().algorithms(DigestAlgorithm.MD5).listener((b, f) -> single.add(new long[] {b, f})).build()
                .hash(new ByteArrayInputStream(new byte[1_000_000]));
        assertThat(single.get(single.size() - 1)).containsExactly(1_000_000L, 1L);
    }

    private List<Path> manyFiles(int count, int size) throws IOException {
        List<Path> files = new ArrayList<>();
        byte[] data = randomBytes(size, count);
        for (int i = 0; i < count; i++) {
            files.add(write("m" + i, data));
        }
        return files;
    }

    @Test
    void aCancelledTokenStopsHashAllAndItsThreads() throws IOException {
        List<Path> files = manyFiles(40, 64 * 1024);
        for (int parallelism : new int[] {1, 2}) {
            CancellationToken token = new CancellationToken();
            Hasher hasher = hasher(parallelism, DigestAlgorithm.SHA256, DigestAlgorithm.SHA512).toBuilder()
                    .listener((bytes, done) -> token.cancel()).build();
            assertThatThrownBy(() -> hasher.hashAll(files, token))
                    .isInstanceOf(CancellationException.class)
                    .hasMessageMatching("hashing cancelled after \\d+ of 40 files");
            assertNoHashingThreads();
        }
        CancellationToken already = new CancellationToken();
        already.cancel();
        assertThatThrownBy(() -> hasher(2, DigestAlgorithm.SHA256).hashAll(files, already))
                .isInstanceOf(CancellationException.class).hasMessage("hashing cancelled after 0 of 40 files");
    }

    @Test
    void interruptingTheCallerCancelsHashAll() throws IOException {
        List<Path> files = manyFiles(40, 64 * 1024);
        Thread caller = Thread.currentThread();
        AtomicBoolean interrupted = new AtomicBoolean();
        Hasher hasher = hasher(2, DigestAlgorithm.SHA256).toBuilder().listener((bytes, done) -> {
            if (interrupted.compareAndSet(false, true)) {
                caller.interrupt();
                // Hold this worker until the caller has taken the interrupt, so the outcome does
                // not depend on whether the workers could finish first.
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (caller.isInterrupted() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
        }).build();
        assertThatThrownBy(() -> hasher.hashAll(files)).isInstanceOf(CancellationException.class)
                .hasMessageStartingWith("hashing cancelled after");
        assertThat(Thread.interrupted()).as("interrupt status kept").isTrue();
    }

    @Test
    void interruptingTheCallerCancelsASingleLargeHash() throws IOException {
        Path file = write("big", randomBytes(6 * 1024 * 1024, 9));
        for (int parallelism : new int[] {1, 2}) {
            AtomicInteger calls = new AtomicInteger();
            Hasher hasher = Hasher.builder().algorithms(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512)
                    .parallelism(parallelism).listener((bytes, done) -> {
                        // With two threads, past the fan-out threshold so the ring is in use.
                        if (bytes > 5 * 1024 * 1024 && calls.incrementAndGet() == 1) {
                            Thread.currentThread().interrupt();
                        }
                    }).build();
            assertThatThrownBy(() -> hasher.hash(file)).isInstanceOf(CancellationException.class);
            assertThat(Thread.interrupted()).isTrue();
            assertNoHashingThreads();
            calls.set(0);
            assertThatThrownBy(() -> hasher.hash(new ByteArrayInputStream(Files.readAllBytes(file))))
                    .isInstanceOf(CancellationException.class);
            assertThat(Thread.interrupted()).isTrue();
            calls.set(0);
        }
    }

    @Test
    void aThrowingListenerAbortsTheWork() throws IOException {
        List<Path> files = manyFiles(10, 20_000);
        Hasher hasher = hasher(2, DigestAlgorithm.SHA256).toBuilder().listener((bytes, done) -> {
            throw new IllegalStateException("listener broke");
        }).build();
        assertThatThrownBy(() -> hasher.hashAll(files)).isInstanceOf(IllegalStateException.class)
                .hasMessage("listener broke");
    }

    @Test
    void nonBlockingChannelsAreRejected() throws IOException {
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            source.configureBlocking(false);
            assertThatThrownBy(() -> Hasher.of(DigestAlgorithm.SHA256).hash(source))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("the channel must be in blocking mode");
        }
    }

    @Test
    void builderValidatesAndHasherDescribesItself() {
        assertThatThrownBy(() -> Hasher.of()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at least one digest algorithm is needed");
        assertThatThrownBy(() -> Hasher.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no digest algorithm set");
        assertThatThrownBy(() -> Hasher.builder().algorithms(EnumSet.noneOf(DigestAlgorithm.class)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hasher.builder().parallelism(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelism must be at least 1, got 0");
        assertThatThrownBy(() -> Hasher.builder().bufferSize(100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("buffer size must be between 1024 and 8388608 bytes, got 100");
        assertThatThrownBy(() -> Hasher.builder().algorithms(DigestAlgorithm.SHA256, null))
                .isInstanceOf(NullPointerException.class);

        Hasher hasher = Hasher.builder().algorithms(DigestAlgorithm.MD5, DigestAlgorithm.SHA256, DigestAlgorithm.MD5)
                .parallelism(3).bufferSize(8192).build();
        assertThat(hasher.algorithms()).containsExactly(DigestAlgorithm.SHA256, DigestAlgorithm.MD5);
        assertThat(hasher.parallelism()).isEqualTo(3);
        assertThat(hasher.bufferSize()).isEqualTo(8192);
        assertThat(hasher.listener()).isEmpty();
        assertThat(hasher).hasToString("Hasher[sha256, md5; parallelism 3; buffer 8192 bytes]");
        assertThat(Hasher.of(DigestAlgorithm.SHA512).algorithms()).containsExactly(DigestAlgorithm.SHA512);
        assertThat(Hasher.of(DigestAlgorithm.SHA512).parallelism())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThatThrownBy(() -> hasher.algorithms().add(DigestAlgorithm.SHA1))
                .isInstanceOf(UnsupportedOperationException.class);
        HashProgressListener listener = (b, f) -> { };
        Hasher derived = hasher.toBuilder().listener(listener).build();
        assertThat(derived.listener()).containsSame(listener);
        assertThat(derived.algorithms()).isEqualTo(hasher.algorithms());
        assertThat(hasher.listener()).isEmpty();
    }

    @Test
    void nullFilesAreRejectedBeforeAnyWork() {
        List<Path> withNull = new ArrayList<>();
        withNull.add(dir);
        withNull.add(null);
        assertThatThrownBy(() -> Hasher.of(DigestAlgorithm.SHA256).hashAll(withNull))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void fileDigestsHoldsWhatItWasGiven() {
        DigestSet set = reference(new byte[0], DigestAlgorithm.SHA256);
        FileDigests fd = new FileDigests(dir, set);
        assertThat(fd.file()).isSameAs(dir);
        assertThat(fd.digests()).isSameAs(set);
        assertThatThrownBy(() -> new FileDigests(null, set)).isInstanceOf(NullPointerException.class);
    }
}
