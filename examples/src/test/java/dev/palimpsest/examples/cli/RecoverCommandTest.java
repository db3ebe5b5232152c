package dev.palimpsest.examples.cli;

import static dev.palimpsest.examples.cli.WaybackFixtures.CDX;
import static dev.palimpsest.examples.cli.WaybackFixtures.REPORT;
import static dev.palimpsest.examples.cli.WaybackFixtures.REPORT_URL;
import static dev.palimpsest.examples.cli.WaybackFixtures.TABLE;
import static dev.palimpsest.examples.cli.WaybackFixtures.TABLE_URL;
import static dev.palimpsest.examples.cli.WaybackFixtures.capture;
import static dev.palimpsest.examples.cli.WaybackFixtures.cdxJson;
import static dev.palimpsest.examples.cli.WaybackFixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.bundle.BundleReader;
import dev.palimpsest.core.manifest.ArchiveManifest;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.sources.ReplayServer;
import dev.palimpsest.core.sources.ReplayServer.Reply;
import dev.palimpsest.core.sources.ReplayServer.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recover} against a Wayback service on loopback that replays recorded answers. */
class RecoverCommandTest {
    private static final String REPORT_KEY = "gov,example)/foia/reading-room/annual-report-2016.pdf";
    private static final String REPORT_CAPTURE = "/web/20171003120005id_/" + REPORT_URL;

    @TempDir
    Path dir;
    ReplayServer server;
    Path bundle;

    @BeforeEach
    void start() throws Exception {
        server = new ReplayServer();
        bundle = dir.resolve("bundle");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** {@code recover BUNDLE ARGS... --wayback <server> --interval 0}: no politeness delay in tests. */
    private CliHarness recover(String... args) {
        String[] all = new String[args.length + 6];
        all[0] = "recover";
        all[1] = bundle.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        all[args.length + 2] = "--wayback";
        all[args.length + 3] = server.base().toString();
        all[args.length + 4] = "--interval";
        all[args.length + 5] = "0";
        return CliHarness.run(all);
    }

    private void reportCdx() {
        server.on(CDX, Reply.of(200, cdxJson(row(REPORT_KEY, "20171003120005", REPORT_URL, "application/pdf", "200",
                REPORT)), "Content-Type: application/json"));
    }

    @Test
    void recoversIntoANewBundleWithCaptureRecords() throws Exception {
        reportCdx();
        server.on(REPORT_CAPTURE, capture(REPORT_URL, "Tue, 03 Oct 2017 12:00:05 GMT", "application/pdf", REPORT));

        CliHarness r = recover(REPORT_URL, "--title", "Reading room");

        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out).startsWith("Created " + bundle + ": 1 file recovered, " + REPORT.length + " bytes, ")
                .contains("  MATCH           www.example.gov/foia/reading-room/annual-report-2016.pdf  (captured"
                        + " 2017-10-03T12:00:05Z)");
        assertThat(r.err).as("no progress without a terminal").isEmpty();
        ArchiveManifest manifest = BundleReader.readManifest(bundle);
        CaptureRecord capture = manifest.entries().get(0).capture().orElseThrow();
        assertThat(capture.originalUrl()).isEqualTo(REPORT_URL);
        assertThat(capture.rawMementoUrl()).contains(server.base() + REPORT_CAPTURE);
        assertThat(capture.check()).contains(CaptureCheck.MATCH);
        assertThat(manifest.entries().get(0).mediaType()).contains("application/pdf");
        List<Request> requests = server.requests();
        assertThat(requests).extracting(Request::path).containsExactly(CDX, REPORT_CAPTURE);
        assertThat(requests.get(0).query("url")).isEqualTo(REPORT_URL);
        assertThat(CliHarness.run("verify", bundle.toString()).exitCode).isEqualTo(ExitCode.OK);
    }

