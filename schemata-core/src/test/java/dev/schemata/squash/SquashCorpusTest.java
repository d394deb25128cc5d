package dev.schemata.squash;

import dev.schemata.catalog.CatalogReader;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.SchemaFilter;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.connect.ConnectionFactory;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.devdb.ScratchServer;
import dev.schemata.diff.PlanOptions;
import dev.schemata.diff.SchemaDiff;
import dev.schemata.history.HistoryTable;
import dev.schemata.migrate.Inspector;
import dev.schemata.migrate.MigrateOptions;
import dev.schemata.migrate.MigrateResult;
import dev.schemata.migrate.MigrationState;
import dev.schemata.migrate.MigrationStatus;
import dev.schemata.migrate.Migrator;
import dev.schemata.migrate.StatusReport;
import dev.schemata.migration.MigrationFile;
import dev.schemata.migration.MigrationSet;
import dev.schemata.migration.Version;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.SharedData;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Squash on real projects' histories (Diesel layouts from the shared corpus, copied to a temporary
 * directory): the baseline builds the schema the full history builds, by the catalog comparison, and a
 * database migrated before the squash keeps working with the squashed directory.
 */
@ExtendWith(PostgresExtension.class)
class SquashCorpusTest {
    @TempDir
    Path work;

    /**
     * @param squashed how many migrations are squashed
     * @param limit    how many are copied (Lemmy's later ones need PostgreSQL 16; the test server may be older)
     */
    @ParameterizedTest(name = "{0}: squash {1} of {2}")
    @CsvSource({"vaultwarden/migrations/postgresql, 30, 46", "lemmy/migrations, 200, 247"})
    void baselineEqualsTheHistoryAndOldDatabasesKeepWorking(String project, int squashed, int limit, TestCluster cluster)
            throws IOException, SQLException {
        Path source = SharedData.corpus().map(c -> c.resolve(project)).filter(Files::isDirectory).orElse(null);
        assumeTrue(source != null, "the shared corpus (" + project + ") is not present beside the repository");
        Path dir = work.resolve("migrations");
        List<Path> folders;
        try (Stream<Path> list = Files.list(source)) {
            folders = list.filter(f -> Files.isRegularFile(f.resolve("up.sql"))).sorted().limit(limit).toList();
        }
        for (Path folder : folders) {
            Path copy = dir.resolve(folder.getFileName().toString());
            Files.createDirectories(copy);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
        }
        MigrationSet before = MigrationSet.scan(dir);
        Version target = before.versioned().get(squashed - 1).version();
        TestDatabase reference = cluster.newDatabase();
        assertThat(migrate(reference, before).applied()).hasSize(limit);
        TestDatabase old = cluster.newDatabase();
        assertThat(migrate(old, MigrationSet.scan(dir), target).applied()).hasSize(squashed);

        Squasher.Result result;
        try (SchemaLoader loader = new SchemaLoader(major -> ScratchServer.on(cluster.settings("postgres")),
                cluster.binaries().major(), SchemaFilter.all(), HistoryTable.DEFAULT, notice -> { })) {
            result = Squasher.squash(loader, dir, target, PlanOptions.defaults(), plan -> plan.requireNothingSkipped("squash"), false);
        }
        assertThat(result.replaced()).hasSize(squashed);
        MigrationSet after = MigrationSet.scan(dir);
        assertThat(after.versioned()).hasSize(limit - squashed + 1);
        assertThat(after.versioned().get(0).file()).isEqualTo(MigrationFile.of(result.baseline()));

        // A new database: the baseline and the later migrations build what the whole history builds.
        TestDatabase fresh = cluster.newDatabase();
        assertThat(migrate(fresh, after).applied()).hasSize(limit - squashed + 1);
        assertEqualSchemas(fresh, reference);

        // Migrated before the squash: status and validate are clean, the later migrations apply.
        Inspector inspector = new Inspector(ConnectionFactory.of(old.settings()), HistoryTable.DEFAULT);
        StatusReport status = inspector.status(after);
        assertThat(status.inState(MigrationState.APPLIED)).extracting(MigrationStatus::file)
                .containsExactly(after.versioned().get(0).relativePath());
        assertThat(status.inState(MigrationState.SQUASHED)).hasSize(squashed - 1);
        assertThat(status.inState(MigrationState.PENDING)).hasSize(limit - squashed);
        assertThat(inspector.validate(after, List.of(), List.of()).problems()).isEmpty();
        assertThat(migrate(old, after).applied()).hasSize(limit - squashed);
        assertThat(inspector.validate(after, List.of(), List.of()).problems()).isEmpty();
        assertEqualSchemas(old, reference);
    }

    private static MigrateResult migrate(TestDatabase db, MigrationSet set) {
        return migrate(db, set, null);
    }

    private static MigrateResult migrate(TestDatabase db, MigrationSet set, Version target) {
        return new Migrator(ConnectionFactory.of(db.settings()), HistoryTable.DEFAULT, line -> { })
                .migrate(set, new MigrateOptions(target, false, false, Duration.ofSeconds(30), Map.of()));
    }

    private static void assertEqualSchemas(TestDatabase actual, TestDatabase expected) throws SQLException {
        PlanOptions options = PlanOptions.defaults();
        for (HistoryTable own : HistoryTable.DEFAULT.ownTables()) {
            options = options.ignoring(new QualifiedName(own.schema(), own.name()));
        }
        var plan = SchemaDiff.plan(read(actual), read(expected), options);
        assertThat(plan.steps()).as(plan.script()).isEmpty();
    }

    private static SchemaModel read(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return CatalogReader.read(c, SchemaFilter.all());
        }
    }
}
