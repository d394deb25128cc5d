package dev.schemata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.schemata.testing.SharedData;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The splitter agrees with PostgreSQL's own parser on real migrations: SPLITS.tsv in the shared corpus
 * lists, for each file, where each statement ends.
 */
class CorpusSplitTest {

    /** file -> end lines of its statements, in order (empty for a file with no statements). */
    static Map<String, List<Integer>> expectedSplits(Path corpus) throws IOException {
        Map<String, List<Integer>> splits = new LinkedHashMap<>();
        List<String> rows = Files.readAllLines(corpus.resolve("SPLITS.tsv"), StandardCharsets.UTF_8);
        for (String row : rows.subList(1, rows.size())) {
            if (row.isBlank()) {
                continue;
            }
            String[] cells = row.split("\t");
            List<Integer> ends = splits.computeIfAbsent(cells[0], file -> new ArrayList<>());
            if (!cells[2].equals("EMPTY")) {
                ends.add(Integer.parseInt(cells[3]));
            }
        }
        return splits;
    }

    static Path corpusOrSkip() {
        Optional<Path> corpus = SharedData.corpus();
        assumeTrue(corpus.isPresent(), "shared corpus not found (set -Dschemata.shared.dir); skipping");
        assumeTrue(Files.isRegularFile(corpus.get().resolve("SPLITS.tsv")), "corpus has no SPLITS.tsv");
        return corpus.get();
    }

    @Test
    void everyCorpusFileSplitsLikePostgresql() throws IOException {
        Path corpus = corpusOrSkip();
        Map<String, List<Integer>> expected = expectedSplits(corpus);
        // 750 files with statements, plus 26 empty ones (white space only) that must yield nothing
        assertThat(expected.values().stream().filter(ends -> !ends.isEmpty())).hasSize(750);
        assertThat(expected.values().stream().filter(List::isEmpty)).hasSize(26);
        Map<String, List<Integer>> mismatches = new LinkedHashMap<>();
        int statements = 0;
        for (Map.Entry<String, List<Integer>> file : expected.entrySet()) {
            String text = Files.readString(corpus.resolve(file.getKey()), StandardCharsets.UTF_8);
            List<Integer> ends = new ArrayList<>();
            for (Statement statement : SqlScanner.split(text, file.getKey())) {
                ends.add(statement.endLine());
            }
            statements += ends.size();
            if (!ends.equals(file.getValue())) {
                mismatches.put(file.getKey() + " expected " + file.getValue(), ends);
            }
        }
        assertThat(mismatches).as("files split differently from PostgreSQL (file expected -> actual)").isEmpty();
        assertThat(statements).isEqualTo(5192);
    }

    @Test
    void statementTextIsTheFileTextBetweenItsFirstAndLastToken() throws IOException {
        Path corpus = corpusOrSkip();
        for (String file : expectedSplits(corpus).keySet()) {
            String text = Files.readString(corpus.resolve(file), StandardCharsets.UTF_8);
            String[] lines = text.split("\n", -1);
            for (Statement statement : SqlScanner.split(text, file)) {
                assertThat(text).as(file).contains(statement.sql());
                assertThat(lines[statement.line() - 1].substring(statement.column() - 1))
                        .as("%s line %d", file, statement.line())
                        .startsWith(statement.sql().lines().findFirst().orElseThrow());
                assertThat(statement.sql()).doesNotEndWith(";").isEqualTo(statement.sql().strip());
            }
        }
    }

    @Test
    void lexingAllLemmyMigrationsTakesWellUnderASecond() throws IOException {
        Path corpus = corpusOrSkip();
        List<String> texts = new ArrayList<>();
        for (String file : expectedSplits(corpus).keySet()) {
            if (file.startsWith("lemmy/")) {
                texts.add(Files.readString(corpus.resolve(file), StandardCharsets.UTF_8));
            }
        }
        assertThat(texts).hasSize(684);
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            texts.forEach(text -> SqlScanner.split(text, "lemmy"));
        }
        long started = System.nanoTime();
        int statements = 0;
        for (String text : texts) {
            statements += SqlScanner.split(text, "lemmy").size();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(statements).isPositive();
        assertThat(millis).as("milliseconds to split all Lemmy migrations").isLessThan(500);
    }

    @Test
    void aReaderThatHandsOutTinyChunksGivesTheSameStatements() throws IOException {
        Path corpus = corpusOrSkip();
        for (String file : expectedSplits(corpus).keySet()) {
            String text = Files.readString(corpus.resolve(file), StandardCharsets.UTF_8);
            List<Statement> whole = SqlScanner.split(text, file);
            List<Statement> chunked = new ArrayList<>();
            SqlScanner scanner = new SqlScanner(new ChunkyReader(text, 3), file);
            for (Statement s = scanner.next(); s != null; s = scanner.next()) {
                chunked.add(s);
            }
            assertThat(chunked).as(file).isEqualTo(whole);
        }
    }

    /** A reader that returns at most {@code chunk} characters per read, to exercise buffer refills. */
    static final class ChunkyReader extends Reader {
        private final String text;
        private final int chunk;
        private int pos;

        ChunkyReader(String text, int chunk) {
            this.text = text;
            this.chunk = chunk;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (pos >= text.length()) {
                return -1;
            }
            int n = Math.min(Math.min(length, chunk), text.length() - pos);
            text.getChars(pos, pos + n, buffer, offset);
            pos += n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
