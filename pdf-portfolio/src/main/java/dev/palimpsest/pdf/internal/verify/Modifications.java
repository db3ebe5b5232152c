package dev.palimpsest.pdf.internal.verify;

import dev.palimpsest.core.verify.ProblemCode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the objects after the last revision with those of a signed revision, object by
 * object, and reports every difference that is not an allowed update. Allowed: a document
 * security store ({@code /DSS}, its VRI, certificates and revocation data) and the catalog's
 * {@code /Extensions}; new signature fields whose value is a document timestamp (or, when DocMDP
 * permits, another signature), with invisible widgets added to a page's {@code /Annots} and the
 * form's {@code /Fields}. Anything else — a changed or redefined object, a new page, a visible
 * annotation, an object the signed revision referred to but did not define, a deleted object, a
 * cross-reference entry pointing back into signed bytes — is a violation.
 */
final class Modifications {
    private static final Set<String> DSS_KEYS = Set.of("Type", "Certs", "CRLs", "OCSPs", "VRI");
    private static final Set<String> VRI_KEYS = Set.of("Type", "Cert", "CRL", "OCSP", "TU", "TS");

    /** One violation: a stable code and a sentence. */
    record Violation(ProblemCode code, String message) {
    }

    private final PdfFile pdf;
    private final int signed;
    private final PdfFile.View before;
    private final PdfFile.View after;
    private final List<Violation> violations = new ArrayList<>();
    private int catalogNumber = -1;
    private int acroFormNumber = -1;
    private int fieldsNumber = -1;
    private final IntSet annotsArrays = new IntSet();
    private final IntSet dssParts = new IntSet();
    private IntSet signedRefs;
    private IntSet refsOutsideDss;
    private boolean approvalsAllowed = true;
    private final Set<Integer> changed = new TreeSet<>();

    private Modifications(PdfFile pdf, int signed) {
        this.pdf = pdf;
        this.signed = signed;
        this.before = pdf.view(signed);
        this.after = pdf.latest();
    }

    /** The violations of the revisions after revision {@code signed}; empty when it is the last. */
    static List<Violation> check(PdfFile pdf, int signed) throws IOException {
        Modifications m = new Modifications(pdf, signed);
        if (signed < pdf.revisions().size() - 1) {
            m.run();
        }
        return m.violations;
    }

    private void violation(ProblemCode code, String message) {
        violations.add(new Violation(code, message));
    }

    private void run() throws IOException {
        xrefEntries();
        trailer();
        try {
            roles();
        } catch (PdfSyntaxException e) {
            violation(ProblemCode.PDF_MALFORMED, "the signed revision's catalog cannot be read: " + e.getMessage());
            return;
        }
        for (int r = signed + 1; r < pdf.revisions().size(); r++) {
            changed.addAll(pdf.revisions().get(r).numbers());
        }
        changed.remove(0);
        for (int n : changed) {
            try {
                object(n);
            } catch (PdfSyntaxException e) {
                violation(e.kind() == PdfSyntaxException.Kind.HEADER_MISMATCH ? ProblemCode.PDF_OBJECT_HEADER_MISMATCH
                        : ProblemCode.PDF_MALFORMED, "object " + n + " as a later revision defines it: " + e.getMessage());
            }
        }
    }

    /** Every entry of a later revision points into that revision's own bytes, or repeats the entry in force. */
    private void xrefEntries() {
        for (int r = signed + 1; r < pdf.revisions().size(); r++) {
            PdfFile.Revision rev = pdf.revisions().get(r);
            PdfFile.View previous = pdf.view(r - 1);
            for (int n : rev.numbers()) {
                PdfFile.Entry e = rev.entry(n);
                if (e.type() != PdfFile.IN_FILE || (e.field2() >= rev.start() && e.field2() < rev.end())) {
                    continue;
                }
                PdfFile.Entry inForce = previous.entry(n);
                if (!e.equals(inForce)) {
                    violation(ProblemCode.PDF_XREF_REDIRECTED, "revision " + (r + 1) + " points object " + n + " at offset "
                            + e.field2() + ", outside its own bytes (" + rev.start() + " to " + rev.end() + "), where it was "
                            + (inForce == null ? "not defined" : "defined " + inForce) + " before");
                }
            }
        }
    }

