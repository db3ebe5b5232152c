import eu.europa.esig.dss.diagnostic.TimestampWrapper;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.policy.ValidationPolicyFacade;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates PDFs with EU DSS and prints what it found, one fact per line, for
 * PadesDssValidationTest to parse. Run on DSS's own class path (target/dss-classpath), never the
 * project's, as a single-file program:
 *
 *   java -cp 'target/dss-classpath/*' src/test/dss/DssValidator.java --trust ca.pem FILE.pdf...
 *
 * Offline: no AIA, CRL or OCSP fetching; the trust anchors are the --trust certificates only.
 * The policy is DSS's default (policy/constraint.xml) made strict: every constraint at level WARN
 * is raised to FAIL, except those named by --keep-warn (which a test certificate cannot meet,
 * e.g. a missing AIA extension, and which say nothing about the PDF). Warnings and errors of the
 * simple report are printed too.
 */
public final class DssValidator {
    public static void main(String[] args) throws Exception {
        List<X509Certificate> anchors = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        Set<String> keepWarn = new java.util.TreeSet<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--trust":
                    anchors.addAll(readPem(Path.of(args[++i])));
                    break;
                case "--keep-warn":
                    keepWarn.addAll(List.of(args[++i].split(",")));
                    break;
                default:
                    files.add(Path.of(args[i]));
            }
        }
        ValidationPolicy policy = strictPolicy(keepWarn);
        for (Path file : files) {
            CommonCertificateVerifier verifier = new CommonCertificateVerifier();
            CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
            for (X509Certificate anchor : anchors) {
                trusted.addCertificate(new CertificateToken(anchor));
            }
            verifier.setTrustedCertSources(trusted);
            verifier.setAIASource(null);
            verifier.setCrlSource(null);
            verifier.setOcspSource(null);
            SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(file.toFile()));
            validator.setCertificateVerifier(verifier);
            Reports reports = validator.validateDocument(policy);
            SimpleReport simple = reports.getSimpleReport();
            System.out.println("file=" + file);
            System.out.println("signatures=" + simple.getSignaturesCount());
            for (String id : simple.getSignatureIdList()) {
                System.out.println("signature=" + id + " indication=" + simple.getIndication(id) + " subIndication="
                        + simple.getSubIndication(id) + " format=" + simple.getSignatureFormat(id));
                simple.getAdESValidationErrors(id).forEach(m -> System.out.println("error=" + m.getValue()));
                simple.getAdESValidationWarnings(id).forEach(m -> System.out.println("warning=" + m.getValue()));
            }
            List<TimestampWrapper> timestamps = reports.getDiagnosticData().getTimestampList();
            System.out.println("timestamps=" + timestamps.size());
            for (TimestampWrapper t : timestamps) {
                System.out.println("timestamp=" + t.getId() + " type=" + t.getType() + " imprintIntact="
                        + t.isMessageImprintDataIntact() + " indication="
                        + reports.getDetailedReport().getBasicTimestampValidationIndication(t.getId()));
            }
            System.out.println("end");
        }
    }

    private static ValidationPolicy strictPolicy(Set<String> keepWarn) throws Exception {
        String xml;
        try (InputStream in = DssValidator.class.getClassLoader().getResourceAsStream("policy/constraint.xml")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("<(\\w+)(\\s[^>]*?)?Level=\"WARN\"").matcher(xml);
        StringBuilder strict = new StringBuilder();
        while (m.find()) {
            String replacement = keepWarn.contains(m.group(1)) ? m.group() : m.group().replace("Level=\"WARN\"", "Level=\"FAIL\"");
            m.appendReplacement(strict, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(strict);
        return ValidationPolicyFacade.newFacade().getValidationPolicy(
                new ByteArrayInputStream(strict.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static List<X509Certificate> readPem(Path file) throws Exception {
        List<X509Certificate> certs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
        }
        return certs;
    }
}
