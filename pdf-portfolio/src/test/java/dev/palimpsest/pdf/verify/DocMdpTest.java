package dev.palimpsest.pdf.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.verify.ProblemCode;
import dev.palimpsest.core.verify.SignatureKind;
import dev.palimpsest.core.verify.SignatureResult;
import dev.palimpsest.core.verify.Verdict;
import dev.palimpsest.core.verify.VerificationReport;
import dev.palimpsest.pdf.PdfVerifier;
import dev.palimpsest.pdf.internal.verify.PdfVerification;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a revision after a signature may change, by permission: DocMDP P=1, P=2 and P=3 of a
 * certification signature, and approval signatures without one (with and without a field lock).
 * Every document is a portfolio the library builds, given a text field and a text annotation
 * before it is signed; every change is made by PDFBox as an incremental update.
 */
class DocMdpTest {
    static final String FIELD = "reviewer";
    static final String LOCKED = "approved";

    @TempDir
    static Path dir;
    static Path p1;
    static Path p2;
    static Path p3;
    static Path approval;
    static Path lockedApproval;
    static Path lockedNoChanges;

    @BeforeAll
    static void build() throws Exception {
        Path unsigned = withFormAndNote(TestPortfolios.portfolio(dir.resolve("unsigned.pdf")), dir.resolve("form.pdf"));
        p1 = Pades.certify(unsigned, dir.resolve("p1.pdf"), TestPortfolios.SIGNER.identity(), 1);
        p2 = Pades.certify(unsigned, dir.resolve("p2.pdf"), TestPortfolios.SIGNER.identity(), 2);
        p3 = Pades.certify(unsigned, dir.resolve("p3.pdf"), TestPortfolios.SIGNER.identity(), 3);
        approval = Pades.sign(unsigned, dir.resolve("approval.pdf"), TestPortfolios.SIGNER.identity(), null);
        lockedApproval = Pades.sign(unsigned, dir.resolve("locked.pdf"), TestPortfolios.SIGNER.identity(), null,
                "ETSI.CAdES.detached", (doc, signature) -> lockFieldsOnSigning(doc, signature, LOCKED, 0));
        lockedNoChanges = Pades.sign(unsigned, dir.resolve("locked-p1.pdf"), TestPortfolios.SIGNER.identity(), null,
                "ETSI.CAdES.detached", (doc, signature) -> lockFieldsOnSigning(doc, signature, LOCKED, 1));
    }

    /** The portfolio with two text fields on its first page and a text annotation, saved in full (before signing). */
    static Path withFormAndNote(Path in, Path out) throws Exception {
        try (PDDocument doc = Loader.loadPDF(in.toFile())) {
            PDPage page = doc.getPage(0);
            PDAcroForm form = new PDAcroForm(doc);
            doc.getDocumentCatalog().setAcroForm(form);
            PDResources resources = new PDResources();
            resources.put(COSName.getPDFName("Helv"), new PDType1Font(Standard14Fonts.FontName.HELVETICA));
            form.setDefaultResources(resources);
            form.setDefaultAppearance("/Helv 10 Tf 0 g");
            List<PDAnnotation> annotations = page.getAnnotations();
            int y = 40;
            for (String name : List.of(FIELD, LOCKED)) {
                PDTextField field = new PDTextField(form);
                field.setPartialName(name);
                PDAnnotationWidget widget = field.getWidgets().get(0);
                widget.setRectangle(new PDRectangle(40, y, 200, 18));
                widget.setPage(page);
                widget.setPrinted(true);
                annotations.add(widget);
                form.getFields().add(field);
                field.setValue("(to be filled in)");
                y += 30;
            }
            PDAnnotationText note = new PDAnnotationText();
            note.setContents("Recovered from the Wayback Machine");
            note.setRectangle(new PDRectangle(300, 40, 20, 20));
            note.setPrinted(true);
            annotations.add(note);
            page.setAnnotations(annotations);
            doc.save(out.toFile());
        }
        return out;
    }

    /** Makes the new signature's field lock {@code locked} (a {@code /Lock} with {@code /Action /Include}). */
    static void lockFieldsOnSigning(PDDocument doc, org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature signature,
            String locked, int lockPermission) throws java.io.IOException {
        PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
        PDSignatureField field = new PDSignatureField(form);
        field.setPartialName("ApprovalWithLock");
        PDAnnotationWidget widget = field.getWidgets().get(0);
        widget.setRectangle(new PDRectangle(0, 0, 0, 0));
        widget.setPage(doc.getPage(0));
        widget.setPrinted(true);
        doc.getPage(0).getAnnotations().add(widget);
        doc.getPage(0).getCOSObject().setNeedToBeUpdated(true);
        COSDictionary lock = new COSDictionary();
        lock.setItem(COSName.TYPE, COSName.getPDFName("SigFieldLock"));
        lock.setItem(COSName.getPDFName("Action"), COSName.getPDFName("Include"));
        COSArray fields = new COSArray();
        fields.add(new COSString(locked));
        lock.setItem(COSName.getPDFName("Fields"), fields);
        if (lockPermission > 0) {
            lock.setInt(COSName.P, lockPermission);
        }
        field.getCOSObject().setItem(COSName.getPDFName("Lock"), lock);
        field.getCOSObject().setItem(COSName.V, signature.getCOSObject());
        form.getFields().add(field);
        form.getCOSObject().setNeedToBeUpdated(true);
        doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
    }

