package dev.palimpsest.pdf.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.pdf.PortfolioBuilder;
import dev.palimpsest.pdf.PortfolioFormat;
import dev.palimpsest.pdf.PortfolioItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The portfolio's raw structure, read back with PDFBox, against FORMAT.md. */
class PortfolioStructureTest {
    private static byte[] pdf;

    @BeforeAll
    static void build() throws Exception {
        pdf = Fixtures.build(Fixtures.sample());
    }

    @Test
    void everyFileIsAttachedUnderItsPathWithItsExactBytes() throws Exception {
        try (PDDocument doc = Pdfs.load(pdf)) {
            Map<String, PDComplexFileSpecification> attachments = Pdfs.attachments(doc);
            Map<String, byte[]> expected = new java.util.LinkedHashMap<>(Fixtures.sampleBytes());
            expected.put(PortfolioFormat.MANIFEST_NAME, Fixtures.MANIFEST);
            expected.put(PortfolioFormat.MANIFEST_SIGNATURE_NAME, Fixtures.SIGNATURE);
            assertThat(attachments.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            for (Map.Entry<String, byte[]> e : expected.entrySet()) {
                PDEmbeddedFile file = attachments.get(e.getKey()).getEmbeddedFileUnicode();
                assertThat(file.toByteArray()).as(e.getKey()).isEqualTo(e.getValue());
                assertThat(attachments.get(e.getKey()).getEmbeddedFile().getCOSObject())
                        .as("/EF /F and /UF are the same stream").isSameAs(file.getCOSObject());
            }
        }
    }

    @Test
    void paramsCarrySizeModDateAndTheRawSixteenByteMd5() throws Exception {
        try (PDDocument doc = Pdfs.load(pdf)) {
            Map<String, PDComplexFileSpecification> attachments = Pdfs.attachments(doc);
            for (Map.Entry<String, PDComplexFileSpecification> e : attachments.entrySet()) {
                PDEmbeddedFile file = e.getValue().getEmbeddedFile();
                byte[] bytes = file.toByteArray();
                COSDictionary params = file.getCOSObject().getCOSDictionary(COSName.PARAMS);
                assertThat(params.getLong(COSName.SIZE)).as(e.getKey()).isEqualTo(bytes.length);
                assertThat(params.getItem(COSName.MOD_DATE)).as(e.getKey()).isInstanceOf(COSString.class);
                COSString checkSum = (COSString) params.getDictionaryObject(COSName.getPDFName("CheckSum"));
                assertThat(checkSum.getBytes()).as(e.getKey() + " /CheckSum")
                        .hasSize(16)
                        .isEqualTo(DigestAlgorithm.MD5.newMessageDigest().digest(bytes));
                assertThat(file.getCOSObject().getCOSName(COSName.TYPE)).isEqualTo(COSName.getPDFName("EmbeddedFile"));
            }
            COSDictionary memoParams = attachments.get("documents/memo-2016.pdf").getEmbeddedFile().getCOSObject()
                    .getCOSDictionary(COSName.PARAMS);
            assertThat(memoParams.getString(COSName.MOD_DATE)).isEqualTo("D:20161201100000+00'00'");
            COSDictionary csvParams = attachments.get("statistics/requests.csv").getEmbeddedFile().getCOSObject()
                    .getCOSDictionary(COSName.PARAMS);
            assertThat(csvParams.getString(COSName.MOD_DATE)).as("capture time when the file's own is unknown")
                    .isEqualTo("D:20170102030405+00'00'");
        }
    }

    @Test
    void mediaTypeIsTheSubtypeAndOnlyCompressibleTypesAreDeflated() throws Exception {
        try (PDDocument doc = Pdfs.load(pdf)) {
            Map<String, PDComplexFileSpecification> attachments = Pdfs.attachments(doc);
            COSStream pdfStream = attachments.get("documents/memo-2016.pdf").getEmbeddedFile().getCOSObject();
            assertThat(pdfStream.getNameAsString(COSName.SUBTYPE)).isEqualTo("application/pdf");
            assertThat(pdfStream.getFilters()).as("a PDF is stored raw").isNull();
            assertThat(pdfStream.getLength()).isEqualTo(Fixtures.PDF_BYTES.length);

            COSStream csv = attachments.get("statistics/requests.csv").getEmbeddedFile().getCOSObject();
            assertThat(csv.getNameAsString(COSName.SUBTYPE)).isEqualTo("text/csv");
            assertThat(csv.getFilters()).isEqualTo(COSName.FLATE_DECODE);
            assertThat(csv.getLength()).as("compressed").isLessThan(Fixtures.CSV_BYTES.length / 4);

            assertThat(attachments.get(PortfolioFormat.MANIFEST_NAME).getEmbeddedFile().getSubtype())
                    .isEqualTo("application/json");
            assertThat(attachments.get(PortfolioFormat.MANIFEST_SIGNATURE_NAME).getEmbeddedFile().getSubtype())
                    .isEqualTo("application/pkcs7-signature");
        }
    }

    @Test
    void fileSpecificationsNameDescribeAndRelateTheirFiles() throws Exception {
        try (PDDocument doc = Pdfs.load(pdf)) {
            Map<String, PDComplexFileSpecification> attachments = Pdfs.attachments(doc);
            PDComplexFileSpecification unicode = attachments.get("memorandums/Ünïcödé memo 東京.html");
            assertThat(unicode.getFileUnicode()).isEqualTo("memorandums/Ünïcödé memo 東京.html");
            assertThat(unicode.getFile()).isEqualTo("memorandums/_n_c_d_ memo __.html");
            assertThat(unicode.getFileDescription()).isEqualTo("Ünïcödé memorandum — Ελληνικά Кириллица 東京 \uD83D\uDCC4");
            assertThat(attachments.get("documents/memo-2016.pdf").getFileDescription())
                    .isEqualTo("Memorandum of agreement, 2016");
            assertThat(relationship(attachments.get("documents/memo-2016.pdf"))).isEqualTo("Source");
            assertThat(relationship(attachments.get("statistics/requests.csv"))).isEqualTo("Source");
            assertThat(relationship(attachments.get(PortfolioFormat.MANIFEST_NAME))).isEqualTo("Data");
            assertThat(relationship(attachments.get(PortfolioFormat.MANIFEST_SIGNATURE_NAME))).isEqualTo("Supplement");
        }
    }

    @Test
    void collectionItemsHoldTheProvenanceFields() throws Exception {
        try (PDDocument doc = Pdfs.load(pdf)) {
            Map<String, PDComplexFileSpecification> attachments = Pdfs.attachments(doc);
            COSDictionary memo = ci(attachments.get("documents/memo-2016.pdf"));
            assertThat(memo.getNameAsString(COSName.TYPE)).isEqualTo("CollectionItem");
            assertThat(memo.getString("collection")).isEqualTo("documents");
            assertThat(memo.getString("captured")).isEqualTo("D:20170304050607+00'00'");
            assertThat(memo.getString("originalUrl"))
                    .isEqualTo("https://www.agency.example/foia/reading-room/documents/memo-2016.pdf");
            assertThat(memo.getString("archiveUrl")).startsWith("https://web.archive.org/web/20170304050607/");
            assertThat(memo.getString("sha256"))
                    .isEqualTo(Fixtures.digest(DigestAlgorithm.SHA256, Fixtures.PDF_BYTES).hex());
            assertThat(memo.getString("captureCheck")).isEqualTo("MATCH");
            assertThat(ci(attachments.get("statistics/requests.csv")).getString("captureCheck")).isEqualTo("MISMATCH");

            COSDictionary bare = ci(attachments.get("memorandums/Ünïcödé memo 東京.html"));
            assertThat(bare.keySet()).extracting(COSName::getName)
                    .containsExactlyInAnyOrder("Type", "collection", "sha256");
            assertThat(attachments.get(PortfolioFormat.MANIFEST_NAME).getCOSObject().containsKey("CI")).isFalse();
        }
    }

    @Test
    void collectionHasTheSchemaSortAndDetailsViewWithTheCoverAsInitialDocument() throws Exception {
        try (PDDocument doc = Pdfs.load(pdf)) {
            COSDictionary collection = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("Collection"));
            assertThat(collection.getNameAsString(COSName.TYPE)).isEqualTo("Collection");
            assertThat(collection.getNameAsString(COSName.getPDFName("View"))).isEqualTo("D");
            assertThat(collection.containsKey(COSName.D)).as("no /D: the cover is the initial document").isFalse();

            COSDictionary schema = collection.getCOSDictionary(COSName.getPDFName("Schema"));
            Map<String, String> subtypes = new java.util.LinkedHashMap<>();
            Map<String, String> labels = new java.util.LinkedHashMap<>();
            for (COSName key : schema.keySet()) {
                if (key.equals(COSName.TYPE)) {
                    continue;
                }
                COSDictionary field = schema.getCOSDictionary(key);
                assertThat(field.getNameAsString(COSName.TYPE)).isEqualTo("CollectionField");
                subtypes.put(key.getName(), field.getNameAsString(COSName.SUBTYPE));
                labels.put(key.getName(), field.getString(COSName.N));
            }
            assertThat(subtypes).containsExactlyInAnyOrderEntriesOf(Map.of("file", "F", "title", "Desc",
                    "collection", "S", "captured", "D", "originalUrl", "S", "archiveUrl", "S", "sha256", "S",
                    "size", "Size", "captureCheck", "S"));
            assertThat(labels).containsEntry("originalUrl", "Original URL").containsEntry("sha256", "SHA-256")
                    .containsEntry("archiveUrl", "Archive copy").containsEntry("captured", "Captured");

            COSDictionary sort = collection.getCOSDictionary(COSName.getPDFName("Sort"));
            assertThat(names(sort.getCOSArray(COSName.S))).containsExactly("collection", "captured");
            assertThat(List.<Object>copyOf(sort.getCOSArray(COSName.A).toList())).containsExactly(COSBoolean.TRUE, COSBoolean.TRUE);
        }
    }

