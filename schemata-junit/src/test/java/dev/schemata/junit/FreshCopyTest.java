package dev.schemata.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Each test gets its own copy of the template, migrated once. */
@SchemataTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreshCopyTest {
    /** What the tests saw, in order, to compare across them. */
    private static final List<String> names = new ArrayList<>();
    private static final List<String> histories = new ArrayList<>();

    @Test
    @Order(1)
    void theFirstTestWritesARow(MigratedDatabase db) throws SQLException {
        record(db);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO orders (item) VALUES ('written by the first test')");
        }
        assertThat(query(db.dataSource(), "SELECT count(*) FROM orders")).containsExactly("2");
    }

    @Test
    @Order(2)
    void theNextTestDoesNotSeeIt(DataSource dataSource, MigratedDatabase db) throws SQLException {
        record(db);
        assertThat(query(dataSource, "SELECT item FROM orders")).containsExactly("seed");
        assertThat(names.get(1)).isNotEqualTo(names.get(0));
        // Copies of one template carry the very history rows it was migrated with: migrated once, not per test.
        assertThat(histories.get(1)).isEqualTo(histories.get(0));
    }

    @Test
    @Order(3)
    void theTestsDoNotRunAsASuperuser(MigratedDatabase db) throws SQLException {
        assertThat(db.user()).isNotEqualTo("postgres");
        assertThat(query(db.dataSource(), "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).containsExactly("f");
        assertThat(query(db.dataSource(), "SELECT tableowner FROM pg_tables WHERE tablename = 'orders'")).containsExactly(db.user());
    }

    /** Set before each test, as the parameters are. */
    private MigratedDatabase field;

    @Test
    @Order(4)
    void theCopiesOfEndedTestsAreDropped(MigratedDatabase db) throws SQLException {
        assertThat(field).isEqualTo(db);
        assertThat(query(db.dataSource(), "SELECT datname FROM pg_database WHERE datname IN ('" + names.get(0) + "', '"
                + names.get(1) + "')")).isEmpty();
    }

    private static void record(MigratedDatabase db) throws SQLException {
        names.add(db.name());
        histories.add(String.join("; ", query(db.dataSource(),
                "SELECT version || ' ' || applied_at FROM schema_migrations ORDER BY version")));
    }

    static List<String> query(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
