package dev.palimpsest.core.sources;

import static dev.palimpsest.core.sources.TestWarcs.sha1;
import static dev.palimpsest.core.sources.TestWarcs.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.palimpsest.core.capture.CaptureFormatException;
import dev.palimpsest.core.capture.CdxRecord;
import dev.palimpsest.core.capture.WaybackTimestamp;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestEntry;
import dev.palimpsest.core.sources.ReplayServer.Reply;
import dev.palimpsest.core.sources.WaybackException.Kind;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaybackClientTest {
    private static final String URL = "https://www.example.gov/foia/report.pdf";
    private static final byte[] REPORT = utf8("%PDF-1.4 the report as captured in 2017\n");
    private static final byte[] OLD = utf8("%PDF-1.4 an older version\n");
    private static final String CDX = "/cdx/search/cdx";
    private static final String CAPTURE = "/web/20170914230011id_/" + URL;

    @TempDir
    Path dir;

    private ReplayServer server;
    private final FakeTime time = new FakeTime();

    /** A clock that only moves when the client sleeps, and remembers every sleep. */
    static final class FakeTime extends Clock implements WaybackClient.Sleeper {
        private Instant now = Instant.parse("2026-11-29T10:00:00Z");
        final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

        @Override
        public synchronized void sleep(Duration duration) {
            sleeps.add(duration);
            now = now.plus(duration);
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = new ReplayServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private WaybackClient.Builder client() {
        return WaybackClient.builder().base(server.base()).clock(time).sleeper(time)
                .connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(5));
    }

    private static String cdxJson(String... rows) {
        return "[[\"urlkey\",\"timestamp\",\"original\",\"mimetype\",\"statuscode\",\"digest\",\"length\"]"
                + Stream.of(rows).map(r -> ",\n" + r).collect(Collectors.joining()) + "]\n";
    }

    private static String row(String timestamp, String mimetype, String status, byte[] content) {
        return "[\"gov,example)/foia/report.pdf\",\"" + timestamp + "\",\"" + URL + "\",\"" + mimetype + "\",\"" + status
                + "\",\"" + sha1(content).base32() + "\",\"2100\"]";
    }

    private void standardCdx() {
        server.on(CDX, Reply.of(200, cdxJson(
                row("20150412081502", "application/pdf", "200", OLD),
                row("20170914230011", "application/pdf", "200", REPORT),
                row("20171015083000", "text/html", "301", utf8("moved"))), "Content-Type: application/json"));
    }

    private static Reply capture(byte[] body, String... extra) {
        List<String> headers = new ArrayList<>(List.of("Content-Type: application/pdf",
                "Memento-Datetime: Thu, 14 Sep 2017 23:00:11 GMT",
                "Link: <" + URL + ">; rel=\"original\"",
                "X-Archive-Orig-Content-Type: application/pdf",
                "X-Archive-Orig-Last-Modified: Mon, 11 Sep 2017 09:00:00 GMT",
                "Server: replay"));
        headers.addAll(List.of(extra));
        return Reply.of(200, body, headers.toArray(new String[0]));
    }

    @Test
    void recoversTheNewestCaptureWithItsProvenance() throws Exception {
        standardCdx();
        server.on(CAPTURE, capture(REPORT));
        Path target = dir.resolve("out/report.pdf");

        RecoveredCapture recovered = client().userAgent("palimpsest-test/1.0").build().recover(URL, target);

        assertThat(Files.readAllBytes(target)).isEqualTo(REPORT);
        assertThat(recovered.file()).isEqualTo(target.toAbsolutePath());
        assertThat(recovered.size()).isEqualTo(REPORT.length);
        assertThat(recovered.digests()).containsEntry(DigestAlgorithm.SHA1, sha1(REPORT))
                .containsEntry(DigestAlgorithm.SHA256, TestWarcs.digest(DigestAlgorithm.SHA256, REPORT));
        assertThat(recovered.cdx().timestamp().text()).isEqualTo("20170914230011");
        assertThat(recovered.memento().toString()).isEqualTo(server.base() + CAPTURE);
        assertThat(recovered.check().outcome()).isEqualTo(CaptureCheck.MATCH);
        assertThat(recovered.mediaType()).contains("application/pdf");
        assertThat(recovered.headers().entries()).extracting(e -> e.getKey().toLowerCase(java.util.Locale.ROOT))
                .containsExactlyInAnyOrder("memento-datetime", "link", "x-archive-orig-content-type",
                        "x-archive-orig-last-modified");

        CaptureRecord capture = recovered.capture();
        assertThat(capture.originalUrl()).isEqualTo(URL);
        assertThat(capture.captureTime()).contains(Instant.parse("2017-09-14T23:00:11Z"));
        assertThat(capture.archive()).contains("127.0.0.1:" + server.base().getPort());
        assertThat(capture.mementoUrl()).contains(server.base() + "/web/20170914230011/" + URL);
        assertThat(capture.rawMementoUrl()).contains(server.base() + CAPTURE);
        assertThat(capture.cdx().orElseThrow().digest()).contains(sha1(REPORT).base32());
        assertThat(capture.cdx().orElseThrow().status()).contains("200");
        assertThat(capture.cdx().orElseThrow().timestamp()).contains("20170914230011");
        assertThat(capture.responseHeaders()).containsKeys("memento-datetime", "link", "x-archive-orig-content-type")
                .doesNotContainKey("server");
        assertThat(capture.retrievedAt()).contains(time.instant());
        assertThat(capture.retrievedBy()).contains("palimpsest-test/1.0");
        assertThat(capture.check()).contains(CaptureCheck.MATCH);

        List<ReplayServer.Request> requests = server.requests();
        assertThat(requests).hasSize(2);
        ReplayServer.Request lookup = requests.get(0);
        assertThat(lookup.path()).isEqualTo(CDX);
        assertThat(lookup.query("url")).isEqualTo(URL);
        assertThat(lookup.query("output")).isEqualTo("json");
        assertThat(lookup.query("filter")).isEqualTo("statuscode:200");
        assertThat(lookup.query("from")).isNull();
        assertThat(requests.get(1).target()).isEqualTo(CAPTURE);
        assertThat(requests).allSatisfy(r -> assertThat(r.headers()).containsEntry("user-agent", "palimpsest-test/1.0"));
        assertThat(requests.get(1).headers()).doesNotContainKey("accept-encoding");
        assertThat(time.sleeps).as("one second between the two requests").containsExactly(Duration.ofSeconds(1));

        ManifestEntry entry = recovered.toEntry(ArchivePath.of("documents/report.pdf")).title("Report").build();
        assertThat(entry.size()).isEqualTo(REPORT.length);
        assertThat(entry.mediaType()).contains("application/pdf");
        assertThat(entry.capture()).contains(capture);
        assertThat(entry.digest(DigestAlgorithm.SHA1)).contains(sha1(REPORT));
    }

    @Test
    void aMementoUrlChoosesItsOwnCapture() throws Exception {
        standardCdx();
        server.on("/web/20150412081502id_/" + URL, capture(OLD));

        RecoveredCapture recovered = client().build().recover(server.base() + "/web/20150412081502/" + URL,
                dir.resolve("old.pdf"));

        assertThat(Files.readAllBytes(dir.resolve("old.pdf"))).isEqualTo(OLD);
        assertThat(recovered.check().outcome()).isEqualTo(CaptureCheck.MATCH);
        ReplayServer.Request lookup = server.requests().get(0);
        assertThat(lookup.query("from")).isEqualTo("20150412081502");
        assertThat(lookup.query("to")).isEqualTo("20150412081502");
    }

    @Test
    void aShortTimestampTakesTheNearestCaptureItCovers() throws Exception {
        server.on(CDX, Reply.of(200, cdxJson(row("20170101120000", "application/pdf", "200", OLD),
                row("20171231000000", "application/pdf", "200", REPORT))));
        server.on("/web/20171231000000id_/" + URL, capture(REPORT));

        RecoveredCapture recovered = client().build().recover(server.base() + "/web/201712id_/" + URL,
                dir.resolve("r.pdf"));

        assertThat(recovered.cdx().timestamp().text()).isEqualTo("20171231000000");
        assertThat(server.requests().get(0).query("from")).isEqualTo("201712");
    }

    @Test
    void aGzipEncodedCaptureIsKeptAsStoredAndMatchesTheDigestOfTheStoredBytes() throws Exception {
        byte[] page = utf8("<html>the page</html>");
        byte[] gzipped = TestWarcs.gzip(page);
        server.on(CDX, Reply.of(200, cdxJson(row("20170914230011", "text/html", "200", gzipped))));
        server.on(CAPTURE, capture(gzipped, "Content-Encoding: gzip"));

        RecoveredCapture recovered = client().build().recover(URL, dir.resolve("page.html.gz"));

        assertThat(Files.readAllBytes(dir.resolve("page.html.gz"))).isEqualTo(gzipped);
        assertThat(recovered.check().outcome()).isEqualTo(CaptureCheck.MATCH);
        assertThat(recovered.check().explanation()).contains("gzip-encoded");
    }

    @Test
    void aGzipEncodedCaptureWhoseIndexHoldsTheDecodedDigestIsNotComparable() throws Exception {
        byte[] page = utf8("<html>the page</html>");
        server.on(CDX, Reply.of(200, cdxJson(row("20170914230011", "text/html", "200", page))));
        server.on(CAPTURE, capture(TestWarcs.gzip(page), "Content-Encoding: gzip"));

        RecoveredCapture recovered = client().build().recover(URL, dir.resolve("page"));

        assertThat(recovered.check().outcome()).isEqualTo(CaptureCheck.NOT_COMPARABLE);
        assertThat(recovered.check().explanation()).contains("stored the body gzip-encoded");
    }

    @Test
    void aGzipEncodedCdxAnswerIsDecoded() throws Exception {
        server.on(CDX, Reply.of(200, TestWarcs.gzip(utf8(cdxJson(row("20170914230011", "application/pdf", "200", REPORT)))),
                "Content-Encoding: gzip", "Content-Type: application/json"));

        List<CdxRecord> rows = client().build().lookup(URL);

        assertThat(rows).singleElement().satisfies(r -> assertThat(r.digest()).contains(sha1(REPORT)));
        assertThat(server.requests().get(0).headers()).containsEntry("accept-encoding", "gzip");
    }

    @Test
    void lookupKeepsStatus200RowsOldestFirstWithinTheRange() throws Exception {
        server.on(CDX, Reply.of(200, cdxJson(row("20170914230011", "application/pdf", "200", REPORT),
                row("20150412081502", "application/pdf", "200", OLD), row("20160101000000", "text/html", "404", OLD))));

        List<CdxRecord> rows = client().build().lookup(URL, WaybackTimestamp.parse("2015"), WaybackTimestamp.parse("2017"));

        assertThat(rows).extracting(r -> r.timestamp().text()).containsExactly("20150412081502", "20170914230011");
        assertThat(server.requests().get(0).query("from")).isEqualTo("2015");
        assertThat(server.requests().get(0).query("to")).isEqualTo("2017");
    }

    @Test
    void aRevisitCaptureMatchesTheDigestItCarriesOrIsNotComparable() throws Exception {
        server.on(CDX, Reply.of(200, cdxJson(row("20170914230011", "warc/revisit", "200", REPORT))));
        server.on(CAPTURE, capture(REPORT), capture(OLD));

        RecoveredCapture same = client().build().recover(URL, dir.resolve("same.pdf"));
        assertThat(same.check().outcome()).isEqualTo(CaptureCheck.MATCH);
        assertThat(same.check().explanation()).contains("revisit");
        assertThat(same.mediaType()).as("warc/revisit is not the file's type").contains("application/pdf");

        RecoveredCapture other = client().build().recover(URL, dir.resolve("other.pdf"));
        assertThat(other.check().outcome()).isEqualTo(CaptureCheck.NOT_COMPARABLE);
        assertThat(other.check().explanation()).contains("revisit record");
    }

    @Test
    void aCaptureThatDiffersFromTheIndexDigestIsAMismatch() throws Exception {
        standardCdx();
        server.on(CAPTURE, capture(utf8("altered on the way")));

        RecoveredCapture recovered = client().build().recover(URL, dir.resolve("r.pdf"));

        assertThat(recovered.check().outcome()).isEqualTo(CaptureCheck.MISMATCH);
        assertThat(recovered.capture().check()).contains(CaptureCheck.MISMATCH);
        assertThat(recovered.check().explanation()).contains("not proof of tampering");
    }

    @Test
    void a404LeavesNothingBehind() throws Exception {
        standardCdx();
        Path target = dir.resolve("new/sub/report.pdf");

        WaybackException e = catchThrowableOfType(WaybackException.class, () -> client().build().recover(URL, target));

        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.status()).hasValue(404);
        assertThat(e.uri().toString()).isEqualTo(server.base() + CAPTURE);
        assertThat(e.getMessage()).contains(server.base() + CAPTURE).contains("404 Not Found");
        assertThat(dir.resolve("new")).doesNotExist();
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void robotsExclusionAndOtherRefusalsAreNotRetried() throws Exception {
        standardCdx();
        server.on(CAPTURE, Reply.of(403, "<html>Sorry.</html>",
                "X-Archive-Wayback-Runtime-Error: RobotAccessControlException: Blocked By Robots"));
        WaybackException robots = catchThrowableOfType(WaybackException.class,
                () -> client().build().recover(URL, dir.resolve("a.pdf")));
        assertThat(robots.kind()).isEqualTo(Kind.BLOCKED_BY_ROBOTS);
        assertThat(robots.getMessage()).contains("refused the request (403)").contains("robots.txt");
        assertThat(server.requests()).hasSize(2);

    }

    @Test
    void aPlain403IsARefusal() throws Exception {
        server.on(CDX, Reply.of(403, "<html>Access denied</html>"));
        WaybackException e = catchThrowableOfType(WaybackException.class, () -> client().build().lookup(URL));
        assertThat(e.kind()).isEqualTo(Kind.REFUSED);
        assertThat(e.status()).hasValue(403);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void a429WaitsAsRetryAfterSaysInSeconds() throws Exception {
        standardCdx();
        server.on(CAPTURE, Reply.of(429, "slow down", "Retry-After: 7"), capture(REPORT));

        RecoveredCapture recovered = client().build().recover(URL, dir.resolve("r.pdf"));

        assertThat(recovered.check().outcome()).isEqualTo(CaptureCheck.MATCH);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(7));
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void a503WaitsAsRetryAfterSaysAsAnHttpDate() throws Exception {
        String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(time.instant().plusSeconds(31).atZone(ZoneOffset.UTC));
        server.on(CDX, Reply.of(503, "busy", "Retry-After: " + in30s),
                Reply.of(200, cdxJson(row("20170914230011", "application/pdf", "200", REPORT))));

        assertThat(client().build().lookup(URL)).hasSize(1);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(31));
    }

    @Test
    void aRetryAfterLongerThanTheMaximumWaitFailsAtOnce() throws Exception {
        server.on(CDX, Reply.of(429, "come back tomorrow", "Retry-After: 86400"));

        WaybackException e = catchThrowableOfType(WaybackException.class,
                () -> client().maxWait(Duration.ofSeconds(60)).build().lookup(URL));

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.status()).hasValue(429);
        assertThat(e.getMessage()).contains("asked to wait 86400 s (Retry-After)").contains("maximum wait of 60 s");
        assertThat(time.sleeps).isEmpty();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedWithCappedExponentialBackoffThenReported() throws Exception {
        server.on(CDX, Reply.of(503, "down"));

        WaybackException e = catchThrowableOfType(WaybackException.class, () -> client().maxRetries(3)
                .initialBackoff(Duration.ofSeconds(2)).maxWait(Duration.ofSeconds(5)).build().lookup(URL));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("still answered 503 after 4 attempts");
        assertThat(server.requests()).hasSize(4);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5));
    }

    @Test
    void resetConnectionsAreRetriedWithBackoff() throws Exception {
        standardCdx();
        // The JDK's client itself repeats a GET once when the connection is reset before any
        // answer; three resets in a row get past it to the client's own retries.
        server.on(CAPTURE, Reply.reset(), Reply.reset(), Reply.reset(), capture(REPORT));

        RecoveredCapture recovered = client().build().recover(URL, dir.resolve("r.pdf"));

        assertThat(Files.readAllBytes(recovered.file())).isEqualTo(REPORT);
        assertThat(server.requests()).filteredOn(r -> r.path().equals(CAPTURE)).hasSize(4);
        assertThat(time.sleeps).startsWith(Duration.ofSeconds(1), WaybackClient.DEFAULT_INITIAL_BACKOFF);
    }

    @Test
    void resetConnectionsThroughEveryRetryAreReported() throws Exception {
        standardCdx();
        server.on(CAPTURE, Reply.reset());

        WaybackException e = catchThrowableOfType(WaybackException.class,
                () -> client().maxRetries(1).build().recover(URL, dir.resolve("r.pdf")));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.status()).isEmpty();
        assertThat(e.getMessage()).contains("the request failed").contains("after 2 attempts");
        assertThat(dir.resolve("r.pdf")).doesNotExist();
    }

    @Test
    void aBodyThatBreaksOffIsRetriedAndNeverLeftHalfWritten() throws Exception {
        standardCdx();
        server.on(CAPTURE, Reply.shortBody(REPORT, 10, "Content-Type: application/pdf"), capture(REPORT));
        RecoveredCapture recovered = client().build().recover(URL, dir.resolve("r.pdf"));
        assertThat(Files.readAllBytes(recovered.file())).isEqualTo(REPORT);

        ReplayServer.Reply broken = Reply.shortBody(REPORT, 10, "Content-Type: application/pdf");
        try (ReplayServer other = new ReplayServer()) {
            other.on(CDX, Reply.of(200, cdxJson(row("20170914230011", "application/pdf", "200", REPORT))));
            other.on(CAPTURE, broken);
            Path target = dir.resolve("broken/r.pdf");
            WaybackException e = catchThrowableOfType(WaybackException.class, () -> WaybackClient.builder()
                    .base(other.base()).clock(time).sleeper(time).maxRetries(0).build().recover(URL, target));
            assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(e.getMessage()).containsAnyOf("ended after 10 of " + REPORT.length + " bytes", "broke off");
            assertThat(dir.resolve("broken")).doesNotExist();
        }
    }

    @Test
    void aStalledBodyTimesOut() throws Exception {
        standardCdx();
        server.on(CAPTURE, Reply.stall(REPORT, 10, 5_000, "Content-Type: application/pdf"));

        long start = System.nanoTime();
        WaybackException e = catchThrowableOfType(WaybackException.class, () -> client()
                .requestTimeout(Duration.ofMillis(300)).maxRetries(0).build().recover(URL, dir.resolve("r.pdf")));

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("stalled for more than 300 ms after 10 bytes");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(dir.resolve("r.pdf")).doesNotExist();
    }

    @Test
    void noAnswerWithinTheRequestTimeoutIsATimeout() throws Exception {
        server.on(CDX, Reply.silence(5_000));

        WaybackException e = catchThrowableOfType(WaybackException.class, () -> client()
                .requestTimeout(Duration.ofMillis(300)).maxRetries(1).build().lookup(URL));

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.status()).isEmpty();
        assertThat(e.getMessage()).contains("no answer within 0.300 s").contains("after 2 attempts");
    }

    @Test
    void anUnreachableServiceIsUnavailableAfterItsRetries() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        WaybackException e = catchThrowableOfType(WaybackException.class, () -> WaybackClient.builder()
                .base(URI.create("http://127.0.0.1:" + closedPort)).clock(time).sleeper(time).maxRetries(1).build()
                .lookup(URL));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("the request failed").contains("after 2 attempts");
        assertThat(time.sleeps).containsExactly(WaybackClient.DEFAULT_INITIAL_BACKOFF);
    }

    @Test
    void requestsKeepTheConfiguredRate() throws Exception {
        server.on(CDX, Reply.of(200, cdxJson()));
        WaybackClient polite = client().minInterval(Duration.ofMillis(2500)).build();
        polite.lookup(URL);
        polite.lookup(URL);
        polite.lookup(URL);
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(2500), Duration.ofMillis(2500));

        time.sleeps.clear();
        WaybackClient unlimited = client().minInterval(Duration.ZERO).build();
        unlimited.lookup(URL);
        unlimited.lookup(URL);
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void noCaptureWithStatus200IsReported() throws Exception {
        server.on(CDX, Reply.of(200, cdxJson(row("20170914230011", "text/html", "302", REPORT))));

        WaybackException e = catchThrowableOfType(WaybackException.class,
                () -> client().build().recover(URL, dir.resolve("r.pdf")));

        assertThat(e.kind()).isEqualTo(Kind.NO_CAPTURE);
        assertThat(e.getMessage()).contains("has no capture of '" + URL + "' with status 200");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anAnswerThatIsNotACdxIndexIsABadResponse() throws Exception {
        server.on(CDX, Reply.of(200, "<html><body>Wayback is down for maintenance</body></html>"));
        WaybackException e = catchThrowableOfType(WaybackException.class, () -> client().build().lookup(URL));
        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("is not a CDX index");
    }

    @Test
    void aRedirectWithinTheSameCaptureIsFollowedAndOneToAnotherCaptureIsRefused() throws Exception {
        String canonical = "/web/20170914230011id_/https://example.gov/foia/report.pdf";
        standardCdx();
        server.on(CAPTURE, Reply.of(302, "", "Location: " + canonical));
        server.on(canonical, capture(REPORT));
        RecoveredCapture recovered = client().build().recover(URL, dir.resolve("r.pdf"));
        assertThat(recovered.memento().toString()).isEqualTo(server.base() + canonical);
        assertThat(recovered.check().outcome()).isEqualTo(CaptureCheck.MATCH);

        try (ReplayServer other = new ReplayServer()) {
            other.on(CDX, Reply.of(200, cdxJson(row("20170914230011", "application/pdf", "200", REPORT))));
            other.on(CAPTURE, Reply.of(302, "", "Location: /web/20180101000000id_/" + URL));
            WaybackException e = catchThrowableOfType(WaybackException.class, () -> WaybackClient.builder()
                    .base(other.base()).clock(time).sleeper(time).build().recover(URL, dir.resolve("x.pdf")));
            assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
            assertThat(e.getMessage()).contains("redirected to another capture");
        }
    }

    @Test
    void anExistingTargetIsNeverReplacedAndNothingIsRequested() throws Exception {
        Path target = Files.writeString(dir.resolve("r.pdf"), "mine");
        assertThatThrownBy(() -> client().build().recover(URL, target)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(target)).isEqualTo("mine");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void inputThatIsNeitherAUrlNorAMementoIsAFormatError() {
        assertThatThrownBy(() -> client().build().recover("http:///no-host", dir.resolve("x")))
                .isInstanceOf(CaptureFormatException.class);
        assertThatThrownBy(() -> client().build().lookup("")).isInstanceOf(CaptureFormatException.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void defaultsAndBuilderChecks() {
        WaybackClient defaults = WaybackClient.builder().build();
        assertThat(defaults.base()).isEqualTo(URI.create("https://web.archive.org"));
        assertThat(defaults.minInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.maxRetries()).isEqualTo(4);
        assertThat(defaults.userAgent()).startsWith("palimpsest/");
        assertThat(defaults.digests()).containsExactly(DigestAlgorithm.SHA256, DigestAlgorithm.SHA1);
        assertThat(WaybackClient.builder().base(URI.create("http://127.0.0.1:8080/wayback/")).build().base())
                .isEqualTo(URI.create("http://127.0.0.1:8080/wayback"));
        assertThatThrownBy(() -> WaybackClient.builder().base(URI.create("ftp://example.org")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WaybackClient.builder().base(URI.create("https://example.org/?q=1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WaybackClient.builder().minInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WaybackClient.builder().requestTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WaybackClient.builder().maxRetries(21)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WaybackClient.builder().userAgent("two\nlines")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void extraDigestsAreComputedWhileWriting() throws Exception {
        standardCdx();
        server.on(CAPTURE, capture(REPORT));
        RecoveredCapture recovered = client().digests(DigestAlgorithm.SHA512).build().recover(URL, dir.resolve("r.pdf"));
        assertThat(recovered.digests().keySet()).containsExactly(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512,
                DigestAlgorithm.SHA1);
        assertThat(recovered.digests().get(DigestAlgorithm.SHA512))
                .isEqualTo(TestWarcs.digest(DigestAlgorithm.SHA512, REPORT));
    }
}
