package dev.palimpsest.pdf.apitests;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

/** Reads signatures out of a signed PDF's raw bytes, as a verifier would, without the signing code. */
final class SignedPdfs {
    private SignedPdfs() {
    }

    /** One signature (or document timestamp) dictionary with what it covers. */
    record Signature(String type, String filter, String subFilter, int[] byteRange, byte[] contents, byte[] reserved,
            String signDate, PDSignature dictionary) {
        /** The digest of the bytes the signature covers. */
        DigestValue digest(DigestAlgorithm algorithm, byte[] pdf) {
            MessageDigest md = algorithm.newMessageDigest();
            md.update(pdf, byteRange[0], byteRange[1]);
            md.update(pdf, byteRange[2], byteRange[3]);
            return DigestValue.of(algorithm, md.digest());
        }

        /** Where the revision that added the signature ends. */
        int end() {
            return byteRange[2] + byteRange[3];
        }
    }

    /** Every signature dictionary, in file order, with its /Contents as the one DER object without padding. */
    static List<Signature> signatures(byte[] pdf) throws IOException {
        List<Signature> out = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (PDSignature sig : doc.getSignatureDictionaries()) {
                int[] br = sig.getByteRange();
                // The gap is exactly the hex string <...> of /Contents.
                String hex = new String(pdf, br[1] + 1, br[2] - br[1] - 2, StandardCharsets.US_ASCII);
                byte[] reserved = java.util.HexFormat.of().parseHex(hex);
                out.add(new Signature(sig.getCOSObject().getNameAsString(COSName.TYPE), sig.getFilter(), sig.getSubFilter(),
                        br, derPrefix(reserved), reserved, sig.getCOSObject().getString(COSName.M), sig));
            }
        }
        out.sort((a, b) -> Integer.compare(a.byteRange()[1], b.byteRange()[1]));
        return out;
    }

    /** The leading DER object (definite length) of {@code bytes}. */
    static byte[] derPrefix(byte[] bytes) {
        int lengthByte = bytes[1] & 0xff;
        int header = 2;
        long length = lengthByte;
        if (lengthByte > 0x80) {
            int n = lengthByte & 0x7f;
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (bytes[2 + i] & 0xff);
            }
            header += n;
        }
        return Arrays.copyOf(bytes, (int) (header + length));
    }

    /** Whether every byte after the DER object is zero, as padding must be. */
    static boolean zeroPadded(Signature s) {
        for (int i = s.contents().length; i < s.reserved().length; i++) {
            if (s.reserved()[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
