package dev.palimpsest.examples.programs;

import dev.palimpsest.core.bag.BagVerifier;
import dev.palimpsest.core.bundle.BundleVerifier;
import dev.palimpsest.core.sign.Certificates;
import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.verify.EntryResult;
import dev.palimpsest.core.verify.EntryStatus;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.SignatureResult;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.core.wacz.WaczVerifier;
import dev.palimpsest.pdf.PdfVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * Verifies an archive someone else published — a Palimpsest bundle, a PDF portfolio (or any
 * signed PDF), a plain BagIt bag, or a WACZ web archive — and reads the report in code: the
 * verdict, each entry's status and capture check, and the problems grouped by code.
 *
 * <pre>
 * java -cp examples/target/palimpsest.jar dev.palimpsest.examples.programs.VerifySomeoneElsesArchive \
 *     PATH [TRUSTED-CERTIFICATES.pem]
 * </pre>
 *
 * Without certificates the best verdict is {@code VALID}: intact and correctly signed, by someone.
 */
public final class VerifySomeoneElsesArchive {
    private VerifySomeoneElsesArchive() {
    }

    /**
     * Runs the program.
     *
     * @param args the archive, and optionally a PEM file of the certificates to trust
     * @throws Exception whatever goes wrong, with a message naming the file
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: VerifySomeoneElsesArchive PATH [TRUSTED-CERTIFICATES.pem]");
            return;
        }
        TrustPolicy trust = args.length == 2
                ? TrustPolicy.builder().anchors(Certificates.read(Path.of(args[1]))).build()
                : TrustPolicy.none();
        VerificationReport report = verify(Path.of(args[0]), trust);
        print(report, System.out);
    }

    /**
     * Verifies {@code archive} with the verifier its kind needs. Every verifier returns the same
     * kind of report and collects every problem rather than stopping at the first.
     *
     * @throws IOException if the archive cannot be read at all (a damaged one gives a report)
     */
    public static VerificationReport verify(Path archive, TrustPolicy trust) throws IOException {
        String name = archive.getFileName() == null ? "" : archive.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pdf")) {
            return PdfVerifier.of(trust).verify(archive);
        }
        if (name.endsWith(".wacz")) {
            return WaczVerifier.builder().trustPolicy(trust).build().verify(archive);
        }
        // A Palimpsest bundle is a BagIt bag with a signed manifest in provenance/; a bag
        // without one is checked as plain BagIt (fixity and completeness only). Either may be a
        // folder or a ZIP holding one.
        if (hasProvenance(archive)) {
            return BundleVerifier.builder().trustPolicy(trust).build().verify(archive);
        }
        return BagVerifier.builder().build().verify(archive);
    }

    private static boolean hasProvenance(Path archive) throws IOException {
        if (Files.isDirectory(archive)) {
            return Files.exists(archive.resolve("provenance/archive.json"));
        }
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            return zip.stream().anyMatch(e -> e.getName().endsWith("provenance/archive.json"));
        }
    }

    /** Prints what a reader wants to know first, reading the report's parts one by one. */
    public static void print(VerificationReport report, PrintStream out) {
        out.println(report.source() + " (" + report.format().label() + "): " + report.verdict());

        for (SignatureResult signature : report.signatures()) {
            out.println("  signature (" + signature.kind().label() + ") by " + signature.signer().orElse("an unknown signer")
                    + ": " + (signature.valid() ? "valid" : "INVALID") + (signature.trusted() ? ", trusted" : "")
                    + signature.timestamp().map(t -> ", timestamped " + t.time()).orElse(""));
        }

        // Entries: one per file (or, in a WACZ, per captured page too), with a status and, when
        // the archive records where the file came from, the capture check against the digest the
        // web archive holds.
        int ok = 0;
        for (EntryResult entry : report.entries()) {
            if (entry.status() == EntryStatus.OK) {
                ok++;
            } else {
                out.println("  " + entry.status() + " " + entry.path());
            }
        }
        long captureChecked = report.entries().stream().filter(e -> e.captureCheck().isPresent()).count();
        out.println("  " + ok + " of " + report.entries().size() + " entries intact; " + captureChecked
                + " with a capture check");

        // Problems, grouped by their stable code: a program reacts to codes, never to messages.
        Map<ProblemCode, List<Problem>> byCode = new EnumMap<>(ProblemCode.class);
        for (Problem problem : report.problems()) {
            byCode.computeIfAbsent(problem.code(), code -> new ArrayList<>()).add(problem);
        }
        byCode.forEach((code, problems) -> {
            out.println("  " + code + " (" + code.summary() + "): " + problems.size());
            for (Problem problem : problems) {
                String path = problem.path().orElse("-");
                // most messages name the file already
                out.println("    " + (problem.message().startsWith(path) ? "" : path + ": ") + problem.message());
            }
        });
        if (report.has(ProblemCode.CAPTURE_MISMATCH)) {
            out.println("  (a capture mismatch is a warning to look into, not proof of tampering)");
        }
    }
}
