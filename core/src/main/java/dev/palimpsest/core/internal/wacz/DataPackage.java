package dev.palimpsest.core.internal.wacz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.verify.Problem;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.Severity;
import dev.palimpsest.core.verify.VerificationReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code datapackage.json} says: the WACZ version, the creation time and one
 * {@link Resource} per listed file. Both resource forms are read: WACZ 1.1 ({@code hash}
 * {@code "sha256:<hex>"} and {@code bytes}) and WACZ 1.0 ({@code stats.hash},
 * {@code stats.bytes} and {@code hashing}).
 */
final class DataPackage {
    static final String PATH = "datapackage.json";
    /** The versions whose layout this verifier knows; 1.2.0 changed nothing it checks. */
    private static final Set<String> KNOWN_VERSIONS = Set.of("1.0.0", "1.1.0", "1.1.1", "1.2.0");

    /** One listed file: its path, its recorded digest and size (null and -1 when not usable). */
    record Resource(String path, DigestValue hash, long bytes) {
    }

    private final String version;
    private final String created;
    private final Map<String, Resource> resources;

    private DataPackage(String version, String created, Map<String, Resource> resources) {
        this.version = version;
        this.created = created;
        this.resources = resources;
    }

    /** The declared {@code wacz_version}, if any. */
    Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /** The {@code created} text exactly as written, if any. */
    Optional<String> created() {
        return Optional.ofNullable(created);
    }

    /** The listed files by path, in the order listed; a path listed twice keeps its first listing. */
    Map<String, Resource> resources() {
        return resources;
    }

