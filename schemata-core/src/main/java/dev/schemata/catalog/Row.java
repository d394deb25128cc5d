package dev.schemata.catalog;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** The current row of a catalog query, read by column name with the conversions the mappers need. */
final class Row {
    private final CatalogQuery query;
    private final ResultSet rs;

    Row(CatalogQuery query, ResultSet rs) {
        this.query = query;
        this.rs = rs;
    }

    /** A text column, or null. */
    String text(String column) throws SQLException {
        return rs.getString(column);
    }

    boolean bool(String column) throws SQLException {
        return rs.getBoolean(column);
    }

    long number(String column) throws SQLException {
        return rs.getLong(column);
    }

    /** A {@code "char"} code column; {@code '\0'} when empty or null (e.g. {@code attidentity} of an ordinary column). */
    char code(String column) throws SQLException {
        String value = rs.getString(column);
        return value == null || value.isEmpty() ? '\0' : value.charAt(0);
    }

    /** A {@code text[]} column as a list; empty when null. */
    List<String> texts(String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        try {
            return Arrays.asList((String[]) array.getArray());
        } finally {
            array.free();
        }
    }

    /** A name from two columns; null when the object is absent (both null). */
    QualifiedName name(String schemaColumn, String nameColumn) throws SQLException {
        String schema = rs.getString(schemaColumn);
        String name = rs.getString(nameColumn);
        return schema == null && name == null ? null : new QualifiedName(schema, name);
    }

    /** For a catalog code this version of Schemata does not know (a newer PostgreSQL). */
    SchemataException unknown(String column, char code) {
        return new SchemataException(ErrorCode.OPERATION_FAILED, "catalog query " + query.fileName()
                + " returned the unknown code '" + code + "' in column " + column
                + "; this PostgreSQL version may be newer than Schemata supports");
    }
}
