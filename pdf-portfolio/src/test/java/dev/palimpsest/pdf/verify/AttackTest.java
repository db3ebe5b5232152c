package dev.palimpsest.pdf.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.sign.TrustPolicy;
import dev.palimpsest.core.testing.TestTsa;
import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.SignatureKind;
import dev.palimpsest.core.verify.SignatureResult;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.pdf.PdfVerifier;
import dev.palimpsest.pdf.internal.verify.PdfFile;
import dev.palimpsest.pdf.internal.verify.PdfValue;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published attacks on PDF signatures, generated from portfolios the library builds: each
 * gives {@code INVALID} with a specific problem code, while the legitimate files they start from
 * (and legitimate B-LT and B-LTA updates) stay valid.
 */
class AttackTest {
    @TempDir
    static Path dir;
    static TestTsa tsa;
    static Path signed;
    static Path lta;
    static TrustPolicy trust;

    @BeforeAll
    static void build() throws Exception {
        tsa = TestTsa.start();
        trust = TestPortfolios.trust(tsa.caCertificate());
        signed = Pades.sign(TestPortfolios.portfolio(dir.resolve("unsigned.pdf")), dir.resolve("signed.pdf"),
                TestPortfolios.SIGNER.identity(), null);
        lta = Pades.lta(dir, tsa);
    }

    @AfterAll
    static void stop() {
        tsa.close();
    }

    static VerificationReport verify(Path p) throws Exception {
        return PdfVerifier.of(trust).verify(p);
    }

    static VerificationReport verify(byte[] pdf, String name) throws Exception {
        Path p = dir.resolve(name + ".pdf");
        Files.write(p, pdf);
        return verify(p);
    }

    static void assertInvalid(VerificationReport r, ProblemCode code) {
        assertThat(r.verdict()).as(PdfVerifierTest.errors(r)).isEqualTo(Verdict.INVALID);
        assertThat(r.has(code)).as("expected " + code + " in\n" + PdfVerifierTest.errors(r)).isTrue();
    }

    static SignatureResult pades(VerificationReport r) {
        return r.signatures().stream().filter(s -> s.kind() == SignatureKind.PADES).findFirst().orElseThrow();
    }

    @Test
    void theFilesAttackedAreValid() throws Exception {
        assertThat(verify(signed).verdict()).isEqualTo(Verdict.TRUSTED);
        assertThat(verify(lta).verdict()).isEqualTo(Verdict.TRUSTED);
    }

    @Nested
    class UniversalSignatureForgery {
        byte[] pdf() throws Exception {
            return Files.readAllBytes(signed);
        }

        int contentsStart(byte[] pdf) {
            return (int) RawPdf.byteRangeValues(pdf)[1];
        }

        @Test
        void zeroedContents() throws Exception {
            byte[] pdf = pdf();
            long[] br = RawPdf.byteRangeValues(pdf);
            for (int i = (int) br[1] + 1; i < br[2] - 1; i++) {
                pdf[i] = '0';
            }
            VerificationReport r = verify(pdf, "zeroed");
            assertInvalid(r, ProblemCode.PDF_CONTENTS_INVALID);
            assertThat(PdfVerifierTest.errors(r)).contains("zero bytes");
            assertThat(pades(r).valid()).isFalse();
        }

        @Test
        void emptyContents() throws Exception {
            byte[] pdf = pdf();
            long[] br = RawPdf.byteRangeValues(pdf);
            pdf[(int) br[1] + 1] = '>';
            for (int i = (int) br[1] + 2; i < br[2]; i++) {
                pdf[i] = ' ';
            }
            VerificationReport r = verify(pdf, "empty");
            assertInvalid(r, ProblemCode.PDF_CONTENTS_INVALID);
            assertThat(PdfVerifierTest.errors(r)).contains("/Contents is empty");
        }

        @Test
        void missingContents() throws Exception {
            byte[] pdf = pdf();
            int at = RawPdf.ascii(pdf).lastIndexOf("/Contents <");
            VerificationReport r = verify(RawPdf.replace(pdf, at, "/Contents", "/Contentz"), "missing-contents");
            assertInvalid(r, ProblemCode.PDF_CONTENTS_INVALID);
            assertThat(PdfVerifierTest.errors(r)).contains("/Contents is missing");
        }

