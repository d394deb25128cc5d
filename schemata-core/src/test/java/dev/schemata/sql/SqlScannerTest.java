package dev.schemata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.schemata.ErrorCode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Where statements start and end, and what they hold. */
class SqlScannerTest {

    static List<Statement> split(String script) {
        return SqlScanner.split(script, "001_x.sql");
    }

    static List<String> sqls(String script) {
        return split(script).stream().map(Statement::sql).collect(Collectors.toList());
    }

    static Statement only(String script) {
        List<Statement> statements = split(script);
        assertThat(statements).hasSize(1);
        return statements.get(0);
    }

    static SqlSyntaxException failure(String script) {
        try {
            split(script);
        } catch (SqlSyntaxException e) {
            return e;
        }
        throw new AssertionError("expected a SqlSyntaxException for: " + script);
    }

    @Nested
    class Semicolons {
        @Test
        void semicolonsAndDashesInsideAStringDoNotEndTheStatement() {
            assertThat(sqls("SELECT 'a;b -- c'; SELECT 2;")).containsExactly("SELECT 'a;b -- c'", "SELECT 2");
        }

        @Test
        void aSemicolonInACommentDoesNotEndTheStatement() {
            assertThat(sqls("SELECT 1 -- not here; \n + 1; SELECT /* nor ; here */ 2;"))
                    .containsExactly("SELECT 1 -- not here; \n + 1", "SELECT /* nor ; here */ 2");
        }

        @Test
        void aSemicolonInAQuotedIdentifierDoesNotEndTheStatement() {
            assertThat(sqls("SELECT 1 AS \"a;\"\"b\"; SELECT 2")).containsExactly("SELECT 1 AS \"a;\"\"b\"", "SELECT 2");
        }

        @Test
        void aSemicolonInsideParenthesesDoesNotEndTheStatementAsInPsql() {
            assertThat(sqls("SELECT (1; 2); SELECT 3;")).containsExactly("SELECT (1; 2)", "SELECT 3");
        }

        @Test
        void aStrayClosingParenthesisDoesNotHideLaterSemicolons() {
            assertThat(sqls("SELECT 1); SELECT 2;")).containsExactly("SELECT 1)", "SELECT 2");
        }

        @Test
        void emptyStatementsAreDropped() {
            assertThat(sqls(";;  ;\nSELECT 1;;\n;")).containsExactly("SELECT 1");
        }

        @Test
        void aScriptOfOnlyWhiteSpaceAndCommentsHasNoStatements() {
            assertThat(split("")).isEmpty();
            assertThat(split("  \n\t\r\n")).isEmpty();
            assertThat(split("-- nothing\n/* at /* all */ */\n  -- here")).isEmpty();
        }

        @Test
        void theLastStatementNeedsNoSemicolon() {
            List<Statement> statements = split("SELECT 1;\nSELECT 'a\nb'\n\n");
            assertThat(statements).extracting(Statement::sql, Statement::line, Statement::endLine)
                    .containsExactly(tuple("SELECT 1", 1, 1), tuple("SELECT 'a\nb'", 2, 3));
        }

        @Test
        void statementTextDropsSurroundingWhiteSpaceAndCommentLinesButKeepsInnerComments() {
            Statement statement = only("-- header\n\n  /* doc */\n  CREATE TABLE t ( -- the table\n    id int\n  )  \n;\n");
            assertThat(statement.sql()).isEqualTo("CREATE TABLE t ( -- the table\n    id int\n  )");
            assertThat(statement.line()).isEqualTo(4);
            assertThat(statement.column()).isEqualTo(3);
            assertThat(statement.endLine()).isEqualTo(7);
        }
    }

    @Nested
    class Literals {
        @Test
        void aBackslashEscapesTheQuoteOnlyInAnEscapeString() {
            assertThat(sqls("SELECT E'it\\'s; fine'; SELECT 2;")).containsExactly("SELECT E'it\\'s; fine'", "SELECT 2");
            // standard_conforming_strings: in a plain string the backslash is an ordinary character
            assertThat(sqls("SELECT 'C:\\'; SELECT 2;")).containsExactly("SELECT 'C:\\'", "SELECT 2");
        }

        @Test
        void aDoubledQuoteIsAQuote() {
            assertThat(sqls("SELECT 'it''s;'; SELECT 2")).containsExactly("SELECT 'it''s;'", "SELECT 2");
        }