    private void trailer() {
        PdfValue.Dict old = before.trailer();
        PdfValue.Dict neu = after.trailer();
        for (String key : List.of("Root", "Info")) {
            if (!old.get(key).equals(neu.get(key))) {
                violation(ProblemCode.PDF_TRAILER_MODIFIED, "the trailer's /" + key + " was " + old.get(key)
                        + " when signed and is " + neu.get(key) + " now");
            }
        }
        if (neu.has("Encrypt")) {
            violation(ProblemCode.PDF_TRAILER_MODIFIED, "a later revision encrypts the document (/Encrypt)");
        }
    }

    /** What the objects of the signed revision are: catalog, form, field list, pages' annotations, DSS. */
    private void roles() throws IOException, PdfSyntaxException {
        PdfValue root = before.trailer().get("Root");
        if (root instanceof PdfValue.Ref) {
            catalogNumber = ((PdfValue.Ref) root).number();
        }
        PdfValue.Dict catalog = before.catalog();
        PdfValue acro = catalog.get("AcroForm");
        if (acro instanceof PdfValue.Ref) {
            acroFormNumber = ((PdfValue.Ref) acro).number();
        }
        PdfValue acroDict = before.resolve(acro);
        if (acroDict instanceof PdfValue.Dict && ((PdfValue.Dict) acroDict).get("Fields") instanceof PdfValue.Ref) {
            fieldsNumber = ((PdfValue.Ref) ((PdfValue.Dict) acroDict).get("Fields")).number();
        }
        pages(catalog.get("Pages"), 0, new HashSet<>());
        PdfValue dss = catalog.get("DSS");
        if (dss instanceof PdfValue.Ref) {
            dssParts.add(((PdfValue.Ref) dss).number());
        }
        PdfValue dssDict = before.resolve(dss);
        if (dssDict instanceof PdfValue.Dict) {
            for (PdfValue v : ((PdfValue.Dict) dssDict).entries().values()) {
                if (v instanceof PdfValue.Ref) {
                    dssParts.add(((PdfValue.Ref) v).number());
                }
            }
            PdfValue vri = before.resolve(((PdfValue.Dict) dssDict).get("VRI"));
            if (vri instanceof PdfValue.Dict) {
                for (PdfValue v : ((PdfValue.Dict) vri).entries().values()) {
                    if (v instanceof PdfValue.Ref) {
                        dssParts.add(((PdfValue.Ref) v).number());
                    }
                }
            }
        }
        approvalsAllowed = docMdpPermission(catalog) != 1;
    }

    private void pages(PdfValue node, int depth, Set<Integer> seen) throws IOException, PdfSyntaxException {
        if (depth > 64 || (node instanceof PdfValue.Ref && !seen.add(((PdfValue.Ref) node).number()))) {
            return;
        }
        PdfValue v = before.resolve(node);
        if (!(v instanceof PdfValue.Dict)) {
            return;
        }
        PdfValue.Dict d = (PdfValue.Dict) v;
        if (d.get("Annots") instanceof PdfValue.Ref) {
            annotsArrays.add(((PdfValue.Ref) d.get("Annots")).number());
        }
        PdfValue kids = before.resolve(d.get("Kids"));
        if (kids instanceof PdfValue.Arr) {
            for (PdfValue k : ((PdfValue.Arr) kids).items()) {
                pages(k, depth + 1, seen);
            }
        }
    }

    /** The DocMDP permission (1, 2 or 3) of a certification signature, or 0 without one. */
    private int docMdpPermission(PdfValue.Dict catalog) throws IOException, PdfSyntaxException {
        PdfValue perms = before.resolve(catalog.get("Perms"));
        if (!(perms instanceof PdfValue.Dict)) {
            return 0;
        }
        PdfValue sig = before.resolve(((PdfValue.Dict) perms).get("DocMDP"));
        if (!(sig instanceof PdfValue.Dict)) {
            return 0;
        }
        PdfValue refs = before.resolve(((PdfValue.Dict) sig).get("Reference"));
        if (refs instanceof PdfValue.Arr) {
            for (PdfValue r : ((PdfValue.Arr) refs).items()) {
                PdfValue ref = before.resolve(r);
                if (ref instanceof PdfValue.Dict && ((PdfValue.Dict) ref).name("TransformMethod").orElse("").equals("DocMDP")) {
                    PdfValue params = before.resolve(((PdfValue.Dict) ref).get("TransformParams"));
                    PdfValue p = params instanceof PdfValue.Dict ? before.resolve(((PdfValue.Dict) params).get("P"))
                            : PdfValue.Null.INSTANCE;
                    return p instanceof PdfValue.Num && ((PdfValue.Num) p).isInteger() ? (int) ((PdfValue.Num) p).longValue() : 2;
                }
            }
        }
        return 2;
    }

