package dev.palimpsest.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.palimpsest.core.manifest.ArchivePath;
import dev.palimpsest.core.sources.SourceRow;
import dev.palimpsest.core.sources.SourcesTable;
import dev.palimpsest.core.sources.SourcesTableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

/**
 * The sources table reader ({@code create --sources}) on arbitrary bytes. Seeds:
 * {@code SourcesFuzzTestInputs/sourcesCsv}.
 *
 * <p>Properties: the only failure is {@link SourcesTableException}, naming the source; a table
 * that reads is consistent (every row found again by its path). The table has no writer, so
 * there is no round trip to check.
 */
class SourcesFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void sourcesCsv(byte[] csv) throws IOException {
        SourcesTable table;
        try {
            table = SourcesTable.read(new ByteArrayInputStream(csv), "fuzz.csv");
        } catch (SourcesTableException e) {
            assertThat(e.source()).isEqualTo("fuzz.csv");
            assertThat(e.getMessage()).contains("fuzz.csv");
            return;
        }
        for (Map.Entry<ArchivePath, SourceRow> row : table.rows().entrySet()) {
            assertThat(table.row(row.getKey())).contains(row.getValue());
            assertThat(row.getValue().path()).isEqualTo(row.getKey());
            row.getValue().capture();
        }
    }
}
