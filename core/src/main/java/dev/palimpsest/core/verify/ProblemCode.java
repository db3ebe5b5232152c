package dev.palimpsest.core.verify;

/**
 * The stable codes of verification problems. A code's {@link #name()} is what reports carry;
 * codes are never renamed or reused, only added. Each is documented in {@code core/FORMAT.md}.
 */
public enum ProblemCode {
    // --- BagIt structure -------------------------------------------------------------------
    /** {@code bagit.txt} is absent. */
    BAGIT_DECLARATION_MISSING(Severity.ERROR, "bagit.txt is missing"),
    /** {@code bagit.txt} is not the two required lines, or is not well formed. */
    BAGIT_DECLARATION_INVALID(Severity.ERROR, "bagit.txt is malformed"),
    /** The declared BagIt version is not one Palimpsest reads (0.93 to 1.0). */
    BAGIT_VERSION_UNSUPPORTED(Severity.ERROR, "unsupported BagIt version"),
    /** The declared tag file character encoding is unknown, or a tag file does not decode with it. */
    TAG_FILE_ENCODING(Severity.ERROR, "tag file does not decode with the declared encoding"),
    /** A tag file (e.g. {@code bag-info.txt}) has a line that is not {@code Label: value}. */
    TAG_FILE_MALFORMED(Severity.ERROR, "malformed tag file"),
    /** A tag file is larger than the verifier reads. */
    TAG_FILE_TOO_LARGE(Severity.ERROR, "tag file too large"),
    /** There is no payload manifest. */
    MANIFEST_MISSING(Severity.ERROR, "no payload manifest"),
    /** A manifest line is not {@code <digest> <path>}, or its digest is not well formed. */
    MANIFEST_LINE_MALFORMED(Severity.ERROR, "malformed manifest line"),
    /** A manifest's algorithm is not one Palimpsest supports. */
    MANIFEST_ALGORITHM_UNSUPPORTED(Severity.WARNING, "unsupported manifest algorithm"),
    /** The same path is listed twice in one manifest. */
    MANIFEST_DUPLICATE_ENTRY(Severity.ERROR, "path listed twice"),
    /** A manifest or fetch.txt path escapes the bag or is otherwise unsafe ({@code ..}, absolute, drive letter, UNC, {@code ~}). */
    PATH_UNSAFE(Severity.ERROR, "path escapes the bag"),
    /** Only weak algorithms (MD5, SHA-1) protect the payload. */
    WEAK_ALGORITHM(Severity.WARNING, "only weak digest algorithms"),

    // --- Payload and tag files ---------------------------------------------------------------
    /** A file listed in a manifest is absent. */
    FILE_MISSING(Severity.ERROR, "listed file is missing"),
    /** A file's bytes do not match a manifest digest. */
    FILE_MODIFIED(Severity.ERROR, "file does not match its digest"),
    /** A payload file is not listed in a payload manifest. */
    FILE_NOT_IN_MANIFEST(Severity.ERROR, "payload file not listed in a manifest"),
    /** A tag file listed in a tag manifest is absent. */
    TAG_FILE_MISSING(Severity.ERROR, "listed tag file is missing"),
    /** A tag file does not match its tag manifest digest. */
    TAG_FILE_MODIFIED(Severity.ERROR, "tag file does not match its digest"),
    /** {@code Payload-Oxum} does not agree with the payload's byte and file count. */
    PAYLOAD_OXUM_MISMATCH(Severity.ERROR, "Payload-Oxum does not match the payload"),
    /** {@code Payload-Oxum} is not {@code <octets>.<files>}. */
    PAYLOAD_OXUM_MALFORMED(Severity.ERROR, "malformed Payload-Oxum"),
    /** fetch.txt lists files that are not present (a holey bag). */
    FETCH_ITEM_NOT_PRESENT(Severity.ERROR, "fetch.txt item not retrieved"),
    /** A fetch.txt line is not {@code <url> <length> <path>}. */
    FETCH_LINE_MALFORMED(Severity.ERROR, "malformed fetch.txt line"),
    /** A file could not be read. */
    FILE_UNREADABLE(Severity.ERROR, "file could not be read"),

