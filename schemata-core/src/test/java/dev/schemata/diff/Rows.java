package dev.schemata.diff;

import dev.schemata.catalog.Column;
import dev.schemata.catalog.Constraint;
import dev.schemata.catalog.EnumType;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.catalog.Table;
import dev.schemata.testing.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.schemata.diff.Identifiers.qualified;
import static dev.schemata.diff.Identifiers.quote;

/**
 * Puts a row into every table of a test database (referenced tables first, a plausible value for each
 * column without a default) and fingerprints the stored values, so that a test can check that a plan kept
 * the data it did not say it would delete.
 */
public final class Rows {
    private Rows() {
    }

    public static void fill(TestDatabase db, SchemaModel model) {
        List<Table> order = Matcher.dependenciesFirst(model.tables(), Table::name, t -> model.constraintsOf(t.name())
                .stream().filter(Constraint::isForeignKey).map(c -> c.foreignKey().referencedTable()).toList());
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (Table table : order) {
                if (table.isPartitioned() && !table.isPartition()) {
                    continue; // rows go into the partitions
                }
                List<String> names = new ArrayList<>();
                List<String> values = new ArrayList<>();
                for (Column column : table.columns()) {
                    if (column.isGenerated() || column.isIdentity() || column.defaultExpression() != null) {
                        continue;
                    }
                    String value = value(model, column.type());
                    if (value != null) {
                        names.add(quote(column.name()));
                        values.add(value);
                    }
                }
                String sql = names.isEmpty() ? "INSERT INTO " + qualified(table.name()) + " DEFAULT VALUES"
                        : "INSERT INTO " + qualified(table.name()) + " (" + String.join(", ", names) + ") VALUES ("
                        + String.join(", ", values) + ")";
                Savepoint savepoint = c.setSavepoint();
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    c.rollback(savepoint); // a table this generic row does not fit stays empty
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String value(SchemaModel model, String type) {
        if (type.endsWith("[]")) {
            return "'{}'";
        }
        Optional<EnumType> e = model.enums().stream().filter(t -> qualified(t.name()).equals(type)).findFirst();
        if (e.isPresent()) {
            return "'" + e.get().labels().get(e.get().labels().size() - 1) + "'";
        }
        if (type.matches("(smallint|integer|bigint|numeric.*|real|double precision)")) {
            return "1";
        }
        if (type.startsWith("text") || type.startsWith("character")) {
            return "'x'";
        }
        return switch (type) {
            case "boolean" -> "true";
            case "date" -> "'2024-06-01'";
            case "timestamp with time zone", "timestamp without time zone" -> "'2024-06-01 12:00'";
            case "uuid" -> "'00000000-0000-0000-0000-000000000001'";
            case "jsonb", "json" -> "'{}'";
            default -> null;
        };
    }

    /** Per table: its row count, and a fingerprint of each column's values. */
    public static Map<QualifiedName, Map<String, String>> fingerprint(TestDatabase db, SchemaModel model) {
        Map<QualifiedName, Map<String, String>> all = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (Table table : model.tables()) {
                Map<String, String> prints = new LinkedHashMap<>();
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + qualified(table.name()))) {
                    rs.next();
                    prints.put("(rows)", rs.getString(1));
                }
                for (Column column : table.columns()) {
                    if (column.isGenerated()) {
                        continue; // derived, and rightly recomputed when its expression changes
                    }
                    String col = quote(column.name());
                    try (ResultSet rs = s.executeQuery("SELECT md5(string_agg(" + col + "::text, ',' ORDER BY " + col
                            + "::text)) FROM " + qualified(table.name()))) {
                        rs.next();
                        prints.put(column.name() + " " + column.type(), rs.getString(1));
                    }
                }
                all.put(table.name(), prints);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }
}
