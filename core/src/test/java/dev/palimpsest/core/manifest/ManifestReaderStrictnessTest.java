package dev.palimpsest.core.manifest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: each case gives a ManifestException that says where and what. */
class ManifestReaderStrictnessTest {
    private static final String HEAD = "{\"format\":\"palimpsest-archive\",\"version\":\"1.0\",";
    private static final String SHA256_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String ENTRY = "{\"path\":\"a.txt\",\"size\":0,\"digests\":{\"sha256\":\"" + SHA256_EMPTY + "\"}}";

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String json) {
        return assertThatThrownBy(() -> ManifestCodec.standard().read(json.getBytes(UTF_8)))
                .isInstanceOf(ManifestException.class);
    }

    /** The 1-based column where {@code token} first appears in one-line {@code json}. */
    private static int column(String json, String token) {
        int at = json.indexOf(token);
        assertThat(at).as("%s in %s", token, json).isNotNegative();
        return at + 1;
    }

    private static String entryWith(String members) {
        return HEAD + "\"entries\":[{\"path\":\"a.txt\",\"size\":0,\"digests\":{\"sha256\":\"" + SHA256_EMPTY + "\"},"
                + members + "}]}";
    }

    @Test
    void syntaxErrorsGiveLineAndColumn() {
        String json = HEAD + "\"entries\":[}";
        assertRejected(json).hasMessage("line 1, column " + column(json, "}") + " (/entries): malformed JSON:"
                + " Unexpected close marker '}': expected ']' (for Array starting at line 1, column "
                + column(json, "[}") + ")");
        assertRejected("{\n  \"format\": \"palimpsest-archive\",\n  \"version\": \"1.0\",\n  \"entries\": [\n    {\"path\": \"a\",}\n  ]\n}")
                .hasMessageStartingWith("line 5, column 18")
                .hasMessageContaining("malformed JSON: Unexpected character ('}'");
        assertRejected(HEAD + "\"entries\":[] /* comment */")
                .hasMessageContaining("malformed JSON: Unexpected character ('/'");
        assertRejected(HEAD + "'entries':[]}").hasMessageContaining("malformed JSON");
        assertRejected("").hasMessage("unexpected end of input");
        assertRejected(HEAD + "\"entries\":[").hasMessageContaining("malformed JSON: Unexpected end-of-input");
    }

    @Test
    void onlyAManifestObjectAndNothingAfterIt() {
        assertRejected("[]").hasMessage("line 1, column 1: expected a manifest (a JSON object), found an array");
        String twoObjects = HEAD + "\"entries\":[]} {}";
        assertRejected(twoObjects).hasMessage("line 1, column " + column(twoObjects, "{}")
                + ": unexpected content after the manifest object");
        assertRejected(HEAD + "\"entries\":[]} x").hasMessageContaining("malformed JSON");
    }

    @Test
    void formatAndVersionComeFirstAndAreChecked() {
        assertRejected("{\"version\":\"1.0\",\"format\":\"palimpsest-archive\",\"entries\":[]}")
                .hasMessage("line 1, column 2 (/version): the first member must be \"format\"; this is not a"
                        + " Palimpsest archive manifest");
        assertRejected("{\"format\":\"palimpsest-bundle\",\"version\":\"1.0\",\"entries\":[]}")
                .hasMessage("line 1, column 11 (/format): \"format\" is 'palimpsest-bundle', not \"palimpsest-archive\";"
                        + " this is not a Palimpsest archive manifest");
        assertRejected("{\"format\":\"📄\\ud800\\n\",\"version\":\"1.0\",\"entries\":[]}")
                .hasMessageContaining("\"format\" is '📄\\uD800\\u000A', not");
        assertRejected("{\"format\":\"palimpsest-archive\",\"entries\":[],\"version\":\"1.0\"}")
                .hasMessage("line 1, column 32 (/entries): the second member must be \"version\"");
        assertRejected("{\"format\":\"palimpsest-archive\",\"version\":1.0,\"entries\":[]}")
                .hasMessage("line 1, column 42 (/version): \"version\" must be a string, found a number");
    }

    @Test
    void newerMajorVersionIsRejectedBeforeTheRestIsRead() {
        // Entries of the wrong type: never reached, because the version already says no.
        assertRejected("{\"format\":\"palimpsest-archive\",\"version\":\"2.0\",\"entries\":42}")
                .hasMessage("line 1, column 42 (/version): manifest: format version 2.0 is newer than this library"
                        + " reads (1.x); a newer Palimpsest is needed to read it");
        assertRejected("{\"format\":\"palimpsest-archive\",\"version\":\"one\",\"entries\":[]}")
                .hasMessageContaining("manifest: version 'one' is not <major>.<minor>, e.g. 1.0");
    }

    @Test
    void requiredMembers() {
        assertRejected(HEAD + "\"title\":\"t\"}")
                .hasMessage("line 1, column 1: the manifest has no \"entries\" (a required member)");
        String noPath = HEAD + "\"entries\":[{\"size\":0,\"digests\":{\"sha256\":\"" + SHA256_EMPTY + "\"}}]}";
        assertRejected(noPath).hasMessage("line 1, column " + column(noPath, "{\"size\"")
                + " (/entries/0): an entry has no \"path\" (a required member)");
        assertRejected(HEAD + "\"entries\":[{\"path\":\"a\",\"digests\":{\"sha256\":\"" + SHA256_EMPTY + "\"}}]}")
                .hasMessageEndingWith("(/entries/0): an entry has no \"size\" (a required member)");
        assertRejected(HEAD + "\"entries\":[{\"path\":\"a\",\"size\":1}]}")
                .hasMessageEndingWith("(/entries/0): an entry has no \"digests\" (a required member)");
        assertRejected(HEAD + "\"entries\":[{\"path\":\"a\",\"size\":1,\"digests\":{}}]}")
                .hasMessageEndingWith("(/entries/0): entry 'a': a sha256 digest is required (found none)");
        assertRejected(entryWith("\"capture\":{\"archive\":\"web.archive.org\"}"))
                .hasMessageEndingWith("(/entries/0/capture): a capture record has no \"originalUrl\" (a required member)");
        assertRejected(HEAD + "\"collections\":[{\"title\":\"x\"}],\"entries\":[]}")
                .hasMessageEndingWith("(/collections/0): a collection has no \"id\" (a required member)");
    }

    @Test
    void wrongTypesNameTheMemberAndWhatWasFound() {
        assertRejected(HEAD + "\"title\":7,\"entries\":[]}")
                .hasMessage("line 1, column " + column(HEAD + "\"title\":7", "7")
                        + " (/title): \"title\" must be a string, found a number");
        assertRejected(HEAD + "\"title\":null,\"entries\":[]}")
                .hasMessageEndingWith("(/title): \"title\" must be a string, found null");
        assertRejected(HEAD + "\"entries\":{}}")
                .hasMessageEndingWith("(/entries): expected \"entries\" to be an array, found an object");
        assertRejected(HEAD + "\"entries\":[\"a.txt\"]}")
                .hasMessageEndingWith("(/entries/0): expected an entry (a JSON object), found a string");
        assertRejected(HEAD + "\"entries\":[{\"path\":\"a\",\"size\":\"12\"}]}")
                .hasMessageEndingWith("(/entries/0/size): \"size\" must be a non-negative integer, found a string");
        assertRejected(HEAD + "\"entries\":[{\"path\":\"a\",\"size\":12.0}]}")
                .hasMessageEndingWith("(/entries/0/size): \"size\" must be a non-negative integer, found a number with a"
                        + " fraction or exponent 12.0");
        assertRejected(HEAD + "\"entries\":[{\"path\":\"a\",\"size\":-1}]}")
                .hasMessageEndingWith("(/entries/0/size): \"size\" must not be negative, found -1");
        assertRejected(HEAD + "\"entries\":[{\"path\":\"a\",\"size\":99999999999999999999}]}")
                .hasMessageEndingWith("(/entries/0/size): \"size\" 99999999999999999999 is too large (the most is"
                        + " 9223372036854775807)");
        assertRejected(entryWith("\"metadata\":{\"k\":1}"))
                .hasMessageEndingWith("(/entries/0/metadata/k): metadata 'k' must be a string, found a number");
        assertRejected(entryWith("\"capture\":{\"originalUrl\":\"http://a/\",\"check\":\"OK\"}"))
                .hasMessageEndingWith("(/entries/0/capture/check): \"check\" must be one of [MATCH, MISMATCH,"
                        + " NOT_COMPARABLE], found 'OK'");
        assertRejected(entryWith("\"capture\":{\"originalUrl\":\"http://a/\",\"headers\":{\"Link\":\"<x>\"}}"))
                .hasMessageEndingWith("(/entries/0/capture/headers/Link): expected the values of header 'Link' to be an"
                        + " array of strings, found a string");
        assertRejected(entryWith("\"capture\":{\"originalUrl\":\"http://a/\",\"headers\":{\"Link\":[]}}"))
                .hasMessageEndingWith("(/entries/0/capture/headers/Link): header 'Link' has no values");
        assertRejected(entryWith("\"capture\":{\"originalUrl\":\"http://a/\",\"warc\":{\"recordId\":\"<x>\",\"offset\":-3}}"))
                .hasMessageEndingWith("(/entries/0/capture/warc/offset): \"offset\" must not be negative, found -3");
    }

    @Test
    void datesAreRfc3339() {
        assertRejected(HEAD + "\"created\":\"2017-10-12\",\"entries\":[]}")
                .hasMessageEndingWith("(/created): \"created\" '2017-10-12' is not an RFC 3339 date-time"
                        + " (e.g. 2017-10-12T14:03:00Z)");
        assertRejected(HEAD + "\"created\":\"2017-10-12T14:03:00\",\"entries\":[]}")
                .hasMessageContaining("is not an RFC 3339 date-time");
        assertRejected(HEAD + "\"created\":\"2017-02-30T14:03:00Z\",\"entries\":[]}")
                .hasMessageContaining("\"created\" '2017-02-30T14:03:00Z' is not a valid date and time");
        assertRejected(entryWith("\"capture\":{\"originalUrl\":\"http://a/\",\"captureTime\":\"2017-10-12T14:03:00Z\","
                        + "\"waybackTimestamp\":\"20171012140301\"}"))
                .hasMessageEndingWith("(/entries/0/capture): capture record 'http://a/': waybackTimestamp 20171012140301"
                        + " disagrees with captureTime 2017-10-12T14:03:00Z (which is 20171012140300)");
    }

    @Test
    void duplicateMembersAreRejected() {
        assertRejected(HEAD + "\"title\":\"a\",\"title\":\"b\",\"entries\":[]}")
                .hasMessageContaining("malformed JSON: Duplicate field 'title'");
        assertRejected(entryWith("\"size\":1")).hasMessageContaining("Duplicate field 'size'");
    }

    @Test
    void digestsUseTheFormatsLabelsAndHex() {
        String sha1 = "a9993e364706816aba3e25717850c26c9cd0d89d";
        assertRejected(HEAD + "\"entries\":[{\"path\":\"a\",\"size\":0,\"digests\":{\"SHA-256\":\"" + SHA256_EMPTY + "\"}}]}")
                .hasMessageEndingWith("(/entries/0/digests/SHA-256): unsupported digest algorithm 'SHA-256' (the"
                        + " format's labels are sha256, sha512, sha1, md5, sha3-256, blake2b-512)");
        assertRejected(HEAD + "\"entries\":[{\"path\":\"a\",\"size\":0,\"digests\":{\"sha384\":\"00\"}}]}")
                .hasMessageContaining("unsupported digest algorithm 'sha384'");
        assertRejected(entryWith("\"x\":0").replace(SHA256_EMPTY, "4OYMIQUY7QOBJGX36TEJS35ZEQT24QPEMSNZGTFESWMRW6CSXBKQ===="))
                .hasMessageEndingWith("(/entries/0/digests/sha256): the sha256 digest must be 64 hex digits, found"
                        + " '4OYMIQUY7QOBJGX36TEJS35ZEQT24QPEMSNZGTFESWMRW6CSXBKQ===='");
        assertRejected(entryWith("\"x\":0").replace(SHA256_EMPTY, SHA256_EMPTY.substring(1) + "g"))
                .hasMessageContaining("the sha256 digest must be 64 hex digits");
        assertRejected(HEAD + "\"entries\":[{\"path\":\"a\",\"size\":0,\"digests\":{\"sha1\":\"" + sha1 + "\"}}]}")
                .hasMessageEndingWith("entry 'a': a sha256 digest is required (found [sha1])");
    }

    @Test
    void upperCaseHexIsAccepted() throws Exception {
        ArchiveManifest manifest = ManifestCodec.standard()
                .read((HEAD + "\"entries\":[" + ENTRY.replace(SHA256_EMPTY, SHA256_EMPTY.toUpperCase()) + "]}").getBytes(UTF_8));
        assertThat(manifest.entries().get(0).sha256().hex()).isEqualTo(SHA256_EMPTY);
    }

    @Test
    void pathRulesAreReportedAtThePathWithTheirRule() {
        String json = HEAD + "\"entries\":[" + ENTRY + "," + ENTRY.replace("a.txt", "../../etc/passwd") + "]}";
        String where = "line 1, column " + column(json, "\"../../etc/passwd\"") + " (/entries/1/path)";
        assertThatThrownBy(() -> ManifestCodec.standard().read(json.getBytes(UTF_8)))
                .isInstanceOfSatisfying(ArchivePathException.class, e -> {
                    assertThat(e.rule()).isEqualTo(PathRule.DOT_SEGMENT);
                    assertThat(e.path()).isEqualTo("../../etc/passwd");
                    assertThat(e.location()).contains(where);
                })
                .hasMessage(where + ": path '../../etc/passwd' must not have '.' or '..' segments [DOT_SEGMENT]");
        // Not NFC, written with a JSON escape: reported, not silently normalised.
        assertRejected(HEAD + "\"entries\":[" + ENTRY.replace("a.txt", "cafe\\u0301.txt") + "]}")
                .hasMessageContaining("(/entries/0/path): path 'cafe\u0301.txt' must be in Unicode Normalization Form C");
        assertRejected(HEAD + "\"entries\":[" + ENTRY.replace("a.txt", "C:\\\\x") + "]}")
                .hasMessageContaining("(/entries/0/path): path 'C:\\\\x' must use '/' as its separator");
    }

    @Test
    void collisionsAreReportedAtTheSecondEntry() {
        String json = HEAD + "\"entries\":[" + ENTRY + "," + ENTRY.replace("a.txt", "A.TXT") + "]}";
        assertThatThrownBy(() -> ManifestCodec.standard().read(json.getBytes(UTF_8)))
                .isInstanceOfSatisfying(ArchivePathException.class,
                        e -> assertThat(e.rule()).isEqualTo(PathRule.COLLISION))
                .hasMessage("line 1, column " + column(json, "{\"path\":\"A.TXT\"") + " (/entries/1): path 'A.TXT'"
                        + " collides with 'a.txt' (equal after NFC normalisation and case folding) [COLLISION]");
        assertThatThrownBy(() -> ManifestCodec.standard().read(
                        (HEAD + "\"entries\":[" + ENTRY + "," + ENTRY.replace("a.txt", "a.txt/b") + "]}").getBytes(UTF_8)))
                .isInstanceOfSatisfying(ArchivePathException.class,
                        e -> assertThat(e.rule()).isEqualTo(PathRule.FILE_DIRECTORY_CONFLICT))
                .hasMessage("path 'a.txt' is a file, but 'a.txt/b' uses it as a directory [FILE_DIRECTORY_CONFLICT]");
        assertRejected(HEAD + "\"entries\":[" + entryWithCollection("docs") + "]}")
                .hasMessage("entry 'a.txt': collection 'docs' is not declared in collections");
    }

    private static String entryWithCollection(String id) {
        return ENTRY.replace("\"size\"", "\"collection\":\"" + id + "\",\"size\"");
    }

    @Test
    void onlyUtf8IsRead() {
        String json = HEAD + "\"entries\":[]}";
        byte[] utf16 = ("\uFEFF" + json).getBytes(StandardCharsets.UTF_16LE);
        assertThatThrownBy(() -> ManifestCodec.standard().read(utf16))
                .isInstanceOf(ManifestException.class)
                .hasMessage("the manifest is not UTF-8 (it looks like UTF-16 or UTF-32)");
        byte[] utf16NoBom = json.getBytes(StandardCharsets.UTF_16BE);
        assertThatThrownBy(() -> ManifestCodec.standard().read(new java.io.ByteArrayInputStream(utf16NoBom)))
                .hasMessage("the manifest is not UTF-8 (it looks like UTF-16 or UTF-32)");
        byte[] badUtf8 = (HEAD + "\"title\":\"caf\u00e9\",\"entries\":[]}").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> ManifestCodec.standard().read(badUtf8))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("malformed JSON: Invalid UTF-8");
    }

    @Test
    void readingAFileNamesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("archive.json");
        Files.writeString(file, "{\n  \"format\": \"palimpsest-archive\",\n  \"version\": \"1.0\",\n  \"entries\": [\n"
                + "    {\"path\": \"/abs\", \"size\": 0, \"digests\": {}}\n  ]\n}\n");
        assertThatThrownBy(() -> ManifestCodec.standard().read(file))
                .isInstanceOf(ArchivePathException.class)
                .hasMessage(file + ":5:14 (/entries/0/path): path '/abs' must be relative (no leading '/' or drive"
                        + " letter) [ABSOLUTE]");
        assertThatThrownBy(() -> ManifestCodec.standard().read(dir.resolve("missing.json")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }
}
