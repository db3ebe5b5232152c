package dev.palimpsest.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.testing.BadInputMatrix;
import org.junit.jupiter.api.Test;

/** The tests that {@code core/FORMAT.md}'s "Bad input" table cites from examples exist, by reflection. */
class BadInputMatrixDocTest {
    @Test
    void everyTestCitedFromExamplesExists() {
        assertThat(BadInputMatrix.checkModule("examples")).isEmpty();
    }
}
