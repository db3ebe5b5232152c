package dev.palimpsest.pdf.internal.verify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A signature field's value found in some revision: where its dictionary is, the revision that
 * first shows it, and the dictionary itself, or why it is unusable.
 */
final class FoundSignature {
    private static final int MAX_FIELD_DEPTH = 32;
    private static final int MAX_FIELDS = 100_000;

    final int revision;
    final String fieldName;
    final PdfValue.Ref ref;
    final PdfFile.Entry entry;
    final PdfValue.Dict dict;
    final String unusable;

    private FoundSignature(int revision, String fieldName, PdfValue.Ref ref, PdfFile.Entry entry, PdfValue.Dict dict,
            String unusable) {
        this.revision = revision;
        this.fieldName = fieldName;
        this.ref = ref;
        this.entry = entry;
        this.dict = dict;
        this.unusable = unusable;
    }

    /** How people are told which signature this is. */
    String label() {
        return "signature '" + fieldName + "'" + (ref != null ? " (object " + ref.number() + ")" : "");
    }

    /**
     * Every signature of every revision, in the order they first appear. A field whose value
     * cannot be read as a dictionary is kept, as unusable.
     *
     * @param malformed receives problems with the form of the latest revision
     */
    static List<FoundSignature> discover(PdfFile pdf, List<String> malformed) {
        Map<String, FoundSignature> found = new LinkedHashMap<>();
        int last = pdf.revisions().size() - 1;
        for (int r = 0; r <= last; r++) {
            PdfFile.View view = pdf.view(r);
            try {
                PdfValue.Dict catalog = view.catalog();
                PdfValue acro = view.resolve(catalog.get("AcroForm"));
                if (!(acro instanceof PdfValue.Dict)) {
                    continue;
                }
                PdfValue fields = view.resolve(((PdfValue.Dict) acro).get("Fields"));
                if (!(fields instanceof PdfValue.Arr)) {
                    continue;
                }
                Set<Integer> visited = new HashSet<>();
                for (PdfValue f : ((PdfValue.Arr) fields).items()) {
                    walk(view, r, f, null, "", 0, visited, found);
                }
            } catch (PdfSyntaxException e) {
                if (r == last) {
                    malformed.add("the form fields of the latest revision cannot be read: " + e.getMessage());
                }
            } catch (IOException e) {
                malformed.add(e.getMessage());
            }
        }
        return new ArrayList<>(found.values());
    }

    private static void walk(PdfFile.View view, int r, PdfValue item, String inheritedType, String prefix, int depth,
            Set<Integer> visited, Map<String, FoundSignature> found) throws IOException, PdfSyntaxException {
        if (depth > MAX_FIELD_DEPTH || visited.size() > MAX_FIELDS) {
            throw new PdfSyntaxException("the form field tree is deeper than " + MAX_FIELD_DEPTH + " or has more than "
                    + MAX_FIELDS + " fields");
        }
        if (item instanceof PdfValue.Ref && !visited.add(((PdfValue.Ref) item).number())) {
            return;
        }
        PdfValue v = view.resolve(item);
        if (!(v instanceof PdfValue.Dict)) {
            return;
        }
        PdfValue.Dict d = (PdfValue.Dict) v;
        String type = d.name("FT").orElse(inheritedType);
        String name = prefix + PdfText.text(d.get("T")).orElse("");
        if ("Sig".equals(type) && d.has("V")) {
            PdfValue value = d.get("V");
            if (value instanceof PdfValue.Ref) {
                PdfValue.Ref ref = (PdfValue.Ref) value;
                PdfFile.Entry entry = view.entry(ref.number());
                String key = ref + "@" + entry;
                if (!found.containsKey(key)) {
                    PdfValue.Dict dict = null;
                    String unusable = null;
                    try {
                        PdfValue sig = view.object(ref);
                        if (sig instanceof PdfValue.Dict) {
                            dict = (PdfValue.Dict) sig;
                        } else {
                            unusable = "its value " + ref + " is " + (sig == PdfValue.Null.INSTANCE ? "not defined"
                                    : "not a dictionary");
                        }
                    } catch (PdfSyntaxException e) {
                        unusable = "its value " + ref + " cannot be read: " + e.getMessage();
                    }
                    found.put(key, new FoundSignature(r, name, ref, entry, dict, unusable));
                }
            } else {
                String key = "direct@" + name + "@" + r;
                if (found.keySet().stream().noneMatch(k -> k.startsWith("direct@" + name + "@"))) {
                    found.put(key, new FoundSignature(r, name, null, null, null,
                            "its value is not an indirect signature dictionary"));
                }
            }
        }
        PdfValue kids = view.resolve(d.get("Kids"));
        if (kids instanceof PdfValue.Arr) {
            for (PdfValue k : ((PdfValue.Arr) kids).items()) {
                walk(view, r, k, type, name.isEmpty() ? "" : name + ".", depth + 1, visited, found);
            }
        }
    }
}