        @Test
        void missingByteRange() throws Exception {
            byte[] pdf = pdf();
            int at = RawPdf.ascii(pdf).lastIndexOf("/ByteRange");
            VerificationReport r = verify(RawPdf.replace(pdf, at, "/ByteRange", "/ByteRangz"), "missing-byterange");
            assertInvalid(r, ProblemCode.PDF_BYTE_RANGE_INVALID);
            assertThat(PdfVerifierTest.errors(r)).contains("/ByteRange is missing");
        }

        @Test
        void negativeByteRange() throws Exception {
            byte[] pdf = pdf();
            long[] br = RawPdf.byteRangeValues(pdf);
            VerificationReport r = verify(RawPdf.withByteRange(pdf, "[0 -1 " + br[2] + " " + br[3] + "]"), "negative");
            assertInvalid(r, ProblemCode.PDF_BYTE_RANGE_INVALID);
            assertThat(PdfVerifierTest.errors(r)).contains("negative");
        }

        @Test
        void overlappingByteRange() throws Exception {
            byte[] pdf = pdf();
            long[] br = RawPdf.byteRangeValues(pdf);
            VerificationReport r = verify(RawPdf.withByteRange(pdf, "[0 " + br[1] + " " + (br[1] - 10) + " " + br[3] + "]"),
                    "overlap");
            assertInvalid(r, ProblemCode.PDF_BYTE_RANGE_INVALID);
            assertThat(PdfVerifierTest.errors(r)).contains("overlapping");
        }

        @Test
        void byteRangeOutOfBounds() throws Exception {
            byte[] pdf = pdf();
            long[] br = RawPdf.byteRangeValues(pdf);
            VerificationReport r = verify(RawPdf.withByteRange(pdf, "[0 " + br[1] + " " + (br[2] + 1000) + " " + br[3] + "]"),
                    "out-of-bounds");
            assertInvalid(r, ProblemCode.PDF_BYTE_RANGE_INVALID);
            assertThat(PdfVerifierTest.errors(r)).contains("past the end of the file");
        }

        @Test
        void nonZeroBytesAfterTheCms() throws Exception {
            byte[] pdf = pdf();
            long[] br = RawPdf.byteRangeValues(pdf);
            pdf[(int) br[2] - 3] = 'F';
            VerificationReport r = verify(pdf, "trailing-cms");
            assertInvalid(r, ProblemCode.PDF_CONTENTS_INVALID);
            assertThat(PdfVerifierTest.errors(r)).contains("non-zero bytes after");
        }
    }

    interface Change {
        void apply(PDDocument doc) throws Exception;
    }

    static Path incremental(Path from, String name, Change change) throws Exception {
        Path out = dir.resolve(name + ".pdf");
        try (PDDocument doc = Loader.loadPDF(from.toFile())) {
            change.apply(doc);
            try (OutputStream os = Files.newOutputStream(out)) {
                doc.saveIncremental(os);
            }
        }
        return out;
    }

    static void replaceAttachment(PDDocument doc, String name, byte[] bytes) throws Exception {
        PDComplexFileSpecification spec = doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames().get(name);
        COSStream s = spec.getEmbeddedFileUnicode() != null ? spec.getEmbeddedFileUnicode().getCOSObject()
                : spec.getEmbeddedFile().getCOSObject();
        try (OutputStream o = s.createOutputStream(COSName.FLATE_DECODE)) {
            o.write(bytes);
        }
        s.setNeedToBeUpdated(true);
    }

    static void replacePageContent(PDDocument doc) throws Exception {
        PDPage page = doc.getPage(0);
        PDStream content = new PDStream(doc);
        try (OutputStream o = content.createOutputStream()) {
            o.write("BT /F1 24 Tf 100 100 Td (Nothing to see here) Tj ET".getBytes(StandardCharsets.US_ASCII));
        }
        page.setContents(content);
        page.getCOSObject().setNeedToBeUpdated(true);
    }