    @Test
    void aMementoUrlNamesItsCaptureAndArchive() throws Exception {
        server.on(CDX, Reply.of(200, cdxJson(
                row(REPORT_KEY, "20150101000000", REPORT_URL, "application/pdf", "200", WaybackFixtures.utf8("old")),
                row(REPORT_KEY, "20171003120005", REPORT_URL, "application/pdf", "200", REPORT),
                row(REPORT_KEY, "20190101000000", REPORT_URL, "application/pdf", "200", WaybackFixtures.utf8("new")))));
        server.on(REPORT_CAPTURE, capture(REPORT_URL, "Tue, 03 Oct 2017 12:00:05 GMT", "application/pdf", REPORT));

        CliHarness r = recover(server.base() + "/web/20171003120005/" + REPORT_URL);

        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(Files.readAllBytes(bundle.resolve("data/www.example.gov/foia/reading-room/annual-report-2016.pdf")))
                .isEqualTo(REPORT);
        assertThat(server.requests().get(1).path()).isEqualTo(REPORT_CAPTURE);
    }

    @Test
    void fromAndToAreAskedOfTheIndexAndTheNewestCaptureInTheRangeIsTaken() throws Exception {
        server.on(CDX, Reply.of(200, cdxJson(
                row(REPORT_KEY, "20160301000000", REPORT_URL, "application/pdf", "200", WaybackFixtures.utf8("old")),
                row(REPORT_KEY, "20171003120005", REPORT_URL, "application/pdf", "200", REPORT))));
        server.on(REPORT_CAPTURE, capture(REPORT_URL, "Tue, 03 Oct 2017 12:00:05 GMT", "application/pdf", REPORT));

        CliHarness r = recover(REPORT_URL, "--from", "2016", "--to", "201710");

        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        Request lookup = server.requests().get(0);
        assertThat(lookup.query("from")).isEqualTo("2016");
        assertThat(lookup.query("to")).isEqualTo("201710");
        assertThat(server.requests().get(1).path()).isEqualTo(REPORT_CAPTURE);

        CliHarness memento = recover(server.base() + "/web/20171003120005/" + REPORT_URL, "--from", "2016");
        assertThat(memento.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(memento.err).contains("--from and --to apply to plain URLs");
        assertThat(recover(REPORT_URL, "--to", "2017-10").exitCode).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aRevisitCaptureIsRecordedWithACheckThatSaysSo() throws Exception {
        server.on(CDX, Reply.of(200, cdxJson(row(REPORT_KEY, "20171003120005", REPORT_URL, "warc/revisit", "200",
                REPORT))));
        server.on(REPORT_CAPTURE, capture(REPORT_URL, "Tue, 03 Oct 2017 12:00:05 GMT", "application/pdf", REPORT));

        CliHarness r = recover(REPORT_URL);

        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        CaptureRecord capture = BundleReader.readManifest(bundle).entries().get(0).capture().orElseThrow();
        assertThat(capture.checkExplanation().orElseThrow()).contains("revisit");
    }

    @Test
    void aMissingCaptureIsOneLineNamingTheUrlExit66AndNothingIsWritten() throws Exception {
        reportCdx();
        // the capture path has no answer: the service says 404

        CliHarness r = recover(REPORT_URL);

        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.NO_INPUT);
        assertThat(r.err).startsWith("palimpsest: nothing written: " + REPORT_URL + ": ").contains("404")
                .doesNotContain("\n\tat ").hasLineCount(1);
        assertThat(bundle).doesNotExist();
        try (var names = Files.list(dir)) {
            assertThat(names).as("no staging folder left").isEmpty();
        }

        server.on(CDX, "url", TABLE_URL, Reply.of(200, cdxJson()));
        CliHarness none = recover(TABLE_URL);
        assertThat(none.exitCode).isEqualTo(ExitCode.NO_INPUT);
        assertThat(none.err).startsWith("palimpsest: nothing written: " + TABLE_URL + ": the CDX index at "
                + server.base() + " has no capture of");
    }

    @Test
    void a429WithRetryAfterIsHonouredAndItsExhaustionIsAClearError() throws Exception {
        reportCdx();
        server.on(REPORT_CAPTURE, Reply.of(429, "slow down", "Retry-After: 1"),
                capture(REPORT_URL, "Tue, 03 Oct 2017 12:00:05 GMT", "application/pdf", REPORT));
        long start = System.nanoTime();

        CliHarness r = recover(REPORT_URL);

        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(System.nanoTime() - start).as("waited as Retry-After said").isGreaterThanOrEqualTo(900_000_000L);
        assertThat(server.requests()).extracting(Request::path).containsExactly(CDX, REPORT_CAPTURE, REPORT_CAPTURE);

        bundle = dir.resolve("other");
        server.on(CDX, "url", TABLE_URL, Reply.of(200, cdxJson(row("gov,example)/foia/reading-room/requests-2016.csv",
                "20171003120007", TABLE_URL, "text/csv", "200", TABLE))));
        server.on("/web/20171003120007id_/" + TABLE_URL, Reply.of(429, "slow down", "Retry-After: 1"));
        CliHarness exhausted = recover(TABLE_URL, "--retries", "1");
        assertThat(exhausted.exitCode).as(exhausted.toString()).isEqualTo(ExitCode.NO_INPUT);
        assertThat(exhausted.err).startsWith("palimpsest: nothing written: " + TABLE_URL + ": ").contains("429")
                .hasLineCount(1);
        assertThat(bundle).doesNotExist();
    }

    @Test
    void anUnreachableServiceIsExit66NamingTheUrl() throws Exception {
        server.on(CDX, Reply.reset());

        CliHarness r = recover(REPORT_URL, "--retries", "0");

        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.NO_INPUT);
        assertThat(r.err).startsWith("palimpsest: nothing written: " + REPORT_URL + ": ").contains(server.base()
                .toString()).hasLineCount(1);
        assertThat(bundle).doesNotExist();
    }

