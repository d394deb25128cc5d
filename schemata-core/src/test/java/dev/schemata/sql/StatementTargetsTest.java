package dev.schemata.sql;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StatementTargetsTest {

    private static StatementTargets.Written written(String sql) {
        return StatementTargets.written(TransactionRulesTest.statement(sql));
    }

    @Test
    void tablesADataStatementWritesAreReadFromItsTokens() {
        assertThat(written("INSERT INTO App.Users (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET id = 2").tables())
                .containsExactly(List.of("app", "users"));
        assertThat(written("UPDATE ONLY \"Odd\"\"Name\" SET a = 1 FROM other WHERE other.id = 1").tables())
                .containsExactly(List.of("Odd\"Name"));
        assertThat(written("WITH gone AS (DELETE FROM a RETURNING *) INSERT INTO b SELECT * FROM gone FOR UPDATE").tables())
                .containsExactly(List.of("a"), List.of("b"));
        assertThat(written("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v "
                + "WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)").tables()).containsExactly(List.of("t"));
        assertThat(written("TRUNCATE TABLE ONLY a, public.b * CASCADE").tables())
                .containsExactly(List.of("a"), List.of("public", "b"));
        assertThat(written("COPY public.t (a, b) FROM stdin;\n1\t2\n\\.\n").tables()).containsExactly(List.of("public", "t"));
        assertThat(written("INSERT INTO t VALUES ('INSERT INTO other')").tables()).containsExactly(List.of("t"));
        assertThat(written("SELECT my_seed()").isEmpty()).isTrue();
    }

    @Test
    void sequencesAreReadFromSetvalAndNextval() {
        assertThat(written("SELECT setval('public.\"Odd Seq\"', 10)").sequences()).containsExactly(List.of("public", "Odd Seq"));
        assertThat(written("SELECT pg_catalog.setval('Users_ID_seq', 10, true)").sequences()).containsExactly(List.of("users_id_seq"));
        StatementTargets.Written serial = written("SELECT setval(pg_get_serial_sequence('app.users', 'id'), max(id)) FROM app.users");
        assertThat(serial.tables()).containsExactly(List.of("app", "users"));
        assertThat(serial.sequences()).isEmpty();
        assertThat(written("SELECT setval(my_function(), 1)").sequences()).containsExactly(List.of("?"));
    }

    @Test
    void triggersAndTheEventsThatFireThem() {
        Optional<StatementTargets.Trigger> trigger = StatementTargets.trigger(TransactionRulesTest.statement(
                "CREATE OR REPLACE TRIGGER audit AFTER INSERT OR UPDATE OF name ON app.users FOR EACH ROW EXECUTE FUNCTION f()"));
        assertThat(trigger).hasValueSatisfying(t -> {
            assertThat(t.name()).isEqualTo("audit");
            assertThat(t.table()).containsExactly("app", "users");
            assertThat(t.events()).containsExactlyInAnyOrder("INSERT", "UPDATE");
        });
        assertThat(StatementTargets.events(TransactionRulesTest.statement("INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING")))
                .isEqualTo(Set.of("INSERT"));
        assertThat(StatementTargets.events(TransactionRulesTest.statement("COPY t FROM stdin;\n1\n\\.\n")))
                .isEqualTo(Set.of("INSERT"));
    }

    @Test
    void settingsSayWhatTheyChangeAndHowToUndoIt() {
        assertThat(StatementTargets.searchPath(TransactionRulesTest.statement("SET search_path TO app, \"Other\", public")))
                .contains(List.of("app", "Other", "public"));
        assertThat(StatementTargets.searchPath(TransactionRulesTest.statement(
                "SELECT pg_catalog.set_config('search_path', '\"$user\", app', false)"))).contains(List.of("app"));
        assertThat(StatementTargets.searchPath(TransactionRulesTest.statement("RESET search_path")))
                .contains(StatementTargets.DEFAULT_SEARCH_PATH);
        assertThat(StatementTargets.searchPath(TransactionRulesTest.statement("SET statement_timeout = 0"))).isEmpty();
        assertThat(StatementTargets.resetName(TransactionRulesTest.statement("SET SESSION search_path = app"))).contains("search_path");
        assertThat(StatementTargets.resetName(TransactionRulesTest.statement("SET TIME ZONE 'UTC'"))).contains("TIME ZONE");
        assertThat(StatementTargets.resetName(TransactionRulesTest.statement("SET SESSION AUTHORIZATION app"))).contains("SESSION AUTHORIZATION");
        assertThat(StatementTargets.resetName(TransactionRulesTest.statement("SET LOCAL search_path = app"))).isEmpty();
        assertThat(StatementTargets.resetName(TransactionRulesTest.statement("SET CONSTRAINTS ALL DEFERRED"))).isEmpty();
        assertThat(StatementTargets.resetName(TransactionRulesTest.statement("SELECT set_config('app.mode', 'seed', false)")))
                .contains("app.mode");
        assertThat(StatementTargets.setsTransactionMode(TransactionRulesTest.statement("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"))).isTrue();
        assertThat(StatementTargets.setsTransactionMode(TransactionRulesTest.statement(
                "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE"))).isTrue();
        assertThat(StatementTargets.setsTransactionMode(TransactionRulesTest.statement("SET SESSION search_path = a"))).isFalse();
    }
}