    @Test
    void catalogListsEveryAttachmentInAfAndOpensTheAttachmentsPanel() throws Exception {
        try (PDDocument doc = Pdfs.load(pdf)) {
            COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
            assertThat(catalog.getNameAsString(COSName.PAGE_MODE)).isEqualTo("UseAttachments");
            COSArray af = catalog.getCOSArray(COSName.AF);
            Set<COSBase> listed = new HashSet<>();
            for (int i = 0; i < af.size(); i++) {
                listed.add(af.getObject(i));
            }
            List<COSBase> specs = new ArrayList<>();
            for (PDComplexFileSpecification spec : Pdfs.attachments(doc).values()) {
                specs.add(spec.getCOSObject());
            }
            assertThat(af.size()).isEqualTo(5);
            assertThat(listed).containsExactlyInAnyOrderElementsOf(specs);
        }
    }

    @Test
    void infoAndXmpAgreeAndIdentifyPdfA3b() throws Exception {
        try (PDDocument doc = Pdfs.load(pdf)) {
            PDDocumentInformation info = doc.getDocumentInformation();
            assertThat(info.getTitle()).isEqualTo(Fixtures.metadata().title());
            assertThat(info.getAuthor()).isEqualTo("Jane Archivist");
            assertThat(info.getCOSObject().getString(COSName.CREATION_DATE)).isEqualTo("D:20171020093000+00'00'");
            assertThat(info.getCOSObject().getString(COSName.MOD_DATE)).isEqualTo("D:20171020093000+00'00'");
            String xmp = new String(doc.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
            assertThat(xmp).contains("<pdfaid:part>3</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
                    "<xmp:CreateDate>2017-10-20T09:30:00+00:00</xmp:CreateDate>",
                    "<xmp:ModifyDate>2017-10-20T09:30:00+00:00</xmp:ModifyDate>",
                    "<rdf:li xml:lang=\"x-default\">" + Fixtures.metadata().title() + "</rdf:li>",
                    "<rdf:li>Jane Archivist</rdf:li>",
                    "<pdf:Producer>" + info.getProducer() + "</pdf:Producer>");
            COSArray intents = doc.getDocumentCatalog().getCOSObject().getCOSArray(COSName.OUTPUT_INTENTS);
            COSDictionary intent = (COSDictionary) intents.getObject(0);
            assertThat(intent.getNameAsString(COSName.S)).isEqualTo("GTS_PDFA1");
            assertThat(((COSStream) intent.getDictionaryObject(COSName.getPDFName("DestOutputProfile")))
                    .getInt(COSName.N)).isEqualTo(3);
            assertThat(doc.getVersion()).isEqualTo(1.7f);
        }
    }

    @Test
    void documentIdIsSixteenBytesAndBothHalvesAreEqual() throws Exception {
        try (PDDocument doc = Pdfs.load(pdf)) {
            COSArray id = doc.getDocument().getTrailer().getCOSArray(COSName.ID);
            byte[] first = ((COSString) id.getObject(0)).getBytes();
            assertThat(first).hasSize(16);
            assertThat(((COSString) id.getObject(1)).getBytes()).isEqualTo(first);
        }
    }

    @Test
    void manyFilesMakeASortedMultiLevelNameTree() throws Exception {
        List<PortfolioItem> items = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            byte[] bytes = ("file " + i).getBytes(StandardCharsets.UTF_8);
            // Names outside PDFDocEncoding are UTF-16BE in the tree and must sort by those bytes.
            String path = (i % 3 == 0 ? "ω/" : i % 3 == 1 ? "b/" : "Z/") + "f" + i + ".txt";
            items.add(Fixtures.item(path, "text/plain", bytes).build());
        }
        byte[] many = Fixtures.build(PortfolioBuilder.of(Fixtures.metadata(), Fixtures.MANIFEST).withItems(items));
        try (PDDocument doc = Pdfs.load(many)) {
            COSDictionary root = doc.getDocumentCatalog().getNames().getEmbeddedFiles().getCOSObject();
            assertThat(root.containsKey(COSName.KIDS)).isTrue();
            List<byte[]> keys = new ArrayList<>();
            COSArray kids = root.getCOSArray(COSName.KIDS);
            for (int k = 0; k < kids.size(); k++) {
                COSDictionary kid = (COSDictionary) kids.getObject(k);
                COSArray leafNames = kid.getCOSArray(COSName.NAMES);
                COSArray limits = kid.getCOSArray(COSName.LIMITS);
                assertThat(((COSString) limits.getObject(0)).getBytes()).isEqualTo(((COSString) leafNames.getObject(0)).getBytes());
                assertThat(((COSString) limits.getObject(1)).getBytes())
                        .isEqualTo(((COSString) leafNames.getObject(leafNames.size() - 2)).getBytes());
                for (int i = 0; i < leafNames.size(); i += 2) {
                    keys.add(((COSString) leafNames.getObject(i)).getBytes());
                }
            }
            assertThat(keys).hasSize(151);
            for (int i = 1; i < keys.size(); i++) {
                assertThat(Arrays.compareUnsigned(keys.get(i - 1), keys.get(i))).as("key %d sorted", i).isNegative();
            }
            Map<String, PDComplexFileSpecification> attachments = Pdfs.attachments(doc);
            assertThat(attachments.get("ω/f0.txt").getEmbeddedFile().toByteArray())
                    .isEqualTo("file 0".getBytes(StandardCharsets.UTF_8));
            assertThat(doc.getNumberOfPages()).isGreaterThan(2);
        }
    }

    private static String relationship(PDComplexFileSpecification spec) {
        return spec.getCOSObject().getNameAsString(COSName.getPDFName("AFRelationship"));
    }

    private static COSDictionary ci(PDComplexFileSpecification spec) {
        return spec.getCOSObject().getCOSDictionary(COSName.getPDFName("CI"));
    }

    private static List<String> names(COSArray array) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            names.add(((COSName) array.getObject(i)).getName());
        }
        return names;
    }
}
