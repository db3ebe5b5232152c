package dev.palimpsest.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.core.manifest.CaptureCheck;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MementoHeadersTest {
    /** A Link header of the shape the Wayback Machine sends with a memento. */
    static final String WAYBACK_LINK = "<https://www.example.gov/foia/doc1.pdf>; rel=\"original\", "
            + "<https://web.archive.org/web/timemap/link/https://www.example.gov/foia/doc1.pdf>; rel=\"timemap\"; "
            + "type=\"application/link-format\", "
            + "<https://web.archive.org/web/https://www.example.gov/foia/doc1.pdf>; rel=\"timegate\", "
            + "<https://web.archive.org/web/20150412081502/https://www.example.gov/foia/doc1.pdf>; rel=\"first memento\"; "
            + "datetime=\"Sun, 12 Apr 2015 08:15:02 GMT\", "
            + "<https://web.archive.org/web/20170914230011/https://www.example.gov/foia/doc1.pdf>; rel=\"prev memento\"; "
            + "datetime=\"Thu, 14 Sep 2017 23:00:11 GMT\", "
            + "<https://web.archive.org/web/20171003120512/https://www.example.gov/foia/doc1.pdf>; rel=\"memento\"; "
            + "datetime=\"Tue, 03 Oct 2017 12:05:12 GMT\", "
            + "<https://web.archive.org/web/20171015083000/https://www.example.gov/foia/doc1.pdf>; rel=\"next memento\"; "
            + "datetime=\"Sun, 15 Oct 2017 08:30:00 GMT\", "
            + "<https://web.archive.org/web/20171015083000/https://www.example.gov/foia/doc1.pdf>; rel=\"last memento\"; "
            + "datetime=\"Sun, 15 Oct 2017 08:30:00 GMT\"";

    @Test
    void mementoDatetimeIsAnRfc1123DateInGmt() throws Exception {
        assertThat(MementoDatetime.parse("Tue, 03 Oct 2017 12:05:12 GMT")).isEqualTo(Instant.parse("2017-10-03T12:05:12Z"));
        assertThat(MementoDatetime.parse(" Sun, 06 Nov 1994 08:49:37 GMT ")).isEqualTo(Instant.parse("1994-11-06T08:49:37Z"));
        assertThat(MementoDatetime.format(Instant.parse("2017-10-03T12:05:12.750Z"))).isEqualTo("Tue, 03 Oct 2017 12:05:12 GMT");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Mon, 03 Oct 2017 12:05:12 GMT",   // 3 October 2017 was a Tuesday
        "Tue, 03 Oct 2017 12:05:12 +0000",
        "Tue, 03 Oct 2017 12:05:12 UTC",
        "Tuesday, 03-Oct-17 12:05:12 GMT",
        "Tue Oct  3 12:05:12 2017",
        "Tue, 31 Sep 2017 12:05:12 GMT",
        "20171003120512",
        "Tue, 03 Oct 2017 12:05:12 GMT                                                                 x",
        ""})
    void mementoDatetimeRejectsOtherForms(String text) {
        assertThatThrownBy(() -> MementoDatetime.parse(text))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("is not an RFC 1123 date in GMT");
    }

    @Test
    void waybackLinkHeaderGivesOriginalTimegateTimemapAndNeighbours() throws Exception {
        MementoLinks links = MementoLinks.parse(WAYBACK_LINK);
        assertThat(links.links()).hasSize(8);
        assertThat(links.original()).contains("https://www.example.gov/foia/doc1.pdf");
        assertThat(links.timegate()).contains("https://web.archive.org/web/https://www.example.gov/foia/doc1.pdf");
        assertThat(links.timemap()).contains("https://web.archive.org/web/timemap/link/https://www.example.gov/foia/doc1.pdf");
        assertThat(links.links().get(1).param("type")).contains("application/link-format");
        assertThat(links.mementos()).hasSize(5);
        assertThat(links.first().orElseThrow().datetime()).contains(Instant.parse("2015-04-12T08:15:02Z"));
        assertThat(links.prev().orElseThrow().uri()).contains("/web/20170914230011/");
        assertThat(links.next().orElseThrow().datetime()).contains(Instant.parse("2017-10-15T08:30:00Z"));
        assertThat(links.last()).isEqualTo(links.next());
        assertThat(links.links().get(3).relations()).containsExactly("first", "memento");
        assertThat(MementoLinks.parse(links.toString())).isEqualTo(links);
    }

    @Test
    void linkSyntaxVariants() throws Exception {
        MementoLinks links = MementoLinks.parse(" , <http://example.com/>;REL=Original ;anchor, "
                + "<http://a.example/web/2017/x>; rel=\"FIRST  Last\tmemento\"; title=\"say \\\"hi\\\"; ok, fine\"; rel=ignored,,");
        assertThat(links.original()).contains("http://example.com/");
        assertThat(links.links().get(0).param("anchor")).contains("");
        WebLink only = links.links().get(1);
        assertThat(only.relations()).containsExactly("first", "last", "memento");
        assertThat(only.hasRelation("LAST")).isTrue();
        assertThat(only.param("title")).contains("say \"hi\"; ok, fine");
        assertThat(links.first()).isEqualTo(links.last());
        assertThat(links.first().orElseThrow().datetime()).isEmpty();
        assertThat(links.prev()).isEmpty();
        assertThat(MementoLinks.parse("").links()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "http://example.com/; rel=original                 | character 1: expected '<' to start a link",
        "<http://example.com/; rel=original                | character 1: the '<' is never closed by '>'",
        "<http://example.com/>; rel=\"original             | character 28: the quoted string is never closed",
        "<http://example.com/> rel=original                | character 23: expected ';' or ',' after a link",
        "<http://example.com/>; =original                  | character 24: expected a parameter name",
        "<http://x/web/2017/y>; rel=memento; datetime=\"Mon, 03 Oct 2017 12:05:12 GMT\" | link 1: date 'Mon, 03 Oct 2017 12:05:12 GMT'",
    })
    void linkSyntaxErrorsSayWhere(String header, String message) {
        assertThatThrownBy(() -> MementoLinks.parse(header))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining(message);
    }

    @Test
    void overlongLinkHeadersAreRefused() {
        String huge = "<http://example.com/>" + "; a=b".repeat(220_000);
        assertThatThrownBy(() -> MementoLinks.parse(huge))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("longer than 1048576 characters");
    }

    @Test
    void provenanceHeadersKeepMementoDatetimeLinkAndArchiveOriginalsInOrder() throws Exception {
        List<Map.Entry<String, String>> response = List.of(
                Map.entry("Server", "nginx"),
                Map.entry("x-archive-orig-content-type", "application/pdf"),
                Map.entry("Memento-Datetime", "Tue, 03 Oct 2017 12:05:12 GMT"),
                Map.entry("Content-Type", "application/pdf"),
                Map.entry("Link", WAYBACK_LINK.substring(0, WAYBACK_LINK.indexOf(", <https://web.archive.org/web/https"))),
                Map.entry("X-Archive-Orig-Set-Cookie", "a=1"),
                Map.entry("X-Archive-Orig-Set-Cookie", "b=2"),
                Map.entry("LINK", "<https://web.archive.org/web/https://www.example.gov/foia/doc1.pdf>; rel=\"timegate\""),
                Map.entry("X-Archive-Orig-", "not a header of the original server"),
                Map.entry("X-Archive-Src", "FOIA-20171003120000-00001.warc.gz"));
        ProvenanceHeaders kept = ProvenanceHeaders.select(response);
        assertThat(kept.entries()).extracting(Map.Entry::getKey).containsExactly("x-archive-orig-content-type",
                "Memento-Datetime", "Link", "X-Archive-Orig-Set-Cookie", "X-Archive-Orig-Set-Cookie", "LINK");
        assertThat(kept.archiveOriginal("Content-Type")).contains("application/pdf");
        assertThat(kept.values("x-archive-orig-set-cookie")).containsExactly("a=1", "b=2");
        assertThat(kept.first("memento-datetime")).contains("Tue, 03 Oct 2017 12:05:12 GMT");
        assertThat(kept.mementoDatetime()).contains(Instant.parse("2017-10-03T12:05:12Z"));
        MementoLinks links = kept.links();
        assertThat(links.original()).contains("https://www.example.gov/foia/doc1.pdf");
        assertThat(links.timegate()).contains("https://web.archive.org/web/https://www.example.gov/foia/doc1.pdf");
        assertThat(ProvenanceHeaders.select(response)).isEqualTo(kept).hasSameHashCodeAs(kept);
        assertThat(ProvenanceHeaders.select(List.of(Map.entry("Server", "x")))).isEqualTo(ProvenanceHeaders.empty());
    }

    @Test
    void aMalformedMementoDatetimeIsKeptButDoesNotParse() throws Exception {
        ProvenanceHeaders kept = ProvenanceHeaders.select(List.of(Map.entry("Memento-Datetime", "yesterday")));
        assertThat(kept.first("Memento-Datetime")).contains("yesterday");
        assertThatThrownBy(kept::mementoDatetime)
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("Memento-Datetime: date 'yesterday' is not an RFC 1123 date in GMT such as 'Tue, 03 Oct 2017 12:00:00 GMT'");
        assertThat(ProvenanceHeaders.empty().mementoDatetime()).isEmpty();
    }

    @Test
    void headerValuesWithLineBreaksAreRefused() {
        assertThatThrownBy(() -> ProvenanceHeaders.select(List.of(Map.entry("X-Archive-Orig-X", "a\r\nInjected: 1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character");
    }

    @Test
    void selectsFromARealHttpResponse() throws Exception {
        byte[] body = "Hello World\n\n".getBytes(StandardCharsets.US_ASCII);
        String head = "HTTP/1.1 200 OK\r\n"
                + "Content-Type: application/pdf\r\n"
                + "Memento-Datetime: Tue, 03 Oct 2017 12:05:12 GMT\r\n"
                + "Link: " + WAYBACK_LINK + "\r\n"
                + "X-Archive-Orig-Content-Length: 13\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        // A one-shot HTTP/1.1 server on loopback (java.base only; the test runs inside the module).
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String[] requestLine = new String[1];
            Thread serving = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                    requestLine[0] = in.readLine();
                    String line;
                    while ((line = in.readLine()) != null && !line.isEmpty()) {
                        // headers of the request are not needed
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            serving.start();
            URI base = URI.create("http://127.0.0.1:" + server.getLocalPort());
            MementoUrl memento = MementoUrl.of(base, WaybackTimestamp.parse("20171003120512"), MementoModifier.ID,
                    "https://www.example.gov/foia/doc 1.pdf");
            HttpResponse<byte[]> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(memento.toUri()).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            serving.join(10_000);
            assertThat(requestLine[0]).isEqualTo("GET /web/20171003120512id_/https://www.example.gov/foia/doc%201.pdf HTTP/1.1");

            List<Map.Entry<String, String>> headers = new ArrayList<>();
            response.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
            ProvenanceHeaders kept = ProvenanceHeaders.select(headers);
            assertThat(kept.mementoDatetime()).contains(Instant.parse("2017-10-03T12:05:12Z"));
            assertThat(kept.archiveOriginal("content-length")).contains("13");
            assertThat(kept.links().first().orElseThrow().datetime()).contains(Instant.parse("2015-04-12T08:15:02Z"));
            assertThat(kept.first("Content-Type")).isEmpty();
            CaptureCheckResult check = CaptureEvidence.builder().archiveDigest(CdxParserTest.HELLO_SHA1)
                    .replayHeaders(headers).build()
                    .check(CdxParserTest.sha1(new String(response.body(), StandardCharsets.US_ASCII)));
            assertThat(check.outcome()).isEqualTo(CaptureCheck.MATCH);
        }
    }
}
