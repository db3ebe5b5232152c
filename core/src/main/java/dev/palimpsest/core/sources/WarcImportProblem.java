package dev.palimpsest.core.sources;

import dev.palimpsest.core.verify.Severity;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Something a {@link WarcImporter} could not import, or imported with a reservation: which WARC
 * file, where in it, which record, what was wrong.
 *
 * @param kind what went wrong; it fixes the {@link #severity()}
 * @param warcFile the WARC file, as given to the importer
 * @param offset the byte offset of the record in the file (of its gzip member, for a
 *     compressed WARC), when known
 * @param recordId the record's {@code WARC-Record-ID}, verbatim, when known
 * @param targetUri the record's {@code WARC-Target-URI}, verbatim, when known
 * @param message a sentence for people naming the file, the offset and what was wrong
 */
public record WarcImportProblem(Kind kind, String warcFile, OptionalLong offset, Optional<String> recordId,
        Optional<String> targetUri, String message) {

    /** What went wrong. */
    public enum Kind {
        /** The file could not be opened or is not a WARC file; nothing was imported from it. */
        UNREADABLE_WARC(Severity.ERROR),
        /**
         * The file ends inside a record (a cut-off download or copy): that record and any after
         * it are not imported.
         */
        TRUNCATED_WARC(Severity.ERROR),
        /** A record's WARC header is damaged; the rest of that file cannot be read. */
        MALFORMED_RECORD(Severity.ERROR),
        /** A response record's HTTP message does not parse (head or chunked body); the record is skipped. */
        MALFORMED_HTTP(Severity.ERROR),
        /**
         * The payload does not match the record's own {@code WARC-Payload-Digest}: the WARC is
         * damaged or was altered. The entry is still imported, with a capture check that says so.
         */
        PAYLOAD_DIGEST_MISMATCH(Severity.ERROR),
        /**
         * The record's payload digest names an algorithm Palimpsest does not know or is not a
         * well-formed value, so the payload could not be checked against it.
         */
        PAYLOAD_DIGEST_UNREADABLE(Severity.WARNING),
        /**
         * The WARC writer truncated the record ({@code WARC-Truncated}, e.g. at a length limit):
         * the entry holds only the part that was captured.
         */
        TRUNCATED_BY_WRITER(Severity.WARNING),
        /**
         * A revisit record whose original record is not among the imported WARCs, or does not
         * hold the payload the revisit names: no entry is made for it.
         */
        REVISIT_UNRESOLVED(Severity.WARNING),
        /** No entry could be made from a record's target URI or fields; the record is skipped. */
        UNUSABLE_RECORD(Severity.ERROR);

        private final Severity severity;

        Kind(Severity severity) {
            this.severity = severity;
        }

        /** How serious this kind of problem is. */
        public Severity severity() {
            return severity;
        }
    }

    /** Validates the components. */
    public WarcImportProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(warcFile, "warcFile");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(targetUri, "targetUri");
        Objects.requireNonNull(message, "message");
    }

    /** The severity of this problem's {@link #kind()}. */
    public Severity severity() {
        return kind.severity();
    }

    /** {@code SEVERITY KIND: message}. */
    @Override
    public String toString() {
        return severity() + " " + kind + ": " + message;
    }
}