    private boolean inUse(PdfFile.View view, int n) {
        PdfFile.Entry e = view.entry(n);
        return e != null && e.inUse();
    }

    /** Whether object {@code n} is new since the signed revision. */
    private boolean added(int n) {
        return !inUse(before, n) && inUse(after, n);
    }

    private void object(int n) throws IOException, PdfSyntaxException {
        PdfFile.Entry old = before.entry(n);
        PdfFile.Entry neu = after.entry(n);
        boolean oldUse = old != null && old.inUse();
        boolean newUse = neu != null && neu.inUse();
        if (!oldUse && !newUse) {
            return;
        }
        if (oldUse && !newUse) {
            violation(ProblemCode.PDF_OBJECT_DELETED, "object " + n + " of the signed revision was deleted (its"
                    + " cross-reference entry is free)");
            return;
        }
        if (!oldUse) {
            // Check the new object parses, and that nothing signed was pointing at its number.
            after.objectAt(n, neu);
            if (signedReferences().contains(n)) {
                violation(ProblemCode.PDF_SHADOWED_OBJECT, "object " + n + " is referred to by the signed revision, which did"
                        + " not define it, and is defined by a later revision: signed content now shows unsigned bytes");
            }
            return;
        }
        if (old.equals(neu)) {
            return;
        }
        if (old.generation() != neu.generation()) {
            violation(ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE, "object " + n + " " + old.generation()
                    + " of the signed revision was replaced by generation " + neu.generation());
            return;
        }
        PdfValue oldValue = before.objectAt(n, old);
        PdfValue newValue = after.objectAt(n, neu);
        if (same(oldValue, newValue)) {
            return;
        }
        String why = allowedChange(n, oldValue, newValue);
        if (why != null) {
            violation(ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE, why);
        }
    }

    /** Null when the change of object {@code n} is an allowed update, else what is wrong with it. */
    private String allowedChange(int n, PdfValue old, PdfValue neu) throws IOException, PdfSyntaxException {
        String what = "object " + n;
        if (n == catalogNumber) {
            return catalog(old, neu);
        }
        if (n == acroFormNumber) {
            return old instanceof PdfValue.Dict && neu instanceof PdfValue.Dict
                    ? acroForm((PdfValue.Dict) old, (PdfValue.Dict) neu, what + " (the interactive form)")
                    : what + " (the interactive form) is no longer a dictionary";
        }
        if (n == fieldsNumber) {
            return grown(old, neu, true, what + " (the form's /Fields)");
        }
        if (annotsArrays.contains(n)) {
            return grown(old, neu, false, what + " (a page's /Annots)");
        }
        if (dssParts.contains(n) && !outsideDssReferences().contains(n)) {
            return dss(neu, what + " (part of the DSS)");
        }
        if (old instanceof PdfValue.Dict && neu instanceof PdfValue.Dict) {
            PdfValue.Dict o = (PdfValue.Dict) old;
            PdfValue.Dict d = (PdfValue.Dict) neu;
            if (o.name("Type").filter("Page"::equals).isPresent()) {
                return page(o, d, what + " (a page)");
            }
            if (o.name("FT").filter("Sig"::equals).isPresent() && !o.has("V")) {
                Set<String> diff = differingKeys(o, d);
                if (diff.equals(Set.of("V"))) {
                    String bad = allowedSignatureValue(d.get("V"));
                    return bad == null ? null : what + " (an empty signature field) was signed, but " + bad;
                }
            }
            return what + describe(o) + " was changed after signing: " + keyList(differingKeys(o, d)) + " differ";
        }
        return what + " was changed after signing";
    }

    private static String describe(PdfValue.Dict d) {
        return d.name("Type").map(t -> " (/Type /" + t + ")")
                .or(() -> d.name("Subtype").map(t -> " (/Subtype /" + t + ")")).orElse("");
    }

    private static String keyList(Set<String> keys) {
        StringBuilder sb = new StringBuilder();
        for (String k : keys) {
            sb.append(sb.length() == 0 ? "" : ", ").append('/').append(k);
        }
        return sb.toString();
    }

