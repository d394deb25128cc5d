package dev.schemata.execute;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.declarative.DeclarativeApply;
import dev.schemata.declarative.SchemaFile;
import dev.schemata.diff.Plan;
import dev.schemata.diff.Step;
import dev.schemata.history.HistoryTable;
import dev.schemata.migrate.MigrateOptions;
import dev.schemata.migrate.MigrationFailedException;
import dev.schemata.migrate.Migrator;
import dev.schemata.migrate.Rollback;
import dev.schemata.migrate.RollbackCheck;
import dev.schemata.migrate.RollbackOptions;
import dev.schemata.migrate.RollbackVerification;
import dev.schemata.migrate.RollbackVerifier;
import dev.schemata.migrate.SchemaScript;
import dev.schemata.migrate.VerifyRollbackOptions;
import dev.schemata.migration.MigrationSet;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The five paths that run recorded SQL go through one engine, so a statement the server refuses is reported
 * the same way by each ({@code file:line: ERROR: cause} and the statement) and a transaction leaves nothing
 * behind; and a statement that waits past its lock_timeout is the lock-timeout exit code in each.
 */
@ExtendWith(PostgresExtension.class)
class FailureReportTest {
    /** Creates a table, then fails on its third line: in one transaction, nothing of it may stay. */
    private static final String BROKEN = "CREATE TABLE made (id int);\n\nINSERT INTO nope VALUES (1);\n";

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static void assertReported(String message, String file) {
        assertThat(message).startsWith(file + ":3: ERROR: relation \"nope\" does not exist")
                .contains("\n  in statement: INSERT INTO nope VALUES (1)");
    }

    private static Migrator migrator(TestDatabase db) {
        return new Migrator(ConnectionFactory.of(db.settings()), HistoryTable.DEFAULT, line -> { });
    }

    @Test
    void migrate(TestDatabase db) throws IOException {
        write("m/001_broken.sql", BROKEN);
        MigrationFailedException e = catchThrowableOfType(() -> migrator(db).migrate(MigrationSet.scan(tmp.resolve("m")),
                MigrateOptions.defaults()), MigrationFailedException.class);
        assertReported(e.getMessage(), "001_broken.sql");
        assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(db.tables()).doesNotContain("made");
    }

    @Test
    void rollback(TestDatabase db) throws IOException {
        write("m/001_a.sql", "CREATE TABLE a (id int);");
        write("m/001_a.down.sql", BROKEN);
        migrator(db).migrate(MigrationSet.scan(tmp.resolve("m")), MigrateOptions.defaults());
        SchemataException e = catchThrowableOfType(() -> new Rollback(ConnectionFactory.of(db.settings()),
                HistoryTable.DEFAULT, line -> { }).rollback(MigrationSet.scan(tmp.resolve("m")), RollbackOptions.steps(1)
                .withLockTimeout(Duration.ofSeconds(5))), SchemataException.class);
        assertReported(e.getMessage(), "001_a.down.sql");
        assertThat(db.tables()).contains("a").doesNotContain("made");
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo(1L);
    }

    @Test
    void verifyRollback(TestDatabase db) throws IOException {
        write("m/001_a.sql", "CREATE TABLE a (id int);");
        write("m/001_a.down.sql", BROKEN);
        RollbackVerification v = new RollbackVerifier(line -> { }).verify(db.settings(), MigrationSet.scan(tmp.resolve("m")),
                VerifyRollbackOptions.all());
        RollbackCheck check = v.checks().get(0);
        assertThat(check.outcome()).isEqualTo(RollbackCheck.Outcome.DOWN_FAILED);
        assertReported(check.message(), "001_a.down.sql");
    }

    @Test
    void schemaScript(TestDatabase db) throws IOException {
        Path file = write("init.sql", BROKEN);
        SchemataException e = catchThrowableOfType(() -> SchemaScript.build(ConnectionFactory.of(db.settings()), file,
                HistoryTable.DEFAULT, line -> { }), SchemataException.class);
        assertReported(e.getMessage(), "init.sql");
        assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
        assertThat(db.tables()).doesNotContain("made").doesNotContain("schema_migrations");
    }

    @Test
    void declarativeApply(TestDatabase db) {
        List<Step> steps = List.of(Step.asWritten("CREATE TABLE made (id int)", null, true, "init.sql:1"),
                Step.asWritten("INSERT INTO nope VALUES (1)", null, true, "init.sql:3"));
        SchemataException e = catchThrowableOfType(() -> DeclarativeApply.apply(ConnectionFactory.of(db.settings()),
                new Plan(steps, "checksum", List.of(), List.of(), true), HistoryTable.DEFAULT, "init.sql",
                Duration.ofSeconds(5), () -> null, line -> { }), SchemataException.class);
        assertReported(e.getMessage(), "init.sql");
        assertThat(e.getMessage()).contains("nothing was changed");
        assertThat(db.tables()).doesNotContain("made");
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo(0L);
    }

    @Test
    void aComputedPlanStepIsNamedByItsNumber(TestDatabase db) {
        db.execute("CREATE TABLE t (v text); INSERT INTO t VALUES ('toolong')");
        Plan plan = new Plan(List.of(Step.of("CREATE TABLE made (id int)"), Step.of("ALTER TABLE public.t ALTER COLUMN v TYPE varchar(4)")),
                "checksum", List.of());
        SchemataException e = catchThrowableOfType(() -> DeclarativeApply.apply(ConnectionFactory.of(db.settings()), plan, HistoryTable.DEFAULT,
                null, Duration.ofSeconds(5), () -> null, line -> { }), SchemataException.class);
        assertThat(e.getMessage()).startsWith("plan step 2 of 2: ERROR: value too long for type character varying(4)")
                .contains("\n  in statement: ALTER TABLE public.t ALTER COLUMN v TYPE varchar(4)")
                .contains("nothing was changed");
        assertThat(db.tables()).doesNotContain("made");
    }

    @Test
    void aSchemaFileOnAThrowawayDatabaseIsBadInputNamedTheSameWay(TestDatabase db) throws Exception {
        SchemaFile file = new SchemaFile(write("init.sql", BROKEN), "init.sql");
        try (Connection c = db.connect()) {
            SchemataException e = catchThrowableOfType(() -> file.applyTo(c), SchemataException.class);
            assertReported(e.getMessage(), "init.sql");
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
        }
    }

    @Test
    void aStatementPastItsLockTimeoutIsALockTimeoutInMigrateAsInApply(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE busy (id int)");
        write("m/001_lock.sql", "-- schemata:lock-timeout 200ms\nALTER TABLE busy ADD COLUMN n int;\n");
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE");
            assertThatThrownBy(() -> migrator(db).migrate(MigrationSet.scan(tmp.resolve("m")), MigrateOptions.defaults()))
                    .isInstanceOf(MigrationFailedException.class).hasMessageContaining("001_lock.sql:2: ERROR: canceling statement due to lock timeout")
                    .extracting(e -> ((SchemataException) e).code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            Plan plan = new Plan(List.of(Step.of("ALTER TABLE public.busy ADD COLUMN m int").withLockTimeout(Duration.ofMillis(200))),
                    "checksum", List.of());
            assertThatThrownBy(() -> DeclarativeApply.apply(ConnectionFactory.of(db.settings()), plan, HistoryTable.DEFAULT, null,
                    Duration.ofSeconds(5), () -> null, line -> { }))
                    .hasMessageStartingWith("plan step 1 of 1: ERROR: canceling statement due to lock timeout")
                    .extracting(e -> ((SchemataException) e).code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            holder.rollback();
        }
    }
}
