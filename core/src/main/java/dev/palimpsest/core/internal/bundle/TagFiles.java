package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
     * Appends one manifest line, {@code <hex>  <path>}, to {@code out}. Paths are relative to the
     * bag root; callers write lines sorted by path.
     */
    public static void manifestLine(OutputStream out, DigestValue digest, String path) {
        try {
            out.write((digest.hex() + "  " + encodePath(path) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the outputs used here are in memory
        }
    }

    /**
     * A manifest path with CR and LF percent-encoded, and a {@code %} encoded as {@code %25} only
     * where it starts one of the three escapes that readers decode ({@code %0A}, {@code %0D},
     * {@code %25}, in either case). RFC 8493 (section 2.1.3) asks for every {@code %} to be
     * encoded, but bagit-java 5.2 does not decode {@code %25}; a lone {@code %} reads the same
     * either way for readers that decode, and leaving it alone keeps such names valid for
     * bagit-java. Only names holding one of the escape sequences themselves need the encoding,
     * and there the RFC is followed. (Archive paths cannot hold CR or LF.)
     */
    public static String encodePath(String path) {
        if (path.indexOf('%') < 0 && path.indexOf('\n') < 0 && path.indexOf('\r') < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\n') {
                out.append("%0A");
            } else if (c == '\r') {
                out.append("%0D");
            } else if (c == '%' && startsEscape(path, i + 1)) {
                out.append("%25");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean startsEscape(String path, int at) {
        if (at + 2 > path.length()) {
            return false;
        }
        String code = path.substring(at, at + 2);
        return code.equalsIgnoreCase("0A") || code.equalsIgnoreCase("0D") || code.equals("25");
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
