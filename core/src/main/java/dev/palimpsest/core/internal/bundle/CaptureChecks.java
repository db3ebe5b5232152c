package dev.palimpsest.core.internal.bundle;

import dev.palimpsest.core.capture.CaptureCheckResult;
import dev.palimpsest.core.capture.CaptureEvidence;
import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.core.manifest.CaptureCheck;
import dev.palimpsest.core.manifest.CaptureRecord;
import dev.palimpsest.core.manifest.CdxRecord;
import dev.palimpsest.core.manifest.WarcSource;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The capture check at verification: the file's digest, computed now, against the digest the web
 * archive holds for the capture (the CDX row's, else the WARC record's payload digest), as
 * {@link CaptureEvidence} judges it. A capture record without such a digest falls back to the
 * check recorded at recovery, if any.
 */
final class CaptureChecks {
    private CaptureChecks() {
    }

    /** The archive's digest for the capture as written, if it holds one. */
    private static Optional<String> archiveDigest(CaptureRecord capture) {
        Optional<String> cdx = capture.cdx().flatMap(CdxRecord::digest).filter(d -> !d.isBlank() && !d.equals("-"));
        return cdx.isPresent() ? cdx : capture.warc().flatMap(WarcSource::payloadDigest);
    }

    /** The algorithm the file must be hashed with to compare it with the archive's digest; SHA-1 by the CDX convention. */
    static Optional<DigestAlgorithm> algorithm(CaptureRecord capture) {
        return archiveDigest(capture).map(text -> {
            int colon = text.indexOf(':');
            return colon > 0 ? DigestAlgorithm.fromLabel(text.substring(0, colon)).orElse(DigestAlgorithm.SHA1)
                    : DigestAlgorithm.SHA1;
        });
    }

    /**
     * The check for a file with the digests {@code actual}; empty when the file's digest could
     * not be computed (the file is missing or unreadable).
     */
    static Optional<CaptureCheckResult> check(CaptureRecord capture, Map<DigestAlgorithm, DigestValue> actual) {
        Optional<String> digest = archiveDigest(capture);
        if (digest.isEmpty()) {
            if (capture.check().isPresent()) {
                return Optional.of(new CaptureCheckResult(capture.check().get(), "recorded at recovery (the capture"
                        + " record keeps no archive digest to check again)" + capture.checkExplanation()
                        .map(e -> ": " + e).orElse("")));
            }
            return Optional.of(new CaptureCheckResult(CaptureCheck.NOT_COMPARABLE,
                    "the capture record holds no digest from the web archive to compare the file with"));
        }
        DigestValue file = actual == null ? null : actual.get(algorithm(capture).orElseThrow());
        if (file == null) {
            return Optional.empty();
        }
        boolean revisit = capture.cdx().flatMap(CdxRecord::mimetype)
                .map(m -> m.toLowerCase(Locale.ROOT).equals("warc/revisit")).orElse(false);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        capture.responseHeaders().forEach((name, values) -> values.forEach(v -> headers.add(new SimpleImmutableEntry<>(name, v))));
        CaptureEvidence evidence;
        try {
            evidence = CaptureEvidence.builder().archiveDigest(digest.get()).revisit(revisit).replayHeaders(headers)
                    .build();
        } catch (IllegalArgumentException e) {
            evidence = CaptureEvidence.builder().archiveDigest(digest.get()).revisit(revisit).build();
        }
        return Optional.of(evidence.check(file));
    }
}
