package dev.schemata.declarative;

import dev.schemata.SchemataException;
import dev.schemata.catalog.QualifiedName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where rename hints are read from, and where they are refused. */
class RenameHintsTest {
    @TempDir
    Path dir;

    private List<RenameHint> hints(String text) throws IOException {
        Path path = dir.resolve("init.sql");
        Files.writeString(path, text);
        return RenameHints.find(new SchemaFile(path, "init.sql"));
    }

    @Test
    void tableHintAboveTheStatement() throws IOException {
        List<RenameHint> hints = hints("""
                -- the articles
                -- schemata:renamed-from posts
                CREATE TABLE app."Articles" (id int);
                """);
        assertThat(hints).hasSize(1);
        assertThat(hints.get(0).table()).isEqualTo(QualifiedName.of("app", "Articles"));
        assertThat(hints.get(0).from()).isEqualTo(QualifiedName.of("app", "posts"));
        assertThat(hints.get(0).isColumn()).isFalse();
    }

    @Test
    void columnHintsAfterTheColumnOrItsComma() throws IOException {
        List<RenameHint> hints = hints("""
                CREATE TABLE t (
                    id int PRIMARY KEY,
                    headline text, -- schemata:renamed-from title
                    body text /* schemata:renamed-from content */,
                    "Score" int -- schemata:renamed-from "Points"
                );
                """);
        assertThat(hints).extracting(RenameHint::column, RenameHint::fromColumn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("headline", "title"),
                        org.assertj.core.groups.Tuple.tuple("body", "content"),
                        org.assertj.core.groups.Tuple.tuple("Score", "Points"));
        assertThat(hints).allSatisfy(h -> assertThat(h.table()).isEqualTo(QualifiedName.of("public", "t")));
    }

    @Test
    void ordinaryCommentsAreNotHints() throws IOException {
        assertThat(hints("""
                -- renamed from posts last year
                CREATE TABLE t (id int -- was renamed-from old_id
                );
                """)).isEmpty();
    }

    @Test
    void hintOnATableConstraintIsRefused() throws IOException {
        assertThatThrownBy(() -> hints("""
                CREATE TABLE t (
                    id int,
                    CONSTRAINT t_pk PRIMARY KEY (id) -- schemata:renamed-from old_pk
                );
                """)).isInstanceOf(SchemataException.class).hasMessageStartingWith("init.sql:3: ")
                .hasMessageContaining("not on the line of a column definition");
    }

    @Test
    void hintOutsideCreateTableIsRefused() throws IOException {
        assertThatThrownBy(() -> hints("""
                -- schemata:renamed-from old_index
                CREATE INDEX i ON t (id);
                """)).isInstanceOf(SchemataException.class).hasMessageStartingWith("init.sql:1: ")
                .hasMessageContaining("not attached to a CREATE TABLE");
    }

    @Test
    void aHintSeparatedFromItsStatementIsRefusedNotIgnored() {
        assertThatThrownBy(() -> hints("""
                -- schemata:renamed-from posts

                CREATE TABLE articles (id int);
                """)).isInstanceOf(SchemataException.class).hasMessageStartingWith("init.sql:1: the rename hint"
                + " \"schemata:renamed-from posts\" cannot be used: it belongs to no statement");
    }

    @Test
    void aMisspeltOrMisplacedDirectiveIsRefused() {
        assertThatThrownBy(() -> hints("CREATE TABLE articles (\n  title text -- schemata:renamed_from headline\n);\n"))
                .hasMessageStartingWith("init.sql:2: unknown directive schemata:renamed_from (did you mean"
                        + " schemata:renamed-from?); the directives read in the schema file (init.sql) are");
        assertThatThrownBy(() -> hints("-- schemata:lock-timeout 5s\nCREATE TABLE articles (id int);\n"))
                .hasMessageStartingWith("init.sql:1: schemata:lock-timeout does nothing in the schema file (init.sql)");
    }
}
