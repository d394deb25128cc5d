package dev.schemata.cli;

import dev.schemata.json.Json;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** reset and reset --keep-data on a development database. */
@ExtendWith(PostgresExtension.class)
class ResetCommandTest {
    @TempDir
    Path project;

    private Path migrations;

    @BeforeEach
    void files() throws IOException {
        migrations = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(migrations.resolve("001_people.sql"), """
                CREATE TABLE people (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, nickname text);
                CREATE TABLE pets (id serial PRIMARY KEY, owner_id bigint NOT NULL REFERENCES people, name text);
                CREATE TABLE roles (name text PRIMARY KEY);
                INSERT INTO roles VALUES ('admin'), ('user');
                """);
    }

    private CliRunner.Result run(String... args) {
        return new CliRunner(project).run(args);
    }

    @Test
    void resetDropsEverythingAndMigratesAgain(TestDatabase db) {
        assertThat(run("migrate", "--url", db.url()).exitCode()).isZero();
        db.execute("INSERT INTO people (name) VALUES ('ann'); CREATE TABLE scratch (id int)");
        CliRunner.Result r = run("reset", "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(db.tables()).containsExactlyInAnyOrder("people", "pets", "roles", "schema_migrations");
        assertThat(db.value("SELECT count(*) FROM people")).isEqualTo(0L);
        assertThat(r.out()).contains("now at version 001");
    }

    @Test
    @SuppressWarnings("unchecked")
    void keepDataKeepsRowsThroughARebuildThatAddsAColumn(TestDatabase db) throws IOException {
        assertThat(run("migrate", "--url", db.url()).exitCode()).isZero();
        db.execute("""
                INSERT INTO people (name, nickname) VALUES ('ann', 'a'), ('bob', NULL), ('cy', 'c');
                INSERT INTO pets (owner_id, name) VALUES (1, 'rex'), (3, 'tom');
                INSERT INTO roles VALUES ('auditor');
                """);
        Files.writeString(migrations.resolve("002_email.sql"), "ALTER TABLE people ADD COLUMN email text;\n");
        CliRunner.Result r = run("reset", "--keep-data", "--json", "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(db.query("SELECT id, name, nickname, email FROM people ORDER BY id").toString())
                .isEqualTo("[{id=1, name=ann, nickname=a, email=null}, {id=2, name=bob, nickname=null, email=null},"
                        + " {id=3, name=cy, nickname=c, email=null}]");
        assertThat(db.value("SELECT string_agg(name, ',' ORDER BY name) FROM roles")).isEqualTo("admin,auditor,user");
        assertThat(db.value("SELECT count(*) FROM pets")).isEqualTo(2L);
        assertThat(db.value("SELECT max(version) FROM schema_migrations")).isEqualTo("002");
        // Identity and serial sequences continue after the loaded rows.
        db.execute("INSERT INTO people (name) VALUES ('dee'); INSERT INTO pets (owner_id, name) VALUES (4, 'kit')");
        assertThat(db.value("SELECT max(id) FROM people")).isEqualTo(4L);
        Map<String, Object> json = (Map<String, Object>) Json.parse(r.out());
        assertThat((List<Map<String, Object>>) json.get("tables")).allMatch(t -> t.get("problem") == null);
        assertThat(json.get("exportKept")).isNull();
        assertThat(project.resolve(".schemata/reset")).isEmptyDirectory();
    }

    @Test
    void keepDataReportsPerTableWhatCouldNotBeLoaded(TestDatabase db) throws IOException {
        assertThat(run("migrate", "--url", db.url()).exitCode()).isZero();
        db.execute("INSERT INTO people (name, nickname) VALUES ('ann', 'a'); INSERT INTO pets (owner_id, name) VALUES (1, 'rex')");
        // The rebuilt schema drops a column and adds a NOT NULL column without a default.
        Files.writeString(migrations.resolve("002_change.sql"), """
                ALTER TABLE people DROP COLUMN nickname;
                ALTER TABLE pets ADD COLUMN species text NOT NULL;
                """);
        CliRunner.Result r = run("reset", "--keep-data", "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("public.people: column nickname no longer exists: its values were not loaded (1 of 1 rows loaded)")
                .contains("public.pets: new NOT NULL column species without a default: the 1 rows could not be loaded (0 of 1 rows loaded)");
        assertThat(db.value("SELECT name FROM people")).isEqualTo("ann");
        assertThat(db.value("SELECT count(*) FROM pets")).isEqualTo(0L);
        assertThat(r.err()).contains("the exported data is kept in " + project.resolve(".schemata/reset"));
    }

    @Test
    void aBrokenMigrationIsFoundBeforeAnythingIsDropped(TestDatabase db) throws IOException {
        assertThat(run("migrate", "--url", db.url()).exitCode()).isZero();
        db.execute("INSERT INTO people (name) VALUES ('ann')");
        Files.writeString(migrations.resolve("2_bad-name.sql"), "SELECT 1;\n");
        Files.writeString(migrations.resolve("5-foo.sql"), "SELECT 1;\n");
        CliRunner.Result r = run("reset", "--url", db.url());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(db.value("SELECT count(*) FROM people")).isEqualTo(1L);
    }

    @Test
    void fromSchemaFileBuildsFromInitSql(TestDatabase db) throws IOException {
        Files.writeString(project.resolve("init.sql"), "CREATE TABLE from_init (id int);\nCREATE INDEX CONCURRENTLY i ON from_init (id);\n");
        db.execute("CREATE TABLE old (id int)");
        CliRunner.Result r = run("reset", "--from-schema-file", "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(db.tables()).containsExactly("from_init");
    }
}
