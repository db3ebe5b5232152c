package dev.palimpsest.core.manifest;

import static dev.palimpsest.core.manifest.Samples.digest;
import static dev.palimpsest.core.manifest.Samples.minimalEntry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.DigestValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ManifestModelTest {

    @Test
    void entriesAreSortedByPathWhateverTheOrderAdded() throws Exception {
        ArchiveManifest manifest = ArchiveManifest.builder()
                .entry(minimalEntry("b.txt", "b"))
                .entry(minimalEntry("a/z.txt", "z"))
                .entry(minimalEntry("a.txt", "a"))
                .build();
        assertThat(manifest.entries().stream().map(e -> e.path().toString()).collect(Collectors.toList()))
                .containsExactly("a.txt", "a/z.txt", "b.txt");
        assertThat(manifest.entry("a/z.txt")).map(ManifestEntry::size).contains(1L);
        assertThat(manifest.entry(ArchivePath.of("b.txt"))).isPresent();
        assertThat(manifest.entry("A.TXT")).isEmpty();
        assertThat(manifest.version()).isEqualTo(ArchiveManifest.VERSION);
    }

    @Test
    void equalManifestsRegardlessOfEntryOrderAndToBuilderRoundTrips() throws Exception {
        ArchiveManifest one = ArchiveManifest.builder().entry(minimalEntry("a", "1")).entry(minimalEntry("b", "2")).build();
        ArchiveManifest two = ArchiveManifest.builder().entry(minimalEntry("b", "2")).entry(minimalEntry("a", "1")).build();
        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
        ArchiveManifest full = Samples.full();
        assertThat(full.toBuilder().build()).isEqualTo(full).hasSameHashCodeAs(full);
        assertThat(full.toBuilder().title("other").build()).isNotEqualTo(full);
        for (ManifestEntry e : full.entries()) {
            assertThat(e.toBuilder().build()).isEqualTo(e);
            if (e.capture().isPresent()) {
                CaptureRecord c = e.capture().get();
                assertThat(c.toBuilder().build()).isEqualTo(c);
                assertThat(c.cdx().get().toBuilder().build()).isEqualTo(c.cdx().get());
                assertThat(c.warc().get().toBuilder().build()).isEqualTo(c.warc().get());
            }
        }
        for (ArchiveCollection c : full.collections()) {
            assertThat(c.toBuilder().build()).isEqualTo(c);
        }
    }

    @Test
    void collectionsEntriesAndMapsAreUnmodifiable() throws Exception {
        ArchiveManifest full = Samples.full();
        ManifestEntry entry = full.entries().get(0);
        assertThatThrownBy(() -> full.entries().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> full.collections().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> entry.digests().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> full.extraFields().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void digestsAreKeptInTheEnumOrderAndSha256IsRequired() throws Exception {
        ManifestEntry entry = ManifestEntry.builder(ArchivePath.of("x"))
                .size(3)
                .digest(digest(DigestAlgorithm.MD5, "abc"))
                .digest(digest(DigestAlgorithm.SHA256, "abc"))
                .digest(digest(DigestAlgorithm.SHA1, "abc"))
                .build();
        assertThat(entry.digests().keySet())
                .containsExactly(DigestAlgorithm.SHA256, DigestAlgorithm.SHA1, DigestAlgorithm.MD5);
        // FIPS 180-4 example "abc".
        assertThat(entry.sha256().hex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(entry.digest(DigestAlgorithm.SHA512)).isEmpty();

        assertThatThrownBy(() -> ManifestEntry.builder(ArchivePath.of("only-sha1.pdf")).size(3)
                        .digest(digest(DigestAlgorithm.SHA1, "abc")).build())
                .isInstanceOf(ManifestException.class)
                .hasMessage("entry 'only-sha1.pdf': a sha256 digest is required (found [sha1])");
    }

    @Test
    void entryRulesNameTheEntry() throws Exception {
        DigestValue sha256 = digest(DigestAlgorithm.SHA256, "x");
        assertThatThrownBy(() -> ManifestEntry.builder().size(1).digest(sha256).build())
                .hasMessage("entry: path is required");
        assertThatThrownBy(() -> ManifestEntry.builder(ArchivePath.of("a.pdf")).digest(sha256).build())
                .hasMessage("entry 'a.pdf': size is required");
        assertThatThrownBy(() -> ManifestEntry.builder(ArchivePath.of("a.pdf")).size(-1).digest(sha256).build())
                .hasMessage("entry 'a.pdf': size must not be negative, got -1");
        assertThatThrownBy(() -> ManifestEntry.builder(ArchivePath.of("a.pdf")).size(1).digest(sha256)
                        .mediaType("pdf").build())
                .hasMessage("entry 'a.pdf': mediaType 'pdf' is not a media type (type/subtype, optionally followed by"
                        + " ;parameters)");
        assertThatThrownBy(() -> ManifestEntry.builder(ArchivePath.of("a.pdf")).size(1).digest(sha256)
                        .metadata("", "v").build())
                .hasMessage("entry 'a.pdf': metadata key '' must not be empty");
        assertThatThrownBy(() -> ManifestEntry.builder(ArchivePath.of("a.pdf")).size(1).digest(sha256)
                        .title("broken \uD83D").build())
                .hasMessage("entry 'a.pdf': title is not valid Unicode (unpaired surrogate U+D83D at index 7)");
        ManifestEntry ok = ManifestEntry.builder(ArchivePath.of("a.pdf")).size(0).digest(sha256)
                .mediaType("text/plain; charset=UTF-8").metadata("b", "2").metadata("a", "1").metadata("c", null)
                .build();
        assertThat(ok.metadata()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    }

    @Test
    void collisionsAndFileDirectoryConflictsAreReportedWithBothPaths() throws Exception {
        assertThatThrownBy(() -> ArchiveManifest.builder()
                        .entry(minimalEntry("Docs/Report.pdf", "1"))
                        .entry(minimalEntry("docs/REPORT.PDF", "2"))
                        .build())
                .isInstanceOfSatisfying(ArchivePathException.class,
                        e -> assertThat(e.rule()).isEqualTo(PathRule.COLLISION))
                .hasMessage("path 'docs/REPORT.PDF' collides with 'Docs/Report.pdf' (equal after NFC normalisation"
                        + " and case folding) [COLLISION]");
        assertThatThrownBy(() -> ArchiveManifest.builder()
                        .entry(minimalEntry("same.txt", "1"))
                        .entry(minimalEntry("same.txt", "2"))
                        .build())
                .hasMessage("path 'same.txt' appears twice [COLLISION]");
        assertThatThrownBy(() -> ArchiveManifest.builder()
                        .entry(minimalEntry("straße.txt", "1"))
                        .entry(minimalEntry("STRASSE.txt", "2"))
                        .build())
                .isInstanceOf(ArchivePathException.class).hasMessageContaining("collides with");
        assertThatThrownBy(() -> ArchiveManifest.builder()
                        .entry(minimalEntry("Reports", "file"))
                        .entry(minimalEntry("reports/2017.pdf", "2"))
                        .build())
                .isInstanceOfSatisfying(ArchivePathException.class,
                        e -> assertThat(e.rule()).isEqualTo(PathRule.FILE_DIRECTORY_CONFLICT))
                .hasMessage("path 'Reports' is a file, but 'reports/2017.pdf' uses it as a directory"
                        + " [FILE_DIRECTORY_CONFLICT]");
        // A shared directory is fine, and so is a file whose name merely starts like a directory.
        ArchiveManifest ok = ArchiveManifest.builder()
                .entry(minimalEntry("reports/a.pdf", "1"))
                .entry(minimalEntry("reports/b.pdf", "2"))
                .entry(minimalEntry("reports.pdf", "3"))
                .build();
        assertThat(ok.entries()).hasSize(3);
        assertThat(ok.toBuilder().removeEntry(ArchivePath.of("reports.pdf")).build().entries()).hasSize(2);
    }

    @Test
    void collectionsMustBeDeclaredOnceAndReferencedOnlyWhenDeclared() throws Exception {
        ArchiveCollection docs = ArchiveCollection.builder().id("documents").build();
        assertThatThrownBy(() -> ArchiveManifest.builder().collection(docs).collection(docs).build())
                .hasMessage("manifest: collection id 'documents' is declared more than once");
        ManifestEntry inStats = minimalEntry("s.csv", "x").toBuilder().collection("statistics").build();
        assertThatThrownBy(() -> ArchiveManifest.builder().collection(docs).entry(inStats).build())
                .hasMessage("entry 's.csv': collection 'statistics' is not declared in collections");
        assertThatThrownBy(() -> ArchiveCollection.builder().id("has space").build())
                .hasMessageStartingWith("collection 'has space': id must be 1 to 128 ASCII letters");
        assertThatThrownBy(() -> ArchiveCollection.builder().title("no id").build())
                .hasMessage("collection: id is required");
        ArchiveManifest manifest = ArchiveManifest.builder().collection(docs)
                .entry(minimalEntry("d.pdf", "x").toBuilder().collection("documents").build()).build();
        assertThat(manifest.collection("documents")).contains(docs);
        assertThat(manifest.collection("statistics")).isEmpty();
        assertThat(manifest.toBuilder().removeCollection("documents").collection(docs).build()).isEqualTo(manifest);
    }

    @Test
    void versionMustBeOfTheSupportedMajor() throws Exception {
        assertThat(ArchiveManifest.builder().version("1.9").build().version()).isEqualTo("1.9");
        assertThatThrownBy(() -> ArchiveManifest.builder().version("2.0").build())
                .hasMessage("manifest: format version 2.0 is newer than this library reads (1.x); a newer Palimpsest"
                        + " is needed to read it");
        assertThatThrownBy(() -> ArchiveManifest.builder().version("0.9").build())
                .hasMessage("manifest: format version 0.9 is not supported (this library reads 1.x)");
        assertThatThrownBy(() -> ArchiveManifest.builder().version("1").build())
                .hasMessage("manifest: version '1' is not <major>.<minor>, e.g. 1.0");
    }

    @Test
    void extraFieldsAreCanonicalJsonAndCannotShadowDefinedFields() throws Exception {
        ArchiveManifest manifest = ArchiveManifest.builder()
                .extraField("z", " { \"b\" : [ 1.10 , 2E+3 ] ,\n \"a\" : \"\\u00e9\" } ")
                .extraField("a", "true")
                .build();
        assertThat(manifest.extraFields()).containsExactly(
                Map.entry("a", "true"), Map.entry("z", "{\"b\":[1.10,2E+3],\"a\":\"é\"}"));
        assertThatThrownBy(() -> ArchiveManifest.builder().extraField("title", "\"t\"").build())
                .hasMessage("manifest: extra field 'title' has the name of a field the format defines");
        assertThatThrownBy(() -> ArchiveManifest.builder().extraField("x", "{").build())
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("manifest: extra field 'x' is not an acceptable JSON value:");
        assertThatThrownBy(() -> ArchiveManifest.builder().extraField("x", "1 2").build())
                .hasMessage("manifest: extra field 'x' is not an acceptable JSON value: more than one JSON value");
        assertThatThrownBy(() -> ManifestEntry.builder(ArchivePath.of("a")).size(0)
                        .digest(digest(DigestAlgorithm.SHA256, "")).extraField("digests", "{}").build())
                .hasMessage("entry 'a': extra field 'digests' has the name of a field the format defines");
    }

    @Test
    void captureTimeAndWaybackTimestampAreOneFact() throws Exception {
        CaptureRecord fromTimestamp = CaptureRecord.builder().originalUrl("http://example.com/")
                .waybackTimestamp("20171012140300").build();
        assertThat(fromTimestamp.captureTime()).contains(Instant.parse("2017-10-12T14:03:00Z"));
        assertThat(fromTimestamp.waybackTimestamp()).contains("20171012140300");

        CaptureRecord both = CaptureRecord.builder().originalUrl("http://example.com/")
                .captureTime(Instant.parse("2017-10-12T14:03:00.250Z")).waybackTimestamp("20171012140300").build();
        assertThat(both.waybackTimestamp()).contains("20171012140300");
        assertThat(both.captureTime()).contains(Instant.parse("2017-10-12T14:03:00.250Z"));

        assertThatThrownBy(() -> CaptureRecord.builder().originalUrl("http://example.com/")
                        .captureTime(Instant.parse("2017-10-12T14:03:01Z")).waybackTimestamp("20171012140300").build())
                .hasMessage("capture record 'http://example.com/': waybackTimestamp 20171012140300 disagrees with"
                        + " captureTime 2017-10-12T14:03:01Z (which is 20171012140301)");
        assertThatThrownBy(() -> CaptureRecord.builder().originalUrl("http://example.com/")
                        .waybackTimestamp("2017101214").build())
                .hasMessage("capture record 'http://example.com/': waybackTimestamp '2017101214' is not 14 digits"
                        + " (yyyyMMddHHmmss)");
        assertThatThrownBy(() -> CaptureRecord.builder().originalUrl("http://example.com/")
                        .waybackTimestamp("20170230000000").build())
                .hasMessage("capture record 'http://example.com/': waybackTimestamp 20170230000000 is not a valid"
                        + " date and time (yyyyMMddHHmmss, UTC)");
    }

    @Test
    void captureRecordRules() throws Exception {
        assertThatThrownBy(() -> CaptureRecord.builder().archive("web.archive.org").build())
                .hasMessage("capture record: originalUrl is required");
        assertThatThrownBy(() -> CaptureRecord.builder().originalUrl("http://a/\r\nInjected: 1").build())
                .hasMessage("capture record 'http://a/\\u000D\\u000AInjected: 1': originalUrl must not contain control"
                        + " characters (found '\\u000D' at index 9 of 'http://a/\\u000D\\u000AInjected: 1')");
        assertThatThrownBy(() -> CaptureRecord.builder().originalUrl("http://a/").checkExplanation("why").build())
                .hasMessage("capture record 'http://a/': checkExplanation is given without a check");
        assertThatThrownBy(() -> CaptureRecord.builder().originalUrl("http://a/").responseHeader("Bad Name", "v").build())
                .hasMessage("capture record 'http://a/': response header name 'bad name' is not an HTTP field name"
                        + " (RFC 9110 token)");
        assertThatThrownBy(() -> CaptureRecord.builder().originalUrl("http://a/")
                        .responseHeader("Link", "a\r\nSet-Cookie: x").build())
                .hasMessage("capture record 'http://a/': response header link value 'a\\u000D\\u000ASet-Cookie: x'"
                        + " contains CR, LF or NUL");
        assertThatThrownBy(() -> CaptureRecord.builder().originalUrl("http://a/")
                        .retrievedAt(Instant.parse("+10000-01-01T00:00:00Z")).build())
                .hasMessage("capture record 'http://a/': retrievedAt +10000-01-01T00:00:00Z is outside the years 0000"
                        + " to 9999 that RFC 3339 can express");
        assertThatThrownBy(() -> WarcSource.builder().filename("a.warc").build())
                .hasMessage("WARC source: recordId is required");
        assertThatThrownBy(() -> WarcSource.builder().recordId("<urn:uuid:1>").offset(-5L).build())
                .hasMessage("WARC source '<urn:uuid:1>': offset must not be negative, got -5");
        assertThatThrownBy(() -> CdxRecord.builder().digest("").build())
                .hasMessage("CDX record: digest must not be empty");
    }

    @Test
    void responseHeadersAreCaseInsensitiveSortedAndKeepValueOrder() throws Exception {
        CaptureRecord record = CaptureRecord.builder().originalUrl("http://a/")
                .responseHeader("Link", "<1>")
                .responseHeader("Memento-Datetime", "Thu, 12 Oct 2017 14:03:00 GMT")
                .responseHeader("LINK", "<2>")
                .responseHeader("link", "<0>")
                .build();
        assertThat(record.responseHeaders()).containsExactly(
                Map.entry("link", List.of("<1>", "<2>", "<0>")),
                Map.entry("memento-datetime", List.of("Thu, 12 Oct 2017 14:03:00 GMT")));
        assertThat(record.toBuilder().clearResponseHeaders().build().responseHeaders()).isEmpty();
    }

    @Test
    void verbatimDigestsInterpretForComparison() throws Exception {
        // SHA-1 of "abc" (FIPS 180-4) in Base32, as a CDX index writes it.
        DigestValue abc = DigestValue.parse(DigestAlgorithm.SHA1, "a9993e364706816aba3e25717850c26c9cd0d89d");
        CdxRecord cdx = CdxRecord.builder().digest(abc.base32()).build();
        assertThat(cdx.digest()).contains("VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
        assertThat(cdx.digestValue()).contains(abc);
        assertThat(CdxRecord.builder().digest("sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5").build().digestValue())
                .contains(abc);
        assertThat(CdxRecord.builder().digest("-").build().digestValue()).isEmpty();
        WarcSource warc = WarcSource.builder().recordId("<urn:uuid:1>")
                .payloadDigest("sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5").build();
        assertThat(warc.payloadDigestValue()).contains(abc);
        assertThat(WarcSource.builder().recordId("<urn:uuid:1>").payloadDigest("nonsense").build()
                .payloadDigestValue()).isEmpty();
    }

    @Test
    void manifestLevelTextAndTimes() throws Exception {
        assertThatThrownBy(() -> ArchiveManifest.builder().title("x\uDC00").build())
                .hasMessage("manifest: title is not valid Unicode (unpaired surrogate U+DC00 at index 1)");
        assertThatThrownBy(() -> ArchiveManifest.builder().created(Instant.parse("-0001-12-31T00:00:00Z")).build())
                .hasMessageContaining("outside the years 0000 to 9999");
        ArchiveManifest ok = ArchiveManifest.builder().title("").description("multi\nline\ttext").build();
        assertThat(ok.title()).contains("");
    }

    @Test
    void nullArgumentsAreProgrammerErrors() {
        assertThatThrownBy(() -> ManifestEntry.builder().digest(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ArchiveManifest.builder().entry(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CaptureRecord.builder().responseHeader("a", null))
                .isInstanceOf(NullPointerException.class);
    }
}