    @Nested
    class IncrementalSavingAttack {
        @Test
        void replacingAnEmbeddedFile() throws Exception {
            for (Path base : List.of(signed, lta)) {
                Path p = incremental(base, "isa-file-" + base.getFileName(), d -> replaceAttachment(d, "documents/notice.txt",
                        "forged".getBytes(StandardCharsets.UTF_8)));
                VerificationReport r = verify(p);
                assertInvalid(r, ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE);
                assertThat(pades(r).coverage()).contains("partial");
                assertThat(pades(r).valid()).as("the signature itself still verifies over its revision").isTrue();
            }
        }

        @Test
        void replacingTheManifest() throws Exception {
            VerificationReport r = verify(incremental(signed, "isa-manifest", d -> replaceAttachment(d, "archive.json",
                    "{}".getBytes(StandardCharsets.UTF_8))));
            assertInvalid(r, ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE);
        }

        @Test
        void replacingAPagesContent() throws Exception {
            for (Path base : List.of(signed, lta)) {
                VerificationReport r = verify(incremental(base, "isa-page-" + base.getFileName(), AttackTest::replacePageContent));
                assertInvalid(r, ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE);
                assertThat(PdfVerifierTest.errors(r)).contains("(a page)");
            }
        }

        @Test
        void changingTheCollection() throws Exception {
            VerificationReport r = verify(incremental(signed, "isa-collection", d -> {
                COSDictionary catalog = d.getDocumentCatalog().getCOSObject();
                COSDictionary collection = catalog.getCOSDictionary(COSName.getPDFName("Collection"));
                collection.setItem(COSName.getPDFName("View"), COSName.getPDFName("H"));
                collection.setNeedToBeUpdated(true);
                catalog.setNeedToBeUpdated(true);
            }));
            assertInvalid(r, ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE);
            assertThat(PdfVerifierTest.errors(r)).contains("Collection");
        }

        @Test
        void addingAPage() throws Exception {
            VerificationReport r = verify(incremental(signed, "isa-new-page", d -> {
                d.addPage(new PDPage());
                d.getPages().getCOSObject().setNeedToBeUpdated(true);
            }));
            assertInvalid(r, ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE);
        }

        @Test
        void addingAnAnnotation() throws Exception {
            VerificationReport r = verify(incremental(signed, "isa-annotation", d -> {
                PDPage page = d.getPage(0);
                List<PDAnnotation> annotations = page.getAnnotations();
                PDAnnotationText note = new PDAnnotationText();
                note.setContents("This document was withdrawn");
                note.setRectangle(new org.apache.pdfbox.pdmodel.common.PDRectangle(100, 100, 50, 50));
                annotations.add(note);
                page.setAnnotations(annotations);
                page.getCOSObject().setNeedToBeUpdated(true);
            }));
            // Without a certification signature, approval signatures permit form filling and signing, not annotations.
            assertInvalid(r, ProblemCode.PDF_CHANGE_NOT_PERMITTED);
            assertThat(PdfVerifierTest.errors(r)).contains("gained the annotation").contains("P=3").contains("P=2");
        }
    }

    @Nested
    class SignatureWrapping {
        @Test
        void signedBytesRelocatedWithNewContentInTheGap() throws Exception {
            byte[] pdf = Files.readAllBytes(signed);
            long[] br = RawPdf.byteRangeValues(pdf);
            // Unsigned bytes in the widened gap; a comment keeps the signature dictionary readable.
            byte[] inserted = RawPdf.bytes("\n% 999 0 obj << /Forged true >> endobj: whatever the attacker wants\n");
            byte[] moved = new byte[pdf.length + inserted.length];
            System.arraycopy(pdf, 0, moved, 0, (int) br[2]);
            System.arraycopy(inserted, 0, moved, (int) br[2], inserted.length);
            System.arraycopy(pdf, (int) br[2], moved, (int) br[2] + inserted.length, (int) br[3]);
            moved = RawPdf.withByteRange(moved, "[0 " + br[1] + " " + (br[2] + inserted.length) + " " + br[3] + "]");
            // The attacker's own revision makes the moved cross-reference section reachable again and
            // points the moved objects at their new places.
            List<RawPdf.Obj> objects = new java.util.ArrayList<>();
            objects.add(RawPdf.Obj.of(998, "<< /Forged true >>"));
            PdfFile original = RawPdf.parse(pdf);
            PdfFile.Revision last = original.revisions().get(original.revisions().size() - 1);
            for (int n : last.numbers()) {
                PdfFile.Entry e = last.entry(n);
                if (e.type() == PdfFile.IN_FILE && e.field2() >= br[2]) {
                    objects.add(RawPdf.Obj.pointingAt(n, e.field2() + inserted.length));
                }
            }
            moved = RawPdf.append(moved, objects,
                    Map.of("Prev", Long.toString(RawPdf.lastStartxref(pdf) + inserted.length)),
                    RawPdf.parse(pdf).latest().trailer());
            VerificationReport r = verify(moved, "wrapping");
            assertInvalid(r, ProblemCode.PDF_BYTE_RANGE_GAP_MISMATCH);
            assertThat(pades(r).valid()).isFalse();
        }
    }

