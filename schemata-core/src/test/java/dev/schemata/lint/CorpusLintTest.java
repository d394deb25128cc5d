package dev.schemata.lint;

import dev.schemata.testing.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The real migrations of other projects lint without failing, and known hazards in them are found. */
class CorpusLintTest {

    private static List<LintSource> files(Path root) throws IOException {
        List<LintSource> sources = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                sources.add(LintSource.read(file, root.relativize(file).toString().replace('\\', '/')));
            }
        }
        return sources;
    }

    @Test
    void everyCorpusFileLints() throws IOException {
        Optional<Path> corpus = SharedData.corpus();
        Assumptions.assumeTrue(corpus.isPresent(), "shared corpus not present");
        List<LintSource> sources = files(corpus.get());
        assertThat(sources).hasSizeGreaterThan(700);
        LintReport report = Linter.lint(sources, Optional.empty(), LintOptions.defaults());
        assertThat(report.files()).isEqualTo(sources.size());
        assertThat(report.statements()).isGreaterThan(5000);
        assertThat(report.findings()).allSatisfy(f -> {
            assertThat(f.line()).isPositive();
            assertThat(f.column()).isPositive();
            assertThat(f.excerpt()).isNotBlank();
        });
    }

    @Test
    void knownHazardsInLemmyAreFound() throws IOException {
        Optional<Path> corpus = SharedData.corpus();
        Assumptions.assumeTrue(corpus.isPresent(), "shared corpus not present");
        Path lemmy = corpus.get().resolve("lemmy/migrations");
        Assumptions.assumeTrue(Files.isDirectory(lemmy), "lemmy corpus not present");
        // Indexes added to tables of earlier migrations: blocking builds.
        LintReport indexes = Linter.lint(List.of(LintSource.read(lemmy.resolve("2020-01-11-012452_add_indexes/up.sql"),
                "up.sql")), Optional.empty(), LintOptions.defaults());
        assertThat(indexes.findings()).filteredOn(f -> f.rule().equals("index-not-concurrent"))
                .extracting(Finding::line).contains(2, 4);
        // A volatile function as the default of new NOT NULL columns.
        LintReport apub = Linter.lint(List.of(LintSource.read(lemmy.resolve("2021-02-02-153240_apub_columns/up.sql"),
                "up.sql")), Optional.empty(), LintOptions.defaults());
        assertThat(apub.findings()).filteredOn(f -> f.rule().equals("add-column-volatile-default"))
                .extracting(Finding::line).contains(2, 5, 11);
    }
}
