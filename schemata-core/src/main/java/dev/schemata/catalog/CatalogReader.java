package dev.schemata.catalog;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.connect.Database;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.schemata.catalog.CatalogQuery.*;

/**
 * Reads the catalog of a live database into a {@link SchemaModel} with the fixed set of queries in
 * {@link CatalogQuery}, whatever the number of objects, and maps their rows to records; the queries do
 * all the selecting.
 *
 * <p>All queries run in one snapshot with an empty {@code search_path}, so that every name PostgreSQL
 * prints outside {@code pg_catalog} is schema-qualified whatever the caller's settings. On a connection in
 * auto-commit mode the reader opens its own read-only {@code REPEATABLE READ} transaction; inside the
 * caller's transaction it works in a savepoint (and so sees the caller's uncommitted changes). Either way
 * the connection is left as it was found, and it is not closed.
 */
public final class CatalogReader {
    /** The oldest major version whose catalog the queries know (they read {@code indnullsnotdistinct}). */
    static final int OLDEST_MAJOR_VERSION = 15;

    /**
     * An empty search_path (see above), and no JIT compilation: on a database of thousands of tables the queries'
     * estimated cost passes the JIT thresholds, and compiling them took longer than running them.
     */
    private static final String READ_SETTINGS = "SELECT pg_catalog.set_config('search_path', '', true),"
            + " pg_catalog.set_config('jit', 'off', true)";

    private final Connection connection;
    /** The selected schema names, bound to every {@code ?} of the queries. */
    private final Array selected;

    private CatalogReader(Connection connection, Array selected) {
        this.connection = connection;
        this.selected = selected;
    }

    /** Reads the schemas of the database that the filter selects. */
    public static SchemaModel read(Connection connection, SchemaFilter filter) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(filter, "filter");
        try {
            requireSupportedVersion(connection);
            return inSnapshot(connection, () -> readModel(connection, filter));
        } catch (SQLException e) {
            throw failure(e, null);
        }
    }

    private static SchemaModel readModel(Connection connection, SchemaFilter filter) throws SQLException {
        List<Schema> schemas = new CatalogReader(connection, null)
                .list(SCHEMAS, row -> new Schema(row.text("schema_name"), row.text("comment"), List.of()))
                .stream().filter(schema -> filter.includes(schema.name())).toList();
        Array selected = connection.createArrayOf("text", schemas.stream().map(Schema::name).toArray());
        try {
            return new CatalogReader(connection, selected).model(schemas);
        } finally {
            selected.free();
        }
    }

    private SchemaModel model(List<Schema> schemas) {
        Grants grants = Grants.of(list(PRIVILEGES, Grants::row));
        Map<QualifiedName, List<Column>> columns =
                Owned.byOwner(list(COLUMNS, row -> RelationRows.column(row, grants)));
        Map<QualifiedName, List<DomainConstraint>> domainConstraints =
                Owned.byOwner(list(DOMAIN_CONSTRAINTS, TypeRows::domainConstraint));
        Map<QualifiedName, List<QualifiedName>> viewDependencies =
                Owned.byOwner(list(VIEW_DEPENDENCIES, RelationRows::viewDependency));
        return new SchemaModel(
                schemas.stream().map(s -> new Schema(s.name(), s.comment(), grants.schema(s.name()))).toList(),
                list(EXTENSIONS, row -> new Extension(row.text("extension_name"), row.text("version"),
                        row.text("schema_name"), row.text("comment"))),
                list(COLLATIONS, TypeRows::collation),
                list(ENUMS, row -> TypeRows.enumType(row, grants)),
                list(DOMAINS, row -> TypeRows.domain(row, domainConstraints, grants)),
                list(COMPOSITE_TYPES, row -> TypeRows.compositeType(row, columns, grants)),
                list(SEQUENCES, row -> RelationRows.sequence(row, grants)),
                list(TABLES, row -> RelationRows.table(row, columns, grants)),
                list(VIEWS, row -> RelationRows.view(row, columns, viewDependencies, grants)),
                list(CONSTRAINTS, TableObjectRows::constraint),
                list(INDEXES, TableObjectRows::index),
                list(TRIGGERS, TableObjectRows::trigger),
                list(POLICIES, TableObjectRows::policy),
                list(FUNCTIONS, row -> RoutineRows.function(row, grants)),
                list(TEXT_SEARCH_DICTIONARIES, TextSearchRows::dictionary),
                list(TEXT_SEARCH_CONFIGURATIONS, TextSearchRows::configuration),
                list(AGGREGATES, row -> RoutineRows.aggregate(row, grants)),
                list(OPERATORS, RoutineRows::operator),
                list(CASTS, RoutineRows::cast),
                list(EVENT_TRIGGERS, RoutineRows::eventTrigger),
                list(FOREIGN_DATA_WRAPPERS, ForeignRows::wrapper),
                list(FOREIGN_SERVERS, ForeignRows::server),
                list(USER_MAPPINGS, ForeignRows::userMapping),
                list(FOREIGN_TABLES, row -> ForeignRows.table(row, columns, grants)),
                list(DEFAULT_PRIVILEGES, Grants::defaultPrivilege),
                list(UNSUPPORTED, row -> new Unsupported(row.text("kind"), row.text("name"))));
    }

    /** Runs one catalog query and maps each row. */
    private <T> List<T> list(CatalogQuery query, RowMapper<T> mapper) {
        String sql = query.sql();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameters = CatalogQuery.parameterCount(sql);
            for (int i = 1; i <= parameters; i++) {
                statement.setArray(i, selected);
            }
            try (ResultSet rs = statement.executeQuery()) {
                Row row = new Row(query, rs);
                List<T> items = new ArrayList<>();
                while (rs.next()) {
                    items.add(mapper.map(row));
                }
                return items;
            }
        } catch (SQLException e) {
            throw failure(e, query);
        }
    }

    // ---------------------------------------------------------------- connection state

    private static void requireSupportedVersion(Connection connection) throws SQLException {
        int major = connection.getMetaData().getDatabaseMajorVersion();
        if (major < OLDEST_MAJOR_VERSION) {
            throw new SchemataException(ErrorCode.OPERATION_FAILED, "reading the schema needs PostgreSQL "
                    + OLDEST_MAJOR_VERSION + " or newer; the server runs "
                    + connection.getMetaData().getDatabaseProductVersion() + ".");
        }
    }

    /** Runs the work in one snapshot with an empty search_path, and leaves the connection as it was. */
    private static SchemaModel inSnapshot(Connection connection, Work work) throws SQLException {
        if (connection.getAutoCommit()) {
            connection.setAutoCommit(false);
            try {
                execute(connection, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                execute(connection, READ_SETTINGS);
                return work.run();
            } finally {
                // Nothing was written; ending the transaction also ends the transaction-local search_path.
                try {
                    connection.rollback();
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        }
        Savepoint savepoint = connection.setSavepoint();
        try {
            execute(connection, READ_SETTINGS);
            return work.run();
        } finally {
            // Rolling back to the savepoint restores the caller's search_path (and recovers from a failed query).
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static SchemataException failure(SQLException e, CatalogQuery query) {
        ErrorCode code = Database.isConnectionFailure(e) ? ErrorCode.CONNECTION_FAILED : ErrorCode.OPERATION_FAILED;
        String where = query == null ? "" : " (query " + query.fileName() + ")";
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return new SchemataException(code, "cannot read the database catalog" + where + ": " + message, e);
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(Row row) throws SQLException;
    }

    @FunctionalInterface
    private interface Work {
        SchemaModel run() throws SQLException;
    }
}