    static VerificationReport verify(Path p) throws Exception {
        return PdfVerifier.of(TestPortfolios.trust()).verify(p);
    }

    static SignatureResult first(VerificationReport r) {
        return r.signatures().stream().filter(s -> s.kind() == SignatureKind.PADES).findFirst().orElseThrow();
    }

    static void assertAllowed(VerificationReport r) {
        assertThat(r.verdict()).as(PdfVerifierTest.errors(r)).isEqualTo(Verdict.TRUSTED);
        assertThat(r.has(ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE)).isFalse();
        assertThat(r.has(ProblemCode.PDF_CHANGE_NOT_PERMITTED)).isFalse();
        assertThat(first(r).coverage()).contains(PdfVerification.ENTIRE_REVISION);
    }

    static void assertRefused(VerificationReport r, ProblemCode code, String... messageParts) {
        assertThat(r.verdict()).as(PdfVerifierTest.errors(r)).isEqualTo(Verdict.INVALID);
        assertThat(r.has(code)).as("expected " + code + " in\n" + PdfVerifierTest.errors(r)).isTrue();
        if (messageParts.length > 0) {
            assertThat(PdfVerifierTest.errors(r)).contains(messageParts);
        }
        assertThat(first(r).coverage()).contains(PdfVerification.PARTIAL);
    }

    /** Fills in a text field as a form filler would: a new value and a redrawn appearance. */
    static void fill(PDDocument d, String name, String value) throws Exception {
        PDTextField field = (PDTextField) d.getDocumentCatalog().getAcroForm().getField(name);
        field.setValue(value);
        field.getCOSObject().setNeedToBeUpdated(true);
        for (PDAnnotationWidget w : field.getWidgets()) {
            w.getCOSObject().setNeedToBeUpdated(true);
            PDAppearanceDictionary ap = w.getAppearance();
            if (ap != null) {
                ap.getCOSObject().setNeedToBeUpdated(true);
                ap.getNormalAppearance().getAppearanceStream().getCOSObject().setNeedToBeUpdated(true);
            }
        }
    }

    static void addNote(PDDocument d) throws Exception {
        PDPage page = d.getPage(0);
        List<PDAnnotation> annotations = page.getAnnotations();
        PDAnnotationText note = new PDAnnotationText();
        note.setContents("This document was withdrawn");
        note.setRectangle(new PDRectangle(100, 100, 50, 50));
        annotations.add(note);
        page.setAnnotations(annotations);
        page.getCOSObject().setNeedToBeUpdated(true);
    }

    static void removeNote(PDDocument d) throws Exception {
        PDPage page = d.getPage(0);
        List<PDAnnotation> annotations = page.getAnnotations();
        annotations.removeIf(a -> a instanceof PDAnnotationText);
        page.setAnnotations(annotations);
        page.getCOSObject().setNeedToBeUpdated(true);
    }

    static void editNote(PDDocument d) throws Exception {
        for (PDAnnotation a : d.getPage(0).getAnnotations()) {
            if (a instanceof PDAnnotationText) {
                a.setContents("Withdrawn: do not rely on this document");
                a.getCOSObject().setNeedToBeUpdated(true);
            }
        }
    }

    static void changeCollection(PDDocument d) {
        COSDictionary catalog = d.getDocumentCatalog().getCOSObject();
        COSDictionary collection = catalog.getCOSDictionary(COSName.getPDFName("Collection"));
        collection.setItem(COSName.getPDFName("D"), new COSString("documents/notice.txt"));
        collection.setNeedToBeUpdated(true);
        catalog.setNeedToBeUpdated(true);
    }

    /** {@code base} with {@code c} appended as an incremental update. */
    static Path change(Path base, String name, AttackTest.Change c) throws Exception {
        Path out = dir.resolve(name + ".pdf");
        try (PDDocument doc = Loader.loadPDF(base.toFile())) {
            c.apply(doc);
            try (OutputStream os = Files.newOutputStream(out)) {
                doc.saveIncremental(os);
            }
        }
        return out;
    }

