package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The text of a bundle's BagIt tag files (RFC 8493), always BagIt 1.0 in UTF-8 with LF line
 * ends: {@code bagit.txt}, {@code bag-info.txt}, and payload and tag manifests.
 */
public final class TagFiles {
    /** The bundle's signed manifest, relative to the bag root. */
    public static final String ARCHIVE_JSON = "provenance/archive.json";
    /** The detached CMS signature over {@link #ARCHIVE_JSON}. */
    public static final String ARCHIVE_SIGNATURE = "provenance/archive.json.p7s";
    /** The declaration; its content never varies. */
    public static final byte[] BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
            .getBytes(StandardCharsets.UTF_8);

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private TagFiles() {
    }

    /** {@code manifest-<label>.txt}. */
    public static String manifestName(DigestAlgorithm algorithm) {
        return "manifest-" + algorithm.label() + ".txt";
    }

    /** {@code tagmanifest-<label>.txt}. */
    public static String tagManifestName(DigestAlgorithm algorithm) {
        return "tagmanifest-" + algorithm.label() + ".txt";
    }

    /**
     * A manifest: one line {@code <hex>  <path>} per file, in the order given (callers sort by
     * path). Paths are relative to the bag root.
     */
    public static byte[] manifest(List<Map.Entry<String, DigestValue>> lines) {
        StringBuilder out = new StringBuilder(lines.size() * 120);
        for (Map.Entry<String, DigestValue> line : lines) {
            out.append(line.getValue().hex()).append("  ").append(encodePath(line.getKey())).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A manifest path as RFC 8493 section 2.1.3 requires: CR, LF and {@code %} percent-encoded,
     * nothing else. (Archive paths cannot hold CR or LF; tag file names from other tools might.)
     */
    public static String encodePath(String path) {
        if (path.indexOf('%') < 0 && path.indexOf('\n') < 0 && path.indexOf('\r') < 0) {
            return path;
        }
        return path.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D");
    }

    /**
     * {@code bag-info.txt} from labelled values, in the order given. A value's line breaks become
     * continuation lines (a line break followed by two spaces), which readers join back.
     */
    public static byte[] bagInfo(List<Map.Entry<String, String>> elements) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : elements) {
            out.append(e.getKey()).append(": ").append(LINE_BREAK.matcher(e.getValue()).replaceAll("\n  ")).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
