package dev.palimpsest.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SurtTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // the CDX server's own example shape: host lower-cased, reversed, www dropped, scheme dropped
        "http://www.Example.com/a?b=1                 | com,example)/a?b=1",
        "HTTP://EXAMPLE.COM                           | com,example)/",
        "example.com                                  | com,example)/",
        "http:/example.com/a                          | com,example)/a",
        // default ports dropped, others kept
        "http://example.com:80/                       | com,example)/",
        "https://www2.example.com:443/Index.HTML      | com,example)/index.html",
        "https://example.com:80/                      | com,example:80)/",
        "http://example.com:8080/                     | com,example:8080)/",
        // www only as a whole first label, with optional digits
        "http://www34.example.com/                    | com,example)/",
        "http://www2example.com/                      | com,www2example)/",
        "http://wwwx.example.com/                     | com,example,wwwx)/",
        // query arguments sorted by name then value; an empty query dropped
        "http://archive.org/goo/?                     | org,archive)/goo",
        "http://archive.org/goo/?b&a                  | org,archive)/goo?a&b",
        "http://archive.org/goo/?a=2&b&a=1            | org,archive)/goo?a=1&a=2&b",
        "http://www.example.com/?Q=Hello%20World&a=%3A | com,example)/?a=:&q=hello%20world",
        // user information and fragment dropped; trailing slash dropped
        "http://user:pw@example.com/a/#frag           | com,example)/a",
        // escapes decoded until none is left, then only unsafe bytes escaped again
        "http://example.com/%7Efoo/%2541              | com,example)/~foo/a",
        "http://example.com/a%20b                     | com,example)/a%20b",
        "http://example.com/a/./b/../c//d/            | com,example)/a/c/d",
        // addresses: dotted quads are reversed too; a decimal host is an IPv4 address
        "http://127.0.0.1:8080/x                      | 1,0,0,127:8080)/x",
        "http://3279880203/blah                       | 11,0,127,195)/blah",
        "http://[2001:DB8::1]:8080/x                  | [2001:db8::1]:8080)/x",
        // international names in their IDNA form; stray dots removed
        "http://bücher.example/                       | example,xn--bcher-kva)/",
        "http://example.com./                         | com,example)/",
        // URLs without a host are their own key
        "dns:example.com                              | dns:example.com",
        "filedesc:FOIA-20171003.warc.gz               | filedesc:FOIA-20171003.warc.gz",
    })
    void computesTheCdxUrlKey(String url, String key) throws Exception {
        assertThat(Surt.of(url)).isEqualTo(key);
    }

    @Test
    void comparesARowsUrlKeyWithAUrl() throws Exception {
        assertThat(Surt.matches("com,example)/a?b=1", "https://www.example.com/a?b=1#x")).isTrue();
        assertThat(Surt.matches("COM,EXAMPLE)/A?B=1 ", "http://example.com/a?b=1")).isTrue();
        assertThat(Surt.matches("com,example)/a?b=1", "http://example.com/a?b=2")).isFalse();
        assertThat(Surt.matches("com,example)/a", "http://example.org/a")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``                        | URL is empty",
        "`   `                     | URL is empty",
        "http://example.com:80a/   | invalid port '80a'",
        "http://example.com:99999/ | invalid port '99999'",
        "http:///a                 | has no host",
        "http://[::1/              | unterminated IPv6 address",
        "http://exa\u0001mple.com/ | control character",
    })
    void rejectsUrlsWithoutAKey(String url, String message) {
        assertThatThrownBy(() -> Surt.of(url))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsOverlongUrls() {
        assertThatThrownBy(() -> Surt.of("http://example.com/" + "a".repeat(70_000)))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("longer than 65536");
        assertThatThrownBy(() -> Surt.matches("com,example)/", "http://example.com/" + "a".repeat(70_000)))
                .isInstanceOf(CaptureFormatException.class);
    }

    @Test
    @Timeout(5)
    void hostileEscapesAndQueriesStayLinear() throws Exception {
        // Decoding %25 repeatedly pass by pass would be quadratic in the number of escapes.
        String nested = "http://example.com/" + "%25".repeat(21_000) + "41";
        assertThat(Surt.of(nested)).startsWith("com,example)/");
        String manyArgs = "http://example.com/?" + "b=1&a=2&".repeat(8_000);
        assertThat(Surt.of(manyArgs)).startsWith("com,example)/?&a=2&a=2");
        long start = System.nanoTime();
        Surt.of("http://" + "a.".repeat(30_000) + "com/");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
