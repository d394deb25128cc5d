package dev.schemata.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemata.Schemata;
import dev.schemata.models.ModelCheck;
import dev.schemata.models.ModelsSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A test that compares schemas builds its throwaway databases on the run's server, not on a cluster of its own. */
class ScratchUrlTest {

    @Test
    void schemasAreBuiltOnTheRunsServer(@TempDir Path dir) throws Exception {
        MigratedDatabase db = MigratedDatabases.fresh();
        Path models = Files.writeString(dir.resolve("models.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, item text);\n");

        ModelCheck.Report report = Schemata.configure()
                .dataSource(db.dataSource())
                .scratchUrl(MigratedDatabases.scratchUrl())
                .workDirectory(dir)
                .load()
                .checkModels(new ModelsSource.DdlFile(models, "models.sql"), null, List.of());

        // The models' DDL was loaded and compared: item is NOT NULL in the migrated database.
        assertThat(report.findings()).extracting(f -> f.subject() + " " + f.kind())
                .containsExactly("public.orders.item nullability");
        assertThat(MigratedDatabases.scratchUrl()).contains(":" + Servers.of(null).admin().hosts().get(0).port() + "/");
        // Nothing was started under the working directory.
        assertThat(dir.resolve(".schemata")).doesNotExist();
    }
}
