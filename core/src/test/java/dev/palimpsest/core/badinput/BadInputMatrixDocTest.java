package dev.palimpsest.core.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.testing.BadInputMatrix;
import dev.palimpsest.core.testing.BadInputMatrix.Citation;
import dev.palimpsest.core.testing.BadInputMatrix.Row;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The "Bad input" table in {@code core/FORMAT.md} cannot rot: it has at least 40 numbered rows, each
 * with an answer and at least one cited test; every cited class exists in some module's test
 * sources; and the tests cited from core exist, by reflection. (pdf-portfolio and examples check
 * theirs in their own {@code BadInputMatrixDocTest}, where those classes are on the class path.)
 */
class BadInputMatrixDocTest {
    @Test
    void theTableHasAtLeastFortyRowsEachBackedByATest() {
        List<Row> rows = BadInputMatrix.rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(40);
        Set<Integer> numbers = new HashSet<>();
        for (Row row : rows) {
            assertThat(numbers.add(row.number())).as("row number " + row.number() + " is unique").isTrue();
            assertThat(row.input()).as("row " + row.number()).isNotBlank();
            assertThat(row.answer()).as("row " + row.number()).isNotBlank();
            assertThat(row.tests()).as("row " + row.number() + " cites a test").isNotEmpty();
        }
    }

    @Test
    void everyCitedClassExistsInExactlyOneModule() {
        List<String> missing = new ArrayList<>();
        for (Row row : BadInputMatrix.rows()) {
            for (Citation c : row.tests()) {
                int found = BadInputMatrix.sources(c.className()).size();
                if (found != 1) {
                    missing.add("row " + row.number() + ": " + c + " names " + found + " test classes");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyTestCitedFromCoreExists() {
        assertThat(BadInputMatrix.checkModule("core")).isEmpty();
    }
}
