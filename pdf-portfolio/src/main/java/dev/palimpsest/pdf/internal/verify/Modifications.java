package dev.palimpsest.pdf.internal.verify;

import dev.palimpsest.core.verify.ProblemCode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the objects after the last revision with those of a signed revision, object by
 * object, and reports every difference that is not an allowed update.
 *
 * <p>Always allowed: a document security store ({@code /DSS}, its VRI, certificates and
 * revocation data), the catalog's {@code /Extensions}, and new document timestamps. What else is
 * allowed follows the permission in force (ISO 32000-1 §12.8.2.2, ISO 32000-2 §12.8.2.2 and
 * §12.7.5.5): the certification signature's DocMDP {@code /P} or, without one, 2 for approval
 * signatures; lowered by the {@code /Lock /P} of any signature field already signed.
 * <ul>
 * <li>P=1: nothing more.</li>
 * <li>P=2: new signatures (signature fields whose widgets show nothing, or an existing empty
 * signature field signed) and form filling: a field's {@code /V}, {@code /AS} and
 * {@code /AP}, its widgets' {@code /AS} and {@code /AP}, the content of an appearance stream only
 * that widget refers to, and the form's {@code /NeedAppearances} and {@code /DR} — except for
 * fields that a signed field's {@code /Lock} or a {@code /FieldMDP} transform locks. Page
 * template instantiation is not modelled: it adds pages, which stays a violation.</li>
 * <li>P=3: also annotations other than widgets: created, deleted or changed (not turned into
 * form fields), with their appearance streams.</li>
 * </ul>
 * Never allowed, whatever the permission: a change to page content, resources or the page tree,
 * to an embedded file or the embedded files tree, to the {@code /Collection}, a new embedded file
 * stream, a new form field other than a signature field, an object the signed revision referred
 * to but did not define, a cross-reference entry pointing back into signed bytes. A change that
 * some permission level would allow but the one in force does not is reported as
 * {@link ProblemCode#PDF_CHANGE_NOT_PERMITTED}; any other as
 * {@link ProblemCode#PDF_MODIFIED_AFTER_SIGNATURE}.
 */
final class Modifications {
    private static final Set<String> DSS_KEYS = Set.of("Type", "Certs", "CRLs", "OCSPs", "VRI");
    private static final Set<String> VRI_KEYS = Set.of("Type", "Cert", "CRL", "OCSP", "TU", "TS");
    /** What filling a field may change in the field's dictionary (merged with its widget or not). */
    private static final Set<String> FILL_FIELD_KEYS = Set.of("V", "AS", "AP");
    /** What filling a field may change in a widget of the field. */
    private static final Set<String> FILL_WIDGET_KEYS = Set.of("AS", "AP");
    /** What filling a form may change in the interactive form dictionary. */
    private static final Set<String> FILL_FORM_KEYS = Set.of("NeedAppearances", "DR");
    private static final int MAX_DEPTH = 64;

    /** One violation: a stable code and a sentence. */
    record Violation(ProblemCode code, String message) {
    }

    /** What an object of the signed revision is, for the changes the permission allows. */
    private enum Kind {
        /** A form field other than a signature field (possibly merged with its widget). */
        FIELD,
        /** A widget of such a field. */
        WIDGET,
        /** An appearance stream, or appearance dictionary, of such a widget. */
        FIELD_APPEARANCE,
        /** An annotation other than a widget. */
        ANNOTATION,
        /** An appearance stream, or appearance dictionary, of such an annotation. */
        ANNOTATION_APPEARANCE,
        /** The form's default resources ({@code /DR}) or one of its resource dictionaries. */
        FORM_RESOURCES
    }

    /** The role of an object: its kind and, for form parts, the field's fully qualified name. */
    private record Role(Kind kind, String field) {
    }

    /** A field lock of a signed signature field: {@code /Action} and {@code /Fields}, and its {@code /P}. */
    private record Lock(String action, Set<String> fields, int permission, String label) {
        boolean locks(String field) {
            boolean listed = fields.stream().anyMatch(f -> field.equals(f) || field.startsWith(f + "."));
            switch (action) {
                case "All":
                    return true;
                case "Include":
                    return listed;
                case "Exclude":
                    return !listed;
                default:
                    // An unknown action locks everything: a lock must not be weakened by a typo.
                    return true;
            }
        }
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
    private final Map<Integer, Role> roles = new HashMap<>();
    private final Map<Integer, Integer> appearanceReferrers = new HashMap<>();
    private final List<Lock> locks = new ArrayList<>();
    private IntSet signedRefs;
    private IntSet refsOutsideDss;
    /** The permission in force: 1, 2 or 3, as DocMDP's {@code /P}. */
    private int permission = 2;
    private String permissionSource = "approval signatures without a certification signature";
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

    private static Violation modified(String message) {
        return new Violation(ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE, message);
    }

    /** A change of a kind some permission allows, but not the one in force. */
    private Violation notPermitted(String message, String permits) {
        return new Violation(ProblemCode.PDF_CHANGE_NOT_PERMITTED, message + ": " + permits + " only under "
                + (permits.startsWith("annotations") ? "P=3" : "P=2 or P=3") + ", and the permission in force is P=" + permission
                + " (" + permissionSource + ")");
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

    /** What the objects of the signed revision are: catalog, form, fields, annotations, DSS; and the permission. */
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
        if (acroDict instanceof PdfValue.Dict) {
            PdfValue fields = ((PdfValue.Dict) acroDict).get("Fields");
            if (fields instanceof PdfValue.Ref) {
                fieldsNumber = ((PdfValue.Ref) fields).number();
            }
            PdfValue dr = ((PdfValue.Dict) acroDict).get("DR");
            if (dr instanceof PdfValue.Ref) {
                roles.putIfAbsent(((PdfValue.Ref) dr).number(), new Role(Kind.FORM_RESOURCES, null));
            }
            if (before.resolve(dr) instanceof PdfValue.Dict) {
                for (PdfValue sub : ((PdfValue.Dict) before.resolve(dr)).entries().values()) {
                    if (sub instanceof PdfValue.Ref) {
                        roles.putIfAbsent(((PdfValue.Ref) sub).number(), new Role(Kind.FORM_RESOURCES, null));
                    }
                }
            }
            PdfValue list = before.resolve(fields);
            if (list instanceof PdfValue.Arr) {
                Set<Integer> seen = new HashSet<>();
                for (PdfValue f : ((PdfValue.Arr) list).items()) {
                    field(f, "", null, 0, seen);
                }
            }
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
        int docMdp = docMdpPermission(catalog);
        if (docMdp > 0) {
            permission = docMdp;
            permissionSource = "the certification signature's DocMDP";
        }
        for (Lock lock : locks) {
            if (lock.permission() > 0 && lock.permission() < permission) {
                permission = lock.permission();
                permissionSource = "the /Lock /P of " + lock.label();
            }
        }
    }

    private void pages(PdfValue node, int depth, Set<Integer> seen) throws IOException, PdfSyntaxException {
        if (depth > MAX_DEPTH || (node instanceof PdfValue.Ref && !seen.add(((PdfValue.Ref) node).number()))) {
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
        PdfValue annots = before.resolve(d.get("Annots"));
        if (annots instanceof PdfValue.Arr) {
            for (PdfValue a : ((PdfValue.Arr) annots).items()) {
                PdfValue annot = before.resolve(a);
                if (a instanceof PdfValue.Ref && annot instanceof PdfValue.Dict && !roles.containsKey(((PdfValue.Ref) a).number())
                        && !isWidget((PdfValue.Dict) annot) && ((PdfValue.Dict) annot).has("Subtype")) {
                    roles.put(((PdfValue.Ref) a).number(), new Role(Kind.ANNOTATION, null));
                    appearance((PdfValue.Dict) annot, Kind.ANNOTATION_APPEARANCE, null);
                }
            }
        }
        PdfValue kids = before.resolve(d.get("Kids"));
        if (kids instanceof PdfValue.Arr) {
            for (PdfValue k : ((PdfValue.Arr) kids).items()) {
                pages(k, depth + 1, seen);
            }
        }
    }

    private static boolean isWidget(PdfValue.Dict d) {
        return d.name("Subtype").filter("Widget"::equals).isPresent();
    }

    /**
     * Walks the field tree: gives form fields, their widgets and appearance streams their roles,
     * and collects the locks of signed signature fields.
     */
    private void field(PdfValue node, String parentName, String parentType, int depth, Set<Integer> seen)
            throws IOException, PdfSyntaxException {
        if (depth > MAX_DEPTH || (node instanceof PdfValue.Ref && !seen.add(((PdfValue.Ref) node).number()))) {
            return;
        }
        PdfValue v = before.resolve(node);
        if (!(v instanceof PdfValue.Dict)) {
            return;
        }
        PdfValue.Dict d = (PdfValue.Dict) v;
        Optional<String> partial = PdfText.text(before.resolve(d.get("T")));
        String name = partial.map(t -> parentName.isEmpty() ? t : parentName + "." + t).orElse(parentName);
        String type = d.name("FT").orElse(parentType);
        boolean widgetOnly = partial.isEmpty() && !d.has("FT") && isWidget(d) && depth > 0;
        if ("Sig".equals(type)) {
            if (!widgetOnly && before.resolve(d.get("V")) instanceof PdfValue.Dict) {
                lock(d, (PdfValue.Dict) before.resolve(d.get("V")), name);
            }
        } else if (node instanceof PdfValue.Ref) {
            roles.put(((PdfValue.Ref) node).number(), new Role(widgetOnly ? Kind.WIDGET : Kind.FIELD, name));
            if (isWidget(d)) {
                appearance(d, Kind.FIELD_APPEARANCE, name);
            }
        }
        PdfValue kids = before.resolve(d.get("Kids"));
        if (kids instanceof PdfValue.Arr) {
            for (PdfValue k : ((PdfValue.Arr) kids).items()) {
                field(k, name, type, depth + 1, seen);
            }
        }
    }

    /** Gives the appearance dictionary and streams of an annotation the role {@code kind}. */
    private void appearance(PdfValue.Dict annotation, Kind kind, String field) throws IOException, PdfSyntaxException {
        PdfValue ap = annotation.get("AP");
        if (ap instanceof PdfValue.Ref) {
            roles.putIfAbsent(((PdfValue.Ref) ap).number(), new Role(kind, field));
            appearanceReferrers.put(((PdfValue.Ref) ap).number(), 0);
        }
        PdfValue apDict = before.resolve(ap);
        if (!(apDict instanceof PdfValue.Dict)) {
            return;
        }
        for (PdfValue state : ((PdfValue.Dict) apDict).entries().values()) {
            List<PdfValue> streams = new ArrayList<>();
            streams.add(state);
            if (state instanceof PdfValue.Ref && !(before.resolve(state) instanceof PdfValue.Stream)) {
                roles.putIfAbsent(((PdfValue.Ref) state).number(), new Role(kind, field));
                appearanceReferrers.put(((PdfValue.Ref) state).number(), 0);
            }
            PdfValue sub = before.resolve(state);
            if (sub instanceof PdfValue.Dict) {
                streams.addAll(((PdfValue.Dict) sub).entries().values());
            }
            for (PdfValue x : streams) {
                if (x instanceof PdfValue.Ref && before.resolve(x) instanceof PdfValue.Stream) {
                    roles.putIfAbsent(((PdfValue.Ref) x).number(), new Role(kind, field));
                    appearanceReferrers.put(((PdfValue.Ref) x).number(), 0);
                }
            }
        }
    }

    /** Collects the field lock of a signed signature field: its {@code /Lock} and any {@code /FieldMDP} reference. */
    private void lock(PdfValue.Dict field, PdfValue.Dict signature, String name) throws IOException, PdfSyntaxException {
        String label = "the signature field '" + name + "'";
        PdfValue lock = before.resolve(field.get("Lock"));
        if (lock instanceof PdfValue.Dict) {
            locks.add(lockOf((PdfValue.Dict) lock, label));
        }
        PdfValue refs = before.resolve(signature.get("Reference"));
        if (refs instanceof PdfValue.Arr) {
            for (PdfValue r : ((PdfValue.Arr) refs).items()) {
                PdfValue ref = before.resolve(r);
                if (ref instanceof PdfValue.Dict && ((PdfValue.Dict) ref).name("TransformMethod").filter("FieldMDP"::equals)
                        .isPresent()) {
                    PdfValue params = before.resolve(((PdfValue.Dict) ref).get("TransformParams"));
                    locks.add(lockOf(params instanceof PdfValue.Dict ? (PdfValue.Dict) params : new PdfValue.Dict(Map.of()),
                            label + " (FieldMDP)"));
                }
            }
        }
    }

    private Lock lockOf(PdfValue.Dict d, String label) throws IOException, PdfSyntaxException {
        Set<String> fields = new HashSet<>();
        PdfValue list = before.resolve(d.get("Fields"));
        if (list instanceof PdfValue.Arr) {
            for (PdfValue f : ((PdfValue.Arr) list).items()) {
                PdfText.text(before.resolve(f)).ifPresent(fields::add);
            }
        }
        PdfValue p = before.resolve(d.get("P"));
        int permission = p instanceof PdfValue.Num && ((PdfValue.Num) p).isInteger()
                && ((PdfValue.Num) p).longValue() >= 1 && ((PdfValue.Num) p).longValue() <= 3
                ? (int) ((PdfValue.Num) p).longValue() : 0;
        return new Lock(d.name("Action").orElse("All"), fields, permission, label);
    }

    /** The field lock that locks {@code field}, if any. */
    private Optional<Lock> lockOn(String field) {
        return locks.stream().filter(l -> l.locks(field)).findFirst();
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
            Role role = roles.get(n);
            if (role != null && (role.kind() == Kind.ANNOTATION || role.kind() == Kind.ANNOTATION_APPEARANCE)) {
                if (permission < 3) {
                    violations.add(notPermitted("object " + n + " (an annotation) was deleted", "annotations may be deleted"));
                }
                return;
            }
            violation(ProblemCode.PDF_OBJECT_DELETED, "object " + n + " of the signed revision was deleted (its"
                    + " cross-reference entry is free)");
            return;
        }
        if (!oldUse) {
            // Check the new object parses, and that nothing signed was pointing at its number.
            PdfValue value = after.objectAt(n, neu);
            if (signedReferences().contains(n)) {
                violation(ProblemCode.PDF_SHADOWED_OBJECT, "object " + n + " is referred to by the signed revision, which did"
                        + " not define it, and is defined by a later revision: signed content now shows unsigned bytes");
            } else if (value instanceof PdfValue.Stream
                    && ((PdfValue.Stream) value).dict().name("Type").filter("EmbeddedFile"::equals).isPresent()) {
                violation(ProblemCode.PDF_MODIFIED_AFTER_SIGNATURE, "object " + n + " is an embedded file added after"
                        + " signing; no permission allows new embedded files");
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
        Violation why = allowedChange(n, oldValue, newValue);
        if (why != null) {
            violations.add(why);
        }
    }

    /** Null when the change of object {@code n} is an allowed update, else what is wrong with it. */
    private Violation allowedChange(int n, PdfValue old, PdfValue neu) throws IOException, PdfSyntaxException {
        String what = "object " + n;
        if (n == catalogNumber) {
            return catalog(old, neu);
        }
        if (n == acroFormNumber) {
            return old instanceof PdfValue.Dict && neu instanceof PdfValue.Dict
                    ? acroForm((PdfValue.Dict) old, (PdfValue.Dict) neu, what + " (the interactive form)")
                    : modified(what + " (the interactive form) is no longer a dictionary");
        }
        if (n == fieldsNumber) {
            return grownFields(old, neu, what + " (the form's /Fields)");
        }
        if (annotsArrays.contains(n)) {
            return annots(old, neu, what + " (a page's /Annots)");
        }
        if (dssParts.contains(n) && !outsideDssReferences().contains(n)) {
            return dss(neu, what + " (part of the DSS)");
        }
        Role role = roles.get(n);
        if (role != null) {
            return roleChange(n, role, old, neu);
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
                    Violation bad = allowedSignatureValue(d.get("V"));
                    return bad == null ? null : new Violation(bad.code(), what + " (an empty signature field) was signed,"
                            + " but " + bad.message());
                }
            }
            return modified(what + describe(o) + " was changed after signing: " + keyList(differingKeys(o, d)) + " differ");
        }
        return modified(what + " was changed after signing");
    }

    /** A change to a form field, widget, annotation or one of their appearance streams. */
    private Violation roleChange(int n, Role role, PdfValue old, PdfValue neu) throws IOException, PdfSyntaxException {
        String what = "object " + n;
        switch (role.kind()) {
            case FIELD:
            case WIDGET: {
                String part = (role.kind() == Kind.FIELD ? " (the form field '" : " (a widget of the form field '")
                        + role.field() + "')";
                if (!(old instanceof PdfValue.Dict) || !(neu instanceof PdfValue.Dict)) {
                    return modified(what + part + " is no longer a dictionary");
                }
                Set<String> diff = differingKeys((PdfValue.Dict) old, (PdfValue.Dict) neu);
                Set<String> allowed = role.kind() == Kind.FIELD ? FILL_FIELD_KEYS : FILL_WIDGET_KEYS;
                if (!allowed.containsAll(diff)) {
                    Set<String> other = new LinkedHashSet<>(diff);
                    other.removeAll(allowed);
                    return modified(what + part + " was changed after signing: " + keyList(other) + " differ, which"
                            + " filling in a form does not change");
                }
                return fill(what + part + " was filled in (" + keyList(diff) + ")", role.field());
            }
            case FIELD_APPEARANCE: {
                if (appearanceReferrers(n) != 1) {
                    return modified(what + " (an appearance of the form field '" + role.field() + "') was changed after"
                            + " signing, and the signed revision uses it in " + appearanceReferrers(n) + " places");
                }
                return fill(what + " (an appearance of the form field '" + role.field() + "') was redrawn", role.field());
            }
            case ANNOTATION: {
                if (!(old instanceof PdfValue.Dict) || !(neu instanceof PdfValue.Dict)) {
                    return modified(what + " (an annotation) is no longer a dictionary");
                }
                PdfValue.Dict o = (PdfValue.Dict) old;
                PdfValue.Dict d = (PdfValue.Dict) neu;
                if (!o.get("Subtype").equals(d.get("Subtype")) || d.has("FT") || d.has("Parent") && !o.has("Parent")
                        || d.has("Kids")) {
                    return modified(what + describe(o) + " was changed into something other than the same kind of"
                            + " annotation");
                }
                if (!o.get("FS").equals(d.get("FS"))) {
                    return modified(what + describe(o) + " now refers to another file (/FS); no permission allows"
                            + " changing embedded files");
                }
                return permission >= 3 ? null : notPermitted(what + describe(o) + " was changed after signing ("
                        + keyList(differingKeys(o, d)) + ")", "annotations may be changed");
            }
            case FORM_RESOURCES: {
                Violation bad = onlyAdded(old, neu, what + " (the form's default resources)");
                if (bad != null || permission >= 2) {
                    return bad;
                }
                return notPermitted(what + " (the form's default resources) gained resources", "form fields may be filled in");
            }
            case ANNOTATION_APPEARANCE:
            default:
                if (appearanceReferrers(n) != 1) {
                    return modified(what + " (an annotation's appearance) was changed after signing, and the signed"
                            + " revision uses it in " + appearanceReferrers(n) + " places");
                }
                return permission >= 3 ? null : notPermitted(what + " (an annotation's appearance) was redrawn",
                        "annotations may be changed");
        }
    }

    /**
     * Null when dictionary {@code neu} only adds keys to {@code old} (directly, or in a direct
     * subdictionary), so that every name the signed revision could use still means the same.
     */
    private static Violation onlyAdded(PdfValue old, PdfValue neu, String what) {
        if (!(old instanceof PdfValue.Dict) || !(neu instanceof PdfValue.Dict)) {
            return modified(what + " is no longer a dictionary");
        }
        Map<String, PdfValue> o = ((PdfValue.Dict) old).entries();
        Map<String, PdfValue> d = ((PdfValue.Dict) neu).entries();
        for (Map.Entry<String, PdfValue> e : o.entrySet()) {
            PdfValue now = d.get(e.getKey());
            if (e.getValue().equals(now)) {
                continue;
            }
            if (!(e.getValue() instanceof PdfValue.Dict) || !(now instanceof PdfValue.Dict)
                    || onlyAdded(e.getValue(), now, what) != null) {
                return modified(what + ": /" + e.getKey() + " was changed or removed after signing (only new"
                        + " resources may be added)");
            }
        }
        return null;
    }

    /** Null when filling the field {@code field} is permitted; else the violation. */
    private Violation fill(String what, String field) {
        if (permission < 2) {
            return notPermitted(what, "form fields may be filled in");
        }
        Optional<Lock> lock = lockOn(field);
        if (lock.isPresent()) {
            return new Violation(ProblemCode.PDF_CHANGE_NOT_PERMITTED, what + ", but " + lock.get().label()
                    + " locks it (/Action /" + lock.get().action() + ")");
        }
        return null;
    }

    private static String describe(PdfValue.Dict d) {
        return d.name("Type").filter(t -> !t.equals("Annot")).map(t -> " (/Type /" + t + ")")
                .or(() -> d.name("Subtype").map(t -> " (/Subtype /" + t + ")")).orElse("");
    }

    private static String keyList(Set<String> keys) {
        StringBuilder sb = new StringBuilder();
        for (String k : keys) {
            sb.append(sb.length() == 0 ? "" : ", ").append('/').append(k);
        }
        return sb.toString();
    }

    private Violation catalog(PdfValue old, PdfValue neu) throws IOException, PdfSyntaxException {
        if (!(old instanceof PdfValue.Dict) || !(neu instanceof PdfValue.Dict)) {
            return modified("the catalog is no longer a dictionary");
        }
        PdfValue.Dict o = (PdfValue.Dict) old;
        PdfValue.Dict d = (PdfValue.Dict) neu;
        for (String key : differingKeys(o, d)) {
            switch (key) {
                case "DSS": {
                    Violation bad = dss(after.resolve(d.get("DSS")), "the catalog's /DSS");
                    if (bad != null) {
                        return bad;
                    }
                    break;
                }
                case "Extensions":
                    if (!(after.resolve(d.get("Extensions")) instanceof PdfValue.Dict)) {
                        return modified("the catalog's /Extensions is not a dictionary");
                    }
                    break;
                case "AcroForm": {
                    PdfValue oa = before.resolve(o.get("AcroForm"));
                    PdfValue na = after.resolve(d.get("AcroForm"));
                    if (!(na instanceof PdfValue.Dict)) {
                        return modified("the catalog's /AcroForm was removed or replaced");
                    }
                    Violation bad = acroForm(oa instanceof PdfValue.Dict ? (PdfValue.Dict) oa : new PdfValue.Dict(Map.of()),
                            (PdfValue.Dict) na, "the catalog's /AcroForm");
                    if (bad != null) {
                        return bad;
                    }
                    break;
                }
                default:
                    return modified("the catalog's /" + key + " was changed after signing");
            }
        }
        return null;
    }

    private Violation acroForm(PdfValue.Dict o, PdfValue.Dict d, String what) throws IOException, PdfSyntaxException {
        for (String key : differingKeys(o, d)) {
            if (key.equals("SigFlags")) {
                PdfValue f = d.get("SigFlags");
                if (!(f instanceof PdfValue.Num) || !((PdfValue.Num) f).isInteger()) {
                    return modified(what + ": /SigFlags is not an integer");
                }
            } else if (key.equals("Fields")) {
                Violation bad = grownFields(before.resolve(o.get("Fields")), after.resolve(d.get("Fields")), what + "'s /Fields");
                if (bad != null) {
                    return bad;
                }
            } else if (FILL_FORM_KEYS.contains(key)) {
                if (key.equals("DR")) {
                    Violation bad = onlyAdded(before.resolve(o.get("DR")), after.resolve(d.get("DR")), what + "'s /DR");
                    if (bad != null && o.has("DR")) {
                        return bad;
                    }
                }
                if (permission < 2) {
                    return notPermitted(what + ": /" + key + " was changed", "form fields may be filled in");
                }
            } else {
                return modified(what + ": /" + key + " was changed after signing");
            }
        }
        return null;
    }

    /** The form's field list, which may only gain new signature fields at its end. */
    private Violation grownFields(PdfValue old, PdfValue neu, String what) throws IOException, PdfSyntaxException {
        List<PdfValue> o = old instanceof PdfValue.Arr ? ((PdfValue.Arr) old).items() : List.of();
        if (!(neu instanceof PdfValue.Arr)) {
            return modified(what + " is no longer an array");
        }
        List<PdfValue> d = ((PdfValue.Arr) neu).items();
        if (d.size() < o.size() || !same(new PdfValue.Arr(o), new PdfValue.Arr(d.subList(0, o.size())))) {
            return modified(what + " lost or reordered fields after signing");
        }
        for (PdfValue item : d.subList(o.size(), d.size())) {
            Violation bad = newSignatureField(item);
            if (bad != null) {
                return new Violation(bad.code(), what + " gained " + item + ", which " + bad.message());
            }
        }
        return null;
    }

    /**
     * A page's annotation list. Below P=3 it may only gain new invisible signature widgets at its
     * end; at P=3 annotations other than widgets may also come and go.
     */
    private Violation annots(PdfValue old, PdfValue neu, String what) throws IOException, PdfSyntaxException {
        List<PdfValue> o = old instanceof PdfValue.Arr ? ((PdfValue.Arr) old).items() : List.of();
        if (!(neu instanceof PdfValue.Arr)) {
            return modified(what + " is no longer an array");
        }
        List<PdfValue> d = ((PdfValue.Arr) neu).items();
        // Hash sets: a list's removeAll is quadratic, and an attacker chooses the arrays' sizes.
        List<PdfValue> removed = new ArrayList<>(o);
        removed.removeAll(new HashSet<>(d));
        List<PdfValue> gained = new ArrayList<>(d);
        gained.removeAll(new HashSet<>(o));
        for (PdfValue item : removed) {
            Role role = item instanceof PdfValue.Ref ? roles.get(((PdfValue.Ref) item).number()) : null;
            if (role == null || role.kind() != Kind.ANNOTATION) {
                return modified(what + " lost " + item + ", which is not an annotation that may be deleted (a widget,"
                        + " or not a signed annotation)");
            }
            if (permission < 3) {
                return notPermitted(what + " lost the annotation " + item, "annotations may be deleted");
            }
        }
        boolean order = removed.isEmpty() && d.size() >= o.size()
                && same(new PdfValue.Arr(o), new PdfValue.Arr(d.subList(0, o.size())));
        if (!order && permission < 3) {
            return removed.isEmpty() ? modified(what + " was reordered after signing") : null;
        }
        for (PdfValue item : gained) {
            Violation bad = newWidget(item);
            if (bad == null) {
                continue;
            }
            PdfValue v = after.resolve(item);
            boolean annotation = item instanceof PdfValue.Ref && v instanceof PdfValue.Dict
                    && ((PdfValue.Dict) v).has("Subtype") && !isWidget((PdfValue.Dict) v) && !((PdfValue.Dict) v).has("FT");
            Role role = item instanceof PdfValue.Ref ? roles.get(((PdfValue.Ref) item).number()) : null;
            boolean isNew = item instanceof PdfValue.Ref && added(((PdfValue.Ref) item).number());
            if (annotation && ((PdfValue.Dict) v).name("Subtype").filter("FileAttachment"::equals).isPresent()) {
                return modified(what + " gained a file attachment annotation " + item + "; no permission allows"
                        + " adding embedded files");
            }
            if (annotation && (isNew || (role != null && role.kind() == Kind.ANNOTATION))) {
                if (permission < 3) {
                    return notPermitted(what + " gained the annotation " + item + describe((PdfValue.Dict) v),
                            "annotations may be added");
                }
                continue;
            }
            return new Violation(bad.code(), what + " gained " + item + ", which " + bad.message());
        }
        return null;
    }

    private Violation page(PdfValue.Dict o, PdfValue.Dict d, String what) throws IOException, PdfSyntaxException {
        for (String key : differingKeys(o, d)) {
            if (!key.equals("Annots")) {
                return modified(what + ": /" + key + " was changed after signing");
            }
            if (o.get("Annots") instanceof PdfValue.Ref && d.get("Annots") instanceof PdfValue.Ref) {
                return modified(what + ": /Annots was pointed at another array after signing");
            }
            Violation bad = annots(before.resolve(o.get("Annots")), after.resolve(d.get("Annots")), what + "'s /Annots");
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    private Violation newSignatureField(PdfValue item) throws IOException, PdfSyntaxException {
        if (!(item instanceof PdfValue.Ref) || !added(((PdfValue.Ref) item).number())) {
            return modified("is not a new object");
        }
        PdfValue v = after.resolve(item);
        if (!(v instanceof PdfValue.Dict) || !((PdfValue.Dict) v).name("FT").filter("Sig"::equals).isPresent()) {
            return modified("is not a signature field (no permission allows new form fields)");
        }
        PdfValue.Dict field = (PdfValue.Dict) v;
        Violation bad = allowedSignatureValue(field.get("V"));
        if (bad != null) {
            return bad;
        }
        if (isWidget(field)) {
            return invisible(field);
        }
        PdfValue kids = after.resolve(field.get("Kids"));
        if (kids instanceof PdfValue.Arr) {
            for (PdfValue k : ((PdfValue.Arr) kids).items()) {
                PdfValue w = after.resolve(k);
                if (!(k instanceof PdfValue.Ref) || !added(((PdfValue.Ref) k).number()) || !(w instanceof PdfValue.Dict)) {
                    return modified("has a widget that is not a new dictionary");
                }
                Violation hidden = invisible((PdfValue.Dict) w);
                if (hidden != null) {
                    return hidden;
                }
            }
        }
        return null;
    }

    private Violation newWidget(PdfValue item) throws IOException, PdfSyntaxException {
        if (!(item instanceof PdfValue.Ref) || !added(((PdfValue.Ref) item).number())) {
            return modified("is not a new object");
        }
        PdfValue v = after.resolve(item);
        if (!(v instanceof PdfValue.Dict) || !isWidget((PdfValue.Dict) v)) {
            return modified("is an annotation other than a signature widget");
        }
        PdfValue.Dict widget = (PdfValue.Dict) v;
        PdfValue field = widget.has("FT") ? widget : after.resolve(widget.get("Parent"));
        if (!(field instanceof PdfValue.Dict) || !((PdfValue.Dict) field).name("FT").filter("Sig"::equals).isPresent()) {
            return modified("is a widget of a field other than a signature field (no permission allows new form fields)");
        }
        Violation bad = allowedSignatureValue(((PdfValue.Dict) field).get("V"));
        return bad != null ? bad : invisible(widget);
    }

    /** Null when {@code v} refers to a new document timestamp, or a new signature that the permission allows. */
    private Violation allowedSignatureValue(PdfValue v) throws IOException, PdfSyntaxException {
        if (!(v instanceof PdfValue.Ref) || !added(((PdfValue.Ref) v).number())) {
            return modified("has a value that is not a new signature dictionary");
        }
        PdfValue sig = after.resolve(v);
        if (!(sig instanceof PdfValue.Dict) || !((PdfValue.Dict) sig).has("ByteRange")) {
            return modified("has a value that is not a signature dictionary");
        }
        PdfValue.Dict s = (PdfValue.Dict) sig;
        if (s.name("Type").filter("DocTimeStamp"::equals).isPresent()) {
            return null;
        }
        return permission >= 2 ? null : new Violation(ProblemCode.PDF_CHANGE_NOT_PERMITTED, "is a new signature, which"
                + " P=1 (" + permissionSource + ") forbids; signatures may be added only under P=2 or P=3");
    }

    /** Null when the widget shows nothing (a zero-area rectangle, or hidden), or annotations are permitted. */
    private Violation invisible(PdfValue.Dict widget) throws IOException, PdfSyntaxException {
        if (permission >= 3) {
            return null;
        }
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
        return notPermitted("is a visible widget (a signature appearance drawn over the signed page)",
                "annotations (visible signature widgets) may be added");
    }

    private Violation dss(PdfValue v, String what) throws IOException, PdfSyntaxException {
        if (!(v instanceof PdfValue.Dict) && !(v instanceof PdfValue.Arr)) {
            return modified(what + " was changed into something other than DSS data");
        }
        if (v instanceof PdfValue.Dict) {
            PdfValue.Dict d = (PdfValue.Dict) v;
            boolean isDss = d.entries().keySet().stream().allMatch(DSS_KEYS::contains);
            boolean isVri = d.entries().keySet().stream().allMatch(VRI_KEYS::contains);
            boolean isVriMap = d.entries().keySet().stream().allMatch(k -> k.matches("[0-9A-Fa-f]{40}"));
            if (!isDss && !isVri && !isVriMap) {
                return modified(what + " has keys that a document security store does not have: " + d.entries().keySet());
            }
        }
        return null;
    }

    /** How many times the signed revision refers to appearance object {@code n}. */
    private int appearanceReferrers(int n) throws IOException {
        signedReferences();
        return appearanceReferrers.getOrDefault(n, 0);
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

    /**
     * Adds the references in {@code v} to {@code all} and (unless under key {@code skipKey}) to
     * {@code outside}, and counts those to appearance objects.
     */
    private void collect(PdfValue v, IntSet all, IntSet outside, String skipKey) {
        if (v instanceof PdfValue.Ref) {
            all.add(((PdfValue.Ref) v).number());
            appearanceReferrers.computeIfPresent(((PdfValue.Ref) v).number(), (k, c) -> c + 1);
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