        @Test
        void dollarQuotedBodiesHideSemicolonsAndOtherDollarQuotes() {
            String script = "CREATE FUNCTION f() RETURNS text AS $fn$\n  SELECT $$;$$ || $x$ $fn $x$;\n$fn$ LANGUAGE sql;\nSELECT 2;";
            List<Statement> statements = split(script);
            assertThat(statements).extracting(Statement::endLine).containsExactly(3, 4);
            assertThat(statements.get(0).tokens()).filteredOn(t -> t.type() == TokenType.DOLLAR_STRING)
                    .extracting(Token::text).containsExactly("$fn$\n  SELECT $$;$$ || $x$ $fn $x$;\n$fn$");
        }

        @Test
        void aDollarQuoteEndsAtTheFirstOccurrenceOfItsTag() {
            assertThat(sqls("SELECT $a$ x $b$a$; SELECT 2")).containsExactly("SELECT $a$ x $b$a$", "SELECT 2");
        }

        @Test
        void aDollarAfterALetterIsPartOfTheWordNotADollarQuote() {
            // PostgreSQL reads foo$$ as one identifier, so the ';' after it ends the statement
            assertThat(sqls("SELECT foo$$;SELECT 2;")).containsExactly("SELECT foo$$", "SELECT 2");
        }

        @Test
        void dollarDigitsAreAParameterNotADollarQuote() {
            Statement statement = split("PREPARE p AS SELECT $1 + $2; SELECT 2;").get(0);
            assertThat(statement.tokens()).filteredOn(t -> t.type() == TokenType.PARAM)
                    .extracting(Token::text).containsExactly("$1", "$2");
            assertThat(sqls("SELECT $1;SELECT $2$;")).containsExactly("SELECT $1", "SELECT $2$");
        }

        @Test
        void stringsSeparatedByALineBreakAreOneLiteralAsInPostgresql() {
            Statement statement = only("SELECT 'a;'\n   'b;' -- tail\n 'c';");
            assertThat(statement.codeTokens()).extracting(Token::type, Token::text)
                    .containsExactly(tuple(TokenType.WORD, "SELECT"),
                            tuple(TokenType.STRING, "'a;'\n   'b;' -- tail\n 'c'"));
            // on one line they are two literals (which the server rejects)
            assertThat(only("SELECT 'a' 'b'").codeTokens()).extracting(Token::type)
                    .containsExactly(TokenType.WORD, TokenType.STRING, TokenType.STRING);
        }

        @Test
        void unicodeBitAndNationalLiteralsAreRecognised() {
            Statement statement = only("SELECT U&'\\0041;', U&'d!0061t' UESCAPE '!', U&\"col\\0041\", B'1010', X'1F', N'n;', e'\\n'");
            assertThat(statement.codeTokens()).filteredOn(t -> t.type() != TokenType.PUNCT)
                    .extracting(Token::type, Token::text)
                    .containsExactly(tuple(TokenType.WORD, "SELECT"),
                            tuple(TokenType.UNICODE_STRING, "U&'\\0041;'"),
                            tuple(TokenType.UNICODE_STRING, "U&'d!0061t' UESCAPE '!'"),
                            tuple(TokenType.QUOTED_IDENT, "U&\"col\\0041\""),
                            tuple(TokenType.BIT_STRING, "B'1010'"),
                            tuple(TokenType.BIT_STRING, "X'1F'"),
                            tuple(TokenType.STRING, "N'n;'"),
                            tuple(TokenType.ESCAPE_STRING, "e'\\n'"));
        }

        @Test
        void lettersBeforeAQuoteInsideAWordAreNotAPrefix() {
            assertThat(only("SELECT type'x'").codeTokens()).extracting(Token::type, Token::text)
                    .containsExactly(tuple(TokenType.WORD, "SELECT"), tuple(TokenType.WORD, "type"),
                            tuple(TokenType.STRING, "'x'"));
        }
    }

    @Nested
    class Comments {
        @Test
        void blockCommentsNestAsInPostgresql() {
            assertThat(sqls("/* outer /* inner; */ still comment; */ SELECT 1; SELECT 2;"))
                    .containsExactly("SELECT 1", "SELECT 2");
            assertThat(sqls("/* a /* b */ SELECT 1; */ SELECT 2;")).containsExactly("SELECT 2");
        }

