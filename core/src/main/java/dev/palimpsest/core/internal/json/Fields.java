package dev.palimpsest.core.internal.json;

import java.util.Set;

/** The member names of the archive manifest's JSON objects, shared by the model, reader and writer. */
public final class Fields {
    public static final String FORMAT = "format";
    public static final String VERSION = "version";
    public static final String TITLE = "title";
    public static final String DESCRIPTION = "description";
    public static final String CREATOR = "creator";
    public static final String CREATED = "created";
    public static final String COLLECTIONS = "collections";
    public static final String ENTRIES = "entries";

    public static final String ID = "id";

    public static final String PATH = "path";
    public static final String COLLECTION = "collection";
    public static final String MEDIA_TYPE = "mediaType";
    public static final String SIZE = "size";
    public static final String DIGESTS = "digests";
    public static final String CAPTURE = "capture";
    public static final String METADATA = "metadata";

    public static final String ORIGINAL_URL = "originalUrl";
    public static final String CAPTURE_TIME = "captureTime";
    public static final String WAYBACK_TIMESTAMP = "waybackTimestamp";
    public static final String ARCHIVE = "archive";
    public static final String MEMENTO_URL = "mementoUrl";
    public static final String RAW_MEMENTO_URL = "rawMementoUrl";
    public static final String CDX = "cdx";
    public static final String RETRIEVED_AT = "retrievedAt";
    public static final String RETRIEVED_BY = "retrievedBy";
    public static final String HEADERS = "headers";
    public static final String WARC = "warc";
    public static final String CHECK = "check";
    public static final String CHECK_EXPLANATION = "checkExplanation";

    public static final String URLKEY = "urlkey";
    public static final String TIMESTAMP = "timestamp";
    public static final String ORIGINAL = "original";
    public static final String MIMETYPE = "mimetype";
    public static final String STATUS = "status";
    public static final String DIGEST = "digest";
    public static final String LENGTH = "length";
    public static final String OFFSET = "offset";
    public static final String FILENAME = "filename";

    public static final String RECORD_ID = "recordId";
    public static final String TARGET_URI = "targetUri";
    public static final String DATE = "date";
    public static final String PAYLOAD_DIGEST = "payloadDigest";

    public static final Set<String> MANIFEST_FIELDS =
            Set.of(FORMAT, VERSION, TITLE, DESCRIPTION, CREATOR, CREATED, COLLECTIONS, ENTRIES);
    public static final Set<String> COLLECTION_FIELDS = Set.of(ID, TITLE, DESCRIPTION);
    public static final Set<String> ENTRY_FIELDS =
            Set.of(PATH, COLLECTION, TITLE, MEDIA_TYPE, SIZE, DIGESTS, CAPTURE, METADATA);
    public static final Set<String> CAPTURE_FIELDS = Set.of(ORIGINAL_URL, CAPTURE_TIME, WAYBACK_TIMESTAMP,
            ARCHIVE, MEMENTO_URL, RAW_MEMENTO_URL, CDX, RETRIEVED_AT, RETRIEVED_BY, HEADERS, WARC, CHECK,
            CHECK_EXPLANATION);
    public static final Set<String> CDX_FIELDS =
            Set.of(URLKEY, TIMESTAMP, ORIGINAL, MIMETYPE, STATUS, DIGEST, LENGTH, OFFSET, FILENAME);
    public static final Set<String> WARC_FIELDS =
            Set.of(FILENAME, OFFSET, RECORD_ID, TARGET_URI, DATE, PAYLOAD_DIGEST);

    private Fields() {}
}
