package dev.palimpsest.core.internal.wacz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.VerificationReport;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code datapackage-digest.json} says: the digest of {@code datapackage.json} and, for a
 * signed WACZ, the {@code signedData} of the WACZ signing specification.
 */
final class DigestFile {
    static final String PATH = "datapackage-digest.json";

    /**
     * The signature object. Every property is the text as written, or null when absent. Which
     * properties are present decides the kind: {@code publicKey} for an anonymous signature,
     * {@code domain} and {@code domainCert} for a domain-identity one.
     */
    record SignedData(String hash, String created, String software, String signature, String publicKey,
            String domain, String domainCert, String timeSignature, String timestampCert, String crossSignedCert) {
    }

    private final DigestValue hash;
    private final boolean signed;
    private final SignedData signedData;

    private DigestFile(DigestValue hash, boolean signed, SignedData signedData) {
        this.hash = hash;
        this.signed = signed;
        this.signedData = signedData;
    }

    /** Whether the file has a {@code signedData}, well formed or not. */
    boolean signed() {
        return signed;
    }

    /** The digest the file gives for {@code datapackage.json}, when it gives a well-formed one. */
    Optional<DigestValue> hash() {
        return Optional.ofNullable(hash);
    }

    /** The signature, when there is one and it is a JSON object of strings. */
    Optional<SignedData> signedData() {
        return Optional.ofNullable(signedData);
    }

    /** Reads the file, reporting what is malformed; never null. */
    static DigestFile read(byte[] json, VerificationReport.Builder report) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (JsonProcessingException e) {
            invalid(report, "is not JSON: " + Json.describe(e));
            return new DigestFile(null, false, null);
        }
        if (root == null || !root.isObject()) {
            invalid(report, "is not a JSON object");
            return new DigestFile(null, false, null);
        }
        String path = Json.text(root, "path");
        if (path == null) {
            invalid(report, "has no \"path\"; it must be \"datapackage.json\"");
        } else if (!path.equals(DataPackage.PATH)) {
            invalid(report, "gives the digest of \"" + WaczPaths.printable(path) + "\"; it must be of \""
                    + DataPackage.PATH + "\"");
        }
        DigestValue hash = null;
        String hashText = Json.text(root, "hash");
        if (hashText == null) {
            invalid(report, "has no \"hash\" string");
        } else {
            try {
                hash = DigestValue.parseLabelled(hashText);
            } catch (IllegalArgumentException e) {
                invalid(report, "has a malformed \"hash\": " + e.getMessage());
            }
        }
        JsonNode signed = root.get("signedData");
        boolean present = signed != null && !signed.isNull();
        return new DigestFile(hash, present, present ? signedData(signed, report) : null);
    }

    private static SignedData signedData(JsonNode node, VerificationReport.Builder report) {
        if (!node.isObject()) {
            report.problem(ProblemCode.SIGNATURE_MALFORMED, PATH, PATH + " has a \"signedData\" that is not a JSON object");
            return null;
        }
        boolean strings = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> member = it.next();
            if (!member.getValue().isTextual() && !member.getValue().isNull()) {
                report.problem(ProblemCode.SIGNATURE_MALFORMED, PATH, PATH + ": signedData \""
                        + WaczPaths.printable(member.getKey()) + "\" is not a string");
                strings = false;
            }
        }
        if (!strings) {
            return null;
        }
        return new SignedData(Json.text(node, "hash"), Json.text(node, "created"), Json.text(node, "software"),
                Json.text(node, "signature"), Json.text(node, "publicKey"), Json.text(node, "domain"),
                Json.text(node, "domainCert"), Json.text(node, "timeSignature"), Json.text(node, "timestampCert"),
                Json.text(node, "crossSignedCert"));
    }

    private static void invalid(VerificationReport.Builder report, String what) {
        report.problem(ProblemCode.WACZ_DIGEST_FILE_INVALID, PATH, PATH + " " + what);
    }
}
