package dev.schemata.declarative;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loading a schema file: statement by statement, seed data included, errors at the file and line. */
@ExtendWith(PostgresExtension.class)
class SchemaFileTest {
    @TempDir
    Path dir;

    private SchemaFile file(String text) throws IOException {
        Path path = dir.resolve("init.sql");
        Files.writeString(path, text);
        return new SchemaFile(path, "init.sql");
    }

    @Test
    void appliesDdlSeedDataAndCopy(TestDatabase db) throws IOException, SQLException {
        SchemaFile file = file("""
                CREATE TABLE roles (id int PRIMARY KEY, name text NOT NULL);
                INSERT INTO roles VALUES (1, 'admin');
                COPY roles (id, name) FROM stdin;
                2\tanalyst
                3\tauditor
                \\.
                CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;
                """);
        try (Connection c = db.connect()) {
            file.applyTo(c);
        }
        assertThat(db.value("SELECT string_agg(name, ',' ORDER BY id) FROM roles")).isEqualTo("admin,analyst,auditor");
    }

    @Test
    void errorNamesTheLineTheServerPointsAt(TestDatabase db) throws IOException, SQLException {
        SchemaFile file = file("""
                CREATE TABLE a (id int);
                CREATE TABLE b (
                    id int,
                    name txet
                );
                """);
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> file.applyTo(c)).isInstanceOf(SchemataException.class)
                    .hasMessageStartingWith("init.sql:4: ").hasMessageContaining("type \"txet\" does not exist")
                    .extracting(e -> ((SchemataException) e).code()).isEqualTo(ErrorCode.BAD_INPUT);
        }
    }

    @Test
    void errorWithoutPositionNamesTheStatementLine(TestDatabase db) throws IOException, SQLException {
        SchemaFile file = file("SELECT 1;\n\nDROP TABLE nothing_here;\n");
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> file.applyTo(c)).hasMessageStartingWith("init.sql:3: ");
        }
    }
}
