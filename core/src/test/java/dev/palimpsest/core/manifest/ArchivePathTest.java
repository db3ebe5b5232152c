package dev.palimpsest.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArchivePathTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "a", "report.pdf", "documents/2017/report.pdf", "with space/and-dash_underscore.txt",
        "Überprüfung.pdf", "報告書/第1章.txt", "emoji/📄.pdf", ".hidden", "..dots..", "a/.b/c..",
        "ab:c/d", "1:x", "dir/c:x"
    })
    void acceptsValidPaths(String text) throws Exception {
        ArchivePath path = ArchivePath.of(text);
        assertThat(path.toString()).isEqualTo(text);
        assertThat(String.join("/", path.segments())).isEqualTo(text);
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of("", PathRule.EMPTY),
                Arguments.of("a\uD800b", PathRule.UNPAIRED_SURROGATE),
                Arguments.of("a\uDC00", PathRule.UNPAIRED_SURROGATE),
                Arguments.of("tab\there", PathRule.CONTROL_CHARACTER),
                Arguments.of("nul\u0000", PathRule.CONTROL_CHARACTER),
                Arguments.of("new\nline", PathRule.CONTROL_CHARACTER),
                Arguments.of("del\u007F", PathRule.CONTROL_CHARACTER),
                Arguments.of("c1\u0085", PathRule.CONTROL_CHARACTER),
                Arguments.of("dir\\file.txt", PathRule.BACKSLASH),
                Arguments.of("..\\..\\windows", PathRule.BACKSLASH),
                Arguments.of("/etc/passwd", PathRule.ABSOLUTE),
                Arguments.of("//server/share", PathRule.ABSOLUTE),
                Arguments.of("C:/Windows", PathRule.ABSOLUTE),
                Arguments.of("c:relative", PathRule.ABSOLUTE),
                Arguments.of("a:b", PathRule.ABSOLUTE),
                Arguments.of("e\u0301.txt", PathRule.NOT_NFC),
                Arguments.of("\u2126hm.txt", PathRule.NOT_NFC),
                Arguments.of("a//b", PathRule.EMPTY_SEGMENT),
                Arguments.of("a/", PathRule.EMPTY_SEGMENT),
                Arguments.of(".", PathRule.DOT_SEGMENT),
                Arguments.of("..", PathRule.DOT_SEGMENT),
                Arguments.of("../secret", PathRule.DOT_SEGMENT),
                Arguments.of("a/../../b", PathRule.DOT_SEGMENT),
                Arguments.of("a/./b", PathRule.DOT_SEGMENT),
                Arguments.of("a/..", PathRule.DOT_SEGMENT),
                Arguments.of("x".repeat(256), PathRule.TOO_LONG),
                Arguments.of("é".repeat(128), PathRule.TOO_LONG),
                Arguments.of(("d".repeat(200) + "/").repeat(21) + "f", PathRule.TOO_LONG));
    }

    @ParameterizedTest
    @MethodSource("violations")
    void rejectsEachRuleWithACheckedExceptionNamingPathAndRule(String text, PathRule rule) {
        assertThatThrownBy(() -> ArchivePath.of(text))
                .isInstanceOfSatisfying(ArchivePathException.class, e -> {
                    assertThat(e.rule()).isEqualTo(rule);
                    assertThat(e.path()).isEqualTo(text);
                    assertThat(e.location()).isEmpty();
                })
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("path '")
                .hasMessageContaining(rule.requirement())
                .hasMessageEndingWith("[" + rule + "]");
    }

    @Test
    void messagesEscapeControlCharactersAndShowTheNfcForm() {
        assertThatThrownBy(() -> ArchivePath.of("bad\nname"))
                .hasMessage("path 'bad\\u000Aname' must not contain control characters (U+000A at index 3)"
                        + " [CONTROL_CHARACTER]");
        assertThatThrownBy(() -> ArchivePath.of("cafe\u0301"))
                .hasMessage("path 'cafe\u0301' must be in Unicode Normalization Form C; its NFC form is 'caf\u00e9'"
                        + " [NOT_NFC]");
    }

    @Test
    void limitsAreInUtf8Bytes() throws Exception {
        // 127 two-byte characters = 254 bytes: allowed; one more makes 256.
        assertThat(ArchivePath.of("é".repeat(127)).fileName()).hasSize(127);
        String longest = ("d".repeat(254) + "/").repeat(16);
        assertThat(longest.length()).isEqualTo(4080);
        assertThat(ArchivePath.of(longest + "x".repeat(16)).segments()).hasSize(17);
        assertThatThrownBy(() -> ArchivePath.of(longest + "x".repeat(17)))
                .hasMessageContaining("(the path is 4097 bytes)");
    }

    @Test
    void segmentsAndFileName() throws Exception {
        ArchivePath path = ArchivePath.of("documents/2017/report.pdf");
        assertThat(path.segments()).containsExactly("documents", "2017", "report.pdf");
        assertThat(path.fileName()).isEqualTo("report.pdf");
        assertThat(ArchivePath.of("top.txt").fileName()).isEqualTo("top.txt");
    }

    @Test
    void collisionKeyFoldsCaseBeyondLowerCasing() throws Exception {
        assertCollide("Report.PDF", "report.pdf");
        assertCollide("Straße.txt", "STRASSE.txt");
        assertCollide("straße.txt", "strasse.txt");
        assertCollide("\u1E9E.txt", "ss.txt"); // capital sharp s
        assertCollide("\u00B5m.txt", "\u03BCm.txt"); // micro sign and Greek mu
        assertCollide("\u03D0.txt", "\u03B2.txt"); // beta symbol and beta
        assertCollide("\uFB01le.txt", "file.txt"); // fi ligature
        assertCollide("\u017Fun.txt", "sun.txt"); // long s
        assertCollide("ΟΔΟΣ/x", "οδος/x");
        assertCollide("ΣΑΣ.txt", "σας.txt");
        assertCollide("ǅemal", "ǆemal"); // title case
        assertCollide("Ǆemal", "ǆemal");
        assertThat(ArchivePath.of("a.txt").collisionKey()).isNotEqualTo(ArchivePath.of("b.txt").collisionKey());
        assertThat(ArchivePath.of("e.txt").collisionKey()).isNotEqualTo(ArchivePath.of("é.txt").collisionKey());
    }

    @Test
    void collidingPathsAreStillDistinctValues() throws Exception {
        ArchivePath upper = ArchivePath.of("A.txt");
        ArchivePath lower = ArchivePath.of("a.txt");
        assertThat(upper).isNotEqualTo(lower);
        assertThat(upper.collisionKey()).isEqualTo(lower.collisionKey());
        assertThat(ArchivePath.of("a.txt")).isEqualTo(lower).hasSameHashCodeAs(lower);
    }

    @Test
    void ordersByCodePointNotUtf16CodeUnit() throws Exception {
        // U+FF5E (a BMP character above the surrogates) comes before U+1D4B3 by code point, but
        // after it by UTF-16 code unit (U+1D4B3 is encoded with the surrogate U+D835).
        ArchivePath bmp = ArchivePath.of("\uFF5E");
        ArchivePath astral = ArchivePath.of("\uD835\uDCB3");
        assertThat(bmp.toString().compareTo(astral.toString())).isPositive();
        assertThat(bmp.compareTo(astral)).isNegative();

        List<ArchivePath> paths = new ArrayList<>();
        for (String s : List.of("b", "a/b", "a", "B", "\uD835\uDCB3", "\uFF5E", "é", "a.txt")) {
            paths.add(ArchivePath.of(s));
        }
        paths.sort(null);
        assertThat(paths.stream().map(ArchivePath::toString).collect(Collectors.toList()))
                .containsExactly("B", "a", "a.txt", "a/b", "b", "é", "\uFF5E", "\uD835\uDCB3");
    }

    @Test
    void nullIsAProgrammerError() {
        assertThatThrownBy(() -> ArchivePath.of(null)).isInstanceOf(NullPointerException.class);
    }

    private static void assertCollide(String a, String b) throws ArchivePathException {
        assertThat(ArchivePath.of(a).collisionKey()).as("%s vs %s", a, b).isEqualTo(ArchivePath.of(b).collisionKey());
    }
}