    @Test
    void addsToAnExistingBundleAndRefusesAUrlAlreadyInIt() throws Exception {
        WaybackFixtures.readingRoom(server);
        assertThat(recover(REPORT_URL).exitCode).isEqualTo(ExitCode.OK);
        Path pw = Files.writeString(dir.resolve("pw.txt"), "pw\n");
        Path key = dir.resolve("k.p12");
        assertThat(CliHarness.run("keygen", "--out", key.toString(), "--name", "K", "--password-file", pw.toString())
                .exitCode).isEqualTo(ExitCode.OK);
        assertThat(CliHarness.run("sign", bundle.toString(), "--key", key.toString(), "--password-file", pw.toString())
                .exitCode).isEqualTo(ExitCode.OK);

        CliHarness r = recover(TABLE_URL);

        assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.out).startsWith("Added 1 file recovered to " + bundle + ", now 2 files, ");
        assertThat(r.err).contains("covered the old manifest only and was removed; sign the bundle again");
        assertThat(BundleReader.readManifest(bundle).entries()).hasSize(2);

        CliHarness again = recover(REPORT_URL);
        assertThat(again.exitCode).as(again.toString()).isEqualTo(ExitCode.NO_INPUT);
        assertThat(again.err).contains("www.example.gov/foia/reading-room/annual-report-2016.pdf")
                .contains(bundle.resolve("data").toString());

        CliHarness twice = recover(REPORT_URL, REPORT_URL.toUpperCase(java.util.Locale.ROOT).replace("HTTPS", "https"));
        assertThat(twice.exitCode).isEqualTo(ExitCode.USAGE);
        assertThat(twice.err).contains("would both be stored as");
    }

    @Test
    void helpDocumentsTheExitCodesAndTheTopLevelListsBothCommands() {
        CliHarness help = CliHarness.run("recover", "--help");
        assertThat(help.exitCode).isEqualTo(ExitCode.OK);
        assertThat(help.out).contains("--wayback=BASE").contains("--from=TS").contains("--rate=N/s")
                .contains("Exit codes:").containsPattern("66 +the service is unreachable");
        CliHarness importHelp = CliHarness.run("import-warc", "--help");
        assertThat(importHelp.out).contains("--status=CODE").containsPattern(" 1 +written, but a payload does not match");
        assertThat(CliHarness.run("--help").out).contains("import-warc").contains("recover");
    }
}