    // --- The archive manifest ------------------------------------------------------------------
    /** A Palimpsest bundle has no {@code provenance/archive.json}. */
    ARCHIVE_MANIFEST_MISSING(Severity.ERROR, "archive manifest missing"),
    /** {@code archive.json} does not parse or breaks the format's rules. */
    ARCHIVE_MANIFEST_INVALID(Severity.ERROR, "archive manifest is invalid"),
    /** The signed archive manifest and the BagIt manifests disagree (path, size or digest). */
    ARCHIVE_MANIFEST_MISMATCH(Severity.ERROR, "archive manifest and BagIt manifests disagree"),

    // --- Signatures and trust ------------------------------------------------------------------
    /** The archive carries no signature. */
    SIGNATURE_MISSING(Severity.WARNING, "unsigned"),
    /** A signature does not parse. */
    SIGNATURE_MALFORMED(Severity.ERROR, "malformed signature"),
    /** A signature does not verify over the content. */
    SIGNATURE_INVALID(Severity.ERROR, "signature does not verify"),
    /** A valid signature whose signer is not trusted by any given anchor or pinned fingerprint. */
    SIGNER_UNTRUSTED(Severity.WARNING, "signer not trusted"),
    /** The signer's certificate was revoked. */
    CERTIFICATE_REVOKED(Severity.ERROR, "certificate revoked"),
    /** The signer's certificate was not valid at the validation time. */
    CERTIFICATE_EXPIRED(Severity.ERROR, "certificate not valid at the validation time"),
    /** Revocation status could not be determined. */
    REVOCATION_UNKNOWN(Severity.WARNING, "revocation status unknown"),
    /** A signature uses an algorithm that is not allowed (MD5, or SHA-1). */
    ALGORITHM_NOT_ALLOWED(Severity.ERROR, "algorithm not allowed"),
    /** A timestamp token does not verify or does not match the signature. */
    TIMESTAMP_INVALID(Severity.ERROR, "timestamp does not verify"),
    /** A timestamp authority is not trusted. */
    TIMESTAMP_UNTRUSTED(Severity.WARNING, "timestamp authority not trusted"),

    // --- Capture provenance ------------------------------------------------------------------
    /** The file's SHA-1 differs from the digest the web archive holds for the capture. */
    CAPTURE_MISMATCH(Severity.WARNING, "file differs from the web archive's digest"),

    // --- Containers ----------------------------------------------------------------------------
    /** A ZIP file is malformed. */
    ZIP_MALFORMED(Severity.ERROR, "malformed ZIP"),
    /** A ZIP entry's name escapes the archive root. */
    ZIP_ENTRY_UNSAFE(Severity.ERROR, "ZIP entry escapes the root"),
    /** A ZIP exceeds the verifier's limits (entries, expanded size, compression ratio). */
    ZIP_LIMIT_EXCEEDED(Severity.ERROR, "ZIP exceeds limits"),
    /** The input is not an archive Palimpsest recognises. */
    FORMAT_UNRECOGNISED(Severity.ERROR, "unrecognised input"),