    /** The first page's object number and its dictionary, and its content stream's number, in {@code pdf}. */
    static Object[] firstPage(byte[] pdf) throws Exception {
        PdfFile f = RawPdf.parse(pdf);
        PdfFile.View v = f.latest();
        PdfValue.Dict pages = (PdfValue.Dict) v.resolve(v.catalog().get("Pages"));
        PdfValue.Ref pageRef = (PdfValue.Ref) ((PdfValue.Arr) pages.get("Kids")).get(0);
        PdfValue.Dict page = (PdfValue.Dict) v.object(pageRef);
        PdfValue contents = page.get("Contents");
        PdfValue.Ref contentRef = contents instanceof PdfValue.Arr ? (PdfValue.Ref) ((PdfValue.Arr) contents).get(0)
                : (PdfValue.Ref) contents;
        return new Object[] {pageRef.number(), page, contentRef.number()};
    }

    static int size(byte[] pdf) throws Exception {
        return (int) ((PdfValue.Num) RawPdf.parse(pdf).latest().trailer().get("Size")).longValue();
    }

    @Nested
    class ShadowAttacks {
        static final String HIDDEN = "<< /Length 44 >>\nstream\nBT /F1 24 Tf 100 100 Td (Forged text) Tj ET\nendstream";

        /** A portfolio with an unreferenced content stream added before signing, then signed. */
        Path signedWithHiddenObject(String name) throws Exception {
            byte[] unsigned = Files.readAllBytes(dir.resolve("unsigned.pdf"));
            int hidden = size(unsigned);
            byte[] prepared = RawPdf.append(unsigned, List.of(RawPdf.Obj.of(hidden, HIDDEN)), Map.of());
            Path p = dir.resolve(name + "-prepared.pdf");
            Files.write(p, prepared);
            return Pades.sign(p, dir.resolve(name + "-signed.pdf"), TestPortfolios.SIGNER.identity(), null);
        }

        int hiddenNumber() throws Exception {
            return size(Files.readAllBytes(dir.resolve("unsigned.pdf")));
        }

        @Test
        void aSignedFileWithAHiddenObjectIsStillValid() throws Exception {
            VerificationReport r = verify(signedWithHiddenObject("hidden-only"));
            assertThat(r.verdict()).as(PdfVerifierTest.errors(r)).isEqualTo(Verdict.TRUSTED);
        }

        @Test
        void hide() throws Exception {
            byte[] pdf = Files.readAllBytes(signedWithHiddenObject("hide"));
            Object[] page = firstPage(pdf);
            byte[] attacked = RawPdf.append(pdf, List.of(RawPdf.Obj.of((int) page[0],
                    RawPdf.with((PdfValue.Dict) page[1], "Contents", hiddenNumber() + " 0 R"))), Map.of());
            VerificationReport r = verify(attacked, "hide");
            assertInvalid(r, ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE);
            assertThat(PdfVerifierTest.errors(r)).contains("/Contents");
        }

