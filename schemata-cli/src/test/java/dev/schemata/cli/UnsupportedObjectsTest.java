package dev.schemata.cli;

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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dump-schema, generate and apply never leave out an object without a word: when the schema holds an
 * object of a kind Schemata does not represent (here a rule), they fail with exit 1 listing it and change
 * nothing; with {@code --allow-unsupported} they go on and say what is missing.
 */
@ExtendWith(PostgresExtension.class)
class UnsupportedObjectsTest {
    private static final String SCHEMA = """
            CREATE TABLE t (id integer PRIMARY KEY);
            CREATE RULE t_protect AS ON DELETE TO t DO INSTEAD NOTHING;
            """;

    @TempDir
    Path dir;

    private CliRunner cli;
    private TestDatabase db;

    @BeforeEach
    void setUp(TestCluster cluster, TestDatabase db) {
        this.db = db;
        this.cli = new CliRunner(dir).env("SCHEMATA_SCRATCH_URL", cluster.settings("postgres").urlWithPassword());
    }

    private CliRunner.Result run(String... args) {
        return cli.run(Stream.concat(Stream.of(args), Stream.of("--url", db.url())).toArray(String[]::new));
    }

    @Test
    void dumpSchemaFailsListingWhatItCannotWriteAndWritesNothing() throws IOException {
        db.execute(SCHEMA);

        CliRunner.Result refused = run("dump-schema", "-o", "dump.sql");

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        assertThat(refused.err()).contains("dump-schema cannot write 1 object(s)").contains("rule t_protect on public.t")
                .contains("--allow-unsupported").doesNotContain("Exception");
        assertThat(dir.resolve("dump.sql")).doesNotExist();
        assertThat(run("dump-schema").out()).isEmpty();

        CliRunner.Result allowed = run("dump-schema", "-o", "dump.sql", "--allow-unsupported");

        assertThat(allowed.exitCode()).as(allowed.all()).isZero();
        assertThat(allowed.err()).contains("left out").contains("rule t_protect on public.t");
        assertThat(Files.readString(dir.resolve("dump.sql")))
                .contains("-- NOT WRITTEN: 1 object(s) of a kind Schemata does not represent")
                .contains("--   rule t_protect on public.t")
                .contains("CREATE TABLE public.t");
    }

    @Test
    void generateFailsBeforeWritingAMigration() throws IOException {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/001_init.sql"), "CREATE TABLE t (id integer PRIMARY KEY);\n");
        Files.writeString(dir.resolve("init.sql"), SCHEMA);

        CliRunner.Result refused = run("generate", "protect");

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        assertThat(refused.err()).contains("generate cannot write 1 object(s)").contains("rule t_protect on public.t");
        try (Stream<Path> files = Files.list(dir.resolve("migrations"))) {
            assertThat(files).hasSize(1);
        }

        Files.writeString(dir.resolve("init.sql"), SCHEMA + "CREATE INDEX t_id ON t (id);\n");
        CliRunner.Result allowed = run("generate", "index", "--allow-unsupported");

        assertThat(allowed.exitCode()).as(allowed.all()).isZero();
        assertThat(Files.readString(dir.resolve("migrations/002_index.sql")))
                .contains("-- NOT INCLUDED: 1 object(s)").contains("--   rule t_protect on public.t")
                .contains("CREATE INDEX t_id");
    }

    @Test
    void aLargeSchemaRoundTripsThroughDumpSchemaDiffPlanAndApply(TestCluster cluster) throws IOException {
        db.execute(Files.readString(Path.of("..", "schemata-core", "src", "test", "resources", "dev", "schemata",
                "declarative", "newsroom.sql")));

        CliRunner.Result dump = run("dump-schema", "-o", "dump.sql");
        assertThat(dump.exitCode()).as(dump.all()).isZero();
        assertThat(Files.readString(dir.resolve("dump.sql"))).doesNotContain("NOT WRITTEN")
                .contains("CREATE TEXT SEARCH CONFIGURATION search.english").contains("CREATE AGGREGATE stats.total_views");

        CliRunner.Result diff = cli.run("diff", "--from", "file:dump.sql", "--to", "db:" + db.url());
        assertThat(diff.out()).as(diff.all()).contains("-- the two schemas are equal");
        CliRunner.Result plan = run("plan", "--schema-file", "dump.sql", "--json");
        assertThat(plan.out()).as(plan.all()).contains("\"inSync\": true");

        TestDatabase empty = cluster.newDatabase();
        CliRunner.Result apply = cli.run("apply", "--schema-file", "dump.sql", "--url", empty.url());
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        CliRunner.Result after = cli.run("diff", "--from", "db:" + empty.url(), "--to", "db:" + db.url());
        assertThat(after.out()).as(after.all()).contains("-- the two schemas are equal");
    }

    @Test
    void applyFailsAndLeavesTheDatabaseAsItWas() throws IOException {
        Files.writeString(dir.resolve("init.sql"), SCHEMA);

        CliRunner.Result refused = run("apply");

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
        assertThat(refused.err()).contains("apply cannot create or compare 1 object(s)").contains("rule t_protect on public.t");
        assertThat(db.tables()).doesNotContain("t");

        CliRunner.Result allowed = run("apply", "--allow-unsupported");

        assertThat(allowed.exitCode()).as(allowed.all()).isZero();
        assertThat(allowed.err()).contains("left out").contains("rule t_protect on public.t");
        assertThat(db.tables()).contains("t");
    }
}
