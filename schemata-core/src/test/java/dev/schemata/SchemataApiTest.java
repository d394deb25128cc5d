package dev.schemata;

import dev.schemata.migrate.MigrateResult;
import dev.schemata.migrate.MigrationState;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The library used the way an application would at start-up, through a DataSource. */
@ExtendWith(PostgresExtension.class)
class SchemataApiTest {
    @Test
    void migratesThroughADataSourceAndReportsWhatItDid(TestDatabase db, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY);");
        Files.writeString(dir.resolve("V2__seed.sql"), "INSERT INTO accounts VALUES (1), (2);");
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.settings().jdbcUrl());
        ds.setUser(db.settings().user());
        ds.setPassword(db.settings().password());
        List<String> progress = new ArrayList<>();

        Schemata schemata = Schemata.configure().dataSource(ds).locations(dir).listener(progress::add).load();
        MigrateResult result = schemata.migrate();

        assertThat(result.initialVersion()).isNull();
        assertThat(result.currentVersion()).isEqualTo("2");
        assertThat(result.applied()).hasSize(2).allSatisfy(a -> assertThat(a.executionMs()).isNotNegative());
        assertThat(db.value("SELECT count(*) FROM accounts")).isEqualTo(2L);
        assertThat(progress).contains("applied 1 accounts (" + result.applied().get(0).executionMs() + " ms)");
        assertThat(schemata.status().migrations()).extracting(m -> m.state()).containsOnly(MigrationState.APPLIED);
        assertThat(schemata.validate().valid()).isTrue();
        assertThat(schemata.migrate().applied()).isEmpty();
    }

    @Test
    void refusesToLoadWithoutADatabase(@TempDir Path dir) {
        assertThatThrownBy(() -> Schemata.configure().locations(dir).load())
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIG));
    }
}