        @Test
        void replace() throws Exception {
            byte[] pdf = Files.readAllBytes(signedWithHiddenObject("replace"));
            byte[] attacked = RawPdf.append(pdf, List.of(RawPdf.Obj.of(hiddenNumber(),
                    HIDDEN.replace("Forged text", "Other  text"))), Map.of());
            VerificationReport r = verify(attacked, "replace");
            assertInvalid(r, ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE);
        }

        @Test
        void hideAndReplaceTheCatalog() throws Exception {
            byte[] pdf = Files.readAllBytes(signedWithHiddenObject("hide-and-replace"));
            PdfFile f = RawPdf.parse(pdf);
            String catalog = RawPdf.text(f.latest().catalog());
            int n = size(pdf);
            byte[] attacked = RawPdf.append(pdf, List.of(RawPdf.Obj.of(n, catalog)), Map.of("Root", n + " 0 R"));
            VerificationReport r = verify(attacked, "hide-and-replace");
            assertInvalid(r, ProblemCode.PDF_TRAILER_MODIFIED);
        }

        @Test
        void twoXrefEntriesForOneObject() throws Exception {
            byte[] pdf = Files.readAllBytes(signedWithHiddenObject("duplicate"));
            Object[] page = firstPage(pdf);
            String same = RawPdf.text((PdfValue.Dict) page[1]);
            byte[] attacked = RawPdf.append(pdf, List.of(RawPdf.Obj.of((int) page[0], same),
                    RawPdf.Obj.of((int) page[0], RawPdf.with((PdfValue.Dict) page[1], "Contents", hiddenNumber() + " 0 R"))),
                    Map.of());
            VerificationReport r = verify(attacked, "duplicate");
            assertInvalid(r, ProblemCode.PDF_XREF_DUPLICATE);
        }

        @Test
        void xrefEntryPointingAtAnotherObject() throws Exception {
            byte[] pdf = Files.readAllBytes(signedWithHiddenObject("redirect"));
            Object[] page = firstPage(pdf);
            long hiddenOffset = RawPdf.ascii(pdf).indexOf("\n" + hiddenNumber() + " 0 obj") + 1;
            byte[] attacked = RawPdf.append(pdf, List.of(RawPdf.Obj.pointingAt((int) page[2], hiddenOffset)), Map.of());
            VerificationReport r = verify(attacked, "redirect");
            assertInvalid(r, ProblemCode.PDF_XREF_REDIRECTED);
            assertThat(r.has(ProblemCode.PDF_OBJECT_HEADER_MISMATCH)).as(PdfVerifierTest.errors(r)).isTrue();
        }

        @Test
        void aSignedReferenceResolvedLater() throws Exception {
            byte[] unsigned = Files.readAllBytes(dir.resolve("unsigned.pdf"));
            PdfFile f = RawPdf.parse(unsigned);
            PdfFile.View v = f.latest();
            PdfValue.Dict names = (PdfValue.Dict) v.resolve(v.catalog().get("Names"));
            PdfValue.Dict tree = (PdfValue.Dict) v.resolve(names.get("EmbeddedFiles"));
            List<PdfValue> items = ((PdfValue.Arr) v.resolve(tree.get("Names"))).items();
            PdfValue.Ref spec = (PdfValue.Ref) items.get(1);
            int dangling = size(unsigned) + 10;
            // The signed revision refers to an object it does not define (a null, showing nothing).
            byte[] prepared = RawPdf.append(unsigned, List.of(RawPdf.Obj.of(spec.number(),
                    RawPdf.with((PdfValue.Dict) v.object(spec), "Thumb", dangling + " 0 R"))), Map.of());
            Path p = dir.resolve("dangling-prepared.pdf");
            Files.write(p, prepared);
            Path s = Pades.sign(p, dir.resolve("dangling-signed.pdf"), TestPortfolios.SIGNER.identity(), null);
            assertThat(verify(s).verdict()).isEqualTo(Verdict.TRUSTED);
            byte[] attacked = RawPdf.append(Files.readAllBytes(s), List.of(RawPdf.Obj.of(dangling,
                    "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8"
                            + " /Length 1 >>\nstream\n\u0000\nendstream")), Map.of());
            VerificationReport r = verify(attacked, "dangling");
            assertInvalid(r, ProblemCode.PDF_SHADOWED_OBJECT);
        }
    }
}
