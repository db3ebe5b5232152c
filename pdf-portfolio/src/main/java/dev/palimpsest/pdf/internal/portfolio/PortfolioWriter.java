package dev.palimpsest.pdf.internal.portfolio;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.pdf.ContentSource;
import dev.palimpsest.pdf.PortfolioFormat;
import dev.palimpsest.pdf.PortfolioItem;
import dev.palimpsest.pdf.PortfolioMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;

/**
 * Assembles a portfolio with PDFBox: cover pages, embedded files, collection, name tree,
 * {@code /AF}, XMP metadata, output intent and document ID, then saves it. The document's
 * stream cache is temporary files only, so heap use does not depend on the files' sizes.
 */
public final class PortfolioWriter {

    private static final String FONT_REGULAR = "DejaVuSans.ttf";
    private static final String FONT_BOLD = "DejaVuSans-Bold.ttf";
    private static final String ICC_PROFILE = "sRGB.icc";
    private static final String OUTPUT_CONDITION = "sRGB IEC61966-2.1";
    private static final int HASH_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final PortfolioMetadata metadata;
    private final byte[] manifest;
    private final byte[] manifestSignature;
    private final List<PortfolioItem> items;
    private final Instant modified;

    /** A writer of one portfolio; {@code manifestSignature} may be null. */
    public PortfolioWriter(PortfolioMetadata metadata, byte[] manifest, byte[] manifestSignature,
            List<PortfolioItem> items, Instant modified) {
        this.metadata = metadata;
        this.manifest = manifest;
        this.manifestSignature = manifestSignature;
        this.items = items;
        this.modified = modified;
    }

