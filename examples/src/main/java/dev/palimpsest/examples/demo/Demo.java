package dev.palimpsest.examples.demo;

import dev.palimpsest.core.bundle.BundleContent;
import dev.palimpsest.core.bundle.BundleResult;
import dev.palimpsest.core.bundle.BundleVerifier;
import dev.palimpsest.core.bundle.BundleWriter;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.manifest.ArchiveCollection;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.CmsSigner;
import dev.palimpsest.core.sign.CmsVerifier;
import dev.palimpsest.core.sign.KeyAlgorithm;
import dev.palimpsest.core.sign.MalformedSignatureException;
import dev.palimpsest.core.sign.SignatureTimestamp;
import dev.palimpsest.core.sign.SignerResult;
import dev.palimpsest.core.sign.SigningException;
import dev.palimpsest.core.sign.SigningIdentity;
import dev.palimpsest.core.sign.TimestampClient;
import dev.palimpsest.core.sign.TimestampToken;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.sources.SourceRow;
import dev.palimpsest.core.sources.SourcesTable;
import dev.palimpsest.core.verify.EntryResult;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.pdf.PadesLevel;
import dev.palimpsest.pdf.PadesSigner;
import dev.palimpsest.pdf.PdfVerifier;
import dev.palimpsest.pdf.PortfolioBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The whole Palimpsest flow on the sample documents that ship in the jar: what {@code palimpsest
 * demo} runs. Not an API: the command line is the contract, this class may change with it.
 *
 * <p>Everything is written inside one output folder: the recovered files and their sources
 * table, the signer's and the demo TSA's certificates, a signed and timestamped bundle, a signed
 * PDF portfolio, and the bundle signature's timestamp token. The signing key is generated for the
 * run and never written anywhere; the demo TSA listens on loopback only while the signatures are
 * made. Then both outputs are verified offline with the two certificates as trust anchors.
 */
public final class Demo {
    /** The common name of the demo signer's certificate. */
    public static final String SIGNER_NAME = "Palimpsest demo signer";

    /** The prefix of the default output folders: {@code palimpsest-demo-1}, {@code -2}, ... */
    public static final String DEFAULT_FOLDER_PREFIX = "palimpsest-demo-";

    private static final String SAMPLES = "samples/";
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private final Path out;
    private final PrintWriter stdout;

    private Demo(Path out, PrintWriter stdout) {
        this.out = out;
        this.stdout = stdout;
    }

    /**
     * Creates a new folder {@code palimpsest-demo-<n>} in {@code parent}, with the smallest
     * {@code n >= 1} whose name is free; an existing file or folder is never reused.
     *
     * @return the new, empty folder ({@code parent.resolve(name)})
     * @throws IOException if {@code parent} is not a writable folder
     */
    public static Path createDefaultFolder(Path parent) throws IOException {
        for (int n = 1; ; n++) {
            Path candidate = parent.resolve(DEFAULT_FOLDER_PREFIX + n);
            try {
                return Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException taken) {
                // another run (or anything else) owns this name: try the next one
            }
        }
    }

    /**
     * Runs the demo into {@code out}, which must be an empty folder, and prints what it made and
     * how to check it to {@code stdout}.
     *
     * @return the exit code: 0 when the bundle and the portfolio both verify {@code TRUSTED}, 1
     *     when either is {@code INVALID}, 2 otherwise
     * @throws IOException if the samples cannot be copied or an output cannot be written
     * @throws SigningException if signing or timestamping fails
     * @throws IllegalArgumentException if {@code out} is not an empty folder
     */
    public static int run(Path out, PrintWriter stdout) throws IOException, SigningException {
        if (!Files.isDirectory(out)) {
            throw new IllegalArgumentException("'" + out + "' is not a folder");
        }
        try (Stream<Path> children = Files.list(out)) {
            if (children.findAny().isPresent()) {
                throw new IllegalArgumentException("'" + out + "' is not empty");
            }
        }
        return new Demo(out, stdout).run();
    }

