package dev.palimpsest.pdf.internal.verify;

import dev.palimpsest.core.digest.DigestAlgorithm;
import java.util.Map;
import java.util.Optional;

/**
 * Just enough DER (and BER) to find where the one CMS object in a signature's {@code /Contents}
 * ends, and which digest algorithm its first signer uses, without handing the padded bytes to a
 * parser that rejects them (Bouncy Castle 1.85+ refuses data after the object).
 */
final class Der {
    private static final int MAX_DEPTH = 64;
    private static final Map<String, DigestAlgorithm> DIGESTS = Map.of(
            "2.16.840.1.101.3.4.2.1", DigestAlgorithm.SHA256,
            "2.16.840.1.101.3.4.2.2", DigestAlgorithm.SHA384,
            "2.16.840.1.101.3.4.2.3", DigestAlgorithm.SHA512,
            "2.16.840.1.101.3.4.2.4", DigestAlgorithm.SHA224,
            "2.16.840.1.101.3.4.2.8", DigestAlgorithm.SHA3_256,
            "1.3.14.3.2.26", DigestAlgorithm.SHA1,
            "1.2.840.113549.2.5", DigestAlgorithm.MD5);

    private Der() {
    }

    /** A tag-length-value: where its contents start and end (for indefinite length, before the end-of-contents). */
    private record Tlv(int tag, boolean constructed, int contentStart, int contentEnd, int end) {
    }

    /** The length of the first object in {@code b}, or -1 when it is not one well-formed object. */
    static int firstObjectLength(byte[] b) {
        Tlv t = read(b, 0, b.length, 0);
        return t == null ? -1 : t.end();
    }

    private static Tlv read(byte[] b, int pos, int limit, int depth) {
        if (depth > MAX_DEPTH || pos >= limit) {
            return null;
        }
        int tagByte = b[pos] & 0xff;
        boolean constructed = (tagByte & 0x20) != 0;
        int p = pos + 1;
        if ((tagByte & 0x1f) == 0x1f) {
            while (p < limit && (b[p] & 0x80) != 0) {
                p++;
            }
            p++;
        }
        if (p >= limit) {
            return null;
        }
        int first = b[p++] & 0xff;
        if (first < 0x80) {
            return p + first <= limit ? new Tlv(tagByte, constructed, p, p + first, p + first) : null;
        }
        if (first == 0x80) {
            if (!constructed) {
                return null;
            }
            int q = p;
            while (true) {
                if (q + 1 < limit && b[q] == 0 && b[q + 1] == 0) {
                    return new Tlv(tagByte, true, p, q, q + 2);
                }
                Tlv inner = read(b, q, limit, depth + 1);
                if (inner == null) {
                    return null;
                }
                q = inner.end();
            }
        }
        int n = first & 0x7f;
        if (n > 4 || p + n > limit) {
            return null;
        }
        long len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (b[p++] & 0xff);
        }
        if (len > limit - p) {
            return null;
        }
        return new Tlv(tagByte, constructed, p, p + (int) len, p + (int) len);
    }

    /** The digest algorithm of the first SignerInfo of a CMS SignedData ContentInfo, when recognised. */
    static Optional<DigestAlgorithm> firstSignerDigest(byte[] cms) {
        try {
            Tlv contentInfo = read(cms, 0, cms.length, 0);
            if (contentInfo == null || contentInfo.tag() != 0x30) {
                return Optional.empty();
            }
            Tlv oid = read(cms, contentInfo.contentStart(), contentInfo.contentEnd(), 1);
            Tlv explicit = read(cms, oid.end(), contentInfo.contentEnd(), 1);
            Tlv signedData = read(cms, explicit.contentStart(), explicit.contentEnd(), 2);
            int p = signedData.contentStart();
            Tlv last = null;
            // version, digestAlgorithms, encapContentInfo, [0] certificates, [1] crls, signerInfos
            while (p < signedData.contentEnd()) {
                last = read(cms, p, signedData.contentEnd(), 3);
                if (last == null) {
                    return Optional.empty();
                }
                p = last.end();
            }
            if (last == null || last.tag() != 0x31) {
                return Optional.empty();
            }
            Tlv signerInfo = read(cms, last.contentStart(), last.contentEnd(), 4);
            Tlv version = read(cms, signerInfo.contentStart(), signerInfo.contentEnd(), 5);
            Tlv sid = read(cms, version.end(), signerInfo.contentEnd(), 5);
            Tlv algorithm = read(cms, sid.end(), signerInfo.contentEnd(), 5);
            Tlv algOid = read(cms, algorithm.contentStart(), algorithm.contentEnd(), 6);
            if (algOid.tag() != 0x06) {
                return Optional.empty();
            }
            return Optional.ofNullable(DIGESTS.get(oid(cms, algOid.contentStart(), algOid.contentEnd())));
        } catch (RuntimeException e) {
            // Malformed input reaches here as a null dereference; the CMS parser will say what is wrong.
            return Optional.empty();
        }
    }

    private static String oid(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        long value = 0;
        boolean firstArc = true;
        for (int i = from; i < to; i++) {
            value = (value << 7) | (b[i] & 0x7f);
            if ((b[i] & 0x80) == 0) {
                if (firstArc) {
                    long a = Math.min(value / 40, 2);
                    sb.append(a).append('.').append(value - a * 40);
                    firstArc = false;
                } else {
                    sb.append('.').append(value);
                }
                value = 0;
            }
        }
        return sb.toString();
    }
}
