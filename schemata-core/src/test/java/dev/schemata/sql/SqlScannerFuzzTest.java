package dev.schemata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.schemata.testing.SharedData;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged scripts (cut short, stray quotes, dollars, backslashes, comment ends...) must give statements or
 * a {@link SqlSyntaxException}, never another exception and never a hang. The seed is fixed, so a failure
 * can be replayed.
 */
class SqlScannerFuzzTest {
    private static final long SEED = 20240917L;
    private static final int MUTANTS = 4000;

    private static final String[] HAND_WRITTEN = {
        "SELECT 'a;b -- c'; SELECT E'it\\'s'; SELECT U&'\\0041' UESCAPE '!';",
        "/* outer /* inner; */ still */ SELECT 1;\n-- hint\nSELECT $1, \"q;\"\"x\";",
        "CREATE FUNCTION f() RETURNS text AS $fn$ SELECT $$;$$ $fn$ LANGUAGE sql;",
        "CREATE OR REPLACE FUNCTION f(x int) RETURNS text LANGUAGE sql\nBEGIN ATOMIC\n"
                + "  SELECT CASE WHEN x > 0 THEN 'p' END;\nEND;\nSELECT 2;",
        "COPY t (a, b) FROM stdin;\n1\tit's; here\n\\.\nSELECT 1;\n",
        "\\restrict key\nSELECT (1; 2);\r\nSELECT 'a'\n 'b';\n\\unrestrict key\n",
        "\uFEFFSELECT B'01', X'1F', 0x1F, 1.5e-3, a->>'k', b::int +-- c\n 1",
    };
    private static final String[] FRAGMENTS = {
        "'", "\"", "$", "$$", "$a$", "$1", "\\", "\\.", "*/", "/*", "--", ";", "(", ")", "\n", "\r\n", "\r",
        "E'", "U&'", "U&\"", "B'", "X'", "\\restrict k\n", "\\set x 1\n", " BEGIN ", " ATOMIC ", "CREATE FUNCTION ",
        " END ", " CASE ", "COPY t FROM stdin;\n", "\\.\n", "\uFEFF", "é", "\u0000", " UESCAPE ", "''", "\\'",
    };

    @Test
    void damagedScriptsGiveStatementsOrASyntaxErrorOnly() throws IOException {
        List<String> inputs = new ArrayList<>(List.of(HAND_WRITTEN));
        inputs.addAll(corpusFiles());
        Random random = new Random(SEED);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < MUTANTS; i++) {
                String original = inputs.get(random.nextInt(inputs.size()));
                String mutant = original;
                int mutations = 1 + random.nextInt(3);
                for (int m = 0; m < mutations; m++) {
                    mutant = mutate(mutant, random);
                }
                check(mutant, 1 + random.nextInt(16), "mutant " + i + " of seed " + SEED);
            }
        });
    }

    private static void check(String script, int chunk, String label) {
        Outcome whole = run(script, new SqlScanner(new StringReader(script), "f.sql"), label);
        Outcome chunked = run(script, new SqlScanner(new CorpusSplitTest.ChunkyReader(script, chunk), "f.sql"), label);
        assertThat(chunked).as("%s read in chunks of %d: %s", label, chunk, script).isEqualTo(whole);
    }

    private record Outcome(List<Statement> statements, String error) {
    }

    private static Outcome run(String script, SqlScanner scanner, String label) {
        List<Statement> statements = new ArrayList<>();
        try {
            for (Statement s = scanner.next(); s != null; s = scanner.next()) {
                assertThat(s.sql()).as(label).isNotEmpty();
                assertThat(script).as(label).contains(s.sql());
                assertThat(s.line()).as(label).isPositive().isLessThanOrEqualTo(s.endLine());
                assertThat(s.codeTokens()).as(label).isNotEmpty();
                statements.add(s);
            }
            return new Outcome(statements, null);
        } catch (SqlSyntaxException e) {
            assertThat(e.getMessage()).as(label).startsWith("f.sql:" + e.line() + ": ");
            assertThat(e.line()).as(label).isPositive();
            return new Outcome(statements, e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            fail(label + " threw " + e + " for script:\n" + script, e);
            return null;
        }
    }

    private static String mutate(String text, Random random) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
        switch (random.nextInt(5)) {
            case 0: // cut short
                return text.substring(0, at);
            case 1: // insert a troublesome fragment
                return text.substring(0, at) + FRAGMENTS[random.nextInt(FRAGMENTS.length)] + text.substring(at);
            case 2: { // delete a stretch
                int end = Math.min(text.length(), at + random.nextInt(20));
                return text.substring(0, at) + text.substring(end);
            }
            case 3: { // repeat a stretch
                int end = Math.min(text.length(), at + random.nextInt(40));
                return text.substring(0, end) + text.substring(at, end) + text.substring(end);
            }
            default: { // overwrite one character
                if (at >= text.length()) {
                    return text + (char) random.nextInt(128);
                }
                return text.substring(0, at) + FRAGMENTS[random.nextInt(FRAGMENTS.length)] + text.substring(at + 1);
            }
        }
    }

    private static List<String> corpusFiles() throws IOException {
        List<String> texts = new ArrayList<>();
        Optional<Path> corpus = SharedData.corpus();
        if (corpus.isEmpty() || !Files.isRegularFile(corpus.get().resolve("SPLITS.tsv"))) {
            return texts; // the hand-written cases still get fuzzed
        }
        for (String file : CorpusSplitTest.expectedSplits(corpus.get()).keySet()) {
            texts.add(Files.readString(corpus.get().resolve(file), StandardCharsets.UTF_8));
        }
        return texts;
    }
}
