package dev.palimpsest.pdf.internal.portfolio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;

/**
 * A typed view of the PDF portable collection dictionaries (ISO 32000-1, 12.3.5), which PDFBox
 * models only as raw dictionaries: the {@code /Collection} with its schema, sort and view, and
 * the {@code /CI} collection items of file specifications. Each schema field declares a type,
 * and items accept only values of their field's type, so a schema and its items cannot drift.
 */
final class PdfCollection {
    static final COSName COLLECTION = COSName.getPDFName("Collection");
    static final COSName COLLECTION_ITEM = COSName.getPDFName("CollectionItem");
    static final COSName CI = COSName.getPDFName("CI");

    /** The type of a schema field: where its values come from. */
    enum FieldType {
        /** A text string in {@code /CI}. */
        TEXT("S", true),
        /** A date string in {@code /CI}. */
        DATE("D", true),
        /** A number in {@code /CI}. */
        NUMBER("N", true),
        /** The file specification's file name. */
        FILE_NAME("F", false),
        /** The file specification's {@code /Desc}. */
        DESCRIPTION("Desc", false),
        /** The embedded file's {@code /Params /ModDate}. */
        MOD_DATE("ModDate", false),
        /** The embedded file's {@code /Params /CreationDate}. */
        CREATION_DATE("CreationDate", false),
        /** The embedded file's {@code /Params /Size}. */
        SIZE("Size", false);

        final COSName subtype;
        final boolean inItem;

        FieldType(String subtype, boolean inItem) {
            this.subtype = COSName.getPDFName(subtype);
            this.inItem = inItem;
        }
    }

    /** A schema field: its key in {@code /CI}, type, column label and whether it is shown. */
    record Field(String key, FieldType type, String label, boolean visible) {
        Field {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(label, "label");
        }

        COSName name() {
            return COSName.getPDFName(key);
        }
    }

    /** The initial view of the collection. */
    enum View {
        DETAILS("D"), TILES("T"), HIDDEN("H");

        final COSName name;

        View(String name) {
            this.name = COSName.getPDFName(name);
        }
    }

    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final List<Field> sortFields = new ArrayList<>();
    private View view = View.DETAILS;

    PdfCollection field(Field field) {
        if (fields.putIfAbsent(field.key(), field) != null) {
            throw new IllegalArgumentException("duplicate collection field " + field.key());
        }
        return this;
    }

    /** Sorts by {@code keys} in order, each ascending. */
    PdfCollection sortAscending(String... keys) {
        sortFields.clear();
        for (String key : keys) {
            sortFields.add(require(key));
        }
        return this;
    }

    PdfCollection view(View view) {
        this.view = Objects.requireNonNull(view, "view");
        return this;
    }

    /**
     * The {@code /Collection} dictionary. It has no {@code /D} entry, so the initial document
     * is the portfolio itself: its cover.
     */
    COSDictionary toCos() {
        COSDictionary schema = new COSDictionary();
        schema.setItem(COSName.TYPE, COSName.getPDFName("CollectionSchema"));
        int order = 0;
        for (Field field : fields.values()) {
            COSDictionary f = new COSDictionary();
            f.setDirect(true);
            f.setItem(COSName.TYPE, COSName.getPDFName("CollectionField"));
            f.setItem(COSName.SUBTYPE, field.type().subtype);
            f.setItem(COSName.N, new COSString(field.label()));
            f.setItem(COSName.O, COSInteger.get(order++));
            f.setItem(COSName.V, COSBoolean.getBoolean(field.visible()));
            f.setItem(COSName.E, COSBoolean.FALSE);
            schema.setItem(field.name(), f);
        }
        COSDictionary collection = new COSDictionary();
        collection.setItem(COSName.TYPE, COLLECTION);
        collection.setItem(COSName.getPDFName("Schema"), schema);
        collection.setItem(COSName.getPDFName("View"), view.name);
        if (!sortFields.isEmpty()) {
            COSDictionary sort = new COSDictionary();
            sort.setDirect(true);
            sort.setItem(COSName.TYPE, COSName.getPDFName("CollectionSort"));
            COSArray keys = new COSArray();
            COSArray ascending = new COSArray();
            for (Field field : sortFields) {
                keys.add(field.name());
                ascending.add(COSBoolean.TRUE);
            }
            sort.setItem(COSName.S, keys);
            sort.setItem(COSName.A, ascending);
            collection.setItem(COSName.getPDFName("Sort"), sort);
        }
        return collection;
    }

    /** A new, empty collection item for a file specification of this collection. */
    Item item() {
        return new Item();
    }

    private Field require(String key) {
        Field field = fields.get(key);
        if (field == null) {
            throw new IllegalArgumentException("no collection field " + key);
        }
        return field;
    }

    /** The {@code /CI} dictionary of one file specification. */
    final class Item {
        private final COSDictionary dict = new COSDictionary();

        private Item() {
            dict.setDirect(true);
            dict.setItem(COSName.TYPE, COLLECTION_ITEM);
        }

        Item text(String key, String value) {
            dict.setItem(check(key, FieldType.TEXT).name(), new COSString(value));
            return this;
        }

        Item date(String key, Instant value) {
            dict.setItem(check(key, FieldType.DATE).name(), PdfDates.pdf(value));
            return this;
        }

        Item number(String key, long value) {
            dict.setItem(check(key, FieldType.NUMBER).name(), COSInteger.get(value));
            return this;
        }

        COSDictionary toCos() {
            return dict;
        }

        private Field check(String key, FieldType type) {
            Field field = require(key);
            if (field.type() != type) {
                throw new IllegalArgumentException("collection field " + key + " is " + field.type() + ", not " + type);
            }
            return field;
        }
    }
}
