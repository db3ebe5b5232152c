package dev.palimpsest.pdf.verify;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/** Attacks other tests start from. */
final class AttackTestSupport {
    private AttackTestSupport() {
    }

    /** An incremental update after the signature that replaces {@code documents/notice.txt}. */
    static Path replaceAttachmentAfterSigning(Path signed, Path out) throws Exception {
        try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
            AttackTest.replaceAttachment(doc, "documents/notice.txt", "forged".getBytes(StandardCharsets.UTF_8));
            try (OutputStream os = Files.newOutputStream(out)) {
                doc.saveIncremental(os);
            }
        }
        return out;
    }
}
