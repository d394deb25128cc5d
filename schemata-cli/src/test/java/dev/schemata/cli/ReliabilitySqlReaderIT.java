package dev.schemata.cli;

import dev.schemata.sql.SqlScanner;
import dev.schemata.sql.SqlSyntaxException;
import dev.schemata.sql.Statement;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The SQL reader under fuzzing: random and mutated scripts give statements or a clear syntax error, never
 * another exception; and on valid scripts full of the tricky parts (strings, escapes, dollar quotes,
 * quoted identifiers, nested comments, CRLF) it splits exactly where psql does, checked by running each
 * script both ways and comparing what every statement returned.
 */
@ExtendWith(PostgresExtension.class)
class ReliabilitySqlReaderIT {
    /** Valid text expressions whose insides look like statement ends, comments or quotes. */
    private static final String[] EXPRESSIONS = {
        "'a;b'", "'it''s; -- not a comment'", "E'x\\';y'", "E'\\\\'", "$$ ; $$", "$t$ $$ ; ' $t$", "$a$$a$",
        "(SELECT 'v' AS \"x;\"\"y\")", "U&'d\\0061t\\+000061'", "B'101'::text", "X'1F'::text", "ARRAY[';', '/*']::text",
        "'a\\b'", "'multi\nline; string'", "'crlf\r\n;'", "1 /* ; /* nested ; */ still ; */ + 2", "(1 -- ; comment\n + 3)",
        "'/* not a comment */'", "'\"quoted;\"'", "format('%s;', 'x')", "'$$'", "'--'", "length('x;y')",
        "(SELECT string_agg(g::text, ';') FROM generate_series(1, 3) g)",
    };
    private static final String[] BETWEEN = {
        "\n", " ", "\r\n", "\n\n", " -- trailing ; comment\n", "\n/* between ; */\n", "\t", "\n-- a line; with 'quote\n",
    };
    private static final String[] FRAGMENTS = {
        "'", "\"", "$", "$$", "$a$", "\\", "\\.", "*/", "/*", "--", ";", "(", ")", "\n", "\r", "E'", "U&'", "\\i x",
        "COPY t FROM stdin;\n", "BEGIN ATOMIC", "END;", "\u0000", "\uFEFF", "\uD800",
    };

    @TempDir
    Path tmp;

    @Test
    void mutatedAndRandomScriptsGiveStatementsOrAClearError() {
        Random random = new Random(Reliability.seed("sql-reader fuzz"));
        int scripts = Reliability.trials() * 1000;
        int errors = 0;
        for (int i = 0; i < scripts; i++) {
            String script = i % 2 == 0 ? mutate(validScript(random, 6), random) : randomText(random);
            try {
                SqlScanner scanner = new SqlScanner(new StringReader(script), "fuzz.sql");
                int count = 0;
                for (Statement st; (st = scanner.next()) != null; ) {
                    assertThat(st.line()).isPositive();
                    count++;
                    assertThat(count).as("runaway statement count").isLessThan(script.length() + 2);
                }
            } catch (SqlSyntaxException e) {
                errors++;
                assertThat(e.getMessage()).startsWith("fuzz.sql:");
            } catch (RuntimeException | StackOverflowError e) {
                fail("script " + i + " crashed the reader with " + e + ":\n" + script, e);
            }
        }
        System.out.printf("[reliability] sql reader: %d fuzzed scripts, %d clear syntax errors, 0 crashes%n", scripts, errors);
    }

    @Test
    void onValidScriptsTheSplitAgreesWithPsql(TestDatabase db) throws Exception {
        Path psql = db.cluster().binaries().client("psql").orElse(Path.of("psql"));
        Random random = new Random(Reliability.seed("sql-reader vs psql"));
        int scripts = Reliability.trials() * 10;
        int statements = 0;
        for (int i = 0; i < scripts; i++) {
            String script = validScript(random, 4 + random.nextInt(8));
            Path file = tmp.resolve("script" + i + ".sql");
            Files.writeString(file, script);
            Processes.Result r = Processes.run(Processes.builder(List.of(psql.toString(), "-X", "-q", "-A", "-t", "-v",
                    "ON_ERROR_STOP=1", "-f", file.toString(), db.url()), tmp, Map.of()), 60);
            assertThat(r.exitCode()).as("psql on script %d: %s\n%s", i, r.err(), script).isZero();
            List<String> byPsql = r.out().lines().toList();
            List<String> ours = new ArrayList<>();
            try (Connection c = db.connect()) {
                for (Statement st : SqlScanner.split(script, "script.sql")) {
                    try (java.sql.Statement s = c.createStatement()) {
                        s.setEscapeProcessing(false);
                        try (ResultSet rs = s.executeQuery(st.sql())) {
                            while (rs.next()) {
                                ours.add(rs.getString(1));
                            }
                        }
                    } catch (SQLException e) {
                        fail("statement " + st.sql() + " of script " + i + " failed: " + e.getMessage() + "\n" + script);
                    }
                }
            }
            assertThat(ours).as("script %d:\n%s", i, script).isEqualTo(byPsql);
            statements += byPsql.size();
        }
        System.out.printf("[reliability] sql reader: %d valid scripts (%d statements) split as psql splits them%n", scripts, statements);
    }

    /** Statements each returning one line, {@code n:md5(expression)}, joined by tricky separators. */
    private static String validScript(Random random, int count) {
        StringBuilder sb = new StringBuilder();
        for (int n = 1; n <= count; n++) {
            String expr = EXPRESSIONS[random.nextInt(EXPRESSIONS.length)];
            sb.append("SELECT '").append(n).append(":' || md5((").append(expr).append(")::text)");
            if (random.nextInt(4) == 0) {
                sb.append(BETWEEN[random.nextInt(BETWEEN.length)]);
            }
            sb.append(';').append(BETWEEN[random.nextInt(BETWEEN.length)]);
        }
        return sb.toString();
    }

    private static String mutate(String script, Random random) {
        StringBuilder sb = new StringBuilder(script);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(3)) {
                case 0 -> sb.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + random.nextInt(6)));
                default -> sb.setLength(at);
            }
        }
        return sb.toString();
    }

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(200);
        for (int i = 0; i < length; i++) {
            sb.append(random.nextInt(3) == 0 ? FRAGMENTS[random.nextInt(FRAGMENTS.length)] : String.valueOf((char) (32 + random.nextInt(95))));
        }
        return sb.toString();
    }
}