    @Test
    void theSignedDocumentsAreValid() throws Exception {
        for (Path p : List.of(p1, p2, p3, approval, lockedApproval)) {
            VerificationReport r = verify(p);
            assertThat(r.verdict()).as(p + "\n" + PdfVerifierTest.errors(r)).isEqualTo(Verdict.TRUSTED);
            assertThat(first(r).coverage()).contains(PdfVerification.ENTIRE_FILE);
        }
    }

    @Nested
    class P2 {
        @Test
        void fillingAFieldIsAnAllowedUpdate() throws Exception {
            assertAllowed(verify(change(p2, "p2-fill", d -> fill(d, FIELD, "Jane Archivist"))));
        }

        @Test
        void addingAnAnnotationIsNotPermitted() throws Exception {
            assertRefused(verify(change(p2, "p2-note", DocMdpTest::addNote)), ProblemCode.PDF_CHANGE_NOT_PERMITTED,
                    "gained the annotation", "P=2");
        }

        @Test
        void movingAFieldIsNotFillingIt() throws Exception {
            // A field moved over signed text (with a value that covers it) is a shadow attack, not form filling.
            VerificationReport r = verify(change(p2, "p2-move-field", d -> {
                PDTextField field = (PDTextField) d.getDocumentCatalog().getAcroForm().getField(FIELD);
                field.getWidgets().get(0).setRectangle(new PDRectangle(0, 0, 600, 800));
                fill(d, FIELD, "Nothing to see here");
            }));
            assertRefused(r, ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE, "/Rect", "filling in a form does not change");
        }

        @Test
        void changingAnAnnotationIsNotPermitted() throws Exception {
            assertRefused(verify(change(p2, "p2-edit-note", DocMdpTest::editNote)), ProblemCode.PDF_CHANGE_NOT_PERMITTED,
                    "(/Subtype /Text) was changed", "P=2");
        }

        @Test
        void anApprovalSignatureIsAnAllowedUpdate() throws Exception {
            Path signed = Pades.sign(p2, dir.resolve("p2-approval.pdf"), TestPortfolios.OTHER.identity(), null);
            VerificationReport r = verify(signed);
            assertAllowed(r);
            assertThat(r.signatures().stream().filter(s -> s.kind() == SignatureKind.PADES)).hasSize(2)
                    .allMatch(SignatureResult::valid);
        }

        @Test
        void changingPageContentIsNeverAllowed() throws Exception {
            assertRefused(verify(change(p2, "p2-content", AttackTest::replacePageContent)),
                    ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE, "(a page)");
        }

        @Test
        void replacingTheManifestIsNeverAllowed() throws Exception {
            assertRefused(verify(change(p2, "p2-manifest", d -> AttackTest.replaceAttachment(d, "archive.json",
                    "{}".getBytes(StandardCharsets.UTF_8)))), ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE);
        }
    }

    @Nested
    class P3 {
        @Test
        void addingATextAnnotationIsAnAllowedUpdate() throws Exception {
            assertAllowed(verify(change(p3, "p3-note", DocMdpTest::addNote)));
        }

        @Test
        void removingATextAnnotationIsAnAllowedUpdate() throws Exception {
            assertAllowed(verify(change(p3, "p3-remove-note", DocMdpTest::removeNote)));
        }

        @Test
        void changingATextAnnotationIsAnAllowedUpdate() throws Exception {
            assertAllowed(verify(change(p3, "p3-edit-note", DocMdpTest::editNote)));
        }

        @Test
        void fillingAFieldIsAnAllowedUpdate() throws Exception {
            assertAllowed(verify(change(p3, "p3-fill", d -> fill(d, FIELD, "Jane Archivist"))));
        }

        @Test
        void changingPageContentIsNotAllowed() throws Exception {
            assertRefused(verify(change(p3, "p3-content", AttackTest::replacePageContent)),
                    ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE, "(a page)");
        }

        @Test
        void replacingAnEmbeddedFileIsNotAllowed() throws Exception {
            assertRefused(verify(change(p3, "p3-file", d -> AttackTest.replaceAttachment(d, "documents/notice.txt",
                    "forged".getBytes(StandardCharsets.UTF_8)))), ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE);
        }

        @Test
        void changingTheCollectionIsNotAllowed() throws Exception {
            assertRefused(verify(change(p3, "p3-collection", DocMdpTest::changeCollection)),
                    ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE, "Collection");
        }

