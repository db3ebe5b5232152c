package dev.palimpsest.pdf.apitests;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;

/** Reading portfolios back with PDFBox, as an independent reader of the raw structure would. */
final class Pdfs {
    private Pdfs() {
    }

    static PDDocument load(byte[] pdf) throws IOException {
        return Loader.loadPDF(pdf);
    }

    /** Every entry of the /EmbeddedFiles name tree, in tree order (leaves left to right). */
    static Map<String, PDComplexFileSpecification> attachments(PDDocument document) throws IOException {
        Map<String, PDComplexFileSpecification> all = new LinkedHashMap<>();
        collect(document.getDocumentCatalog().getNames().getEmbeddedFiles(), all);
        return all;
    }

    private static void collect(PDNameTreeNode<PDComplexFileSpecification> node, Map<String, PDComplexFileSpecification> all)
            throws IOException {
        Map<String, PDComplexFileSpecification> names = node.getNames();
        if (names != null) {
            all.putAll(names);
        }
        List<PDNameTreeNode<PDComplexFileSpecification>> kids = node.getKids();
        if (kids != null) {
            for (PDNameTreeNode<PDComplexFileSpecification> kid : kids) {
                collect(kid, all);
            }
        }
    }
}