        @Test
        void dashesAndSlashStarStartACommentEvenInsideAnOperator() {
            Statement statement = only("SELECT 1 +-- c;\n 2 */*x;*/ 3");
            assertThat(statement.tokens()).extracting(Token::type, Token::text).containsExactly(
                    tuple(TokenType.WORD, "SELECT"), tuple(TokenType.NUMBER, "1"),
                    tuple(TokenType.OPERATOR, "+"), tuple(TokenType.LINE_COMMENT, "-- c;"),
                    tuple(TokenType.NUMBER, "2"), tuple(TokenType.OPERATOR, "*"),
                    tuple(TokenType.BLOCK_COMMENT, "/*x;*/"), tuple(TokenType.NUMBER, "3"));
        }

        @Test
        void aHintOnTheLineAboveBelongsToTheStatement() {
            List<Statement> statements = split("SELECT 1;\n-- schemata:lint-ignore rule-a\n/* and */ CREATE INDEX i ON t (a);\n");
            assertThat(statements.get(1).comments()).extracting(Token::text)
                    .containsExactly("-- schemata:lint-ignore rule-a", "/* and */");
            assertThat(statements.get(1).sql()).isEqualTo("CREATE INDEX i ON t (a)");
            assertThat(statements.get(1).line()).isEqualTo(3);
            assertThat(statements.get(0).comments()).isEmpty();
        }

        @Test
        void aCommentSeparatedByABlankLineBelongsToNoStatement() {
            List<Statement> statements = split("-- file header\n\nCREATE TABLE t (a int);\n-- lonely\n\nSELECT 1;");
            assertThat(statements).allSatisfy(statement -> assertThat(statement.comments()).isEmpty());
        }

        @Test
        void aCommentAfterTheSemicolonOnTheSameLineBelongsToThatStatement() {
            List<Statement> statements = split("ALTER TABLE t ADD c int; -- schemata:lint-ignore x\nSELECT 2;");
            assertThat(statements.get(0).comments()).extracting(Token::text).containsExactly("-- schemata:lint-ignore x");
            assertThat(statements.get(0).endLine()).isEqualTo(1);
            assertThat(statements.get(1).comments()).isEmpty();
        }

        @Test
        void commentsBeforeAnEmptyStatementAreDropped() {
            assertThat(split("-- about nothing\n;\nSELECT 1;").get(0).comments()).isEmpty();
        }
    }

    @Nested
    class FunctionBodies {
        @Test
        void semicolonsInsideBeginAtomicDoNotEndTheStatement() {
            String script = "CREATE OR REPLACE FUNCTION f(x int) RETURNS text\n"
                    + "LANGUAGE sql\n"
                    + "BEGIN ATOMIC\n"
                    + "  SELECT CASE WHEN x > 0 THEN 'pos' ELSE 'neg' END;\n"
                    + "  SELECT 'done';\n"
                    + "END;\n"
                    + "SELECT 2;\n";
            assertThat(split(script)).extracting(Statement::line, Statement::endLine)
                    .containsExactly(tuple(1, 6), tuple(7, 7));
        }

        @Test
        void proceduresAndNestedCaseAreTrackedToo() {
            String script = "create procedure p() language sql begin atomic\n"
                    + "  insert into t values (case when true then case 1 when 1 then 1 end end);\n"
                    + "  insert into t select case when 1 = 1 then 2 end;\n"
                    + "end;\n"
                    + "CALL p();";
            assertThat(split(script)).extracting(Statement::endLine).containsExactly(4, 5);
        }

        @Test
        void beginOutsideAFunctionIsATransaction() {
            assertThat(sqls("BEGIN; SELECT CASE WHEN true THEN 1 END; END;"))
                    .containsExactly("BEGIN", "SELECT CASE WHEN true THEN 1 END", "END");
        }

        @Test
        void caseInAFunctionWithoutABeginBlockDoesNotCount() {
            assertThat(sqls("CREATE FUNCTION f() RETURNS int LANGUAGE sql RETURN CASE WHEN true THEN 1 END; SELECT 2;"))
                    .hasSize(2);
        }

        @Test
        void aPlpgsqlBodyIsAStringSoItsBeginDoesNotCount() {
            String script = "CREATE FUNCTION f() RETURNS trigger AS $$\nBEGIN\n  RETURN NEW;\nEND\n$$ LANGUAGE plpgsql;\nSELECT 1;";
            assertThat(split(script)).extracting(Statement::endLine).containsExactly(5, 6);
        }

        @Test
        void beginInsideParenthesesDoesNotCount() {
            assertThat(sqls("CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql RETURN 1; SELECT 2;")).hasSize(2);
        }
    }