    /**
     * Writes the portfolio to {@code out}, keeping the document's streams in a scratch file made
     * by {@code scratch} (PDFBox's default temporary file when null).
     */
    public void write(OutputStream out, StreamCacheCreateFunction scratch) throws IOException {
        try (PDDocument document = new PDDocument(scratch != null ? scratch : IOUtils.createTempFileOnlyStreamCache());
                CoverFont regular = CoverFont.load(document, FONT_REGULAR);
                CoverFont bold = CoverFont.load(document, FONT_BOLD)) {
            COSDocument cos = document.getDocument();
            // PDF/A-3 is based on PDF 1.7; the header says so rather than a catalog /Version.
            cos.setVersion(1.7f);
            PDDocumentCatalog catalog = document.getDocumentCatalog();
            PdfCollection collection = schema();

            Map<String, COSDictionary> fileSpecs = new LinkedHashMap<>();
            List<EmbeddedFiles.Spec> specs = new ArrayList<>();
            for (PortfolioItem item : items) {
                specs.add(itemSpec(item, collection));
            }
            // Files copied straight from disk without a declared MD5 get it computed first, on a few
            // threads (hashing, not the disk, limits a portfolio's speed), since /CheckSum is
            // written before the bytes; the others are hashed while they are embedded.
            ExecutorService hashing = Executors.newFixedThreadPool(HASH_THREADS, r -> {
                Thread t = new Thread(r, "palimpsest-portfolio-hash");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<EmbeddedFiles.Prehashed>> hashes = new ArrayList<>();
                for (EmbeddedFiles.Spec spec : specs) {
                    hashes.add(EmbeddedFiles.needsPrehash(spec) ? hashing.submit(() -> EmbeddedFiles.prehash(spec)) : null);
                }
                for (int i = 0; i < specs.size(); i++) {
                    fileSpecs.put(items.get(i).path(), EmbeddedFiles.embed(cos, specs.get(i), hashes.get(i)));
                }
            } finally {
                hashing.shutdownNow();
            }
            fileSpecs.put(PortfolioFormat.MANIFEST_NAME, EmbeddedFiles.embed(cos, new EmbeddedFiles.Spec(
                    PortfolioFormat.MANIFEST_NAME, "Archive manifest: every file with its digests and capture record",
                    "application/json", Optional.of((long) manifest.length), Optional.empty(), Optional.empty(),
                    Optional.empty(), metadata.created(), EmbeddedFiles.Relationship.DATA, Optional.empty(),
                    ContentSource.ofBytes(manifest)), null));
            if (manifestSignature != null) {
                fileSpecs.put(PortfolioFormat.MANIFEST_SIGNATURE_NAME, EmbeddedFiles.embed(cos, new EmbeddedFiles.Spec(
                        PortfolioFormat.MANIFEST_SIGNATURE_NAME,
                        "Detached CMS signature over the exact bytes of " + PortfolioFormat.MANIFEST_NAME,
                        "application/pkcs7-signature", Optional.of((long) manifestSignature.length), Optional.empty(),
                        Optional.empty(), Optional.empty(), metadata.created(), EmbeddedFiles.Relationship.SUPPLEMENT,
                        Optional.empty(), ContentSource.ofBytes(manifestSignature)), null));
            }

            new Cover(regular, bold).render(document, metadata.title(), coverFields(), coverNote(), coverRows(),
                    metadata.title() + " — PDF/A-3 portfolio; every listed file is attached");

            COSDictionary root = catalog.getCOSObject();
            COSDictionary names = new COSDictionary();
            names.setDirect(true);
            names.setItem(COSName.EMBEDDED_FILES, NameTrees.build(fileSpecs));
            root.setItem(COSName.NAMES, names);
            COSArray af = new COSArray();
            fileSpecs.values().forEach(af::add);
            root.setItem(COSName.AF, af);
            root.setItem(PdfCollection.COLLECTION, collection.toCos());
            root.setItem(COSName.PAGE_MODE, COSName.getPDFName("UseAttachments"));
            root.setItem(COSName.LANG, new COSString("en"));
            COSDictionary viewer = new COSDictionary();
            viewer.setDirect(true);
            viewer.setItem(COSName.getPDFName("DisplayDocTitle"), COSBoolean.TRUE);
            root.setItem(COSName.VIEWER_PREFERENCES, viewer);
            root.setItem(COSName.METADATA, metadataStream(cos));
            root.setItem(COSName.OUTPUT_INTENTS, outputIntents(cos));

            info(cos);
            COSArray id = new COSArray();
            byte[] documentId = documentId();
            id.add(new COSString(documentId));
            id.add(new COSString(documentId));
            cos.getTrailer().setItem(COSName.ID, id);

            document.save(out, CompressParameters.DEFAULT_COMPRESSION);
        }
    }

    private static PdfCollection schema() {
        return new PdfCollection()
                .field(new PdfCollection.Field(PortfolioFormat.FIELD_FILE, PdfCollection.FieldType.FILE_NAME, "File", true))
                .field(new PdfCollection.Field(PortfolioFormat.FIELD_TITLE, PdfCollection.FieldType.DESCRIPTION, "Title", true))
                .field(new PdfCollection.Field(PortfolioFormat.FIELD_COLLECTION, PdfCollection.FieldType.TEXT, "Collection", true))
                .field(new PdfCollection.Field(PortfolioFormat.FIELD_CAPTURED, PdfCollection.FieldType.DATE, "Captured", true))
                .field(new PdfCollection.Field(PortfolioFormat.FIELD_ORIGINAL_URL, PdfCollection.FieldType.TEXT, "Original URL", true))
                .field(new PdfCollection.Field(PortfolioFormat.FIELD_ARCHIVE_URL, PdfCollection.FieldType.TEXT, "Archive copy", true))
                .field(new PdfCollection.Field(PortfolioFormat.FIELD_SHA256, PdfCollection.FieldType.TEXT, "SHA-256", true))
                .field(new PdfCollection.Field(PortfolioFormat.FIELD_SIZE, PdfCollection.FieldType.SIZE, "Size", true))
                .field(new PdfCollection.Field(PortfolioFormat.FIELD_CAPTURE_CHECK, PdfCollection.FieldType.TEXT, "Capture check", true))
                .sortAscending(PortfolioFormat.FIELD_COLLECTION, PortfolioFormat.FIELD_CAPTURED)
                .view(PdfCollection.View.DETAILS);
    }

    private EmbeddedFiles.Spec itemSpec(PortfolioItem item, PdfCollection collection) {
        PdfCollection.Item ci = collection.item();
        item.collection().ifPresent(c -> ci.text(PortfolioFormat.FIELD_COLLECTION, c));
        item.captured().ifPresent(c -> ci.date(PortfolioFormat.FIELD_CAPTURED, c));
        item.originalUrl().ifPresent(u -> ci.text(PortfolioFormat.FIELD_ORIGINAL_URL, u));
        item.mementoUrl().ifPresent(u -> ci.text(PortfolioFormat.FIELD_ARCHIVE_URL, u));
        ci.text(PortfolioFormat.FIELD_SHA256, item.sha256().hex());
        item.captureCheck().ifPresent(c -> ci.text(PortfolioFormat.FIELD_CAPTURE_CHECK, c.name()));
        // PDF/A-3 requires a modification date for every embedded file; when the file's own is
        // unknown, the capture time is the closest fact, and the archive's creation the fallback.
        Instant fileModified = item.modified().or(item::captured).orElse(metadata.created());
        return new EmbeddedFiles.Spec(item.path(), item.title(), item.mediaType(), Optional.of(item.size()),
                Optional.of(item.sha256()), item.md5(), item.created(), fileModified,
                EmbeddedFiles.Relationship.SOURCE, Optional.of(ci.toCos()), item.content());
    }

    private List<Cover.Field> coverFields() {
        List<Cover.Field> fields = new ArrayList<>();
        metadata.description().ifPresent(d -> fields.add(new Cover.Field("Description", d)));
        metadata.creator().ifPresent(c -> fields.add(new Cover.Field("Creator", c)));
        fields.add(new Cover.Field("Created", PdfDates.cover(metadata.created())));
        fields.add(new Cover.Field("Manifest signer", metadata.signerFingerprint()
                .orElse(manifestSignature == null ? "unsigned" : "not stated")));
        long total = 0;
        for (PortfolioItem item : items) {
            total += item.size();
        }
        fields.add(new Cover.Field("Files", items.size() + (items.size() == 1 ? " file, " : " files, ")
                + String.format(Locale.ROOT, "%,d", total) + " bytes"));
        fields.add(new Cover.Field("Provenance", manifestSignature == null
                ? PortfolioFormat.MANIFEST_NAME + " (archive manifest, attached; not signed)"
                : PortfolioFormat.MANIFEST_NAME + " (archive manifest) and " + PortfolioFormat.MANIFEST_SIGNATURE_NAME
                        + " (its detached CMS signature), both attached"));
        return fields;
    }

    private static String coverNote() {
        return "Every file listed below is attached to this PDF under its archive path. The attached archive "
                + "manifest (" + PortfolioFormat.MANIFEST_NAME + ") records each file's digests and capture record; "
                + "check the files against it with any PDF tool and a SHA-256 utility, or with 'palimpsest verify'. "
                + "The capture check compares the file's SHA-1 with the digest the web archive holds for the capture: "
                + "MATCH, MISMATCH (the archive may store a content-encoded copy, so this alone is no proof of "
                + "alteration) or NOT_COMPARABLE.";
    }

    private List<Cover.Row> coverRows() {
        List<Cover.Row> rows = new ArrayList<>();
        for (PortfolioItem item : items) {
            rows.add(new Cover.Row(item.title(), item.path(), item.originalUrl().orElse("—"),
                    item.captured().map(PdfDates::cover).orElse("—"), item.mementoUrl().orElse("—"),
                    item.sha256().hex(), item.captureCheck().map(Enum::name).orElse("—")));
        }
        return rows;
    }

    private COSStream metadataStream(COSDocument cos) throws IOException {
        byte[] xmp = Xmp.packet(Xmp.clean(metadata.title()), metadata.creator().map(Xmp::clean),
                metadata.description().map(Xmp::clean), metadata.created(), modified);
        COSStream stream = cos.createCOSStream();
        try (OutputStream out = stream.createOutputStream()) {
            out.write(xmp);
        }
        stream.setItem(COSName.TYPE, COSName.METADATA);
        stream.setItem(COSName.SUBTYPE, COSName.getPDFName("XML"));
        return stream;
    }

    private static COSArray outputIntents(COSDocument cos) throws IOException {
        COSStream profile = cos.createCOSStream();
        try (InputStream in = PortfolioWriter.class.getResourceAsStream(ICC_PROFILE);
                OutputStream out = profile.createOutputStream(COSName.FLATE_DECODE)) {
            if (in == null) {
                throw new IllegalStateException("ICC profile missing from the jar: " + ICC_PROFILE);
            }
            in.transferTo(out);
        }
        profile.setItem(COSName.N, COSInteger.THREE);
        COSDictionary intent = new COSDictionary();
        intent.setItem(COSName.TYPE, COSName.getPDFName("OutputIntent"));
        intent.setItem(COSName.S, COSName.getPDFName("GTS_PDFA1"));
        intent.setItem(COSName.getPDFName("OutputConditionIdentifier"), new COSString(OUTPUT_CONDITION));
        intent.setItem(COSName.getPDFName("Info"), new COSString(OUTPUT_CONDITION));
        intent.setItem(COSName.getPDFName("DestOutputProfile"), profile);
        COSArray intents = new COSArray();
        intents.add(intent);
        return intents;
    }

    private void info(COSDocument cos) {
        COSDictionary info = new COSDictionary();
        info.setItem(COSName.TITLE, new COSString(Xmp.clean(metadata.title())));
        metadata.creator().ifPresent(c -> info.setItem(COSName.AUTHOR, new COSString(Xmp.clean(c))));
        metadata.description().ifPresent(d -> info.setItem(COSName.SUBJECT, new COSString(Xmp.clean(d))));
        info.setItem(COSName.CREATOR, new COSString(Xmp.CREATOR_TOOL));
        info.setItem(COSName.PRODUCER, new COSString(Xmp.PRODUCER));
        info.setItem(COSName.CREATION_DATE, PdfDates.pdf(metadata.created()));
        info.setItem(COSName.MOD_DATE, PdfDates.pdf(modified));
        cos.getTrailer().setItem(COSName.INFO, info);
    }

    /**
     * The document ID: the first 16 bytes of a SHA-256 over every input that shapes the output,
     * so the same inputs give the same ID (and the same bytes), and different inputs a
     * different one. Both halves are equal, as for a file's first version.
     */
    private byte[] documentId() {
        MessageDigest digest = DigestAlgorithm.SHA256.newMessageDigest();
        LengthPrefixed f = new LengthPrefixed(digest);
        f.add("palimpsest-portfolio/1");
        f.add(metadata.title());
        f.add(metadata.description().orElse(""));
        f.add(metadata.creator().orElse(""));
        f.add(metadata.created().toString());
        f.add(metadata.signerFingerprint().orElse(""));
        f.add(modified.toString());
        f.add(manifest);
        f.add(manifestSignature == null ? new byte[0] : manifestSignature);
        for (PortfolioItem item : items) {
            f.add(item.path());
            f.add(item.title());
            f.add(item.mediaType());
            f.add(Long.toString(item.size()));
            f.add(item.sha256().hex());
            f.add(item.collection().orElse(""));
            f.add(item.originalUrl().orElse(""));
            f.add(item.captured().map(Instant::toString).orElse(""));
            f.add(item.mementoUrl().orElse(""));
            f.add(item.captureCheck().map(Enum::name).orElse(""));
            f.add(item.created().map(Instant::toString).orElse(""));
            f.add(item.modified().map(Instant::toString).orElse(""));
        }
        return Arrays.copyOf(digest.digest(), 16);
    }

    /** Length-prefixed fields, so that no two different input lists hash the same bytes. */
    private record LengthPrefixed(MessageDigest digest) {
        void add(String s) {
            add(s.getBytes(StandardCharsets.UTF_8));
        }

        void add(byte[] b) {
            long n = b.length;
            for (int i = 7; i >= 0; i--) {
                digest.update((byte) (n >>> (8 * i)));
            }
            digest.update(b);
        }
    }
}