    // --- BagIt paths and payload (added with the BagIt verifier) -----------------------------
    /** A bag has no payload directory ({@code data/}), or {@code data} is not a directory. */
    PAYLOAD_DIRECTORY_MISSING(Severity.ERROR, "payload directory missing"),
    /** A payload manifest or fetch.txt path is safe but not inside the payload directory {@code data/}. */
    PATH_OUTSIDE_PAYLOAD(Severity.ERROR, "path outside the payload directory"),
    /**
     * A path is not a regular file: a manifest lists a directory, or the bag holds a symbolic link
     * or a special file. Links are never followed.
     */
    FILE_NOT_REGULAR(Severity.ERROR, "not a regular file"),
    /**
     * A manifest or fetch.txt path was accepted only after normalising it: a leading {@code ./},
     * an md5sum binary-mode {@code *} marker, {@code .} or empty segments, or a different Unicode
     * normalisation form than the file's name.
     */
    PATH_NORMALISED(Severity.WARNING, "path accepted after normalisation"),
    /** Two paths in one manifest, or two payload files, are equal after Unicode normalisation and case folding. */
    PATH_COLLISION(Severity.WARNING, "paths equal after normalisation or case folding"),
    /** An operating-system metadata file ({@code .DS_Store}, {@code Thumbs.db}, {@code desktop.ini}, ...) is in the payload. */
    SYSTEM_FILE(Severity.WARNING, "operating-system metadata file in the payload"),
    /** An operating-system metadata file listed in a manifest is absent (tools drop these routinely). */
    SYSTEM_FILE_MISSING(Severity.WARNING, "listed operating-system metadata file is missing"),
    /** {@code bag-info.txt} has no {@code Payload-Oxum}, so the quick completeness check cannot be made. */
    PAYLOAD_OXUM_MISSING(Severity.WARNING, "no Payload-Oxum"),

    // --- WACZ web archives (added with the WACZ verifier) --------------------------------------
    /** A WACZ has no {@code datapackage.json} at its root, so no file's fixity can be checked. */
    WACZ_DATAPACKAGE_MISSING(Severity.ERROR, "datapackage.json missing"),
    /**
     * {@code datapackage.json} is not a JSON object, or lacks or misstates what WACZ requires:
     * {@code profile}, {@code wacz_version}, and {@code resources} each with a path, a well-formed
     * hash and a size.
     */
    WACZ_DATAPACKAGE_INVALID(Severity.ERROR, "datapackage.json is invalid"),
    /** The declared {@code wacz_version} is not one Palimpsest knows; the package is checked as WACZ 1.1.1. */
    WACZ_VERSION_UNSUPPORTED(Severity.WARNING, "unknown WACZ version"),
    /**
     * A part every WACZ has is absent: a WARC file in {@code archive/}, a CDXJ index in
     * {@code indexes/}, or {@code pages/pages.jsonl}.
     */
    WACZ_REQUIRED_PART_MISSING(Severity.ERROR, "required WACZ part missing"),
    /** A file in {@code archive/}, {@code indexes/} or {@code pages/} that the WACZ specification does not put there. */
    WACZ_UNEXPECTED_FILE(Severity.WARNING, "unexpected file in a WACZ directory"),
    /** A WARC or gzipped index is DEFLATE-compressed inside the ZIP, which defeats random access. */
    WACZ_ENTRY_COMPRESSED(Severity.WARNING, "WARC or compressed index stored with compression"),
    /** {@code datapackage-digest.json} is not JSON, or its {@code path} or {@code hash} is missing or malformed. */
    WACZ_DIGEST_FILE_INVALID(Severity.ERROR, "datapackage-digest.json is invalid"),
    /**
     * The hash in {@code datapackage-digest.json}, or the one its signature covers, is not the
     * digest of {@code datapackage.json}.
     */
    WACZ_DATAPACKAGE_DIGEST_MISMATCH(Severity.ERROR, "datapackage.json does not match its digest"),
    /** The signature's {@code created} differs from the {@code created} of {@code datapackage.json}. */
    WACZ_SIGNATURE_CREATED_MISMATCH(Severity.ERROR, "signature and package creation times differ"),
    /** A domain-identity signature's {@code domain} is not a name of its certificate. */
    WACZ_DOMAIN_MISMATCH(Severity.ERROR, "domain does not match the certificate"),
    /** The domain certificate was not used within the allowed time after the start of its validity. */
    WACZ_CERTIFICATE_WINDOW(Severity.ERROR, "domain certificate not used close to its issuance"),
    /** The signature's {@code created} time is not within the allowed window before the timestamp's time. */
    WACZ_TIMESTAMP_WINDOW(Severity.ERROR, "creation time too far from the timestamp"),
    /** A pages file line is not JSON, or a page lacks its {@code url} or a well-formed {@code ts}. */
    WACZ_PAGES_INVALID(Severity.ERROR, "malformed pages file"),
    /** A page listed in a pages file has no capture in the WACZ's indexes. */
    WACZ_PAGE_NOT_IN_INDEX(Severity.ERROR, "page not in the index"),
    /** A CDXJ index line does not parse, or lacks what locates its record (filename, offset, length). */
    WACZ_INDEX_INVALID(Severity.ERROR, "malformed index"),
    /** A ZipNum {@code .idx} line does not match the compressed CDXJ block it points to. */
    WACZ_INDEX_BLOCK_MISMATCH(Severity.ERROR, "index block does not match its .idx line"),
    /** An index, or some of its entries, could not be checked against the WARC records; the message says what and why. */
    WACZ_INDEX_NOT_CHECKED(Severity.WARNING, "index not fully checked"),
    /**
     * An index entry does not match the WARC record it points to: no such file, no record at
     * the offset, another length, record digest, payload digest, URL or date.
     */
    WACZ_RECORD_MISMATCH(Severity.ERROR, "index entry does not match its WARC record"),
    /** A WARC record (or the gzip member holding it) in {@code archive/} cannot be read. */
    WACZ_WARC_MALFORMED(Severity.ERROR, "malformed WARC record"),

