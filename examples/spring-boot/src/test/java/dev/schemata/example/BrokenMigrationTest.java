package dev.schemata.example;

import dev.schemata.junit.MigratedDatabase;
import dev.schemata.junit.MigratedDatabases;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A new migration that fails stops the application with one screen naming the file, the line and the cause. */
@ExtendWith(OutputCaptureExtension.class)
class BrokenMigrationTest {

    @Test
    void aBrokenMigrationStopsTheStartWithOneScreen(CapturedOutput output, @TempDir Path dir) throws Exception {
        MigratedDatabase db = MigratedDatabases.fresh();
        Files.writeString(dir.resolve("V3__shelf.sql"),
                "CREATE TABLE shelf (id int);\nALTER TABLE book ADD COLUMN shelf_id int REFERENCES shelves;\n");

        assertThatThrownBy(() -> new SpringApplicationBuilder(BookshelfApplication.class)
                .properties("spring.datasource.url=" + db.jdbcUrl(),
                        "spring.datasource.username=" + db.user(),
                        "spring.datasource.password=" + db.password(),
                        "spring.schemata.locations=classpath:db/migration,filesystem:" + dir)
                .run().close());

        String report = output.getAll().substring(output.getAll().indexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains("V3__shelf.sql:2", "relation \"shelves\" does not exist", "Fix the migration named above");
        assertThat(report.lines().count()).isLessThan(25);
        assertThat(output.getAll()).doesNotContain("\tat ");
        try (var c = db.connect(); var rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM pg_tables WHERE tablename = 'shelf'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the failed migration left nothing").isZero();
        }
    }
}
