package dev.palimpsest.core.sources;

import dev.palimpsest.core.capture.CaptureCheckResult;
import dev.palimpsest.core.capture.CaptureEvidence;
import dev.palimpsest.core.capture.CaptureFormatException;
import dev.palimpsest.core.capture.CdxParser;
import dev.palimpsest.core.capture.CdxRecord;
import dev.palimpsest.core.capture.MementoModifier;
import dev.palimpsest.core.capture.MementoUrl;
import dev.palimpsest.core.capture.ProvenanceHeaders;
import dev.palimpsest.core.capture.Surt;
import dev.palimpsest.core.capture.WaybackTimestamp;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestSet;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.digest.Hasher;
import dev.palimpsest.core.internal.capture.Text;
import dev.palimpsest.core.internal.sources.AtomicFiles;
import dev.palimpsest.core.internal.sources.CountingInputStream;
import dev.palimpsest.core.internal.sources.UrlPaths;
import dev.palimpsest.core.manifest.ArchivePathException;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.internal.sources.MediaTypes;
import dev.palimpsest.core.internal.sources.PoliteHttp;
import dev.palimpsest.core.internal.sources.StallGuard;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.ManifestException;
import dev.palimpsest.core.sources.WaybackException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Recovers captures from a Wayback service: finds them in its CDX index and downloads the raw
 * ({@code id_}) bytes, hashing them while they are written, keeping the provenance headers and
 * checking the file against the digest the index holds.
 *
 * <p>The service is {@link #base()} ({@code https://web.archive.org} by default), with its CDX
 * API at {@code <base>/cdx/search/cdx} and captures at {@code <base>/web/<timestamp>id_/<url>}.
 *
 * <p>Politeness: requests to the service start at most once per {@link #minInterval()} (one a
 * second by default), from however many threads. An answer of 408, 429 or 5xx, a failed
 * connection, a timeout, and a body that breaks off or stalls are retried up to
 * {@link #maxRetries()} times, waiting as {@code Retry-After} says (seconds or an HTTP date) or
 * else with exponential backoff; no single wait is longer than {@link #maxWait()}, and a
 * {@code Retry-After} asking for more fails at once. A refusal (403, robots.txt exclusion, 404)
 * is not retried. Failures are {@link WaybackException}s whose {@link WaybackException#kind()}
 * says which.
 *
 * <p>Files are written atomically: to a temporary file beside the target, moved into place once
 * complete; a failed download leaves nothing, and an existing file is never replaced.
 *
 * <p>Immutable and thread-safe.
 * <pre>{@code
 * WaybackClient wayback = WaybackClient.builder().build();
 * RecoveredCapture capture = wayback.recover(
 *         "https://web.archive.org/web/20171003120000/https://www.example.gov/foia/report.pdf",
 *         Path.of("recovered/report.pdf"));
 * ManifestEntry entry = capture.toEntry(ArchivePath.of("documents/report.pdf")).build();
 * }</pre>
 */
public final class WaybackClient {
    /** The default {@link #minInterval()}: one second. */
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofSeconds(1);
    /** The default {@link #maxRetries()}. */
    public static final int DEFAULT_MAX_RETRIES = 4;
    /** The default wait before the first retry, doubled for each further one. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(2);
    /** The default {@link #maxWait()}: two minutes. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(2);
    /** The default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** The default {@link #requestTimeout()}. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** The largest CDX response read, in bytes (32 MiB). */
    public static final long MAX_CDX_BYTES = 32L * 1024 * 1024;

    private static final int MAX_REDIRECTS = 5;
    private static final String CDX_FIELDS = "urlkey,timestamp,original,mimetype,statuscode,digest,length";

    private final URI base;
    private final Duration minInterval;
    private final int maxRetries;
    private final Duration maxWait;
    private final Duration requestTimeout;
    private final String userAgent;
    private final Set<DigestAlgorithm> digests;
    private final Clock clock;
    private final PoliteHttp http;

    private WaybackClient(Builder b) {
        this.base = b.base;
        this.minInterval = b.minInterval;
        this.maxRetries = b.maxRetries;
        this.maxWait = b.maxWait;
        this.requestTimeout = b.requestTimeout;
        this.userAgent = b.userAgent;
        this.digests = Collections.unmodifiableSet(EnumSet.copyOf(b.digests));
        this.clock = b.clock;
        HttpClient client = b.httpClient != null ? b.httpClient : HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        Sleeper sleeper = b.sleeper;
        this.http = new PoliteHttp(client, clock, sleeper::sleep, minInterval, maxRetries, b.initialBackoff, maxWait,
                requestTimeout, userAgent);
    }

    /** Waits; replace it in tests so that retries and the request rate cost no real time. */
    @FunctionalInterface
    public interface Sleeper {
        /** Waits for {@code duration} (never negative). */
        void sleep(Duration duration) throws InterruptedException;
    }

    /** A builder with the defaults: the Wayback Machine, one request a second, four retries. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Wayback service, e.g. {@code https://web.archive.org}. */
    public URI base() {
        return base;
    }

    /** The least time between the starts of two requests. */
    public Duration minInterval() {
        return minInterval;
    }

    /** How many times a failed request is repeated after the first attempt. */
    public int maxRetries() {
        return maxRetries;
    }

    /** The longest single wait before a retry. */
    public Duration maxWait() {
        return maxWait;
    }

    /** The longest wait for an answer to begin, and for each further piece of a body. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The {@code User-Agent} sent, also recorded as the capture record's {@code retrievedBy}. */
    public String userAgent() {
        return userAgent;
    }

    /** The digests computed for every recovered file; always SHA-256 and SHA-1. */
    public Set<DigestAlgorithm> digests() {
        return digests;
    }

    /**
     * The archive path for a capture of a URL, derived as {@link WarcImporter} derives it:
     * {@code host/path/segments}, {@code index.html} for a URL ending in {@code /}, the query kept
     * in the name as {@code %3F...}, unsafe characters as {@code %XX}. A memento URL gives the
     * path of its original URL. Deterministic; two different URLs may still get the same path
     * (e.g. differing only in case), which the caller must check.
     *
     * @throws CaptureFormatException if the argument is neither a memento URL nor a URL with a host
     * @throws ArchivePathException if no valid archive path can be made from the URL
     */
    public static ArchivePath archivePath(String urlOrMementoUrl) throws CaptureFormatException, ArchivePathException {
        Objects.requireNonNull(urlOrMementoUrl, "urlOrMementoUrl");
        String text = urlOrMementoUrl.strip();
        String original;
        try {
            original = MementoUrl.parse(text).original();
        } catch (CaptureFormatException notAMemento) {
            Surt.of(text);
            original = text;
        }
        return ArchivePath.of(String.join("/", UrlPaths.segments(original)));
    }

    /**
     * The captures of exactly this URL with HTTP status 200, oldest first.
     *
     * @throws CaptureFormatException if {@code url} is not a URL with a host
     * @throws WaybackException if the service refuses, fails or answers nonsense
     * @throws IOException if the thread is interrupted while waiting
     */
    public List<CdxRecord> lookup(String url) throws IOException, CaptureFormatException {
        return lookup(url, null, null);
    }

    /**
     * The captures of exactly this URL with HTTP status 200, oldest first, between two
     * timestamps (inclusive; a short timestamp covers its whole year, month, day, ...).
     *
     * @param from the earliest timestamp, or null for no lower bound
     * @param to the latest timestamp, or null for no upper bound
     * @throws CaptureFormatException if {@code url} is not a URL with a host
     * @throws WaybackException if the service refuses, fails or answers nonsense
     * @throws IOException if the thread is interrupted while waiting
     */
    public List<CdxRecord> lookup(String url, WaybackTimestamp from, WaybackTimestamp to)
            throws IOException, CaptureFormatException {
        Objects.requireNonNull(url, "url");
        Surt.of(url.strip());
        return lookup(base, url.strip(), from, to);
    }

    /**
     * Recovers a capture into {@code targetFile}. A memento URL
     * ({@code <archive>/web/<timestamp>[modifier]/<url>}) names the capture nearest its
     * timestamp among those the timestamp's digits cover (all 14: exactly that one), fetched
     * from the archive it names; a plain URL names its newest capture at {@link #base()}. Only
     * captures with HTTP status 200 are considered.
     *
     * @param targetFile where the file goes; its directory is created if missing; it must not exist
     * @throws CaptureFormatException if the argument is neither a memento URL nor a URL with a host
     * @throws FileAlreadyExistsException if {@code targetFile} exists
     * @throws WaybackException if there is no such capture, or the service refuses or fails
     * @throws IOException if writing fails or the thread is interrupted
     */
    public RecoveredCapture recover(String urlOrMementoUrl, Path targetFile) throws IOException, CaptureFormatException {
        Objects.requireNonNull(urlOrMementoUrl, "urlOrMementoUrl");
        Objects.requireNonNull(targetFile, "targetFile");
        String text = urlOrMementoUrl.strip();
        MementoUrl memento = null;
        try {
            memento = MementoUrl.parse(text);
        } catch (CaptureFormatException notAMemento) {
            Surt.of(text);
        }
        refuseExisting(targetFile);
        URI archive = memento != null ? memento.base() : base;
        String original = memento != null ? memento.original() : text;
        WaybackTimestamp wanted = memento != null ? memento.timestamp() : null;
        List<CdxRecord> rows = lookup(archive, original, wanted, wanted);
        if (rows.isEmpty()) {
            URI cdx = cdxUri(archive, original, wanted, wanted);
            throw new WaybackException(Kind.NO_CAPTURE, cdx, 200, "the CDX index at " + archive + " has no capture of "
                    + Text.quote(original) + " with status 200" + (wanted == null ? "" : " at " + wanted), null);
        }
        CdxRecord chosen = wanted == null ? rows.get(rows.size() - 1) : nearest(rows, wanted);
        return download(archive, chosen, targetFile);
    }

    /**
     * Recovers the capture a CDX row names (e.g. one chosen from {@link #lookup(String)}) from
     * {@link #base()} into {@code targetFile}.
     *
     * @throws FileAlreadyExistsException if {@code targetFile} exists
     * @throws WaybackException if the service refuses or fails
     * @throws IOException if writing fails or the thread is interrupted
     */
    public RecoveredCapture recover(CdxRecord capture, Path targetFile) throws IOException {
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(targetFile, "targetFile");
        refuseExisting(targetFile);
        return download(base, capture, targetFile);
    }

    private List<CdxRecord> lookup(URI archive, String url, WaybackTimestamp from, WaybackTimestamp to)
            throws IOException {
        URI uri = cdxUri(archive, url, from, to);
        byte[] body = http.get(uri, Map.of("Accept-Encoding", "gzip"), response -> readCdx(uri, response));
        List<CdxRecord> rows;
        try {
            rows = CdxParser.create().parse(new InputStreamReader(new ByteArrayInputStream(body),
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)));
        } catch (CaptureFormatException e) {
            throw new WaybackException(Kind.BAD_RESPONSE, uri, 200, "the answer of " + uri
                    + " is not a CDX index: " + e.getMessage(), e);
        }
        List<CdxRecord> ok = new ArrayList<>();
        for (CdxRecord row : rows) {
            if (row.status().isPresent() && row.status().getAsInt() == 200) {
                ok.add(row);
            }
        }
        ok.sort(Comparator.comparing(CdxRecord::timestamp));
        return ok;
    }

    private byte[] readCdx(URI uri, HttpResponse<InputStream> response) throws IOException {
        if (response.statusCode() != 200) {
            throw failure(uri, response);
        }
        byte[] bytes;
        try (StallGuard guard = new StallGuard(response.body(), requestTimeout); InputStream in = guard.stream()) {
            try {
                bytes = in.readNBytes((int) MAX_CDX_BYTES + 1);
            } catch (IOException e) {
                throw guard.stalled() ? stalled(-1) : new PoliteHttp.BodyFailure("broke off: "
                        + Text.clean(String.valueOf(e.getMessage())), e, false);
            }
            if (guard.stalled()) {
                throw stalled(bytes.length);
            }
        }
        if (bytes.length > MAX_CDX_BYTES) {
            throw new WaybackException(Kind.BAD_RESPONSE, uri, 200, "the answer of " + uri + " is larger than "
                    + MAX_CDX_BYTES + " bytes", null);
        }
        checkLength(response, bytes.length);
        String encoding = response.headers().firstValue("Content-Encoding").orElse("identity").strip();
        if (encoding.equalsIgnoreCase("gzip") || encoding.equalsIgnoreCase("x-gzip")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readNBytes((int) MAX_CDX_BYTES + 1);
            } catch (IOException e) {
                throw new WaybackException(Kind.BAD_RESPONSE, uri, 200, "the gzip-encoded answer of " + uri
                        + " does not decompress: " + Text.clean(e.getMessage()), e);
            }
            if (bytes.length > MAX_CDX_BYTES) {
                throw new WaybackException(Kind.BAD_RESPONSE, uri, 200, "the answer of " + uri
                        + " decompresses to more than " + MAX_CDX_BYTES + " bytes", null);
            }
        } else if (!encoding.equalsIgnoreCase("identity")) {
            throw new WaybackException(Kind.BAD_RESPONSE, uri, 200, "the answer of " + uri
                    + " has a content coding that was not asked for: " + Text.quote(encoding), null);
        }
        return bytes;
    }

    /** A downloaded body in a temporary file, or a redirect to follow. */
    private static final class Fetched {
        final AtomicFiles.Temp<DigestSet> temp;
        final List<Map.Entry<String, String>> headers;
        final URI redirect;

        Fetched(AtomicFiles.Temp<DigestSet> temp, List<Map.Entry<String, String>> headers, URI redirect) {
            this.temp = temp;
            this.headers = headers;
            this.redirect = redirect;
        }
    }

    private RecoveredCapture download(URI archive, CdxRecord row, Path targetFile) throws IOException {
        Path target = targetFile.toAbsolutePath();
        Path directory = target.getParent();
        Set<DigestAlgorithm> computed = EnumSet.copyOf(digests);
        row.digest().ifPresent(d -> computed.add(d.algorithm()));
        MementoUrl memento = MementoUrl.of(archive, row.timestamp(), MementoModifier.ID, row.original());
        List<Path> created = AtomicFiles.createDirectories(directory);
        boolean done = false;
        try {
            Fetched fetched = null;
            for (int hop = 0; ; hop++) {
                URI uri = memento.toUri();
                fetched = http.get(uri, Map.of(), response -> fetch(uri, response, directory, computed));
                if (fetched.redirect == null) {
                    break;
                }
                memento = followable(uri, fetched.redirect, memento, hop);
            }
            try (AtomicFiles.Temp<DigestSet> temp = fetched.temp) {
                long size = temp.value().size();
                Map<DigestAlgorithm, DigestValue> all = temp.value().asMap();
                Map<DigestAlgorithm, DigestValue> kept = new EnumMap<>(DigestAlgorithm.class);
                digests.forEach(a -> kept.put(a, all.get(a)));
                DigestAlgorithm compared = row.digest().map(DigestValue::algorithm).orElse(DigestAlgorithm.SHA1);
                CaptureCheckResult check = CaptureEvidence.builder().archiveDigest(row.digestText())
                        .revisit(row.isRevisit()).replayHeaders(fetched.headers).build().check(all.get(compared));
                ProvenanceHeaders provenance = ProvenanceHeaders.select(printable(fetched.headers));
                CaptureRecord capture = captureRecord(row, memento, provenance, check);
                String mediaType = row.isRevisit() ? null : MediaTypes.of(row.mimetype().orElse(null));
                if (mediaType == null) {
                    mediaType = MediaTypes.of(first(fetched.headers, "Content-Type"));
                }
                temp.moveTo(target);
                done = true;
                return new RecoveredCapture(target, size, Collections.unmodifiableMap(kept), row, memento, provenance,
                        check, capture, mediaType);
            }
        } finally {
            if (!done) {
                AtomicFiles.deleteEmpty(created);
            }
        }
    }

    private Fetched fetch(URI uri, HttpResponse<InputStream> response, Path directory, Set<DigestAlgorithm> computed)
            throws IOException {
        int status = response.statusCode();
        if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
            PoliteHttp.discard(response);
            String location = response.headers().firstValue("Location").get().strip();
            try {
                return new Fetched(null, List.of(), uri.resolve(location));
            } catch (IllegalArgumentException e) {
                throw new WaybackException(Kind.BAD_RESPONSE, uri, status, uri + " redirected to "
                        + Text.quote(location) + ", which is not a URL", e);
            }
        }
        if (status != 200) {
            throw failure(uri, response);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
        try (StallGuard guard = new StallGuard(response.body(), requestTimeout)) {
            Hasher hasher = Hasher.of(computed.toArray(DigestAlgorithm[]::new));
            AtomicFiles.Temp<DigestSet> temp = AtomicFiles.write(directory, out -> {
                DigestSet digests;
                CountingInputStream in = new CountingInputStream(guard.stream());
                try (in) {
                    digests = hasher.copy(in, failingAsTarget(out));
                } catch (TargetFailure e) {
                    throw e.failure;
                } catch (IOException e) {
                    // The guard closing a stalled stream surfaces here as a read on a closed stream.
                    throw guard.stalled() ? stalled(in.count()) : new PoliteHttp.BodyFailure("broke off after "
                            + in.count() + " bytes: " + Text.clean(String.valueOf(e.getMessage())), e, false);
                }
                if (guard.stalled()) {
                    throw stalled(digests.size());
                }
                checkLength(response, digests.size());
                return digests;
            });
            return new Fetched(temp, headers, null);
        }
    }

    private MementoUrl followable(URI from, URI location, MementoUrl current, int hop) throws WaybackException {
        MementoUrl next;
        try {
            next = MementoUrl.parse(location.toString());
        } catch (CaptureFormatException e) {
            throw new WaybackException(Kind.BAD_RESPONSE, from, 302, from + " redirected away from the archive, to "
                    + Text.quote(location.toString()), e);
        }
        if (!next.base().equals(current.base()) || !next.timestamp().equals(current.timestamp())) {
            throw new WaybackException(Kind.BAD_RESPONSE, from, 302, from + " redirected to another capture, "
                    + Text.quote(location.toString()) + "; the CDX row chosen does not describe it", null);
        }
        if (hop + 1 >= MAX_REDIRECTS) {
            throw new WaybackException(Kind.BAD_RESPONSE, from, 302, from + " redirected more than " + MAX_REDIRECTS
                    + " times", null);
        }
        return next.raw();
    }

    private CaptureRecord captureRecord(CdxRecord row, MementoUrl memento, ProvenanceHeaders provenance,
            CaptureCheckResult check) throws WaybackException {
        try {
            return CaptureRecords.from(row, memento, provenance, check).retrievedAt(clock.instant())
                    .retrievedBy(userAgent).build();
        } catch (ManifestException withHeaders) {
            try {
                // A header the manifest cannot hold is dropped rather than losing the capture.
                return CaptureRecords.from(row, memento, ProvenanceHeaders.empty(), check)
                        .retrievedAt(clock.instant()).retrievedBy(userAgent).build();
            } catch (ManifestException e) {
                throw new WaybackException(Kind.BAD_RESPONSE, memento.toUri(), 200, "no capture record can be made"
                        + " for " + memento + ": " + e.getMessage(), e);
            }
        }
    }

    private WaybackException failure(URI uri, HttpResponse<InputStream> response) {
        int status = response.statusCode();
        String runtimeError = response.headers().firstValue("X-Archive-Wayback-Runtime-Error").orElse("");
        String body = PoliteHttp.errorBody(response);
        if (status == 404 || status == 410) {
            return new WaybackException(Kind.NOT_FOUND, uri, status, uri + " answered " + status
                    + (status == 404 ? " Not Found" : " Gone") + detail(runtimeError), null);
        }
        if (status == 401 || status == 403 || status == 451) {
            boolean robots = (runtimeError + " " + body).toLowerCase(Locale.ROOT).contains("robots");
            return new WaybackException(robots ? Kind.BLOCKED_BY_ROBOTS : Kind.REFUSED, uri, status, uri + " refused"
                    + " the request (" + status + ")" + (robots ? ": the site is excluded from replay by its robots.txt"
                            + " or at its owner's request" : detail(runtimeError)), null);
        }
        return new WaybackException(Kind.BAD_RESPONSE, uri, status, uri + " answered with the unexpected status "
                + status + detail(runtimeError), null);
    }

    private static String detail(String runtimeError) {
        return runtimeError.isBlank() ? "" : " (" + Text.clean(runtimeError) + ")";
    }

    private PoliteHttp.BodyFailure stalled(long received) {
        return new PoliteHttp.BodyFailure("stalled for more than " + requestTimeout.toMillis() + " ms"
                + (received < 0 ? "" : " after " + received + " bytes"), null, true);
    }

    private static void checkLength(HttpResponse<?> response, long received) throws PoliteHttp.BodyFailure {
        OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
        if (declared.isPresent() && declared.getAsLong() != received) {
            throw new PoliteHttp.BodyFailure("ended after " + received + " of " + declared.getAsLong() + " bytes",
                    null, false);
        }
    }

    private static CdxRecord nearest(List<CdxRecord> rows, WaybackTimestamp wanted) {
        for (CdxRecord row : rows) {
            if (row.timestamp().equals(wanted)) {
                return row;
            }
        }
        CdxRecord best = rows.get(0);
        for (CdxRecord row : rows) {
            if (distance(row, wanted).compareTo(distance(best, wanted)) < 0) {
                best = row;
            }
        }
        return best;
    }

    private static Duration distance(CdxRecord row, WaybackTimestamp wanted) {
        return Duration.between(row.timestamp().instant(), wanted.instant()).abs();
    }

    private static URI cdxUri(URI archive, String url, WaybackTimestamp from, WaybackTimestamp to) {
        StringBuilder query = new StringBuilder("url=").append(URLEncoder.encode(url, StandardCharsets.UTF_8))
                .append("&output=json&fl=").append(CDX_FIELDS).append("&filter=statuscode:200");
        if (from != null) {
            query.append("&from=").append(from.text());
        }
        if (to != null) {
            query.append("&to=").append(to.text());
        }
        String prefix = archive.toString();
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return URI.create(prefix + "/cdx/search/cdx?" + query);
    }

    private static void refuseExisting(Path targetFile) throws FileAlreadyExistsException {
        if (Files.exists(targetFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(targetFile.toString(), null, "the file exists; it is not replaced");
        }
    }

    /** Header values that could be kept as evidence: no control characters other than tab. */
    private static List<Map.Entry<String, String>> printable(List<Map.Entry<String, String>> headers) {
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (h.getValue().chars().noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
                kept.add(h);
            }
        }
        return kept;
    }

    private static String first(List<Map.Entry<String, String>> headers, String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** A failure writing the target, told apart from a failure reading the network. */
    private static final class TargetFailure extends IOException {
        private static final long serialVersionUID = 1L;
        final IOException failure;

        TargetFailure(IOException failure) {
            super(failure);
            this.failure = failure;
        }
    }

    private static OutputStream failingAsTarget(OutputStream out) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                try {
                    out.write(b);
                } catch (IOException e) {
                    throw new TargetFailure(e);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw new TargetFailure(e);
                }
            }
        };
    }

    @Override
    public String toString() {
        return "WaybackClient[" + base + ", one request per " + minInterval.toMillis() + " ms, " + maxRetries
                + " retries]";
    }

    /** Settings of a {@link WaybackClient}. Not thread-safe. */
    public static final class Builder {
        private URI base = MementoUrl.WAYBACK_MACHINE;
        private Duration minInterval = DEFAULT_MIN_INTERVAL;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxWait = DEFAULT_MAX_WAIT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private String userAgent = defaultUserAgent();
        private Set<DigestAlgorithm> digests = EnumSet.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA1);
        private HttpClient httpClient;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

        private Builder() {
        }

        /**
         * The Wayback service (default {@code https://web.archive.org}).
         *
         * @throws IllegalArgumentException unless an {@code http} or {@code https} URL with a
         *     host and without query, fragment or user information
         */
        public Builder base(URI value) {
            Objects.requireNonNull(value, "value");
            MementoUrl probe = MementoUrl.of(value, WaybackTimestamp.of(java.time.Instant.EPOCH), MementoModifier.ID,
                    "http://example.com/");
            this.base = probe.base();
            return this;
        }

        /**
         * The least time between the starts of two requests (default one second); zero for no limit.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder minInterval(Duration value) {
            this.minInterval = notNegative("minInterval", value);
            return this;
        }

        /**
         * How many times a failed request is repeated (default 4).
         *
         * @throws IllegalArgumentException unless 0 to 20
         */
        public Builder maxRetries(int value) {
            if (value < 0 || value > 20) {
                throw new IllegalArgumentException("maxRetries must be 0 to 20, got " + value);
            }
            this.maxRetries = value;
            return this;
        }

        /**
         * The wait before the first retry when the service gives no {@code Retry-After}, doubled
         * for each further retry (default two seconds).
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder initialBackoff(Duration value) {
            this.initialBackoff = notNegative("initialBackoff", value);
            return this;
        }

        /**
         * The longest single wait (default two minutes): backoff is capped at it, and a
         * {@code Retry-After} asking for more fails the request at once.
         *
         * @throws IllegalArgumentException unless positive
         */
        public Builder maxWait(Duration value) {
            this.maxWait = positive("maxWait", value);
            return this;
        }

        /**
         * The connect timeout of the HTTP client this builder makes (default 15 seconds);
         * ignored when an {@link #httpClient(HttpClient)} is given.
         *
         * @throws IllegalArgumentException unless positive
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive("connectTimeout", value);
            return this;
        }

        /**
         * The longest wait for an answer to begin, and for each further piece of a body (default
         * 60 seconds).
         *
         * @throws IllegalArgumentException unless positive
         */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = positive("requestTimeout", value);
            return this;
        }

        /**
         * The {@code User-Agent} header (default {@code palimpsest/<version>}).
         *
         * @throws IllegalArgumentException if blank or holding a control character
         */
        public Builder userAgent(String value) {
            Objects.requireNonNull(value, "value");
            if (value.isBlank() || Text.hasControl(value)) {
                throw new IllegalArgumentException("the user agent must be a non-blank line of text");
            }
            this.userAgent = value.strip();
            return this;
        }

        /** The digests computed for every file besides SHA-256 and SHA-1, which always are. */
        public Builder digests(DigestAlgorithm... algorithms) {
            EnumSet<DigestAlgorithm> set = EnumSet.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA1);
            for (DigestAlgorithm a : algorithms) {
                set.add(Objects.requireNonNull(a, "algorithms contains null"));
            }
            this.digests = set;
            return this;
        }

        /**
         * The HTTP client to use (e.g. with a proxy); by default one with the connect timeout,
         * HTTP/1.1 and no automatic redirects (the client follows a Wayback redirect only within
         * the same capture).
         */
        public Builder httpClient(HttpClient value) {
            this.httpClient = Objects.requireNonNull(value, "value");
            return this;
        }

        /** The clock for the request rate, {@code Retry-After} dates and the retrieval time (default UTC system clock). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "value");
            return this;
        }

        /** How to wait between requests and before retries (default {@link Thread#sleep}). */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "value");
            return this;
        }

        /** The client. */
        public WaybackClient build() {
            return new WaybackClient(this);
        }

        private static Duration notNegative(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + value);
            }
            return value;
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }

        private static String defaultUserAgent() {
            String version = WaybackClient.class.getPackage() == null ? null
                    : WaybackClient.class.getPackage().getImplementationVersion();
            return "palimpsest/" + (version == null ? "dev" : version);
        }
    }
}