    // --- Signed PDFs and portfolios (added with the PDF verifier) ------------------------------
    /**
     * The file is not a well-formed PDF: no {@code %PDF-} header, no {@code startxref}, a broken
     * cross-reference section, an object that does not parse, a circular reference.
     */
    PDF_MALFORMED(Severity.ERROR, "malformed PDF"),
    /** The PDF exceeds the verifier's limits (nesting depth, object count, stream or string size). */
    PDF_LIMIT_EXCEEDED(Severity.ERROR, "PDF exceeds limits"),
    /** The PDF is encrypted; its objects cannot be checked. */
    PDF_ENCRYPTED(Severity.ERROR, "encrypted PDF"),
    /** One cross-reference section lists the same object twice. */
    PDF_XREF_DUPLICATE(Severity.ERROR, "object listed twice in one cross-reference section"),
    /** A cross-reference entry points at the header of another object (or another object stream member). */
    PDF_OBJECT_HEADER_MISMATCH(Severity.ERROR, "cross-reference entry points at another object"),
    /** Bytes after the last revision's {@code %%EOF} that no signature covers. */
    PDF_TRAILING_DATA(Severity.WARNING, "data after the last %%EOF"),
    /**
     * A signature field's value is not a usable signature dictionary: not an indirect dictionary,
     * wrong {@code /Type}, no {@code /Filter}, or inside an object stream. Counted as a failed
     * signature, never as "no signature".
     */
    PDF_SIGNATURE_DICTIONARY_INVALID(Severity.ERROR, "invalid signature dictionary"),
    /** The signature's {@code /SubFilter} is not one of {@code ETSI.CAdES.detached}, {@code adbe.pkcs7.detached}, {@code ETSI.RFC3161}. */
    PDF_SUBFILTER_NOT_ALLOWED(Severity.ERROR, "signature SubFilter not allowed"),
    /** {@code /ByteRange} is missing, not four non-negative integers {@code [0 a b c]}, overlapping, or past the end of the file. */
    PDF_BYTE_RANGE_INVALID(Severity.ERROR, "invalid ByteRange"),
    /** The gap between the signed byte ranges is not exactly the signature's own {@code /Contents} string (signature wrapping). */
    PDF_BYTE_RANGE_GAP_MISMATCH(Severity.ERROR, "ByteRange gap is not the signature's Contents"),
    /** The signed bytes do not end where the revision that added the signature ends. */
    PDF_BYTE_RANGE_END_MISMATCH(Severity.ERROR, "ByteRange does not end at its revision's end"),
    /**
     * {@code /Contents} is missing, empty, all zeros, not a direct hex string, not one DER object,
     * or has non-zero bytes after the CMS object (universal signature forgery).
     */
    PDF_CONTENTS_INVALID(Severity.ERROR, "invalid signature Contents"),
    /** A PAdES ({@code ETSI.CAdES.detached}) signature has a CMS signing-time attribute, which PAdES forbids. */
    PDF_SIGNING_TIME_ATTRIBUTE(Severity.WARNING, "PAdES signature with a CMS signing-time attribute"),
    /**
     * A revision after a signature changes an object the signature covers in a way that is not an
     * allowed update (DSS, document timestamp, what DocMDP permits): page content, attachments,
     * the collection, a new page or annotation (incremental saving attack, shadow attack).
     */
    PDF_MODIFIED_AFTER_SIGNATURE(Severity.ERROR, "document modified after signing"),
    /**
     * A revision after a signature defines an object that the signed revision refers to but did
     * not define, so a signed reference now shows unsigned content (shadow attack, hide).
     */
    PDF_SHADOWED_OBJECT(Severity.ERROR, "signed reference resolved by a later revision"),
    /** A revision after a signature frees (deletes) an object of the signed revision. */
    PDF_OBJECT_DELETED(Severity.ERROR, "object deleted after signing"),
    /**
     * A cross-reference entry of a later revision points into the bytes of an earlier revision at
     * another definition than the one in force (an altered xref entry, shadow attack).
     */
    PDF_XREF_REDIRECTED(Severity.ERROR, "cross-reference entry points back into signed bytes"),
    /** A revision after a signature replaces the trailer's {@code /Root} or {@code /Info}, or adds {@code /Encrypt}. */
    PDF_TRAILER_MODIFIED(Severity.ERROR, "trailer changed after signing"),
    /**
     * A portfolio attachment's {@code /CI} values, {@code /Params /Size}, {@code /CheckSum} or
     * {@code /UF} name disagree with the signed manifest.
     */
    PORTFOLIO_ATTACHMENT_MISMATCH(Severity.ERROR, "attachment metadata disagrees with the manifest"),
    /**
     * A portfolio attachment cannot be read: no embedded file stream, an unsupported filter, a
     * name that is not a safe archive path, a name listed twice.
     */
    PORTFOLIO_ATTACHMENT_INVALID(Severity.ERROR, "unreadable portfolio attachment"),
    /** The manifest inside a portfolio and the portfolio's PDF signature were made with different certificates. */
    PORTFOLIO_SIGNER_MISMATCH(Severity.WARNING, "manifest and PDF signed by different keys"),
    /**
     * A portfolio holds the files of some of the manifest's collections only (as written one
     * portfolio per collection); the manifest's entries of the other collections are not listed
     * as missing.
     */
    PORTFOLIO_SUBSET(Severity.WARNING, "portfolio holds some collections of the manifest"),
    /**
     * A revision after a PDF signature makes a change that some permission level allows (filling
     * in a form field, signing, adding, changing or deleting an annotation) but the permission
     * in force does not: the certification signature's DocMDP {@code /P}, a signed field's
     * {@code /Lock} (or {@code /FieldMDP}), or, without a certification signature, the default
     * of approval signatures (form filling and signing, no annotations).
     */
    PDF_CHANGE_NOT_PERMITTED(Severity.ERROR, "change after signing not permitted by DocMDP or a field lock");

    private final Severity defaultSeverity;
    private final String summary;

    ProblemCode(Severity defaultSeverity, String summary) {
        this.defaultSeverity = defaultSeverity;
        this.summary = summary;
    }

    /** The severity a problem with this code has unless a verifier decides otherwise. */
    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** A short English summary, for people. */
    public String summary() {
        return summary;
    }
}