    @Nested
    class Copy {
        @Test
        void copyFromStdinTakesTheFollowingLinesUpToBackslashDot() {
            String script = "COPY t (a, b) FROM stdin;\n1\tit's; here\n2\t\\N\n\\.\nSELECT 1;\n";
            List<Statement> statements = split(script);
            assertThat(statements).extracting(Statement::sql, Statement::line, Statement::endLine, Statement::copyData)
                    .containsExactly(tuple("COPY t (a, b) FROM stdin", 1, 4, "1\tit's; here\n2\t\\N\n"),
                            tuple("SELECT 1", 5, 5, null));
        }

        @Test
        void copyWithOptionsAndNoRowsHasEmptyData() {
            Statement statement = only("copy public.t from STDIN with (format csv, header true); -- rows\n\\.\n");
            assertThat(statement.copyData()).isEmpty();
            assertThat(statement.endLine()).isEqualTo(2);
            assertThat(statement.comments()).extracting(Token::text).containsExactly("-- rows");
        }

        @Test
        void copyToStdoutOrFromAFileHasNoData() {
            assertThat(split("COPY t TO STDOUT;\nCOPY t FROM '/tmp/x';\nCOPY (SELECT * FROM stdin) TO STDOUT;"))
                    .extracting(Statement::copyData).containsOnlyNulls();
        }

        @Test
        void copyDataLinesLoseTheirCarriageReturns() {
            Statement statement = split("COPY t FROM STDIN;\r\na\r\nb\r\n\\.\r\nSELECT 1;").get(0);
            assertThat(statement.copyData()).isEqualTo("a\nb\n");
            assertThat(statement.endLine()).isEqualTo(4);
        }

        @Test
        void aMissingEndOfDataLineIsAnErrorNamingTheCopyLine() {
            SqlSyntaxException e = failure("SELECT 1;\n\nCOPY t FROM stdin;\n1\n2\n");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.getMessage()).startsWith("001_x.sql:3: ").contains("COPY").contains("\\.");
            assertThat(failure("SELECT 1;\nCOPY t FROM stdin").line()).isEqualTo(2);
        }

