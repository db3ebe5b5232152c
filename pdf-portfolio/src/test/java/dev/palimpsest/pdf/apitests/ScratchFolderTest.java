package dev.palimpsest.pdf.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palimpsest.core.digest.DigestAlgorithm;
import dev.palimpsest.pdf.ContentSource;
import dev.palimpsest.pdf.PortfolioBuilder;
import dev.palimpsest.pdf.PortfolioItem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PDFBox keeps every embedded stream in a scratch file until the PDF is saved. When a portfolio
 * is written to a path, that scratch file lives in a temporary folder beside the target (never in
 * the system's temporary folder), is gone afterwards, and a killed writer's scratch folder is
 * removed by the next writer for the same target.
 */
class ScratchFolderTest {
    @TempDir
    Path dir;

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private PortfolioBuilder portfolio(ContentSource content, byte[] bytes) {
        PortfolioItem item = PortfolioItem.builder("documents/report.pdf").mediaType("application/pdf")
                .size(bytes.length).sha256(Fixtures.digest(DigestAlgorithm.SHA256, bytes)).content(content).build();
        return PortfolioBuilder.of(Fixtures.metadata(), Fixtures.MANIFEST).withItems(List.of(item));
    }

    @Test
    void theScratchFileIsBesideTheTargetWhileWritingAndGoneAfter() throws Exception {
        byte[] bytes = Fixtures.PDF_BYTES;
        Path out = Files.createDirectory(dir.resolve("out"));
        List<String> seen = new ArrayList<>();
        List<String> inScratch = new ArrayList<>();
        ContentSource watching = () -> {
            // Called while the document is being assembled: look at the target's folder.
            for (String name : names(out)) {
                seen.add(name);
                if (name.endsWith("-portfolio.pdf.scratch")) {
                    inScratch.addAll(names(out.resolve(name)));
                }
            }
            return new ByteArrayInputStream(bytes);
        };
        portfolio(watching, bytes).build(out.resolve("portfolio.pdf"));

        assertThat(seen).anySatisfy(name -> assertThat(name).startsWith(".palimpsest-tmp-")
                .endsWith("-portfolio.pdf.scratch"));
        assertThat(inScratch).as("PDFBox's scratch file").isNotEmpty();
        assertThat(names(out)).containsExactly("portfolio.pdf");
    }

    @Test
    void aKilledWritersScratchFolderIsRemovedByTheNextWriter() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out"));
        // The name a writer that ran as process 2147483646, started at time 1, would have used.
        Path stale = Files.createDirectory(out.resolve(".palimpsest-tmp-2147483646-1-p5-portfolio.pdf.scratch"));
        Files.write(stale.resolve("PDFBox123.tmp"), new byte[1000]);
        Path other = Files.createDirectory(out.resolve(".palimpsest-tmp-2147483646-1-p5-other.pdf.scratch"));

        portfolio(ContentSource.ofBytes(Fixtures.PDF_BYTES), Fixtures.PDF_BYTES).build(out.resolve("portfolio.pdf"));

        assertThat(stale).doesNotExist();
        assertThat(other).as("another target's folder is not ours to remove").exists();
        assertThat(names(out)).containsExactly(other.getFileName().toString(), "portfolio.pdf");
    }
}
