package dev.palimpsest.examples.cli;

import dev.palimpsest.core.bundle.BundleContent;
import dev.palimpsest.core.bundle.BundleResult;
import dev.palimpsest.core.capture.CaptureFormatException;
import dev.palimpsest.core.capture.CdxRecord;
import dev.palimpsest.core.capture.MementoUrl;
import dev.palimpsest.core.capture.WaybackTimestamp;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.ArchivePathException;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.sources.RecoveredCapture;
import dev.palimpsest.core.sources.WaybackClient;
import dev.palimpsest.core.sources.WaybackException;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code recover}: raw captures fetched from a Wayback service, each with its capture record and
 * capture check, in a new bundle or added to an existing one.
 */
@Command(name = "recover",
        mixinStandardHelpOptions = true,
        header = "Fetches raw captures from a Wayback service into a bundle.",
        description = {"Fetches raw captures (the id_ form) from a Wayback service and adds them to BUNDLE, each with"
                + " its capture record (original URL, capture time, memento URL, CDX row, Memento headers) and the"
                + " capture check of its SHA-1 against the CDX digest. A plain URL gets its newest capture with"
                + " status 200 (between --from and --to when given); a memento URL (BASE/web/TIMESTAMP/URL) names its"
                + " capture and archive. BUNDLE is created when it does not exist; an existing bundle folder is"
                + " rebuilt with the old entries and the new ones and swapped into place, its old signature removed"
                + " (give --key to sign again). Each file goes to a path made from its URL (host/path).",
            "",
            "Requests start at most once a second by default (--rate, --interval); 429 and 5xx answers are retried"
                    + " as Retry-After says, or with backoff. If any URL fails, nothing is written. Progress is shown"
                    + " on stderr when it is a terminal."},
        footerHeading = "%nExamples:%n",
        footer = {"  palimpsest recover bundle https://www.example.gov/foia/report.pdf",
            "  palimpsest recover bundle \\",
            "      https://web.archive.org/web/20171003120000/https://www.example.gov/foia/",
            "  palimpsest recover bundle https://www.example.gov/a.pdf \\",
            "      --from 2017 --to 201710 --rate 0.5/s"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:written (a capture check MISMATCH is a warning: see the capture record's explanation)",
            "64:usage error (a URL or timestamp that does not parse, --from/--to with a memento URL, a ZIP bundle)",
            "66:the service is unreachable, refuses, has no such capture, or keeps answering 429/5xx; the bundle or"
                    + " the key is missing or unreadable; a path already in the bundle; nothing written",
            "70:internal error",
        })
final class RecoverCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle folder to create or add to.")
    Path bundle;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "URL-or-URI-M",
            description = "Original URLs, or memento URLs naming one capture.")
    List<String> urls;

    @Option(names = "--wayback", paramLabel = "BASE", description = "The Wayback service (default: https://web.archive.org);"
            + " its CDX API is BASE/cdx/search/cdx and captures are at BASE/web/TIMESTAMPid_/URL.")
    URI wayback;

    @Option(names = "--from", paramLabel = "TS", description = "The earliest capture (a 4- to 14-digit Wayback timestamp).")
    String from;

    @Option(names = "--to", paramLabel = "TS", description = "The latest capture (a short timestamp covers its whole year, month, ...).")
    String to;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Pace pace;

    /** How fast requests may start. */
    static final class Pace {
        @Option(names = "--rate", paramLabel = "N/s", required = true,
                description = "At most N requests a second (default 1/s), e.g. 0.5/s.")
        String rate;

        @Option(names = "--interval", paramLabel = "DURATION", required = true,
                description = "At least this long between the starts of two requests, e.g. 2s, 500ms, PT1S.")
        String interval;
    }

    @Option(names = "--retries", paramLabel = "N", description = "How often a failed request is repeated (default 4).")
    int retries = WaybackClient.DEFAULT_MAX_RETRIES;

    @Mixin
    AddOptions add;

    @Override
    public Integer call() throws Exception {
        WaybackTimestamp earliest = timestamp("--from", from);
        WaybackTimestamp latest = timestamp("--to", to);
        WaybackClient.Builder client = WaybackClient.builder().digests(add.digests.toArray(DigestAlgorithm[]::new));
        try {
            if (wayback != null) {
                client.base(wayback);
            }
            client.maxRetries(retries);
            if (pace != null) {
                client.minInterval(pace.rate != null ? perRate(pace.rate) : interval(pace.interval));
            }
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        // Every argument is checked, and every path chosen, before the first request.
        Map<String, String> byKey = new HashMap<>();
        List<ArchivePath> paths = new ArrayList<>();
        for (String url : urls) {
            boolean memento = isMemento(url);
            if (memento && (earliest != null || latest != null)) {
                throw CliException.usage("--from and --to apply to plain URLs; the memento URL '" + url
                        + "' names its own capture");
            }
            ArchivePath path;
            try {
                path = WaybackClient.archivePath(url);
            } catch (CaptureFormatException | ArchivePathException e) {
                throw CliException.usage("'" + url + "' is neither a URL nor a memento URL: " + e.getMessage());
            }
            String twin = byKey.putIfAbsent(path.collisionKey(), url);
            if (twin != null) {
                throw CliException.usage("'" + twin + "' and '" + url + "' would both be stored as " + path);
            }
            paths.add(path);
        }
        ImportWarcCommand.Adding adding = ImportWarcCommand.Adding.prepare(spec, bundle, add);
        WaybackClient wb = client.build();
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = Progress.forCommand(spec, "recovering", false);
        Path staging = ImportWarcCommand.Adding.staging(bundle);
        try {
            BundleContent.Builder content = BundleContent.builder().title(add.title);
            long bytes = 0;
            List<RecoveredCapture> captures = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                String url = urls.get(i);
                Path target = staging.resolve(paths.get(i).toString());
                RecoveredCapture capture = recover(wb, url, target, earliest, latest);
                captures.add(capture);
                bytes += capture.size();
                if (progress != null) {
                    progress.progress(bytes, i + 1);
                }
                if (capture.check().outcome() == CaptureCheck.MISMATCH) {
                    err.println("palimpsest: warning: capture check MISMATCH for " + paths.get(i) + ": "
                            + capture.check().explanation());
                }
                content.file(target, capture.toEntry(paths.get(i)).build());
            }
            if (progress != null) {
                progress.done();
            }
            BundleResult written = adding.write(content.build());
            adding.report(written, urls.size(), " recovered");
            PrintWriter out = spec.commandLine().getOut();
            for (int i = 0; i < captures.size(); i++) {
                RecoveredCapture capture = captures.get(i);
                out.println(String.format(Locale.ROOT, "  %-15s %s  (captured %s)", capture.check().outcome(),
                        paths.get(i), capture.cdx().timestamp().instant()));
            }
            out.flush();
            return ExitCode.OK;
        } finally {
            if (progress != null) {
                progress.done();
            }
            ImportWarcCommand.Adding.deleteQuietly(staging);
        }
    }

    private static RecoveredCapture recover(WaybackClient wb, String url, Path target, WaybackTimestamp earliest,
            WaybackTimestamp latest) throws CliException, IOException {
        try {
            if (earliest == null && latest == null) {
                return wb.recover(url, target);
            }
            List<CdxRecord> rows = wb.lookup(url, earliest, latest);
            if (rows.isEmpty()) {
                throw new CliException(ExitCode.NO_INPUT, "nothing written: the CDX index at " + wb.base()
                        + " has no capture of '" + url + "' with status 200" + (earliest != null ? " from " + earliest.text() : "")
                        + (latest != null ? " to " + latest.text() : ""));
            }
            return wb.recover(rows.get(rows.size() - 1), target);
        } catch (WaybackException e) {
            throw new CliException(ExitCode.NO_INPUT, "nothing written: " + url + ": " + e.getMessage(), e);
        } catch (CaptureFormatException e) {
            throw CliException.usage("'" + url + "' is neither a URL nor a memento URL: " + e.getMessage());
        } catch (java.io.InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new CliException(ExitCode.NO_INPUT, "nothing written: " + url + ": " + e.getMessage(), e);
        }
    }

    private static boolean isMemento(String url) {
        try {
            MementoUrl.parse(url.strip());
            return true;
        } catch (CaptureFormatException e) {
            return false;
        }
    }

    private static WaybackTimestamp timestamp(String option, String text) throws CliException {
        if (text == null) {
            return null;
        }
        try {
            return WaybackTimestamp.parse(text);
        } catch (CaptureFormatException e) {
            throw CliException.usage(option + ": " + e.getMessage());
        }
    }

    /** {@code N/s} (or just N): the interval of N requests a second. */
    static Duration perRate(String text) throws CliException {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.endsWith("/s")) {
            s = s.substring(0, s.length() - 2);
        }
        try {
            BigDecimal rate = new BigDecimal(s);
            if (rate.signum() <= 0) {
                throw CliException.usage("--rate must be above 0, got '" + text + "'");
            }
            long nanos = BigDecimal.valueOf(1_000_000_000L).divide(rate, 0, java.math.RoundingMode.HALF_UP)
                    .longValueExact();
            return Duration.ofNanos(nanos);
        } catch (NumberFormatException | ArithmeticException e) {
            throw CliException.usage("--rate takes N/s, e.g. 1/s or 0.5/s; got '" + text + "'");
        }
    }

    /** {@code 2s}, {@code 500ms}, {@code 0} or an ISO-8601 duration ({@code PT1S}). */
    static Duration interval(String text) throws CliException {
        String s = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("pt") || s.startsWith("p")) {
                return Duration.parse(text.strip());
            }
            if (s.endsWith("ms")) {
                return Duration.ofNanos(new BigDecimal(s.substring(0, s.length() - 2)).movePointRight(6).longValueExact());
            }
            if (s.endsWith("s")) {
                s = s.substring(0, s.length() - 1);
            }
            return Duration.ofNanos(new BigDecimal(s).movePointRight(9).longValueExact());
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw CliException.usage("--interval takes a duration such as 2s, 500ms or PT1S; got '" + text + "'");
        }
    }
}
