package dev.schemata.example;

import dev.schemata.junit.MigratedDatabase;
import dev.schemata.junit.MigratedDatabases;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as its own tests would start it: on a copy of a template database that schemata-junit
 * migrated once for the whole test run, so each context starts in milliseconds whatever the number of
 * migrations. The start-up migration then finds the copy up to date and accepts its history.
 */
@SpringBootTest
class BookshelfApplicationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        MigratedDatabase db = MigratedDatabases.fresh();
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
    }

    @Autowired
    BookRepository books;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theRepositoryWorksOnTheMigratedSchema() {
        assertThat(books.findByAuthor("Dimitri Fontaine")).extracting(Book::getTitle).containsExactly("The Art of PostgreSQL");
        books.save(new Book("PostgreSQL 16 Administration Cookbook", "Gianni Ciolli"));
        assertThat(books.count()).isEqualTo(2);
    }

    @Test
    void theStartUpMigrationFoundTheCopyUpToDate() {
        assertThat(jdbc.queryForList("SELECT filename FROM schema_migrations WHERE success ORDER BY id", String.class))
                .containsExactly("V1__books.sql", "V2__book_author.sql");
    }
}