    private int run() throws IOException, SigningException {
        long started = System.nanoTime();
        Path recovered = out.resolve("recovered");
        Path sourcesCsv = out.resolve("sources.csv");
        SourcesTable sources = copySamples(recovered, sourcesCsv);

        // A fresh identity held in memory only: nothing secret is ever written to disk.
        SigningIdentity signer = SigningIdentity.generator().name(SIGNER_NAME).algorithm(KeyAlgorithm.ECDSA_P256)
                .validity(Duration.ofDays(365)).generate();
        Path signerPem = out.resolve("signer.pem");
        Files.writeString(signerPem, Certificates.toPem(List.of(signer.certificate())), StandardCharsets.US_ASCII);

        Path bundle = out.resolve("bundle");
        Path portfolio = out.resolve("portfolio.pdf");
        Path tsaPem = out.resolve("demo-tsa.pem");
        X509Certificate tsaCertificate;
        String tsaUrl;
        BundleResult written;
        try (DemoTsa tsa = DemoTsa.start()) {
            tsaCertificate = tsa.certificate();
            tsaUrl = tsa.url().toString();
            Files.writeString(tsaPem, Certificates.toPem(List.of(tsaCertificate)), StandardCharsets.US_ASCII);
            TimestampClient timestamps = TimestampClient.builder(tsa.url()).timeout(Duration.ofSeconds(10)).build();

            written = BundleWriter.builder()
                    .digests(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512)
                    .signer(CmsSigner.builder(signer).timestampClient(timestamps).build())
                    .build()
                    .write(content(recovered, sources), bundle);

            PadesSigner pades = PadesSigner.builder(signer).level(PadesLevel.B_T).timestampClient(timestamps).build();
            PortfolioBuilder.fromBundle(bundle).buildSigned(portfolio, pades);
        }

        // From here on the TSA is gone: verification needs nothing but the files and the anchors.
        TrustPolicy trust = TrustPolicy.builder().anchor(signer.certificate()).anchor(tsaCertificate).build();
        Path json = bundle.resolve("provenance/archive.json");
        Path p7s = bundle.resolve("provenance/archive.json.p7s");
        Path tokenFile = out.resolve("timestamp.tst");
        TimestampToken token = signatureTimestamp(trust, json, p7s);
        Files.write(tokenFile, token.encoded());

        VerificationReport bundleReport = BundleVerifier.builder().trustPolicy(trust).build().verify(bundle);
        VerificationReport portfolioReport = PdfVerifier.of(trust).verify(portfolio);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        printMade(written, recovered, sourcesCsv, signerPem, tsaPem, tsaUrl, bundle, portfolio, tokenFile);
        stdout.println();
        stdout.println("Signer: " + signer.subject() + " (ECDSA P-256, self-signed; the private key was kept in memory"
                + " and is gone)");
        stdout.println("  SHA-256 fingerprint: " + signer.certificateSha256().hex());
        stdout.println();
        printVerification(bundleReport, portfolioReport, signerPem, tsaPem);
        stdout.println();
        printChecks(signerPem, tsaPem, json, p7s, tokenFile, token, bundle, portfolio);
        stdout.println();
        stdout.println("Done in " + String.format(Locale.ROOT, "%.1f", millis / 1000.0) + " s. Everything is in "
                + shell(out) + "; delete the folder when you are done.");
        stdout.flush();

        Verdict b = bundleReport.verdict();
        Verdict p = portfolioReport.verdict();
        if (b == Verdict.TRUSTED && p == Verdict.TRUSTED) {
            return 0;
        }
        return b == Verdict.INVALID || p == Verdict.INVALID ? 1 : 2;
    }

