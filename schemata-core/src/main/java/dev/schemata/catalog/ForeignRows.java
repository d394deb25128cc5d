package dev.schemata.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Maps the rows of the foreign-data queries (wrappers, servers, user mappings, foreign tables) to records. */
final class ForeignRows {
    private ForeignRows() {
    }

    static ForeignDataWrapper wrapper(Row row) throws SQLException {
        return new ForeignDataWrapper(row.text("wrapper_name"), row.text("handler"), row.text("validator"),
                row.texts("options"), row.text("comment"), privileges(row));
    }

    static ForeignServer server(Row row) throws SQLException {
        return new ForeignServer(row.text("server_name"), row.text("wrapper_name"), row.text("server_type"),
                row.text("server_version"), row.texts("options"), row.texts("secret_options"), row.text("comment"), privileges(row));
    }

    /** The privileges of a wrapper or server, read from three parallel arrays. */
    private static List<Privilege> privileges(Row row) throws SQLException {
        List<String> grantees = row.texts("grantees");
        List<String> types = row.texts("privilege_types");
        List<String> grantable = row.texts("grantable");
        List<Privilege> privileges = new ArrayList<>();
        for (int i = 0; i < grantees.size(); i++) {
            privileges.add(new Privilege(grantees.get(i), types.get(i), Boolean.parseBoolean(grantable.get(i))));
        }
        return privileges;
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