        @Test
        void addingAnEmbeddedFileThroughAnAnnotationIsNotAllowed() throws Exception {
            VerificationReport r = verify(change(p3, "p3-file-annotation", d -> {
                PDPage page = d.getPage(0);
                List<PDAnnotation> annotations = page.getAnnotations();
                org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFileAttachment a =
                        new org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFileAttachment();
                org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification fs =
                        new org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification();
                fs.setFile("forged.txt");
                fs.setEmbeddedFile(new org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile(d,
                        new java.io.ByteArrayInputStream("forged".getBytes(StandardCharsets.UTF_8))));
                a.setFile(fs);
                a.setRectangle(new PDRectangle(10, 10, 20, 20));
                annotations.add(a);
                page.setAnnotations(annotations);
                page.getCOSObject().setNeedToBeUpdated(true);
            }));
            assertRefused(r, ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE, "file attachment annotation");
        }
    }

    @Nested
    class P1 {
        @Test
        void fillingAFieldIsNotPermitted() throws Exception {
            assertRefused(verify(change(p1, "p1-fill", d -> fill(d, FIELD, "Jane Archivist"))),
                    ProblemCode.PDF_CHANGE_NOT_PERMITTED, "was filled in", "P=1");
        }

        @Test
        void addingAnAnnotationIsNotPermitted() throws Exception {
            assertRefused(verify(change(p1, "p1-note", DocMdpTest::addNote)), ProblemCode.PDF_CHANGE_NOT_PERMITTED,
                    "P=1");
        }

        @Test
        void removingAnAnnotationIsNotPermitted() throws Exception {
            assertRefused(verify(change(p1, "p1-remove-note", DocMdpTest::removeNote)),
                    ProblemCode.PDF_CHANGE_NOT_PERMITTED, "lost the annotation", "P=1");
        }

        @Test
        void changingPageContentIsNotAllowed() throws Exception {
            assertRefused(verify(change(p1, "p1-content", AttackTest::replacePageContent)),
                    ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE);
        }

        @Test
        void changingTheCollectionIsNotAllowed() throws Exception {
            assertRefused(verify(change(p1, "p1-collection", DocMdpTest::changeCollection)),
                    ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE, "Collection");
        }
    }

    @Nested
    class ApprovalWithoutCertification {
        @Test
        void fillingAFieldIsAnAllowedUpdate() throws Exception {
            assertAllowed(verify(change(approval, "approval-fill", d -> fill(d, FIELD, "Jane Archivist"))));
        }

        @Test
        void aPlainSignedPdfWithATextFieldMayBeFilledIn() throws Exception {
            Path plain = dir.resolve("plain.pdf");
            try (PDDocument doc = new PDDocument()) {
                doc.addPage(new PDPage());
                doc.save(plain.toFile());
            }
            Path form = withFormAndNote(plain, dir.resolve("plain-form.pdf"));
            Path signedPlain = Pades.sign(form, dir.resolve("plain-signed.pdf"), TestPortfolios.SIGNER.identity(), null);
            VerificationReport original = verify(signedPlain);
            assertThat(original.format()).isEqualTo(dev.palimpsest.core.verify.ArchiveFormat.PDF);
            assertThat(first(original).coverage()).contains(PdfVerification.ENTIRE_FILE);
            assertAllowed(verify(change(signedPlain, "plain-fill", d -> fill(d, FIELD, "Jane Archivist"))));
            assertRefused(verify(change(signedPlain, "plain-note", DocMdpTest::addNote)),
                    ProblemCode.PDF_CHANGE_NOT_PERMITTED, "gained the annotation");
            assertRefused(verify(change(signedPlain, "plain-content", AttackTest::replacePageContent)),
                    ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE, "(a page)");
        }

        @Test
        void addingAnAnnotationIsNotPermitted() throws Exception {
            assertRefused(verify(change(approval, "approval-note", DocMdpTest::addNote)),
                    ProblemCode.PDF_CHANGE_NOT_PERMITTED, "approval signatures");
        }

        @ParameterizedTest
        @ValueSource(strings = {FIELD, LOCKED})
        void aFieldLockForbidsFillingTheFieldsItLocks(String name) throws Exception {
            VerificationReport r = verify(change(lockedApproval, "locked-fill-" + name, d -> fill(d, name, "changed")));
            if (name.equals(LOCKED)) {
                assertRefused(r, ProblemCode.PDF_CHANGE_NOT_PERMITTED, "ApprovalWithLock", "locks it");
            } else {
                assertAllowed(r);
            }
        }

        @Test
        void aLockWithP1ForbidsEveryFurtherChange() throws Exception {
            assertThat(verify(lockedNoChanges).verdict()).isEqualTo(Verdict.TRUSTED);
            assertRefused(verify(change(lockedNoChanges, "locked-p1-fill", d -> fill(d, FIELD, "changed"))),
                    ProblemCode.PDF_CHANGE_NOT_PERMITTED, "P=1", "/Lock /P of the signature field 'ApprovalWithLock'");
        }
    }
}
