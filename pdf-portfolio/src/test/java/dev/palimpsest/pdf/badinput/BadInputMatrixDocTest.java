package dev.palimpsest.pdf.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.testing.BadInputMatrix;
import org.junit.jupiter.api.Test;

/** The tests that {@code core/FORMAT.md}'s "Bad input" table cites from pdf-portfolio exist, by reflection. */
class BadInputMatrixDocTest {
    @Test
    void everyTestCitedFromPdfPortfolioExists() {
        assertThat(BadInputMatrix.checkModule("pdf-portfolio")).isEmpty();
    }
}
