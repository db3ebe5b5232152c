package dev.palimpsest.examples.cli;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.core.digest.Hasher;
import dev.palimpsest.core.sources.ReplayServer;
import dev.palimpsest.core.sources.ReplayServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Recorded answers of a Wayback service for the reading room of a (fictional) agency: CDX rows and
 * raw ({@code id_}) captures of three URLs, the index page stored and served gzip-encoded, as the
 * Wayback Machine serves pages that were captured compressed.
 */
final class WaybackFixtures {
    static final String CDX = "/cdx/search/cdx";
    static final String PAGE_URL = "https://www.example.gov/foia/reading-room/";
    static final String REPORT_URL = "https://www.example.gov/foia/reading-room/annual-report-2016.pdf";
    static final String TABLE_URL = "https://www.example.gov/foia/reading-room/requests-2016.csv";
    static final byte[] PAGE = utf8("<!doctype html>\n<title>FOIA reading room</title>\n<h1>FOIA reading room</h1>\n"
            + "<ul>\n<li><a href=\"annual-report-2016.pdf\">Annual FOIA report 2016</a>\n"
            + "<li><a href=\"requests-2016.csv\">Requests received in 2016</a>\n</ul>\n");
    static final byte[] PAGE_GZIP = gzip(PAGE);
    static final byte[] REPORT = utf8("%PDF-1.7\n% Annual FOIA report 2016, as captured on 3 October 2017\n"
            + "1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    static final byte[] TABLE = utf8("month,requests,granted\n2016-01,98,61\n2016-02,104,70\n2016-03,121,77\n");

    private WaybackFixtures() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String sha1Base32(byte[] data) {
        return Hasher.of(DigestAlgorithm.SHA1).hash(data).get(DigestAlgorithm.SHA1).base32();
    }

    static String cdxJson(String... rows) {
        StringBuilder s = new StringBuilder(
                "[[\"urlkey\",\"timestamp\",\"original\",\"mimetype\",\"statuscode\",\"digest\",\"length\"]");
        for (String row : rows) {
            s.append(",\n").append(row);
        }
        return s.append("]\n").toString();
    }

    static String row(String urlkey, String timestamp, String url, String mimetype, String status, byte[] stored) {
        return "[\"" + urlkey + "\",\"" + timestamp + "\",\"" + url + "\",\"" + mimetype + "\",\"" + status + "\",\""
                + sha1Base32(stored) + "\",\"" + (stored.length + 400) + "\"]";
    }

    static Reply capture(String url, String mementoDatetime, String contentType, byte[] body, String... extra) {
        List<String> headers = new ArrayList<>(List.of("Content-Type: " + contentType,
                "Memento-Datetime: " + mementoDatetime,
                "Link: <" + url + ">; rel=\"original\"",
                "X-Archive-Orig-Content-Type: " + contentType,
                "X-Archive-Orig-Last-Modified: Mon, 11 Sep 2017 09:00:00 GMT",
                "Server: replay"));
        headers.addAll(List.of(extra));
        return Reply.of(200, body, headers.toArray(new String[0]));
    }

    /** Queues the CDX answers and captures of the three URLs. */
    static ReplayServer readingRoom(ReplayServer server) {
        server.on(CDX, "url", PAGE_URL, Reply.of(200, cdxJson(
                row("gov,example)/foia/reading-room", "20170915101500", PAGE_URL, "text/html", "200", PAGE_GZIP),
                row("gov,example)/foia/reading-room", "20171003120000", PAGE_URL, "text/html", "200", PAGE_GZIP)),
                "Content-Type: application/json"));
        server.on(CDX, "url", REPORT_URL, Reply.of(200, cdxJson(
                row("gov,example)/foia/reading-room/annual-report-2016.pdf", "20171003120005", REPORT_URL,
                        "application/pdf", "200", REPORT)), "Content-Type: application/json"));
        server.on(CDX, "url", TABLE_URL, Reply.of(200, cdxJson(
                row("gov,example)/foia/reading-room/requests-2016.csv", "20171003120007", TABLE_URL, "text/csv", "200",
                        TABLE)), "Content-Type: application/json"));
        server.on("/web/20171003120000id_/" + PAGE_URL, capture(PAGE_URL, "Tue, 03 Oct 2017 12:00:00 GMT",
                "text/html; charset=utf-8", PAGE_GZIP, "Content-Encoding: gzip"));
        server.on("/web/20171003120005id_/" + REPORT_URL, capture(REPORT_URL, "Tue, 03 Oct 2017 12:00:05 GMT",
                "application/pdf", REPORT));
        server.on("/web/20171003120007id_/" + TABLE_URL, capture(TABLE_URL, "Tue, 03 Oct 2017 12:00:07 GMT",
                "text/csv", TABLE));
        return server;
    }
}
