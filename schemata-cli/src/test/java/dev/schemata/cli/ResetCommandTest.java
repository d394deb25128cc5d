package dev.schemata.cli;

import dev.schemata.json.Json;
import dev.schemata.migration.Checksum;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** reset and reset --keep-data on a development database. */
@ExtendWith(PostgresExtension.class)
class ResetCommandTest {
    @TempDir
    Path project;

    private Path migrations;

    /** A partitioned table and an inheritance parent with a child, for the tests of data carried over. */
    static final String PARTITIONED_AND_INHERITED = """
            CREATE TABLE events (id int, at date NOT NULL) PARTITION BY RANGE (at);
            CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            CREATE TABLE items (id int, name text);
            CREATE TABLE books (isbn text) INHERITS (items);
            """;

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
        try (Stream<Path> left = Files.list(project.resolve(".schemata/reset"))) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("no export left").containsExactly(".gitignore");
        }
    }

    @Test
    void keepDataLoadsWithoutTheValuesOfADroppedColumnAndKeepsTheExport(TestDatabase db) throws IOException {
        assertThat(run("migrate", "--url", db.url()).exitCode()).isZero();
        db.execute("INSERT INTO people (name, nickname) VALUES ('ann', 'a'); INSERT INTO pets (owner_id, name) VALUES (1, 'rex')");
        Files.writeString(migrations.resolve("002_change.sql"), "ALTER TABLE people DROP COLUMN nickname;\n");
        CliRunner.Result r = run("reset", "--keep-data", "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("public.people: column nickname no longer exists: its values were not loaded (1 of 1 rows loaded)");
        assertThat(db.value("SELECT name FROM people")).isEqualTo("ann");
        assertThat(db.value("SELECT count(*) FROM pets")).isEqualTo(1L);
        assertThat(db.value("SELECT max(version) FROM schema_migrations")).isEqualTo("002");
        assertThat(r.err()).contains("the exported data is kept in " + project.resolve(".schemata/reset"));
    }

    @Test
    void keepDataKeepsPartitionedAndInheritedRowsAndRefreshesMaterializedViews(TestDatabase db) throws IOException {
        Files.writeString(migrations.resolve("002_kinds.sql"), PARTITIONED_AND_INHERITED
                + "CREATE MATERIALIZED VIEW event_count AS SELECT count(*) AS n FROM events;\n");
        assertThat(run("migrate", "--url", db.url()).exitCode()).isZero();
        db.execute("""
                INSERT INTO events VALUES (1, '2024-05-01'), (2, '2025-05-01'), (3, '2025-06-01');
                INSERT INTO items VALUES (1, 'lamp');
                INSERT INTO books VALUES (2, 'dune', '978-0441013593');
                REFRESH MATERIALIZED VIEW event_count;
                """);

        CliRunner.Result r = run("reset", "--keep-data", "--url", db.url());

        assertThat(r.exitCode()).as(r.all()).isZero();
        // Every partition's rows, each in its partition; the parent's and the child's rows each once, in their own table.
        assertThat(db.value("SELECT string_agg(tableoid::regclass || ':' || id, ',' ORDER BY id) FROM events"))
                .isEqualTo("events_2024:1,events_2025:2,events_2025:3");
        assertThat(db.value("SELECT string_agg(tableoid::regclass || ':' || name, ',' ORDER BY id) FROM items"))
                .isEqualTo("items:lamp,books:dune");
        assertThat(db.value("SELECT isbn FROM books")).isEqualTo("978-0441013593");
        // The materialized view shows the loaded rows, not the empty tables it was built from.
        assertThat(db.value("SELECT n FROM event_count")).isEqualTo(3L);
    }

    @Test
    void theKeptExportHoldingOldRowsStaysOutOfGit(TestDatabase db) throws IOException {
        // The export lies in the project and, after a lossy load, keeps the rows of a dropped column: one
        // `git add .` must not commit them, as for a backup directory.
        assertThat(run("migrate", "--url", db.url()).exitCode()).isZero();
        db.execute("INSERT INTO people (name, nickname) VALUES ('ann', 'secret-nickname')");
        Files.writeString(migrations.resolve("002_change.sql"), "ALTER TABLE people DROP COLUMN nickname;\n");
        CliRunner.Result r = run("reset", "--keep-data", "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isZero();
        Path exports = project.resolve(".schemata/reset");
        assertThat(Files.readAllLines(exports.resolve(".gitignore"))).contains("*");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(exports))).isEqualTo("rwx------");

        // An export directory made before, inside a git working tree, gets one on the next reset.
        Files.delete(exports.resolve(".gitignore"));
        Files.createDirectories(project.resolve(".git"));
        Files.writeString(migrations.resolve("003_more.sql"), "ALTER TABLE people ADD COLUMN nickname text;\n");
        db.execute("UPDATE people SET name = 'bob'");
        Files.writeString(migrations.resolve("004_drop.sql"), "ALTER TABLE people DROP COLUMN name;\n");
        r = run("reset", "--keep-data", "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(Files.readAllLines(exports.resolve(".gitignore"))).contains("*");
        assertThat(r.err()).contains("so that git ignores exported rows in " + exports);
    }

    @Test
    void keepDataNeverSwapsInRowsThatBreakTheNewSchema(TestDatabase db) throws IOException {
        assertThat(run("migrate", "--url", db.url()).exitCode()).isZero();
        db.execute("INSERT INTO people (name, nickname) VALUES ('ann', 'a'), ('bob', 'b');"
                + " INSERT INTO pets (owner_id, name) VALUES (1, 'rex'), (2, 'tom'), (2, 'kit')");
        // The parent gains a NOT NULL column without a default: none of its rows can load, so every pet
        // would point nowhere.
        Files.writeString(migrations.resolve("002_change.sql"), "ALTER TABLE people ADD COLUMN email text NOT NULL;\n");
        CliRunner.Result r = run("reset", "--keep-data", "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("public.people: new NOT NULL column email without a default: the 2 rows could not be loaded")
                .contains("public.pets: 3 rows reference rows of public.people that are not there (foreign key pets_owner_id_fkey)");
        assertThat(r.err()).contains("was left as it was").contains("The exported data is kept in " + project.resolve(".schemata/reset"));
        // The old database, schema, rows and history, is as it was.
        assertThat(db.value("SELECT count(*) FROM people")).isEqualTo(2L);
        assertThat(db.value("SELECT count(*) FROM pets")).isEqualTo(3L);
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'people' AND column_name = 'email'"))
                .isEqualTo(0L);
        assertThat(db.value("SELECT max(version) FROM schema_migrations")).isEqualTo("001");
        assertThat(db.value("SELECT count(*) FROM pg_database WHERE datname LIKE '%rebuilding%'")).isEqualTo(0L);
        try (Stream<Path> kept = Files.list(project.resolve(".schemata/reset"))) {
            assertThat(kept.filter(Files::isDirectory).toList()).singleElement().satisfies(dir -> assertThat(dir.resolve("export.json")).exists());
        }
    }

    @Test
    void keepDataChecksForeignKeysAndChecksOfTheNewSchema(TestDatabase db) throws IOException {
        Files.writeString(migrations.resolve("002_loose.sql"), "CREATE TABLE orders (id int PRIMARY KEY, person_id bigint, qty int);\n");
        assertThat(run("migrate", "--url", db.url()).exitCode()).isZero();
        db.execute("INSERT INTO people (name) VALUES ('ann'); INSERT INTO orders VALUES (1, 1, 5), (2, 99, 1), (3, NULL, 0)");
        Files.writeString(migrations.resolve("003_tight.sql"), """
                ALTER TABLE orders ADD FOREIGN KEY (person_id) REFERENCES people;
                ALTER TABLE orders ADD CONSTRAINT qty_positive CHECK (qty > 0);
                """);
        CliRunner.Result r = run("reset", "--keep-data", "--json", "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("\"reset\": false").contains("qty_positive");
        Files.writeString(migrations.resolve("003_tight.sql"), "ALTER TABLE orders ADD FOREIGN KEY (person_id) REFERENCES people;\n");
        r = run("reset", "--keep-data", "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("public.orders: 1 row references rows of public.people that are not there"
                + " (foreign key orders_person_id_fkey)");
        assertThat(db.value("SELECT max(version) FROM schema_migrations")).isEqualTo("002");
        assertThat(db.value("SELECT count(*) FROM orders")).isEqualTo(3L);
    }

    @Test
    void keepDataAsAnOrdinaryOwnerLoadsReferencedTablesFirst(TestDatabase db) throws IOException {
        // An owner that is not a superuser may not switch foreign keys off: they fire while loading, so a table
        // that sorts before the table it references must be loaded after it.
        String role = "owner_" + db.name();
        db.execute("CREATE ROLE " + role + " LOGIN CREATEDB PASSWORD '" + Reliability.PASSWORD + "'");
        db.execute("ALTER DATABASE " + db.name() + " OWNER TO " + role);
        db.execute("ALTER SCHEMA public OWNER TO " + role);
        String url = Reliability.url(db, role, Reliability.PASSWORD);
        Files.writeString(migrations.resolve("002_visits.sql"), "CREATE TABLE aa_visits (id int PRIMARY KEY, pet_id int REFERENCES pets);\n");
        assertThat(run("migrate", "--url", url).exitCode()).isZero();
        try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://" + db.settings().hosts().get(0).host() + ":"
                + db.settings().hosts().get(0).port() + "/" + db.name(), role, Reliability.PASSWORD)) {
            c.createStatement().execute("INSERT INTO people (name) VALUES ('ann'); INSERT INTO pets (owner_id, name) VALUES (1, 'rex');"
                    + " INSERT INTO aa_visits VALUES (1, 1), (2, 1)");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        CliRunner.Result r = run("reset", "--keep-data", "--url", url);
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.err()).contains("foreign keys and triggers were enforced while loading");
        assertThat(db.value("SELECT count(*) FROM aa_visits")).isEqualTo(2L);
        assertThat(db.value("SELECT count(*) FROM pets")).isEqualTo(1L);
        assertThat(db.value("SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"))
                .isEqualTo(role);
    }

    @Test
    void keepDataChecksDeferrableUniqueConstraints(TestDatabase db) throws IOException {
        assertThat(run("migrate", "--url", db.url()).exitCode()).isZero();
        db.execute("INSERT INTO people (name) VALUES ('ann'), ('ann'), ('bob')");
        Files.writeString(migrations.resolve("002_unique.sql"),
                "ALTER TABLE people ADD CONSTRAINT people_name_key UNIQUE (name) DEFERRABLE INITIALLY DEFERRED;\n");
        CliRunner.Result r = run("reset", "--keep-data", "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.out()).contains("public.people: constraint people_name_key does not hold");
        assertThat(db.value("SELECT count(*) FROM people")).isEqualTo(3L);
        assertThat(db.value("SELECT max(version) FROM schema_migrations")).isEqualTo("001");
    }

    @Test
    void aFailingRebuildLeavesTheDatabaseAsItWas(TestDatabase db) throws IOException {
        assertThat(run("migrate", "--url", db.url()).exitCode()).isZero();
        db.execute("INSERT INTO people (name) VALUES ('ann')");
        Files.writeString(migrations.resolve("002_bad.sql"), "ALTER TABLE nowhere ADD COLUMN x int;\n");
        CliRunner.Result r = run("reset", "--url", db.url());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("002_bad.sql").contains("was left as it was");
        assertThat(db.value("SELECT count(*) FROM people")).isEqualTo(1L);
        assertThat(db.value("SELECT max(version) FROM schema_migrations")).isEqualTo("001");
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
        assertThat(db.tables()).containsExactlyInAnyOrder("from_init", "schema_migrations");
        assertThat(db.query("SELECT kind, filename, checksum, success FROM schema_migrations").toString())
                .isEqualTo("[{kind=declarative, filename=init.sql, checksum=" + Checksum.of(project.resolve("init.sql"))
                        + ", success=true}]");
    }
}
