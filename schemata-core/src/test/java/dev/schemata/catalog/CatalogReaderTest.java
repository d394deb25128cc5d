package dev.schemata.catalog;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static dev.schemata.catalog.Catalogs.pub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the reader treats the connection it is given. */
@ExtendWith(PostgresExtension.class)
class CatalogReaderTest {

    @Test
    void autoCommitConnectionIsLeftAsFound(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE t (id integer)");
        try (Connection connection = db.connect()) {
            execute(connection, "SET search_path = public, pg_catalog");

            SchemaModel model = CatalogReader.read(connection, SchemaFilter.all());

            assertThat(model.tables()).extracting(Table::name).containsExactly(pub("t"));
            assertThat(connection.getAutoCommit()).isTrue();
            assertThat(text(connection, "SHOW search_path")).isEqualTo("public, pg_catalog");
            assertThat(text(connection, "SHOW transaction_isolation")).isEqualTo("read committed");
            assertThat(text(connection, "SELECT count(*) FROM pg_stat_activity WHERE pid = pg_backend_pid()"
                    + " AND backend_xid IS NOT NULL")).isEqualTo("0");
        }
    }

    @Test
    void insideTheCallersTransactionItSeesUncommittedChangesAndLeavesTheTransactionUsable(TestDatabase db)
            throws SQLException {
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            execute(connection, "CREATE TABLE pending (id integer)");
            execute(connection, "SET LOCAL search_path = public");

            SchemaModel model = CatalogReader.read(connection, SchemaFilter.all());

            assertThat(model.tables()).extracting(Table::name).containsExactly(pub("pending"));
            assertThat(text(connection, "SHOW search_path")).isEqualTo("public");
            execute(connection, "INSERT INTO pending VALUES (1)");
            connection.commit();
        }
        assertThat(db.value("SELECT count(*) FROM pending")).isEqualTo(1L);
    }

    @Test
    void namesArePrintedWithTheirSchemaWhateverTheCallersSearchPath(TestDatabase db) throws SQLException {
        db.execute("""
                CREATE SCHEMA app;
                CREATE TYPE app.kind AS ENUM ('a');
                CREATE TABLE app.parent (id integer PRIMARY KEY);
                CREATE TABLE app.child (k app.kind, p integer REFERENCES app.parent);
                """);
        try (Connection connection = db.connect()) {
            execute(connection, "SET search_path = app");

            SchemaModel model = CatalogReader.read(connection, SchemaFilter.all());

            Table child = model.table(QualifiedName.of("app", "child")).orElseThrow();
            assertThat(child.columns().get(0).type()).isEqualTo("app.kind");
            assertThat(model.constraintsOf(child.name()).get(0).definition())
                    .isEqualTo("FOREIGN KEY (p) REFERENCES app.parent(id)");
        }
    }

    @Test
    void aLostConnectionIsReportedAsAConnectionFailure(TestDatabase db) throws SQLException {
        Connection connection = db.connect();
        connection.close();

        assertThatThrownBy(() -> CatalogReader.read(connection, SchemaFilter.all()))
                .isInstanceOfSatisfying(SchemataException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED))
                .hasMessageStartingWith("cannot read the database catalog: ");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
