package dev.schemata.junit;

import static dev.schemata.junit.FreshCopyTest.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With {@code scope = CLASS}, the tests of a class share one copy, which {@code @BeforeAll} can fill. */
@SchemataTest(scope = SchemataTest.Scope.CLASS)
class ClassScopeTest {
    private static String shared;

    @BeforeAll
    static void fill(MigratedDatabase db) throws SQLException {
        shared = db.name();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO orders (item) VALUES ('from @BeforeAll')");
        }
    }

    @Test
    void oneTestSeesTheRowsOfBeforeAll(MigratedDatabase db) throws SQLException {
        assertThat(db.name()).isEqualTo(shared);
        assertThat(query(db.dataSource(), "SELECT count(*) FROM orders")).containsExactly("2");
    }

    @Test
    void soDoesAnother(DataSource dataSource) throws SQLException {
        assertThat(query(dataSource, "SELECT current_database()")).containsExactly(shared);
    }
}