    private String catalog(PdfValue old, PdfValue neu) throws IOException, PdfSyntaxException {
        if (!(old instanceof PdfValue.Dict) || !(neu instanceof PdfValue.Dict)) {
            return "the catalog is no longer a dictionary";
        }
        PdfValue.Dict o = (PdfValue.Dict) old;
        PdfValue.Dict d = (PdfValue.Dict) neu;
        for (String key : differingKeys(o, d)) {
            switch (key) {
                case "DSS": {
                    String bad = dss(after.resolve(d.get("DSS")), "the catalog's /DSS");
                    if (bad != null) {
                        return bad;
                    }
                    break;
                }
                case "Extensions":
                    if (!(after.resolve(d.get("Extensions")) instanceof PdfValue.Dict)) {
                        return "the catalog's /Extensions is not a dictionary";
                    }
                    break;
                case "AcroForm": {
                    PdfValue oa = before.resolve(o.get("AcroForm"));
                    PdfValue na = after.resolve(d.get("AcroForm"));
                    if (!(na instanceof PdfValue.Dict)) {
                        return "the catalog's /AcroForm was removed or replaced";
                    }
                    String bad = acroForm(oa instanceof PdfValue.Dict ? (PdfValue.Dict) oa : new PdfValue.Dict(java.util.Map.of()),
                            (PdfValue.Dict) na, "the catalog's /AcroForm");
                    if (bad != null) {
                        return bad;
                    }
                    break;
                }
                default:
                    return "the catalog's /" + key + " was changed after signing";
            }
        }
        return null;
    }

    private String acroForm(PdfValue.Dict o, PdfValue.Dict d, String what) throws IOException, PdfSyntaxException {
        for (String key : differingKeys(o, d)) {
            if (key.equals("SigFlags")) {
                PdfValue f = d.get("SigFlags");
                if (!(f instanceof PdfValue.Num) || !((PdfValue.Num) f).isInteger()) {
                    return what + ": /SigFlags is not an integer";
                }
            } else if (key.equals("Fields")) {
                String bad = grown(before.resolve(o.get("Fields")), after.resolve(d.get("Fields")), true, what + "'s /Fields");
                if (bad != null) {
                    return bad;
                }
            } else {
                return what + ": /" + key + " was changed after signing";
            }
        }
        return null;
    }

    /**
     * An array that only gained items at its end, each a new signature field ({@code fields}) or
     * a new invisible signature widget.
     */
    private String grown(PdfValue old, PdfValue neu, boolean fields, String what) throws IOException, PdfSyntaxException {
        List<PdfValue> o = old instanceof PdfValue.Arr ? ((PdfValue.Arr) old).items() : List.of();
        if (!(neu instanceof PdfValue.Arr)) {
            return what + " is no longer an array";
        }
        List<PdfValue> d = ((PdfValue.Arr) neu).items();
        if (d.size() < o.size() || !same(new PdfValue.Arr(o), new PdfValue.Arr(d.subList(0, o.size())))) {
            return what + " lost or reordered items after signing";
        }
        for (PdfValue item : d.subList(o.size(), d.size())) {
            String bad = fields ? newSignatureField(item) : newWidget(item);
            if (bad != null) {
                return what + " gained " + item + ", which " + bad;
            }
        }
        return null;
    }

