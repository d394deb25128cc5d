package dev.schemata.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TransactionRulesTest {

    static Statement statement(String sql) {
        List<Statement> statements = SqlScanner.split(sql, "t.sql");
        assertThat(statements).hasSize(1);
        return statements.get(0);
    }

    static TxMode mode(String sql) {
        return TransactionRules.txMode(statement(sql), 17);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "CREATE INDEX CONCURRENTLY i ON t (a)                        | CREATE INDEX CONCURRENTLY",
        "create unique index concurrently if not exists i on t (a)   | CREATE INDEX CONCURRENTLY",
        "CREATE INDEX CONCURRENTLY ON t (a)                          | CREATE INDEX CONCURRENTLY",
        "DROP INDEX CONCURRENTLY IF EXISTS i                         | DROP INDEX CONCURRENTLY",
        "REINDEX INDEX CONCURRENTLY i                                | REINDEX CONCURRENTLY",
        "REINDEX (VERBOSE, CONCURRENTLY) TABLE t                     | REINDEX CONCURRENTLY",
        "REINDEX SCHEMA public                                       | REINDEX SCHEMA",
        "REINDEX DATABASE app                                        | REINDEX DATABASE",
        "REINDEX SYSTEM                                              | REINDEX SYSTEM",
        "VACUUM                                                      | VACUUM",
        "VACUUM (ANALYZE, VERBOSE) t                                 | VACUUM",
        "vacuum full t                                               | VACUUM",
        "CLUSTER                                                     | CLUSTER",
        "CLUSTER VERBOSE                                             | CLUSTER",
        "ALTER SYSTEM SET work_mem = '64MB'                          | ALTER SYSTEM",
        "CREATE DATABASE app                                         | CREATE DATABASE",
        "DROP DATABASE IF EXISTS app                                 | DROP DATABASE",
        "ALTER DATABASE app SET TABLESPACE fast                      | ALTER DATABASE ... SET TABLESPACE",
        "CREATE TABLESPACE fast LOCATION '/ssd'                      | CREATE TABLESPACE",
        "DROP TABLESPACE fast                                        | DROP TABLESPACE",
        "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p     | CREATE SUBSCRIPTION ... WITH (create_slot = true)",
        "DROP SUBSCRIPTION s                                         | DROP SUBSCRIPTION",
        "ALTER SUBSCRIPTION s REFRESH PUBLICATION                    | ALTER SUBSCRIPTION ... REFRESH PUBLICATION",
        "ALTER SUBSCRIPTION s SET PUBLICATION p                      | ALTER SUBSCRIPTION ... SET PUBLICATION",
        "ALTER SUBSCRIPTION s SET (failover = true)                  | ALTER SUBSCRIPTION ... SET (failover)",
        "ALTER TABLE m DETACH PARTITION m_2020 CONCURRENTLY          | ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY",
        "DISCARD ALL                                                 | DISCARD ALL",
        "COMMIT PREPARED 'tx1'                                       | COMMIT PREPARED",
        "ROLLBACK PREPARED 'tx1'                                     | ROLLBACK PREPARED",
    })
    void commandsThatCannotRunInATransactionBlock(String sql, String command) {
        Statement statement = statement(sql);
        assertThat(TransactionRules.txMode(statement, 17)).isEqualTo(TxMode.OUTSIDE_TRANSACTION);
        assertThat(TransactionRules.outsideTransactionCommand(statement, 17)).contains(command);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE INDEX i ON t (a)",
        "CREATE UNIQUE INDEX i ON t (concurrently)",
        "CREATE INDEX i ON t (a) WHERE note = 'CONCURRENTLY'",
        "CREATE INDEX /* CONCURRENTLY */ i ON t (a)",
        "-- CREATE INDEX CONCURRENTLY i ON t (a)\nCREATE INDEX i ON t (a)",
        "CREATE INDEX \"concurrently\" ON t (a)",
        "DROP INDEX i",
        "REINDEX INDEX i",
        "REINDEX (CONCURRENTLY false) TABLE t",
        "ANALYZE t",
        "SELECT vacuum FROM maintenance",
        "UPDATE t SET vacuum = true",
        "DO $$ BEGIN VACUUM; END $$",
        "DO $$ BEGIN EXECUTE 'CREATE INDEX CONCURRENTLY i ON t (a)'; END $$",
        "CLUSTER t USING t_pkey",
        "CLUSTER VERBOSE t",
        "ALTER DATABASE app SET search_path = app",
        "ALTER TABLE t SET TABLESPACE fast",
        "ALTER TYPE mood ADD VALUE 'meh'",
        "ALTER TYPE pair ADD ATTRIBUTE c int",
        "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (create_slot = false, slot_name = NONE)",
        "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (connect = 'off')",
        "ALTER SUBSCRIPTION s SET PUBLICATION p WITH (refresh = false)",
        "ALTER SUBSCRIPTION s DISABLE",
        "ALTER TABLE m DETACH PARTITION m_2020",
        "DISCARD PLANS",
        "COMMIT",
        "REFRESH MATERIALIZED VIEW CONCURRENTLY v",
        "CREATE TABLE database (a int)",
    })
    void nearMissesMayRunInATransactionBlock(String sql) {
        assertThat(mode(sql)).isEqualTo(TxMode.ANY);
    }

    @Test
    void addingAnEnumValueNeedsToBeOutsideATransactionOnlyBeforeVersion12() {
        Statement statement = statement("ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'meh' AFTER 'ok'");
        assertThat(TransactionRules.txMode(statement, 11)).isEqualTo(TxMode.OUTSIDE_TRANSACTION);
        assertThat(TransactionRules.outsideTransactionCommand(statement, 11)).contains("ALTER TYPE ... ADD VALUE");
        assertThat(TransactionRules.txMode(statement, 12)).isEqualTo(TxMode.ANY);
        assertThat(TransactionRules.txMode(statement("ALTER TYPE pair ADD ATTRIBUTE c int"), 11)).isEqualTo(TxMode.ANY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "BEGIN                                        | BEGIN",
        "begin work                                   | BEGIN",
        "BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE | BEGIN",
        "START TRANSACTION READ ONLY                  | BEGIN",
        "COMMIT                                       | COMMIT",
        "COMMIT AND CHAIN                             | COMMIT",
        "END                                          | COMMIT",
        "end transaction                              | COMMIT",
        "ROLLBACK                                     | ROLLBACK",
        "ABORT                                        | ROLLBACK",
        "ROLLBACK WORK                                | ROLLBACK",
        "SAVEPOINT s1                                 | SAVEPOINT",
        "RELEASE SAVEPOINT s1                         | SAVEPOINT",
        "RELEASE s1                                   | SAVEPOINT",
        "ROLLBACK TO SAVEPOINT s1                     | SAVEPOINT",
        "ROLLBACK WORK TO s1                          | SAVEPOINT",
        "COMMIT PREPARED 'x'                          | OTHER",
        "ROLLBACK PREPARED 'x'                        | OTHER",
        "BEGIN ATOMIC                                 | OTHER",
        "DO $$ BEGIN PERFORM 1; END $$                | DATA",
        "SELECT 'BEGIN'                               | DATA",
        "\"begin\"                                    | OTHER",
        "START something                              | OTHER",
        "CREATE TABLE commit (a int)                  | OTHER",
    })
    void transactionControlIsRecognised(String sql, StatementKind kind) {
        assertThat(TransactionRules.kind(statement(sql))).isEqualTo(kind);
    }

    @Test
    void aFileWrittenAsBeginCommitIsRecognised() {
        List<Statement> statements = SqlScanner.split(
                "-- wraps itself\nBEGIN;\nCREATE TABLE t (a int);\nDO $$ BEGIN COMMIT; END $$;\nCOMMIT;\n", "f.sql");
        assertThat(statements).extracting(TransactionRules::kind).containsExactly(
                StatementKind.BEGIN, StatementKind.OTHER, StatementKind.DATA, StatementKind.COMMIT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "INSERT INTO t VALUES (1)                                        | DATA",
        "insert into t select * from u                                   | DATA",
        "UPDATE t SET a = 1                                              | DATA",
        "DELETE FROM t                                                   | DATA",
        "MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE    | DATA",
        "TRUNCATE t                                                      | DATA",
        "COPY t (a) FROM '/tmp/x'                                        | DATA",
        "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x              | DATA",
        "SELECT setval('t_id_seq', 10)                                   | DATA",
        "(SELECT 1)                                                      | DATA",
        "VALUES (1)                                                      | DATA",
        "CALL seed()                                                     | DATA",
        "SET search_path = app, public                                   | SETTING",
        "SET LOCAL statement_timeout = 0                                 | SETTING",
        "RESET search_path                                               | SETTING",
        "SELECT pg_catalog.set_config('search_path', '', false)          | SETTING",
        "select set_config('app.x', 'y', false)                          | SETTING",
        "SELECT set_config('app.x', 'y', false), (SELECT 1)              | DATA",
        "CREATE TABLE t AS SELECT 1                                      | DATA",
        "CREATE UNLOGGED TABLE t (a) WITH (fillfactor = 70) AS VALUES (1) | DATA",
        "CREATE TABLE t AS SELECT 1 WITH NO DATA                         | OTHER",
        "CREATE TABLE t (a int CHECK (a > 0))                            | OTHER",
        "CREATE TABLE t (LIKE u) WITH (fillfactor = 70)                  | OTHER",
        "CREATE MATERIALIZED VIEW v AS SELECT 1                          | OTHER",
        "CREATE TRIGGER g AFTER INSERT ON t REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION f() | OTHER",
        "CREATE TEMP TABLE t AS SELECT 1                                 | DATA",
        "CREATE TABLE insert (a int)                                     | OTHER",
        "ALTER TABLE t ADD COLUMN a int                                  | OTHER",
        "COMMENT ON TABLE t IS 'INSERT INTO'                             | OTHER",
    })
    void dataAndSettingsAreToldFromSchemaStatements(String sql, StatementKind kind) {
        assertThat(TransactionRules.kind(statement(sql))).isEqualTo(kind);
    }

    @Test
    void addingAnEnumLabelIsRecognised() {
        assertThat(TransactionRules.addsEnumValue(statement("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ok' AFTER 'sad'"))).isTrue();
        assertThat(TransactionRules.addsEnumValue(statement("alter type public.mood add value 'x'"))).isTrue();
        assertThat(TransactionRules.addsEnumValue(statement("ALTER TYPE mood RENAME VALUE 'a' TO 'b'"))).isFalse();
        assertThat(TransactionRules.addsEnumValue(statement("ALTER TABLE t ADD COLUMN value int"))).isFalse();
    }

    @Test
    void copyFromStdinIsData() {
        List<Statement> statements = SqlScanner.split("COPY t (a) FROM stdin;\n1\n\\.\n", "f.sql");
        assertThat(statements).extracting(TransactionRules::kind).containsExactly(StatementKind.DATA);
    }
}
