package dev.schemata.cli;

import dev.schemata.json.Json;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** load-data: the way back in for what reset --keep-data kept and for backup --data-only files. */
@ExtendWith(PostgresExtension.class)
class LoadDataCommandTest {
    @TempDir
    Path project;

    private Path migrations;

    @BeforeEach
    void files() throws IOException {
        migrations = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(migrations.resolve("001_people.sql"), """
                CREATE TABLE people (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
                CREATE TABLE "Pet Things" (id serial PRIMARY KEY, owner_id bigint NOT NULL REFERENCES people, "Name" text);
                CREATE TABLE roles (name text PRIMARY KEY);
                INSERT INTO roles VALUES ('admin'), ('user');
                """);
    }

    private CliRunner.Result run(String... args) {
        return new CliRunner(project).run(args);
    }

    private void fill(TestDatabase db) {
        assertThat(run("migrate", "--url", db.url()).exitCode()).isZero();
        db.execute("""
                INSERT INTO people (name) VALUES ('ann'), ('bob');
                INSERT INTO "Pet Things" (owner_id, "Name") VALUES (1, 'rex'), (2, E'tab\\there'), (2, NULL);
                INSERT INTO roles VALUES ('auditor');
                """);
    }

    /** The one export directory a failed reset --keep-data kept. */
    private Path keptExport() throws IOException {
        try (Stream<Path> dirs = Files.list(project.resolve(".schemata/reset"))) {
            return dirs.filter(Files::isDirectory).toList().stream().reduce((a, b) -> {
                throw new AssertionError("more than one export kept: " + a + ", " + b);
            }).orElseThrow();
        }
    }

    private static void assertRowsAreBack(TestDatabase db) {
        assertThat(db.query("SELECT id, name FROM people ORDER BY id").toString()).isEqualTo("[{id=1, name=ann}, {id=2, name=bob}]");
        assertThat(db.query("SELECT owner_id, \"Name\" FROM \"Pet Things\" ORDER BY id").toString())
                .isEqualTo("[{owner_id=1, Name=rex}, {owner_id=2, Name=tab\there}, {owner_id=2, Name=null}]");
        assertThat(db.value("SELECT string_agg(name, ',' ORDER BY name) FROM roles")).isEqualTo("admin,auditor,user");
        // sequences continue after the loaded rows
        db.execute("INSERT INTO people (name) VALUES ('cy')");
        assertThat(db.value("SELECT max(id) FROM people")).isEqualTo(3L);
    }

    @Test
    void loadsWhatAFailedResetKeptOnceTheSchemaIsFixed(TestDatabase db) throws IOException {
        fill(db);
        Files.writeString(migrations.resolve("002_email.sql"), "ALTER TABLE people ADD COLUMN email text NOT NULL;\n");
        CliRunner.Result failed = run("reset", "--keep-data", "--url", db.url());
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
        Path kept = keptExport();
        assertThat(failed.err()).contains("schemata load-data " + kept);

        Files.writeString(migrations.resolve("002_email.sql"), "ALTER TABLE people ADD COLUMN email text NOT NULL DEFAULT '';\n");
        assertThat(run("reset", "--url", db.url()).exitCode()).isZero();
        // The rebuild seeded roles: without --replace nothing is loaded, and the report says why.
        CliRunner.Result refused = run("load-data", kept.toString(), "--url", db.url());
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        assertThat(refused.out()).contains("public.roles: already holds 2 rows");
        assertThat(refused.err()).contains("nothing was loaded");
        assertThat(db.value("SELECT count(*) FROM people")).isEqualTo(0L);

        CliRunner.Result loaded = run("load-data", kept.resolve("export.json").toString(), "--replace", "--url", db.url());
        assertThat(loaded.exitCode()).as(loaded.all()).isZero();
        assertThat(loaded.out()).contains("loaded 8 rows into 3 tables");
        assertRowsAreBack(db);
        assertThat(db.value("SELECT max(version) FROM schema_migrations")).isEqualTo("002");
    }

