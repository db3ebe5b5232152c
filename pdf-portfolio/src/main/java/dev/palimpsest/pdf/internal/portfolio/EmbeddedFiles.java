package dev.palimpsest.pdf.internal.portfolio;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import dev.palimpsest.pdf.ContentSource;
import dev.palimpsest.pdf.PortfolioException;
import dev.palimpsest.pdf.internal.io.FileRead;
import dev.palimpsest.pdf.internal.io.FileSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;

/**
 * Embeds files as PDF/A-3 associated files: an embedded file stream with its MIME subtype and
 * {@code /Params}, inside a file specification with {@code /F}, {@code /UF}, {@code /Desc} and
 * {@code /AFRelationship}. The bytes are copied once from their source into the document's
 * stream cache (a temporary file), hashed on the way, and checked against what was declared.
 */
final class EmbeddedFiles {
    static final COSName AF_RELATIONSHIP = COSName.getPDFName("AFRelationship");
    static final COSName EMBEDDED_FILE = COSName.getPDFName("EmbeddedFile");
    static final COSName CHECK_SUM = COSName.getPDFName("CheckSum");

    /** The {@code /AFRelationship} values used here. */
    enum Relationship {
        SOURCE("Source"), DATA("Data"), SUPPLEMENT("Supplement");

        final COSName name;

        Relationship(String name) {
            this.name = COSName.getPDFName(name);
        }
    }

    /** What to embed and what to expect of it. */
    record Spec(String name, String description, String mediaType, Optional<Long> size,
            Optional<DigestValue> sha256, Optional<DigestValue> md5, Optional<Instant> created, Instant modified,
            Relationship relationship, Optional<COSDictionary> collectionItem, ContentSource content) {
    }

    private static final int BUFFER = 1 << 20;

    private EmbeddedFiles() {
    }

    /**
     * Embeds {@code spec}'s bytes and returns its file specification dictionary.
     *
     * @throws PortfolioException naming the file, if it cannot be read or its bytes differ from
     *     the declared size or digests
     */
    static COSDictionary embed(COSDocument document, Spec spec, Future<Prehashed> prehashed) throws IOException {
        MessageDigest md5 = DigestAlgorithm.MD5.newMessageDigest();
        MessageDigest sha256 = DigestAlgorithm.SHA256.newMessageDigest();
        boolean compress = MediaTypes.compressible(spec.mediaType());
        long limit = spec.size().orElse(Long.MAX_VALUE);
        COSStream stream;
        long size;
        byte[] md5Bytes;
        if (streamedFromFile(spec)) {
            // A file stored raw is copied by the save from the disk into the PDF, not into the
            // stream cache first, and its SHA-256 (and declared MD5) checked on the way. The MD5
            // for /CheckSum, which is written before the bytes, is the manifest's when it has one,
            // else computed beforehand (see prehash).
            Path file = ((FileSource) spec.content()).path();
            size = spec.size().get();
            long actual = Files.size(file);
            if (actual != size) {
                throw new PortfolioException(spec.name(), "has " + actual + " bytes, the manifest declares " + size);
            }
            if (spec.md5().isPresent()) {
                md5Bytes = spec.md5().get().bytes();
            } else {
                Prehashed hashed = join(spec, prehashed);
                check(spec, hashed.size());
                md5Bytes = hashed.md5();
            }
            stream = new COSStream(null, new FileRead(spec.name(), file, size, spec.sha256().orElseThrow(),
                    spec.md5().orElse(null)).view());
        } else {
            stream = document.createCOSStream();
            try (OutputStream out = compress ? stream.createOutputStream(COSName.FLATE_DECODE) : stream.createOutputStream();
                    InputStream in = open(spec)) {
                size = copy(spec, in, out, limit, md5, sha256);
            }
            check(spec, size);
            check(spec, spec.sha256(), sha256.digest());
            md5Bytes = md5.digest();
        }
        check(spec, spec.md5(), md5Bytes);

        stream.setItem(COSName.TYPE, EMBEDDED_FILE);
        stream.setItem(COSName.SUBTYPE, COSName.getPDFName(spec.mediaType()));
        COSDictionary params = new COSDictionary();
        params.setDirect(true);
        params.setItem(COSName.SIZE, COSInteger.get(size));
        spec.created().ifPresent(created -> params.setItem(COSName.CREATION_DATE, PdfDates.pdf(created)));
        params.setItem(COSName.MOD_DATE, PdfDates.pdf(spec.modified()));
        // The raw 16 bytes, as ISO 32000-1 7.11.4 requires; PDEmbeddedFile.setCheckSum(String) would write hex text.
        params.setItem(CHECK_SUM, new COSString(md5Bytes));
        stream.setItem(COSName.PARAMS, params);

        COSDictionary ef = new COSDictionary();
        ef.setDirect(true);
        ef.setItem(COSName.F, stream);
        ef.setItem(COSName.UF, stream);

        COSDictionary fileSpec = new COSDictionary();
        fileSpec.setItem(COSName.TYPE, COSName.FILESPEC);
        fileSpec.setItem(COSName.F, new COSString(asciiName(spec.name())));
        fileSpec.setItem(COSName.UF, new COSString(spec.name()));
        fileSpec.setItem(COSName.DESC, new COSString(spec.description()));
        fileSpec.setItem(COSName.EF, ef);
        fileSpec.setItem(AF_RELATIONSHIP, spec.relationship().name);
        spec.collectionItem().ifPresent(ci -> fileSpec.setItem(PdfCollection.CI, ci));
        return fileSpec;
    }

