package dev.schemata.catalog;

import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.SharedData;
import dev.schemata.testing.TestCluster;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The full Vaultwarden schema, built from its real migrations. */
@ExtendWith(PostgresExtension.class)
class CatalogCorpusTest {

    @Test
    void vaultwardenSchemaHasItsTwentyEightTables(TestDatabase db) throws Exception {
        SchemaModel model = vaultwarden(db);

        assertThat(model.tables()).hasSize(28);
        assertThat(model.tables()).extracting(t -> t.name().schema()).containsOnly("public");
        assertThat(model.table(QualifiedName.of("public", "users"))).isPresent();
        assertThat(model.constraints().stream().filter(Constraint::isForeignKey)).isNotEmpty();
        assertThat(model.unsupported()).isEmpty();
    }

    @Test
    void vaultwardenBuiltTwiceGivesEqualModels(TestCluster cluster) throws Exception {
        SchemaModel first = vaultwarden(cluster.newDatabase());
        SchemaModel second = vaultwarden(cluster.newDatabase());

        assertThat(second).isEqualTo(first);
    }

    /** Applies every up.sql in folder order, each file as one simple-query string, then reads the model. */
    private static SchemaModel vaultwarden(TestDatabase db) throws IOException, SQLException {
        Path migrations = SharedData.corpus().map(c -> c.resolve("vaultwarden/migrations/postgresql"))
                .filter(Files::isDirectory).orElse(null);
        assumeTrue(migrations != null, "the shared Vaultwarden corpus is not present");
        List<Path> ups;
        try (Stream<Path> folders = Files.list(migrations)) {
            ups = folders.filter(Files::isDirectory).sorted().map(f -> f.resolve("up.sql")).filter(Files::isRegularFile)
                    .toList();
        }
        assertThat(ups).hasSize(46);
        ConnectionSettings settings = db.settings();
        Map<String, String> parameters = new HashMap<>(settings.parameters());
        parameters.put("preferQueryMode", "simple");
        ConnectionSettings simple = new ConnectionSettings(settings.hosts(), settings.database(), settings.user(),
                settings.password(), parameters, settings.source());
        try (Connection connection = Database.connect(simple)) {
            for (Path up : ups) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(Files.readString(up, StandardCharsets.UTF_8));
                }
            }
            return CatalogReader.read(connection, SchemaFilter.all());
        }
    }
}
