package dev.palimpsest.pdf.apitests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palimpsest.pdf.PadesLevel;
import org.junit.jupiter.api.Test;

class PadesLevelTest {
    @Test
    void namesAreTheCommandLinesAndTheValidatorsOnes() {
        assertThat(PadesLevel.B_LTA.shortName()).isEqualTo("B-LTA");
        assertThat(PadesLevel.B_LTA.baselineName()).isEqualTo("PAdES-BASELINE-LTA");
        for (String name : new String[] {"B-LT", "b-lt", "B_LT", " PAdES-BASELINE-LT ", "pades-baseline-lt"}) {
            assertThat(PadesLevel.fromName(name)).as(name).isEqualTo(PadesLevel.B_LT);
        }
        assertThat(PadesLevel.B_B.needsTimestamps()).isFalse();
        assertThat(PadesLevel.B_T.needsTimestamps()).isTrue();
        assertThat(PadesLevel.B_T.needsValidationData()).isFalse();
        assertThat(PadesLevel.B_LTA.needsValidationData()).isTrue();
    }

    @Test
    void anUnknownNameIsRefusedWithTheAcceptedOnes() {
        assertThatThrownBy(() -> PadesLevel.fromName("B-LTV")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown PAdES level 'B-LTV'; expected B-B, B-T, B-LT or B-LTA");
    }
}
