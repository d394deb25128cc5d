package dev.schemata.api;

import dev.schemata.ApplyResult;
import dev.schemata.DumpResult;
import dev.schemata.ErrorCode;
import dev.schemata.PlanResult;
import dev.schemata.Schemata;
import dev.schemata.SchemataException;
import dev.schemata.declarative.Drift;
import dev.schemata.declarative.MigrationGenerator;
import dev.schemata.diff.HazardKind;
import dev.schemata.migrate.RollbackCheck;
import dev.schemata.migrate.RollbackVerification;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.schemata.api.SchemataApiTest.dataSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The declarative workflow and verify-rollback through the library: schemas are built on throwaway databases of
 * the server named by {@code scratchUrl} (the test server's superuser), the target is a DataSource.
 */
@ExtendWith(PostgresExtension.class)
class SchemataDeclarativeApiTest {
    private static String scratchUrl(TestDatabase db) {
        return db.cluster().settings("postgres").urlWithPassword();
    }

    @Test
    void plansAppliesDumpsAndChecksDriftOfADataSource(TestDatabase db, @TempDir Path dir) throws Exception {
        Path schema = dir.resolve("init.sql");
        Files.writeString(schema, "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, nickname text);\n");
        Schemata schemata = Schemata.configure().dataSource(dataSource(db)).schemaFile(schema)
                .scratchUrl(scratchUrl(db)).locations(dir.resolve("none")).load();

        PlanResult plan = schemata.plan();
        assertThat(plan.inSync()).isFalse();
        // An empty database gets the schema file as written.
        assertThat(plan.plan().asWritten()).isTrue();
        assertThat(plan.plan().script()).contains("CREATE TABLE users");
        assertThat(db.tables()).doesNotContain("users");

        ApplyResult applied = schemata.apply();
        assertThat(applied.applied()).isTrue();
        assertThat(db.tables()).contains("users");
        assertThat(schemata.plan().inSync()).isTrue();
        assertThat(schemata.apply().applied()).isFalse();
        Drift.Report drift = schemata.drift();
        assertThat(drift.clean()).as(drift.toString()).isTrue();
        DumpResult dump = schemata.dump();
        assertThat(dump.sql()).contains("CREATE TABLE public.users").contains("nickname").doesNotContain("schema_migrations");
        assertThat(dump.notDumped()).isEmpty();

        // Dropping a column deletes data: refused unless allowed, with nothing changed.
        Files.writeString(schema, "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n");
        db.execute("INSERT INTO users VALUES (1, 'a@example.com', 'a')");
        assertThat(schemata.drift().clean()).isFalse();
        assertThatThrownBy(schemata::apply)
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessageContaining("DELETES_DATA").hasMessageContaining("Nothing was applied");
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE column_name = 'nickname'")).isEqualTo(1L);
        assertThat(schemata.apply(HazardKind.DELETES_DATA).steps()).isEqualTo(1);
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE column_name = 'nickname'")).isEqualTo(0L);
        assertThat(db.value("SELECT email FROM users")).isEqualTo("a@example.com");
    }

    @Test
    void generatesTheMigrationThatTakesTheDirectoryToTheSchemaFile(TestDatabase db, @TempDir Path dir) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("001_users.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        Path schema = dir.resolve("init.sql");
        Files.writeString(schema, "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
        // No target database: the scratch server says which PostgreSQL version to build on.
        Schemata schemata = Schemata.configure().locations(migrations).schemaFile(schema).scratchUrl(scratchUrl(db)).load();

        assertThat(schemata.drift().clean()).isFalse();
        MigrationGenerator.Result generated = schemata.generate("add email");

        assertThat(generated.written()).hasValueSatisfying(m -> assertThat(m.version().text()).isEqualTo("002"));
        assertThat(Files.readString(migrations.resolve("002_add_email.sql"))).contains("ADD COLUMN email text");
        assertThat(schemata.drift().clean()).isTrue();
        assertThat(schemata.generate("again").written()).isEmpty();
    }

    @Test
    void verifiesThatEachDownUndoesItsUp(TestDatabase db, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("001_a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(dir.resolve("001_a.down.sql"), "DROP TABLE a;");
        Files.writeString(dir.resolve("002_b.sql"), "CREATE TABLE b (id int); CREATE INDEX b_id ON b (id);");
        Files.writeString(dir.resolve("002_b.down.sql"), "DROP INDEX b_id;");
        Schemata schemata = Schemata.configure().dataSource(dataSource(db)).locations(dir).scratchUrl(scratchUrl(db)).load();

        RollbackVerification verification = schemata.verifyRollback();

        assertThat(verification.passed()).isFalse();
        assertThat(verification.problems()).extracting(RollbackCheck::version).containsExactly("002");
        assertThat(verification.checks()).extracting(RollbackCheck::version).containsExactly("001", "002");
        assertThat(db.tables()).as("the target is not touched").isEmpty();

        Files.writeString(dir.resolve("002_b.down.sql"), "DROP TABLE b;");
        assertThat(schemata.verifyRollback().passed()).isTrue();
    }
}
