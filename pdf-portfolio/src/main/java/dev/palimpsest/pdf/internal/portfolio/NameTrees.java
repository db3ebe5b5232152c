package dev.palimpsest.pdf.internal.portfolio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;

/**
 * Writes name trees (ISO 32000-1, 7.9.6). Keys are ordered by their encoded bytes, as the
 * specification requires; Java string order differs for keys outside PDFDocEncoding, which are
 * written as UTF-16BE. Large trees are split into leaves under one root so no single array
 * grows without bound.
 */
final class NameTrees {
    static final int LEAF_SIZE = 64;

    private NameTrees() {
    }

    /** The root of a name tree holding {@code entries}, whose keys must be distinct. */
    static COSDictionary build(Map<String, ? extends COSBase> entries) {
        List<Map.Entry<COSString, COSBase>> sorted = new ArrayList<>();
        for (Map.Entry<String, ? extends COSBase> e : entries.entrySet()) {
            sorted.add(Map.entry(new COSString(e.getKey()), e.getValue()));
        }
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.getKey().getBytes(), b.getKey().getBytes()));
        COSDictionary root = new COSDictionary();
        if (sorted.size() <= LEAF_SIZE) {
            root.setItem(COSName.NAMES, names(sorted));
            return root;
        }
        COSArray kids = new COSArray();
        for (int from = 0; from < sorted.size(); from += LEAF_SIZE) {
            List<Map.Entry<COSString, COSBase>> part = sorted.subList(from, Math.min(sorted.size(), from + LEAF_SIZE));
            COSDictionary leaf = new COSDictionary();
            leaf.setItem(COSName.NAMES, names(part));
            COSArray limits = new COSArray();
            limits.add(part.get(0).getKey());
            limits.add(part.get(part.size() - 1).getKey());
            leaf.setItem(COSName.LIMITS, limits);
            kids.add(leaf);
        }
        root.setItem(COSName.KIDS, kids);
        return root;
    }

    private static COSArray names(List<Map.Entry<COSString, COSBase>> entries) {
        COSArray names = new COSArray();
        for (Map.Entry<COSString, COSBase> e : entries) {
            names.add(e.getKey());
            names.add(e.getValue());
        }
        return names;
    }
}
