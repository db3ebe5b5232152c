package dev.palimpsest.pdf.internal.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Decodes stream data: no filter, or {@code /FlateDecode} with an optional PNG or TIFF predictor.
 * That is every filter that object streams, cross-reference streams, the DSS and portfolio
 * attachments use; any other filter is an error. Output is always bounded by the caller.
 */
public final class Streams {
    private Streams() {
    }

    /** Whether the stream has a filter this class cannot decode; the name of that filter, else null. */
    public static String unsupportedFilter(PdfValue.Stream stream) {
        PdfValue f = stream.dict().get("Filter");
        if (f == PdfValue.Null.INSTANCE) {
            return null;
        }
        if (f instanceof PdfValue.Arr) {
            PdfValue.Arr a = (PdfValue.Arr) f;
            if (a.size() == 0) {
                return null;
            }
            if (a.size() > 1) {
                return a.toString();
            }
            f = a.get(0);
        }
        if (f instanceof PdfValue.Name && ((PdfValue.Name) f).value().equals("FlateDecode")) {
            return null;
        }
        return f.toString();
    }

    private static boolean flate(PdfValue.Stream stream) {
        PdfValue f = stream.dict().get("Filter");
        if (f instanceof PdfValue.Arr && ((PdfValue.Arr) f).size() == 1) {
            f = ((PdfValue.Arr) f).get(0);
        }
        return f instanceof PdfValue.Name;
    }

    private static PdfValue.Dict parms(PdfValue.Stream stream) {
        PdfValue p = stream.dict().get("DecodeParms");
        if (p instanceof PdfValue.Arr && ((PdfValue.Arr) p).size() == 1) {
            p = ((PdfValue.Arr) p).get(0);
        }
        return p instanceof PdfValue.Dict ? (PdfValue.Dict) p : null;
    }

    /**
     * The decoded bytes of a stream without a predictor, as a stream that ends after at most
     * {@code limit} bytes (so the caller can tell "longer than expected" from the count).
     *
     * @throws PdfSyntaxException if the filter is not supported or a predictor is given
     */
    public static InputStream open(ByteSource src, PdfValue.Stream stream) throws PdfSyntaxException {
        String unsupported = unsupportedFilter(stream);
        if (unsupported != null) {
            throw new PdfSyntaxException("the stream uses the filter " + unsupported + ", which is not supported here");
        }
        if (parms(stream) != null && parms(stream).has("Predictor")) {
            throw new PdfSyntaxException("the stream uses a predictor, which is not supported here");
        }
        InputStream raw = src.stream(stream.dataStart(), stream.dataStart() + stream.length());
        return flate(stream) ? new InflaterInputStream(raw, new Inflater(), 64 * 1024) : raw;
    }

    /**
     * All decoded bytes of a (small) stream, predictor applied.
     *
     * @throws PdfSyntaxException if the filter is unsupported, the data does not inflate, or
     *     decodes to more than {@code maxBytes}
     */
    public static byte[] decode(ByteSource src, PdfValue.Stream stream, int maxBytes, String what)
            throws IOException, PdfSyntaxException {
        String unsupported = unsupportedFilter(stream);
        if (unsupported != null) {
            throw new PdfSyntaxException(what + " uses the filter " + unsupported + ", which is not supported");
        }
        byte[] data;
        try (InputStream in = flate(stream)
                ? new InflaterInputStream(src.stream(stream.dataStart(), stream.dataStart() + stream.length()))
                : src.stream(stream.dataStart(), stream.dataStart() + stream.length())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0;) {
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    throw new PdfSyntaxException(what + " decodes to more than " + maxBytes + " bytes", true);
                }
            }
            data = out.toByteArray();
        } catch (java.util.zip.ZipException e) {
            throw new PdfSyntaxException(what + " is not valid Flate data: " + e.getMessage());
        } catch (java.io.EOFException e) {
            throw new PdfSyntaxException(what + " ends in the middle of its Flate data");
        }
        PdfValue.Dict parms = parms(stream);
        if (parms == null) {
            return data;
        }
        long predictor = integer(parms, "Predictor", 1);
        if (predictor == 1) {
            return data;
        }
        long colors = integer(parms, "Colors", 1);
        long bpc = integer(parms, "BitsPerComponent", 8);
        long columns = integer(parms, "Columns", 1);
        if (colors < 1 || colors > 32 || (bpc != 1 && bpc != 2 && bpc != 4 && bpc != 8 && bpc != 16) || columns < 1
                || columns > 1 << 20) {
            throw new PdfSyntaxException(what + " has invalid predictor parameters");
        }
        int bytesPerPixel = (int) Math.max(1, (colors * bpc + 7) / 8);
        int rowLength = (int) ((colors * bpc * columns + 7) / 8);
        if (predictor == 2) {
            if (bpc != 8) {
                throw new PdfSyntaxException(what + " uses a TIFF predictor with " + bpc + " bits per component");
            }
            for (int row = 0; row + rowLength <= data.length; row += rowLength) {
                for (int i = bytesPerPixel; i < rowLength; i++) {
                    data[row + i] = (byte) (data[row + i] + data[row + i - bytesPerPixel]);
                }
            }
            return data;
        }
        if (predictor < 10 || predictor > 15) {
            throw new PdfSyntaxException(what + " uses the unknown predictor " + predictor);
        }
        return png(data, rowLength, bytesPerPixel, what);
    }

    private static byte[] png(byte[] data, int rowLength, int bpp, String what) throws PdfSyntaxException {
        int rows = data.length / (rowLength + 1);
        byte[] out = new byte[rows * rowLength];
        byte[] prior = new byte[rowLength];
        for (int r = 0; r < rows; r++) {
            int in = r * (rowLength + 1);
            int type = data[in] & 0xff;
            int o = r * rowLength;
            for (int i = 0; i < rowLength; i++) {
                int x = data[in + 1 + i] & 0xff;
                int a = i >= bpp ? out[o + i - bpp] & 0xff : 0;
                int b = prior[i] & 0xff;
                int c = i >= bpp ? prior[i - bpp] & 0xff : 0;
                int v;
                switch (type) {
                    case 0: v = x; break;
                    case 1: v = x + a; break;
                    case 2: v = x + b; break;
                    case 3: v = x + ((a + b) >>> 1); break;
                    case 4: v = x + paeth(a, b, c); break;
                    default:
                        throw new PdfSyntaxException(what + " has the unknown PNG filter type " + type + " in row " + r);
                }
                out[o + i] = (byte) v;
            }
            System.arraycopy(out, o, prior, 0, rowLength);
        }
        return out;
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        if (pa <= pb && pa <= pc) {
            return a;
        }
        return pb <= pc ? b : c;
    }

    private static long integer(PdfValue.Dict d, String key, long fallback) throws PdfSyntaxException {
        PdfValue v = d.get(key);
        if (v == PdfValue.Null.INSTANCE) {
            return fallback;
        }
        if (v instanceof PdfValue.Num && ((PdfValue.Num) v).isInteger()) {
            return ((PdfValue.Num) v).longValue();
        }
        throw new PdfSyntaxException("/" + key + " is not an integer");
    }
}