        @Test
        void textAfterCopyOnItsLineIsAnError() {
            assertThat(failure("COPY t FROM stdin; SELECT 1;\n\\.\n").getMessage())
                    .startsWith("001_x.sql:1: ").contains("next line");
        }
    }

    @Nested
    class MetaCommands {
        @Test
        void restrictAndUnrestrictWrittenByPgDumpAreSkipped() {
            String script = "\\restrict abcDEF123\n-- dump\nCREATE TABLE t (a int);\n\\unrestrict abcDEF123\n";
            assertThat(split(script)).extracting(Statement::sql, Statement::line)
                    .containsExactly(tuple("CREATE TABLE t (a int)", 3));
        }

        @Test
        void otherMetaCommandsAreErrorsNamingTheLineAndCommand() {
            SqlSyntaxException e = failure("SELECT 1;\n\\set ON_ERROR_STOP on\nSELECT 2;");
            assertThat(e.getMessage()).isEqualTo("001_x.sql:2: psql meta-command \\set is not supported in migrations");
            assertThat(e.source()).isEqualTo("001_x.sql");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
            assertThat(failure("\\i other.sql").getMessage()).contains("\\i ");
            assertThat(failure("SELECT 1 \\gset").getMessage()).contains("\\gset");
        }

        @Test
        void aBackslashInsideALiteralOrCommentIsNotAMetaCommand() {
            assertThat(sqls("SELECT '\\set', E'\\\\', $$\n\\i x\n$$; -- \\set\n/* \\c */")).hasSize(1);
        }

        @Test
        void restrictInsideAStatementIsAnError() {
            assertThat(failure("CREATE TABLE t (\n\\restrict k\n a int);").getMessage())
                    .startsWith("001_x.sql:2: ").contains("inside a statement");
        }
    }

    @Nested
    class Unterminated {
        @Test
        void eachUnterminatedConstructNamesTheLineWhereItStarts() {
            assertThat(failure("SELECT 1;\nSELECT 'abc;\n\n").getMessage())
                    .isEqualTo("001_x.sql:2: unterminated quoted string starting here");
            assertThat(failure("SELECT 1;\n\nSELECT E'ab\\';\n").line()).isEqualTo(3);
            assertThat(failure("SELECT \"col;\n").getMessage())
                    .isEqualTo("001_x.sql:1: unterminated quoted identifier starting here");
            assertThat(failure("SELECT 1;\nCREATE FUNCTION f() AS $fn$\nBEGIN; $$ $f$\n").getMessage())
                    .isEqualTo("001_x.sql:2: unterminated dollar-quoted string $fn$ starting here");
            assertThat(failure("SELECT 1;\n/* a /* b */\n*").getMessage())
                    .isEqualTo("001_x.sql:2: unterminated /* comment starting here");
            assertThat(failure("SELECT B'01").getMessage()).contains("unterminated bit string");
            assertThat(failure("SELECT U&'x").line()).isEqualTo(1);
            assertThat(failure("SELECT 'a'\n'b").line()).isEqualTo(1);
        }

        @Test
        void statementsBeforeTheErrorAreReturnedFirst() {
            SqlScanner scanner = new SqlScanner(new StringReader("SELECT 1;\nSELECT 'oops"), "x.sql");
            assertThat(scanner.next().sql()).isEqualTo("SELECT 1");
            assertThatThrownBy(scanner::next).isInstanceOf(SqlSyntaxException.class).hasMessageStartingWith("x.sql:2: ");
        }
    }

    @Nested
    class Positions {
        @Test
        void crlfLineEndingsKeepLineNumbersRight() {
            List<Statement> statements = split("-- a\r\nCREATE TABLE t (\r\n  a int\r\n);\r\n\r\n  SELECT 'x\r\ny';\r\n");
            assertThat(statements).extracting(Statement::line, Statement::endLine, Statement::column)
                    .containsExactly(tuple(2, 4, 1), tuple(6, 7, 3));
            assertThat(statements.get(0).sql()).isEqualTo("CREATE TABLE t (\r\n  a int\r\n)");
            assertThat(statements.get(0).comments()).extracting(Token::text).containsExactly("-- a");
        }

        @Test
        void aByteOrderMarkAtTheStartIsIgnored() {
            Statement statement = split("\uFEFFSELECT 1;\nSELECT 2;").get(0);
            assertThat(statement.sql()).isEqualTo("SELECT 1");
            assertThat(statement.column()).isEqualTo(1);
            assertThat(statement.tokens().get(0).text()).isEqualTo("SELECT");
        }

        @Test
        void tokensCarryTheirLineAndColumn() {
            Statement statement = only("SELECT a,\n\t  b::int");
            assertThat(statement.tokens()).extracting(Token::text, Token::line, Token::column).containsExactly(
                    tuple("SELECT", 1, 1), tuple("a", 1, 8), tuple(",", 1, 9),
                    tuple("b", 2, 4), tuple("::", 2, 5), tuple("int", 2, 7));
        }
    }

    @Nested
    class Streaming {
        @Test
        void aHugeScriptIsReadWithABoundedBuffer() {
            long size = 100L * 1024 * 1024;
            SqlScanner scanner = new SqlScanner(new InsertsReader(size), "big.sql");
            int count = 0;
            Statement last = null;
            for (Statement s = scanner.next(); s != null; s = scanner.next()) {
                count++;
                last = s;
            }
            assertThat(count).isGreaterThan(1_000_000);
            assertThat(last.sql()).startsWith("INSERT INTO t VALUES (");
            assertThat(last.line()).isEqualTo(count);
            assertThat(scanner.bufferCapacity()).isLessThanOrEqualTo(16 * 1024);
        }

        @Test
        void aReadErrorIsReportedAsASyntaxExceptionNamingTheSource() {
            Reader broken = new Reader() {
                @Override
                public int read(char[] buffer, int offset, int length) throws IOException {
                    throw new IOException("disk on fire");
                }

                @Override
                public void close() {
                }
            };
            assertThatThrownBy(() -> new SqlScanner(broken, "y.sql").next())
                    .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("y.sql:1: ")
                    .hasMessageContaining("disk on fire");
        }
    }

    /** Generates "INSERT INTO t VALUES (n, 'row n; with -- text');" lines up to a size, without storing them. */
    static final class InsertsReader extends Reader {
        private final long size;
        private long produced;
        private int row;
        private String pending = "";
        private int pendingPos;

        InsertsReader(long size) {
            this.size = size;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (pendingPos == pending.length()) {
                if (produced >= size) {
                    return -1;
                }
                row++;
                pending = "INSERT INTO t VALUES (" + row + ", 'row " + row + "; with -- text', $$x;$$);\n";
                pendingPos = 0;
            }
            int n = Math.min(length, pending.length() - pendingPos);
            pending.getChars(pendingPos, pendingPos + n, buffer, offset);
            pendingPos += n;
            produced += n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