    private String page(PdfValue.Dict o, PdfValue.Dict d, String what) throws IOException, PdfSyntaxException {
        for (String key : differingKeys(o, d)) {
            if (!key.equals("Annots")) {
                return what + ": /" + key + " was changed after signing";
            }
            if (o.get("Annots") instanceof PdfValue.Ref && d.get("Annots") instanceof PdfValue.Ref) {
                return what + ": /Annots was pointed at another array after signing";
            }
            String bad = grown(before.resolve(o.get("Annots")), after.resolve(d.get("Annots")), false, what + "'s /Annots");
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    private String newSignatureField(PdfValue item) throws IOException, PdfSyntaxException {
        if (!(item instanceof PdfValue.Ref) || !added(((PdfValue.Ref) item).number())) {
            return "is not a new object";
        }
        PdfValue v = after.resolve(item);
        if (!(v instanceof PdfValue.Dict) || !((PdfValue.Dict) v).name("FT").filter("Sig"::equals).isPresent()) {
            return "is not a signature field";
        }
        PdfValue.Dict field = (PdfValue.Dict) v;
        String bad = allowedSignatureValue(field.get("V"));
        if (bad != null) {
            return bad;
        }
        if (field.name("Subtype").filter("Widget"::equals).isPresent()) {
            return invisible(field);
        }
        PdfValue kids = after.resolve(field.get("Kids"));
        if (kids instanceof PdfValue.Arr) {
            for (PdfValue k : ((PdfValue.Arr) kids).items()) {
                PdfValue w = after.resolve(k);
                if (!(k instanceof PdfValue.Ref) || !added(((PdfValue.Ref) k).number()) || !(w instanceof PdfValue.Dict)) {
                    return "has a widget that is not a new dictionary";
                }
                String hidden = invisible((PdfValue.Dict) w);
                if (hidden != null) {
                    return hidden;
                }
            }
        }
        return null;
    }

    private String newWidget(PdfValue item) throws IOException, PdfSyntaxException {
        if (!(item instanceof PdfValue.Ref) || !added(((PdfValue.Ref) item).number())) {
            return "is not a new object";
        }
        PdfValue v = after.resolve(item);
        if (!(v instanceof PdfValue.Dict) || !((PdfValue.Dict) v).name("Subtype").filter("Widget"::equals).isPresent()) {
            return "is an annotation other than a signature widget";
        }
        PdfValue.Dict widget = (PdfValue.Dict) v;
        PdfValue field = widget.has("FT") ? widget : after.resolve(widget.get("Parent"));
        if (!(field instanceof PdfValue.Dict) || !((PdfValue.Dict) field).name("FT").filter("Sig"::equals).isPresent()) {
            return "is a widget of a field other than a signature field";
        }
        String bad = allowedSignatureValue(((PdfValue.Dict) field).get("V"));
        return bad != null ? bad : invisible(widget);
    }

    /** Null when {@code v} refers to a new document timestamp, or a new signature that DocMDP permits. */
    private String allowedSignatureValue(PdfValue v) throws IOException, PdfSyntaxException {
        if (!(v instanceof PdfValue.Ref) || !added(((PdfValue.Ref) v).number())) {
            return "has a value that is not a new signature dictionary";
        }
        PdfValue sig = after.resolve(v);
        if (!(sig instanceof PdfValue.Dict) || !((PdfValue.Dict) sig).has("ByteRange")) {
            return "has a value that is not a signature dictionary";
        }
        PdfValue.Dict s = (PdfValue.Dict) sig;
        if (s.name("Type").filter("DocTimeStamp"::equals).isPresent()) {
            return null;
        }
        return approvalsAllowed ? null : "is a new signature, which the certification signature's DocMDP permission (P=1)"
                + " forbids";
    }

    /** Null when the widget shows nothing: a zero-area rectangle, or hidden. */
    private String invisible(PdfValue.Dict widget) throws IOException, PdfSyntaxException {
        PdfValue flags = after.resolve(widget.get("F"));
        if (flags instanceof PdfValue.Num && ((PdfValue.Num) flags).isInteger()
                && (((PdfValue.Num) flags).longValue() & (2 | 32)) != 0) {
            return null;
        }
        PdfValue rect = after.resolve(widget.get("Rect"));
        if (rect instanceof PdfValue.Arr && ((PdfValue.Arr) rect).size() == 4
                && ((PdfValue.Arr) rect).items().stream().allMatch(x -> x instanceof PdfValue.Num)) {
            List<PdfValue> r = ((PdfValue.Arr) rect).items();
            boolean flatX = ((PdfValue.Num) r.get(0)).value().compareTo(((PdfValue.Num) r.get(2)).value()) == 0;
            boolean flatY = ((PdfValue.Num) r.get(1)).value().compareTo(((PdfValue.Num) r.get(3)).value()) == 0;
            if (flatX || flatY) {
                return null;
            }
        }
        return "is a visible widget (a signature appearance drawn over the signed page)";
    }

    private String dss(PdfValue v, String what) throws IOException, PdfSyntaxException {
        if (!(v instanceof PdfValue.Dict) && !(v instanceof PdfValue.Arr)) {
            return what + " was changed into something other than DSS data";
        }
        if (v instanceof PdfValue.Dict) {
            PdfValue.Dict d = (PdfValue.Dict) v;
            boolean isDss = d.entries().keySet().stream().allMatch(DSS_KEYS::contains);
            boolean isVri = d.entries().keySet().stream().allMatch(VRI_KEYS::contains);
            boolean isVriMap = d.entries().keySet().stream().allMatch(k -> k.matches("[0-9A-Fa-f]{40}"));
            if (!isDss && !isVri && !isVriMap) {
                return what + " has keys that a document security store does not have: " + d.entries().keySet();
            }
        }
        return null;
    }

    private static Set<String> differingKeys(PdfValue.Dict o, PdfValue.Dict d) {
        Set<String> keys = new LinkedHashSet<>(o.entries().keySet());
        keys.addAll(d.entries().keySet());
        Set<String> diff = new LinkedHashSet<>();
        for (String k : keys) {
            if (!o.get(k).equals(d.get(k)) || !sameShallow(o.get(k), d.get(k))) {
                diff.add(k);
            }
        }
        return diff;
    }

    private static boolean sameShallow(PdfValue a, PdfValue b) {
        return !(a instanceof PdfValue.Stream) && !(b instanceof PdfValue.Stream);
    }

    /** Deep equality of two values, stream data compared byte for byte. */
    private boolean same(PdfValue a, PdfValue b) throws IOException {
        if (a instanceof PdfValue.Stream && b instanceof PdfValue.Stream) {
            PdfValue.Stream x = (PdfValue.Stream) a;
            PdfValue.Stream y = (PdfValue.Stream) b;
            java.util.Map<String, PdfValue> dx = new java.util.LinkedHashMap<>(x.dict().entries());
            java.util.Map<String, PdfValue> dy = new java.util.LinkedHashMap<>(y.dict().entries());
            dx.remove("Length");
            dy.remove("Length");
            return dx.equals(dy) && x.length() == y.length() && sameBytes(x, y);
        }
        return a.equals(b);
    }

    private boolean sameBytes(PdfValue.Stream x, PdfValue.Stream y) throws IOException {
        ByteSource src = pdf.source();
        try (InputStream a = src.stream(x.dataStart(), x.dataStart() + x.length());
                InputStream b = src.stream(y.dataStart(), y.dataStart() + y.length())) {
            byte[] ba = new byte[65536];
            byte[] bb = new byte[65536];
            while (true) {
                int n = a.readNBytes(ba, 0, ba.length);
                int m = b.readNBytes(bb, 0, bb.length);
                if (n != m || !Arrays.equals(ba, 0, n, bb, 0, m)) {
                    return false;
                }
                if (n == 0) {
                    return true;
                }
            }
        }
    }

    /** Every object number that an object of the signed revision (or its trailer) refers to. */
    private IntSet signedReferences() throws IOException {
        if (signedRefs == null) {
            scanSigned();
        }
        return signedRefs;
    }

    private IntSet outsideDssReferences() throws IOException {
        if (refsOutsideDss == null) {
            scanSigned();
        }
        return refsOutsideDss;
    }

    private void scanSigned() throws IOException {
        signedRefs = new IntSet();
        refsOutsideDss = new IntSet();
        collect(before.trailer(), signedRefs, refsOutsideDss, null);
        for (int r = 0; r <= signed; r++) {
            for (PdfFile.Section s : pdf.revisions().get(r).sections()) {
                for (int n : s.numbers()) {
                    if (before.definingRevision(n) != r) {
                        continue;
                    }
                    PdfFile.Entry e = before.entry(n);
                    if (e != s.entry(n) || !e.inUse()) {
                        continue;
                    }
                    try {
                        PdfValue v = before.objectAt(n, e);
                        boolean dssPart = dssParts.contains(n);
                        collect(v, signedRefs, dssPart ? null : refsOutsideDss, n == catalogNumber ? "DSS" : null);
                    } catch (PdfSyntaxException ex) {
                        violation(ex.kind() == PdfSyntaxException.Kind.HEADER_MISMATCH
                                ? ProblemCode.PDF_OBJECT_HEADER_MISMATCH : ProblemCode.PDF_MALFORMED,
                                "object " + n + " of the signed revision: " + ex.getMessage());
                    }
                }
            }
        }
    }

    /** Adds the references in {@code v} to {@code all} and (unless under key {@code skipKey}) to {@code outside}. */
    private static void collect(PdfValue v, IntSet all, IntSet outside, String skipKey) {
        if (v instanceof PdfValue.Ref) {
            all.add(((PdfValue.Ref) v).number());
            if (outside != null) {
                outside.add(((PdfValue.Ref) v).number());
            }
        } else if (v instanceof PdfValue.Arr) {
            for (PdfValue x : ((PdfValue.Arr) v).items()) {
                collect(x, all, outside, null);
            }
        } else if (v instanceof PdfValue.Dict) {
            for (java.util.Map.Entry<String, PdfValue> e : ((PdfValue.Dict) v).entries().entrySet()) {
                collect(e.getValue(), all, e.getKey().equals(skipKey) ? null : outside, null);
            }
        } else if (v instanceof PdfValue.Stream) {
            collect(((PdfValue.Stream) v).dict(), all, outside, null);
        }
    }
}