    @Test
    void aDamagedExportIsRefusedBeforeAnythingIsLoaded(TestDatabase db) throws IOException {
        fill(db);
        Files.writeString(migrations.resolve("002_email.sql"), "ALTER TABLE people ADD COLUMN email text NOT NULL;\n");
        assertThat(run("reset", "--keep-data", "--url", db.url()).exitCode()).isEqualTo(1);
        Path kept = keptExport();
        Files.writeString(kept.resolve("0001.copy"), "");
        CliRunner.Result r = run("load-data", kept.toString(), "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("0001.copy holds 0 rows").contains("nothing was loaded");
        assertThat(run("load-data", project.resolve("nowhere").toString(), "--url", db.url()).exitCode()).isEqualTo(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void loadsDataOnlyBackupsInBothFormats(TestDatabase db, TestCluster cluster) throws IOException {
        BackupCommandsTest.assumePgDump(cluster);
        fill(db);
        for (String format : new String[]{"custom", "plain"}) {
            CliRunner.Result backup = run("backup", "--data-only", "--format", format, "--json", "--dir", "bk-" + format,
                    "--url", db.url());
            assertThat(backup.exitCode()).as(backup.all()).isZero();
            Path file = Path.of((String) ((Map<String, Object>) Json.parse(backup.out())).get("path"));

            TestDatabase fresh = cluster.newDatabase();
            assertThat(run("migrate", "--url", fresh.url()).exitCode()).isZero();
            CliRunner.Result r = run("load-data", file.toString(), "--replace", "--json", "--url", fresh.url());
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(((Map<String, Object>) Json.parse(r.out())).get("loaded")).isEqualTo(true);
            assertThat(r.err()).contains("not loaded: public.schema_migrations");
            assertRowsAreBack(fresh);
            assertThat(fresh.value("SELECT count(*) FROM schema_migrations")).isEqualTo(1L);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void loadsPartitionedAndInheritedRowsOfADataOnlyBackupEachIntoItsOwnTable(TestDatabase db, TestCluster cluster)
            throws IOException {
        BackupCommandsTest.assumePgDump(cluster);
        Files.writeString(migrations.resolve("002_kinds.sql"), ResetCommandTest.PARTITIONED_AND_INHERITED);
        fill(db);
        db.execute("INSERT INTO events VALUES (1, '2024-05-01'), (2, '2025-05-01');"
                + " INSERT INTO items VALUES (1, 'lamp'); INSERT INTO books VALUES (2, 'dune', '978-0441013593')");
        CliRunner.Result backup = run("backup", "--data-only", "--json", "--dir", "bk", "--url", db.url());
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        Path file = Path.of((String) ((Map<String, Object>) Json.parse(backup.out())).get("path"));

        TestDatabase fresh = cluster.newDatabase();
        assertThat(run("migrate", "--url", fresh.url()).exitCode()).isZero();
        CliRunner.Result r = run("load-data", file.toString(), "--replace", "--url", fresh.url());

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(fresh.value("SELECT string_agg(tableoid::regclass || ':' || id, ',' ORDER BY id) FROM events"))
                .isEqualTo("events_2024:1,events_2025:2");
        assertThat(fresh.value("SELECT string_agg(tableoid::regclass || ':' || name, ',' ORDER BY id) FROM items"))
                .isEqualTo("items:lamp,books:dune");
    }

    @Test
    void rowsThatBreakTheSchemaLeaveTheDatabaseAsItWas(TestDatabase db, TestCluster cluster) throws IOException {
        fill(db);
        assertThat(run("reset", "--keep-data", "--url", db.url()).exitCode()).isZero();
        Files.writeString(migrations.resolve("002_email.sql"), "ALTER TABLE people ADD COLUMN email text NOT NULL;\n");
        assertThat(run("reset", "--keep-data", "--url", db.url()).exitCode()).isEqualTo(1);
        Path kept = keptExport();
        TestDatabase fresh = cluster.newDatabase();
        assertThat(run("migrate", "--url", fresh.url()).exitCode()).isZero();
        CliRunner.Result r = run("load-data", kept.toString(), "--replace", "--url", fresh.url());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("public.people: new NOT NULL column email without a default")
                .contains("public.Pet Things: 3 rows reference rows of public.people that are not there");
        assertThat(fresh.value("SELECT string_agg(name, ',' ORDER BY name) FROM roles")).isEqualTo("admin,user");
        assertThat(fresh.value("SELECT count(*) FROM \"Pet Things\"")).isEqualTo(0L);
    }
}
