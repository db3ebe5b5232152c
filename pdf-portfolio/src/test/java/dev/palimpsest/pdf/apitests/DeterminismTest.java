package dev.palimpsest.pdf.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.pdf.PortfolioBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same inputs and clock give the same bytes; any change in them changes the document ID. */
class DeterminismTest {
    @TempDir
    Path dir;

    @Test
    void buildingTwiceGivesByteIdenticalPdfs() throws Exception {
        byte[] first = Fixtures.build(Fixtures.sample());
        byte[] second = Fixtures.build(Fixtures.sample());
        assertThat(second).isEqualTo(first);

        Path file = dir.resolve("portfolio.pdf");
        Fixtures.sample().build(file);
        assertThat(Files.readAllBytes(file)).as("writing to a path gives the same bytes").isEqualTo(first);
    }

    @Test
    void theDefaultLocaleAndTimeZoneDoNotChangeTheBytes() throws Exception {
        byte[] reference = Fixtures.build(Fixtures.sample());
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("ar-EG"));
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
            assertThat(Fixtures.build(Fixtures.sample())).isEqualTo(reference);
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
    }

    @Test
    void aFixedClockIsDeterministicAndDatesTheModification() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.ofHours(5));
        byte[] first = Fixtures.build(Fixtures.sample().withClock(clock));
        byte[] second = Fixtures.build(Fixtures.sample().withClock(clock));
        assertThat(second).isEqualTo(first);
        assertThat(first).isNotEqualTo(Fixtures.build(Fixtures.sample()));
        try (PDDocument doc = Pdfs.load(first)) {
            assertThat(doc.getDocumentInformation().getCOSObject().getString(COSName.MOD_DATE))
                    .isEqualTo("D:20260102030405+00'00'");
            assertThat(doc.getDocumentInformation().getCOSObject().getString(COSName.CREATION_DATE))
                    .isEqualTo("D:20171020093000+00'00'");
        }
    }

    @Test
    void theDocumentIdFollowsTheContent() throws Exception {
        byte[] base = Fixtures.build(Fixtures.sample());
        byte[] otherManifest = Fixtures.build(PortfolioBuilder.of(Fixtures.metadata(), "{}".getBytes())
                .withManifestSignature(Fixtures.SIGNATURE).withItems(Fixtures.sampleItems()));
        byte[] unsigned = Fixtures.build(PortfolioBuilder.of(Fixtures.metadata(), Fixtures.MANIFEST)
                .withItems(Fixtures.sampleItems()));
        assertThat(id(otherManifest)).isNotEqualTo(id(base));
        assertThat(id(unsigned)).isNotEqualTo(id(base)).isNotEqualTo(id(otherManifest));
    }

    private static byte[] id(byte[] pdf) throws Exception {
        try (PDDocument doc = Pdfs.load(pdf)) {
            COSArray id = doc.getDocument().getTrailer().getCOSArray(COSName.ID);
            return ((COSString) id.getObject(0)).getBytes();
        }
    }
}
