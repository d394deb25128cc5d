package dev.schemata.junit;

import static dev.schemata.junit.FreshCopyTest.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemata.SchemataException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a template is migrated, reused and made again, through {@link MigratedDatabases}. */
class TemplateTest {
    @TempDir
    Path dir;

    private final TemplateServer server = Servers.of(null);

    @Test
    void aTemplateIsMigratedOnceAndCopiedForEachDatabase() throws IOException, SQLException {
        Files.writeString(dir.resolve("V1__items.sql"), "CREATE TABLE items (id int PRIMARY KEY);\n");
        MigratedDatabases.Builder settings = MigratedDatabases.configure().locations("filesystem:" + dir);
        int before = server.templatesBuilt();

        MigratedDatabase first = settings.fresh();
        MigratedDatabase second = settings.fresh();

        assertThat(server.templatesBuilt() - before).isEqualTo(1);
        assertThat(second.name()).isNotEqualTo(first.name());
        assertThat(query(second.dataSource(), "SELECT version FROM schema_migrations")).containsExactly("1");
        assertThat(query(second.dataSource(), "SELECT applied_at::text FROM schema_migrations"))
                .isEqualTo(query(first.dataSource(), "SELECT applied_at::text FROM schema_migrations"));
    }

    @Test
    void aChangedMigrationMakesANewTemplateAndTheOldOneGoes() throws IOException, SQLException {
        Path migration = dir.resolve("V1__items.sql");
        Files.writeString(migration, "CREATE TABLE items (id int PRIMARY KEY);\n");
        MigratedDatabases.Builder settings = MigratedDatabases.configure().locations("filesystem:" + dir);
        String oldTemplate = server.template(settings.settings(null));
        int before = server.templatesBuilt();

        Files.writeString(migration, "CREATE TABLE items (id int PRIMARY KEY, name text);\n");
        MigratedDatabase changed = settings.fresh();

        assertThat(server.templatesBuilt() - before).isEqualTo(1);
        assertThat(query(changed.dataSource(), "SELECT column_name FROM information_schema.columns"
                + " WHERE table_name = 'items' ORDER BY ordinal_position")).containsExactly("id", "name");
        assertThat(query(changed.dataSource(), "SELECT datname FROM pg_database WHERE datname = '" + oldTemplate + "'")).isEmpty();

        // An added migration counts as a change too.
        Files.writeString(dir.resolve("V2__more.sql"), "CREATE TABLE more (id int);\n");
        assertThat(query(settings.fresh().dataSource(), "SELECT count(*) FROM schema_migrations")).containsExactly("2");
        assertThat(server.templatesBuilt() - before).isEqualTo(2);
    }

    @Test
    void otherSettingsMakeAnotherTemplate() throws IOException, SQLException {
        Files.writeString(dir.resolve("V1__items.sql"), "CREATE TABLE ${table} (id int PRIMARY KEY);\n");
        MigratedDatabase a = MigratedDatabases.configure().locations("filesystem:" + dir).placeholder("table", "a").fresh();
        MigratedDatabase b = MigratedDatabases.configure().locations("filesystem:" + dir).placeholder("table", "b")
                .historyTable("history").fresh();

        assertThat(query(a.dataSource(), "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))
                .containsExactly("a", "schema_migrations");
        assertThat(query(b.dataSource(), "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))
                .containsExactly("b", "history");
    }

    @Test
    void aBrokenMigrationFailsWithFileLineAndCauseEveryTimeWithoutMigratingAgain() throws IOException {
        Files.writeString(dir.resolve("V1__items.sql"), "CREATE TABLE items (id int PRIMARY KEY);\n");
        Files.writeString(dir.resolve("V2__typo.sql"), "ALTER TABLE items ADD name text;\nINSERT INTO items (id, nmae) VALUES (1, 'x');\n");
        MigratedDatabases.Builder settings = MigratedDatabases.configure().locations("filesystem:" + dir);
        int before = server.templatesBuilt();

        assertThatThrownBy(settings::fresh).isInstanceOf(SchemataException.class)
                .hasMessageContaining("V2__typo.sql:2").hasMessageContaining("nmae").hasMessageContaining("does not exist");
        assertThatThrownBy(settings::fresh).isInstanceOf(SchemataException.class).hasMessageContaining("V2__typo.sql:2");
        assertThat(server.templatesBuilt() - before).isZero();
    }

    @Test
    void noMigrationsAtAllIsAnError() {
        assertThatThrownBy(() -> MigratedDatabases.configure().locations("filesystem:" + dir).fresh())
                .isInstanceOf(SchemataException.class).hasMessageContaining("no migrations found");
    }
}
