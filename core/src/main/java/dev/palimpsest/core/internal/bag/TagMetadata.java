package dev.palimpsest.core.internal.bag;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code Label: value} elements of {@code bag-info.txt} (or {@code package-info.txt} before
 * BagIt 0.96), in file order, continuation lines joined. Labels repeat freely; they compare
 * without regard to case.
 *
 * @param file the tag file's name
 * @param elements the elements, in order
 */
public record TagMetadata(String file, List<Element> elements) {

    /** One element. */
    public record Element(String label, String value) {
    }

    /** Every value of the label, in file order. */
    public List<String> values(String label) {
        String wanted = label.toLowerCase(Locale.ROOT);
        return elements.stream().filter(e -> e.label().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Element::value).collect(Collectors.toUnmodifiableList());
    }
}
