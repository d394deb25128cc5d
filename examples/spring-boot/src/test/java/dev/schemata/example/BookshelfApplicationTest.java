package dev.schemata.example;

import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The application started in this JVM against a fresh database of the test run's PostgreSQL. */
@ExtendWith({PostgresExtension.class, OutputCaptureExtension.class})
class BookshelfApplicationTest {

    private static ConfigurableApplicationContext start(TestDatabase db, String... more) {
        return new SpringApplicationBuilder(BookshelfApplication.class)
                .properties("spring.datasource.url=" + db.settings().jdbcUrl(),
                        "spring.datasource.username=" + db.settings().user(),
                        "spring.datasource.password=" + db.settings().password())
                .properties(more)
                .run();
    }

    @Test
    void migratesAtStartUpAndTheRepositoryWorks(TestDatabase db, CapturedOutput output) {
        try (ConfigurableApplicationContext context = start(db)) {
            BookRepository books = context.getBean(BookRepository.class);
            assertThat(books.findByAuthor("Dimitri Fontaine")).extracting(Book::getTitle)
                    .containsExactly("The Art of PostgreSQL");
            books.save(new Book("PostgreSQL 16 Administration Cookbook", "Gianni Ciolli"));
            assertThat(books.count()).isEqualTo(2);
        }
        assertThat(output).contains("book: The Art of PostgreSQL by Dimitri Fontaine");
        assertThat(db.query("SELECT version, filename FROM schema_migrations ORDER BY id")).extracting(r -> r.get("filename"))
                .containsExactly("V1__books.sql", "V2__book_author.sql");

        // A second start finds nothing to do.
        start(db).close();
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo(2L);
    }

    @Test
    void aBrokenMigrationStopsTheStartWithOneScreen(TestDatabase db, CapturedOutput output, @TempDir Path dir)
            throws IOException {
        Files.writeString(dir.resolve("V3__shelf.sql"), "CREATE TABLE shelf (id int);\nALTER TABLE book ADD COLUMN shelf_id int REFERENCES shelves;\n");
        assertThatThrownBy(() -> start(db, "spring.schemata.locations=classpath:db/migration,filesystem:" + dir).close());
        String report = output.getAll().substring(output.getAll().indexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains("V3__shelf.sql:2", "relation \"shelves\" does not exist", "Fix the migration named above");
        assertThat(report.lines().count()).isLessThan(25);
        assertThat(output.getAll()).doesNotContain("\tat ");
        assertThat(db.tables()).containsExactlyInAnyOrder("book", "schema_migrations");
    }
}