    /**
     * Reads the package, reporting every problem with it. Returns a package even when parts are
     * malformed, holding what could be read; an empty one when it is not a JSON object.
     */
    static DataPackage read(byte[] json, VerificationReport.Builder report) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (JsonProcessingException e) {
            invalid(report, "is not JSON: " + Json.describe(e));
            return new DataPackage(null, null, Map.of());
        }
        if (root == null || !root.isObject()) {
            invalid(report, "is not a JSON object");
            return new DataPackage(null, null, Map.of());
        }
        String profile = Json.text(root, "profile");
        if (profile == null) {
            invalid(report, "has no \"profile\"; a WACZ package declares \"profile\": \"data-package\"");
        } else if (!profile.equals("data-package")) {
            invalid(report, "declares \"profile\": \"" + WaczPaths.printable(profile)
                    + "\"; a WACZ package declares \"data-package\"");
        }
        String version = Json.text(root, "wacz_version");
        if (version == null) {
            invalid(report, "has no \"wacz_version\" string, which every WACZ package declares (e.g. \"1.1.1\")");
        } else if (!KNOWN_VERSIONS.contains(version)) {
            report.problem(ProblemCode.WACZ_VERSION_UNSUPPORTED, PATH, PATH + " declares WACZ version \""
                    + WaczPaths.printable(version) + "\", which Palimpsest does not know (it knows "
                    + String.join(", ", new TreeSet<>(KNOWN_VERSIONS)) + "); it is checked as WACZ 1.1.1");
        }
        JsonNode createdNode = root.get("created");
        String created = null;
        if (createdNode != null) {
            if (createdNode.isTextual()) {
                created = createdNode.textValue();
            } else {
                invalid(report, "has a \"created\" that is not a string");
            }
        }
        JsonNode list = root.get("resources");
        Map<String, Resource> resources = new LinkedHashMap<>();
        if (list == null || !list.isArray()) {
            invalid(report, list == null ? "has no \"resources\" list" : "has \"resources\" that is not a list");
        } else {
            boolean strong = false;
            boolean weak = false;
            for (int i = 0; i < list.size(); i++) {
                Resource r = resource(list.get(i), i, report);
                if (r == null) {
                    continue;
                }
                if (resources.containsKey(r.path())) {
                    report.problem(ProblemCode.MANIFEST_DUPLICATE_ENTRY, r.path(), PATH + " lists "
                            + WaczPaths.printable(r.path()) + " more than once (resource " + (i + 1)
                            + "); only the first listing is checked");
                    continue;
                }
                resources.put(r.path(), r);
                if (r.hash() != null) {
                    strong |= r.hash().algorithm().isIntegrityGrade();
                    weak |= !r.hash().algorithm().isIntegrityGrade();
                }
            }
            if (weak && !strong) {
                report.problem(ProblemCode.WEAK_ALGORITHM, PATH, PATH + " protects its files only with MD5 or SHA-1,"
                        + " which do not resist deliberate collisions");
            }
        }
        return new DataPackage(version, created, Collections.unmodifiableMap(resources));
    }

    private static Resource resource(JsonNode node, int index, VerificationReport.Builder report) {
        String where = "resource " + (index + 1);
        if (!node.isObject()) {
            invalid(report, "has a " + where + " that is not a JSON object");
            return null;
        }
        String path = Json.text(node, "path");
        if (path == null) {
            invalid(report, "has a " + where + " without a \"path\" string");
            return null;
        }
        String unsafe = WaczPaths.unsafeReason(path);
        if (unsafe != null) {
            report.problem(Problem.builder(ProblemCode.PATH_UNSAFE).path(PATH)
                    .message(PATH + " lists a resource path that " + unsafe + ": '" + WaczPaths.printable(path)
                            + "'; it is not used")
                    .actual(WaczPaths.printable(path)).build());
            return null;
        }
        JsonNode stats = node.get("stats");
        JsonNode hashNode = node.get("hash");
        JsonNode bytesNode = node.get("bytes");
        if (stats != null && stats.isObject()) {
            // WACZ 1.0.0: {"stats": {"hash": "<hex>", "bytes": n}, "hashing": "sha256"}
            hashNode = hashNode != null ? hashNode : stats.get("hash");
            bytesNode = bytesNode != null ? bytesNode : stats.get("bytes");
        }
        DigestValue hash = hash(path, hashNode, Json.text(node, "hashing"), report);
        long bytes = -1;
        if (bytesNode == null) {
            invalid(report, path, "gives no size (\"bytes\") for " + WaczPaths.printable(path));
        } else if (!bytesNode.isIntegralNumber() || !bytesNode.canConvertToLong() || bytesNode.longValue() < 0) {
            invalid(report, path, "gives a size for " + WaczPaths.printable(path)
                    + " that is not a non-negative integer: " + WaczPaths.printable(bytesNode.toString()));
        } else {
            bytes = bytesNode.longValue();
        }
        return new Resource(path, hash, bytes);
    }

    private static DigestValue hash(String path, JsonNode node, String hashing, VerificationReport.Builder report) {
        if (node == null || !node.isTextual()) {
            invalid(report, path, "gives no hash string for " + WaczPaths.printable(path)
                    + ", so its fixity cannot be checked");
            return null;
        }
        String text = node.textValue().strip();
        int colon = text.indexOf(':');
        String label = colon > 0 ? text.substring(0, colon) : hashing != null ? hashing : "sha256";
        String value = colon > 0 ? text.substring(colon + 1) : text;
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromLabel(label.strip());
        if (algorithm.isEmpty()) {
            report.problem(Problem.builder(ProblemCode.MANIFEST_ALGORITHM_UNSUPPORTED).severity(Severity.ERROR)
                    .path(path).message(PATH + " hashes " + WaczPaths.printable(path) + " with '"
                            + WaczPaths.printable(label) + "', which Palimpsest does not support, so its fixity"
                            + " cannot be checked")
                    .actual(WaczPaths.printable(text)).build());
            return null;
        }
        try {
            return DigestValue.parse(algorithm.get(), value);
        } catch (IllegalArgumentException e) {
            report.problem(Problem.builder(ProblemCode.WACZ_DATAPACKAGE_INVALID).path(path)
                    .message(PATH + " gives a malformed " + algorithm.get().label() + " hash for "
                            + WaczPaths.printable(path) + ": " + e.getMessage())
                    .actual(WaczPaths.printable(text)).build());
            return null;
        }
    }

    private static void invalid(VerificationReport.Builder report, String what) {
        report.problem(ProblemCode.WACZ_DATAPACKAGE_INVALID, PATH, PATH + " " + what);
    }

    private static void invalid(VerificationReport.Builder report, String path, String what) {
        report.problem(ProblemCode.WACZ_DATAPACKAGE_INVALID, path, PATH + " " + what);
    }
}