    /**
     * Copies the sample files named by the bundled sources table, the table itself and the
     * samples' README out of the class path. The table is the list of files, so the class path
     * never has to be listed (which a jar does not support).
     */
    private SourcesTable copySamples(Path recovered, Path sourcesCsv) throws IOException {
        copyResource(SAMPLES + "sources.csv", sourcesCsv);
        SourcesTable table = SourcesTable.read(sourcesCsv);
        Files.createDirectories(recovered);
        copyResource(SAMPLES + "README.txt", out.resolve("README-samples.txt"));
        for (ArchivePath path : table.rows().keySet()) {
            Path target = recovered;
            for (String segment : path.segments()) {
                target = target.resolve(segment);
            }
            Files.createDirectories(target.getParent());
            copyResource(SAMPLES + path, target);
        }
        return table;
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = Demo.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the sample '" + name + "' is missing from the class path (a broken build?)");
            }
            Files.copy(in, target);
        }
    }

    private static BundleContent content(Path recovered, SourcesTable sources) {
        BundleContent.Builder content = BundleContent.builder()
                .title("Palimpsest demo: Example Agency reading room (fictional samples)")
                .description("Sample documents written for the Palimpsest demo; no agency, record or capture here is real.")
                .creator(SIGNER_NAME)
                .folder(recovered);
        Set<String> collections = new LinkedHashSet<>();
        for (Map.Entry<ArchivePath, SourceRow> row : sources.rows().entrySet()) {
            content.describe(row.getKey(), row.getValue()::applyTo);
            row.getValue().collection().ifPresent(collections::add);
        }
        for (String id : collections) {
            try {
                content.collection(ArchiveCollection.builder().id(id)
                        .title(Character.toUpperCase(id.charAt(0)) + id.substring(1)).build());
            } catch (dev.palimpsest.core.manifest.ManifestException e) {
                throw new IllegalStateException("the bundled sources table names a bad collection '" + id + "'", e);
            }
        }
        return content.build();
    }

    /** The timestamp token of the bundle signature, for {@code openssl ts -verify}. */
    private static TimestampToken signatureTimestamp(TrustPolicy trust, Path json, Path p7s) throws IOException {
        SignerResult first;
        try {
            first = CmsVerifier.of(trust).verify(Files.readAllBytes(p7s), Files.readAllBytes(json)).signers().get(0);
        } catch (MalformedSignatureException e) {
            throw new IllegalStateException("the signature the demo just made does not parse: " + e.getMessage(), e);
        }
        return first.timestamp().flatMap(SignatureTimestamp::token)
                .orElseThrow(() -> new IllegalStateException("the bundle signature carries no timestamp token"));
    }

    private void printMade(BundleResult written, Path recovered, Path sourcesCsv, Path signerPem, Path tsaPem,
            String tsaUrl, Path bundle, Path portfolio, Path token) {
        int files = written.manifest().entries().size();
        stdout.println("Palimpsest demo: the whole flow, offline, on " + files + " fictional sample documents.");
        stdout.println();
        stdout.println("Made in " + shell(out) + ":");
        List<String> collections = new ArrayList<>();
        written.manifest().collections().forEach(c -> collections.add(c.id()));
        row(recovered, "the " + files + " sample files, as if recovered from a web archive, in " + collections.size()
                + " collections (" + String.join(", ", collections) + ")");
        row(out.resolve("README-samples.txt"), "says what the samples are: fictional, written for this demo");
        row(sourcesCsv, "where each file came from: original URL, web-archive copy, the digest that archive holds");
        row(signerPem, "the demo signer's certificate (publish it, or its fingerprint below)");
        row(tsaPem, "the certificate of the demo time-stamping authority, " + DemoTsa.SUBJECT + ",");
        row(null, "which ran on " + tsaUrl + " during the demo and is stopped now");
        row(bundle, "the signed bundle: a BagIt bag with provenance/archive.json and its timestamped CMS signature"
                + " archive.json.p7s");
        row(portfolio, "the signed PDF/A-3b portfolio (PAdES-BASELINE-T): a cover page, every file attached with"
                + " its provenance, and the signed manifest");
        row(token, "the RFC 3161 timestamp token of the bundle signature, copied out for openssl ts");
    }

    private void row(Path path, String what) {
        String name = path == null ? "" : out.relativize(path) + (Files.isDirectory(path) ? "/" : "");
        stdout.println("  " + String.format(Locale.ROOT, "%-20s", name) + what);
    }

    private void printVerification(VerificationReport bundleReport, VerificationReport portfolioReport,
            Path signerPem, Path tsaPem) {
        stdout.println("Verification (trust anchors: " + out.relativize(signerPem) + " and " + out.relativize(tsaPem)
                + "):");
        for (VerificationReport report : List.of(bundleReport, portfolioReport)) {
            String text = report.toText();
            if (report.verdict() != Verdict.TRUSTED) {
                // something is wrong with what the demo just made: show everything
                stdout.print(text.indent(2));
                continue;
            }
            stdout.println("  " + text.lines().findFirst().orElse(report.verdict().name()));
            for (Problem problem : report.problems()) {
                stdout.println("    " + problem.severity() + " " + problem.code() + " " + problem.path().orElse("")
                        + problem.actual().map(a -> " (file " + a).orElse("")
                        + problem.expected().map(e -> (problem.actual().isPresent() ? ", " : " (") + "recorded " + e)
                                .orElse("")
                        + (problem.actual().isPresent() || problem.expected().isPresent() ? ")" : ""));
            }
        }
        Map<CaptureCheck, List<String>> checks = new TreeMap<>();
        for (EntryResult entry : bundleReport.entries()) {
            entry.captureCheck().ifPresent(c -> checks.computeIfAbsent(c, k -> new ArrayList<>()).add(entry.path()));
        }
        StringBuilder summary = new StringBuilder("  Capture checks (each file's SHA-1 against the digest its web archive"
                + " holds):");
        checks.forEach((check, paths) -> summary.append(' ').append(check).append(' ').append(paths.size()).append(','));
        summary.setLength(summary.length() - (checks.isEmpty() ? 0 : 1));
        stdout.println(summary);
        List<String> notComparable = checks.getOrDefault(CaptureCheck.NOT_COMPARABLE, List.of());
        if (!notComparable.isEmpty()) {
            stdout.println("  NOT_COMPARABLE: the sources table records no web-archive digest for "
                    + String.join(", ", notComparable) + ", so there is nothing to compare with.");
        }
        boolean mismatch = bundleReport.has(ProblemCode.CAPTURE_MISMATCH) || portfolioReport.has(ProblemCode.CAPTURE_MISMATCH);
        if (mismatch) {
            stdout.println("  The CAPTURE_MISMATCH warning is expected: one sample's sources row deliberately records a"
                    + " web-archive digest that differs from the file, to show the capture check. A web archive's digest"
                    + " covers the body as it stored it, so a mismatch is a warning to explain, not proof of tampering.");
        }
    }

    private void printChecks(Path signerPem, Path tsaPem, Path json, Path p7s, Path tokenFile, TimestampToken token,
            Path bundle, Path portfolio) {
        stdout.println("Check the results with other tools:");
        stdout.println("  # the manifest signature (CMS), with OpenSSL: \"CMS Verification successful\"");
        stdout.println("  " + opensslCms(signerPem, json, p7s));
        stdout.println("  # the RFC 3161 timestamp on that signature, which covers the SHA-256 of the signature value:"
                + " \"Verification: OK\"");
        stdout.println("  " + opensslTs(tsaPem, tokenFile, token));
        stdout.println("  # the PDF signature, attachments and structure, with poppler and qpdf (pdfsig says \"Certificate"
                + " issuer is unknown.\" for a self-signed signer: compare the fingerprint instead)");
        stdout.println("  " + String.join(" ", "pdfsig", shell(portfolio)));
        stdout.println("  " + String.join(" ", "pdfdetach", "-list", shell(portfolio)));
        stdout.println("  " + String.join(" ", "qpdf", "--check", shell(portfolio)));
        stdout.println("  # everything, with Palimpsest (add --json for the report as JSON)");
        String palimpsest = launcher();
        stdout.println("  " + String.join(" ", palimpsest, "verify", shell(bundle), "--trust", shell(signerPem),
                "--trust", shell(tsaPem)));
        stdout.println("  " + String.join(" ", palimpsest, "verify", shell(portfolio), "--trust", shell(signerPem),
                "--trust", shell(tsaPem)));
    }

    /** The OpenSSL command that checks the bundle's manifest signature. */
    static String opensslCms(Path signerPem, Path json, Path p7s) {
        // No "-purpose any": the demo certificate, like keygen's, has no extended key usage, so the
        // default S/MIME purpose check accepts it, and the stricter check is the better example.
        return String.join(" ", "openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", shell(p7s),
                "-content", shell(json), "-CAfile", shell(signerPem), "-out", "/dev/null");
    }

    /** The OpenSSL command that checks the timestamp token against the digest it covers. */
    static String opensslTs(Path tsaPem, Path tokenFile, TimestampToken token) {
        return String.join(" ", "openssl", "ts", "-verify", "-in", shell(tokenFile), "-token_in", "-digest",
                token.imprint().hex(), "-CAfile", shell(tsaPem));
    }

    /**
     * How to run this program again: {@code java -jar <jar>} when it runs from a jar, else the
     * {@code palimpsest} alias that the README defines.
     */
    private static String launcher() {
        try {
            Optional<Path> jar = Optional.ofNullable(Demo.class.getProtectionDomain().getCodeSource())
                    .map(source -> source.getLocation())
                    .map(location -> {
                        try {
                            return Path.of(location.toURI());
                        } catch (URISyntaxException | IllegalArgumentException e) {
                            return null;
                        }
                    })
                    .filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(".jar"));
            if (jar.isPresent()) {
                Path here = Path.of("").toAbsolutePath();
                Path path = jar.get().toAbsolutePath();
                return "java -jar " + shell(path.startsWith(here) ? here.relativize(path) : path);
            }
        } catch (SecurityException e) {
            // no code source to show: fall back to the alias
        }
        return "palimpsest";
    }

    /** {@code path} as one shell word: as is when it needs no quoting, else in single quotes. */
    static String shell(Path path) {
        String text = path.toString();
        if (SHELL_SAFE.matcher(text).matches()) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