    /** The size and MD5 of a file, computed before it is embedded. */
    record Prehashed(long size, byte[] md5) {
    }

    /**
     * Whether {@code spec} is a file stored raw that the save copies straight from disk. Unless
     * its MD5 is declared, it must be {@linkplain #prehash hashed} first. (Not beyond 2 GiB: PDFBox
     * keeps a stream's length from such a source as an int.)
     */
    static boolean streamedFromFile(Spec spec) {
        return spec.content() instanceof FileSource && !MediaTypes.compressible(spec.mediaType())
                && spec.size().isPresent() && spec.size().get() <= Integer.MAX_VALUE && spec.sha256().isPresent();
    }

    /** Whether {@code spec} needs {@link #prehash} before it is embedded. */
    static boolean needsPrehash(Spec spec) {
        return streamedFromFile(spec) && spec.md5().isEmpty();
    }

    /** Reads a {@linkplain #streamedFromFile file} once for its size and MD5; safe on any thread. */
    static Prehashed prehash(Spec spec) throws IOException {
        MessageDigest md5 = DigestAlgorithm.MD5.newMessageDigest();
        byte[] buffer = new byte[BUFFER];
        long size = 0;
        long limit = spec.size().get();
        try (InputStream in = open(spec)) {
            for (int n; (n = read(spec, in, buffer)) >= 0;) {
                size += n;
                if (size > limit) {
                    throw new PortfolioException(spec.name(), "has more than the declared " + limit + " bytes");
                }
                md5.update(buffer, 0, n);
            }
        }
        return new Prehashed(size, md5.digest());
    }

    private static Prehashed join(Spec spec, Future<Prehashed> prehashed) throws IOException {
        try {
            return prehashed.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException) {
                throw (IOException) e.getCause();
            }
            throw new IllegalStateException("hashing " + spec.name() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while hashing " + spec.name());
        }
    }

    private static long copy(Spec spec, InputStream in, OutputStream out, long limit, MessageDigest md5,
            MessageDigest sha256) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long size = 0;
        while (true) {
            int n = read(spec, in, buffer);
            if (n < 0) {
                return size;
            }
            size += n;
            if (size > limit) {
                // Stop early: a source that is longer than declared (or endless) must not fill the disk.
                throw new PortfolioException(spec.name(), "has more than the declared " + limit + " bytes");
            }
            md5.update(buffer, 0, n);
            sha256.update(buffer, 0, n);
            out.write(buffer, 0, n);
        }
    }

    private static void check(Spec spec, long size) throws PortfolioException {
        if (spec.size().isPresent() && size != spec.size().get()) {
            throw new PortfolioException(spec.name(), "has " + size + " bytes, the manifest declares " + spec.size().get());
        }
    }

    /**
     * The file name for {@code /F}, which older readers take as bytes: every character outside
     * printable ASCII becomes {@code _}. {@code /UF} keeps the exact Unicode name.
     */
    static String asciiName(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> sb.append(cp >= 0x20 && cp < 0x7f ? (char) cp : '_'));
        return sb.toString();
    }

    private static InputStream open(Spec spec) throws PortfolioException {
        try {
            InputStream in = spec.content().open();
            if (in == null) {
                throw new PortfolioException(spec.name(), "its content source returned no stream");
            }
            return in;
        } catch (PortfolioException e) {
            throw e;
        } catch (IOException e) {
            throw new PortfolioException(spec.name(), "cannot be read: " + e.getMessage(), e);
        }
    }

    private static int read(Spec spec, InputStream in, byte[] buffer) throws PortfolioException {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new PortfolioException(spec.name(), "cannot be read: " + e.getMessage(), e);
        }
    }

    private static void check(Spec spec, Optional<DigestValue> declared, byte[] actual) throws PortfolioException {
        if (declared.isPresent() && !declared.get().matches(actual)) {
            DigestValue found = DigestValue.of(declared.get().algorithm(), actual);
            throw new PortfolioException(spec.name(), declared.get().algorithm().label() + " is " + found.hex()
                    + ", the manifest declares " + declared.get().hex());
        }
    }
}
