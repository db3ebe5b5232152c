package dev.palimpsest.pdf.internal.portfolio;

import java.util.Set;

/**
 * Which attachments are worth compressing. PDFs, images, audio, video and archives are
 * usually compressed already, and deflating them again costs time for no gain (often a few
 * bytes of loss), so they are stored raw; text-like formats shrink several-fold with Flate.
 */
final class MediaTypes {
    private static final Set<String> COMPRESSIBLE = Set.of(
            "application/json", "application/xml", "application/javascript", "application/ecmascript",
            "application/x-ndjson", "application/rtf", "application/postscript", "application/x-tex",
            "application/warc", "application/x-sh", "application/sql", "application/msword",
            "application/vnd.ms-excel", "application/vnd.ms-powerpoint", "application/x-csh",
            "application/csv", "image/bmp", "image/x-ms-bmp", "image/svg+xml");

    private MediaTypes() {
    }

    static boolean compressible(String mediaType) {
        return mediaType.startsWith("text/") || mediaType.endsWith("+xml") || mediaType.endsWith("+json")
                || COMPRESSIBLE.contains(mediaType);
    }
}
