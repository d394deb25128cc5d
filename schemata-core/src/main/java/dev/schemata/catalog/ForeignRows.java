package dev.schemata.catalog;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Maps the rows of the foreign-data queries (wrappers, servers, user mappings, foreign tables) to records. */
final class ForeignRows {
    private ForeignRows() {
    }

    static ForeignDataWrapper wrapper(Row row) throws SQLException {
        return new ForeignDataWrapper(row.text("wrapper_name"), row.text("handler"), row.text("validator"),
                row.texts("options"), row.text("comment"), Grants.fromArrays(row));
    }

    static ForeignServer server(Row row) throws SQLException {
        return new ForeignServer(row.text("server_name"), row.text("wrapper_name"), row.text("server_type"),
                row.text("server_version"), row.texts("options"), row.texts("secret_options"), row.text("comment"), Grants.fromArrays(row));
    }

    static UserMapping userMapping(Row row) throws SQLException {
        return new UserMapping(row.text("role_name"), row.text("server_name"), row.texts("options"),
                row.texts("secret_options"));
    }

    static ForeignTable table(Row row, Map<QualifiedName, List<Column>> columns, Grants grants) throws SQLException {
        QualifiedName name = row.name("schema_name", "table_name");
        return new ForeignTable(name, columns.getOrDefault(name, List.of()), row.text("server_name"),
                row.texts("options"), row.texts("column_options"), row.texts("checks"), row.text("comment"),
                grants.relation(name));
    }
}
