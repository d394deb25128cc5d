package dev.schemata.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The fixed set of catalog queries, one resource file per kind under {@code sql/}. The reader runs each
 * once per read, whatever the number of objects.
 *
 * <p>The files follow one format, checked by {@code CatalogQueryFilesTest}:
 * <ul>
 *   <li>a header comment {@code -- name: what it reads}, saying what it leaves out and why;</li>
 *   <li>upper-case keywords, lower-case names; every catalog table and function {@code pg_catalog}-qualified;</li>
 *   <li>the same closing lines of {@code WHERE}: no system schemas ({@code n.nspname !~ '^pg_' AND
 *       n.nspname <> 'information_schema'}, which covers {@code pg_toast} and temporary schemas), only
 *       the selected schemas ({@code n.nspname = ANY (?)}), and no extension members ({@code pg_depend}
 *       {@code deptype 'e'} on the object, or on the table for a table's parts);</li>
 *   <li>one {@code ?}, the selected schema names as {@code text[]}; only {@link #SCHEMAS} has none, since its
 *       result is what the filter selects from, and the {@link #DATABASE_WIDE} queries of objects that belong
 *       to no schema.</li>
 * </ul>
 */
enum CatalogQuery {
    SCHEMAS,
    EXTENSIONS,
    COLLATIONS,
    ENUMS,
    DOMAINS,
    DOMAIN_CONSTRAINTS,
    COMPOSITE_TYPES,
    SEQUENCES,
    TABLES,
    COLUMNS,
    CONSTRAINTS,
    INDEXES,
    VIEWS,
    VIEW_DEPENDENCIES,
    FUNCTIONS,
    TRIGGERS,
    POLICIES,
    TEXT_SEARCH_DICTIONARIES,
    TEXT_SEARCH_CONFIGURATIONS,
    AGGREGATES,
    OPERATORS,
    CASTS,
    EVENT_TRIGGERS,
    FOREIGN_DATA_WRAPPERS,
    FOREIGN_SERVERS,
    USER_MAPPINGS,
    FOREIGN_TABLES,
    PRIVILEGES,
    DEFAULT_PRIVILEGES,
    UNSUPPORTED;

    /** Database-wide objects without a schema: read whatever the filter selects, so they have no {@code ?}. */
    static final Set<CatalogQuery> DATABASE_WIDE = Set.of(FOREIGN_DATA_WRAPPERS, FOREIGN_SERVERS, USER_MAPPINGS);

    /** The resource name, e.g. {@code domain_constraints.sql}. */
    String fileName() {
        return name().toLowerCase(Locale.ROOT) + ".sql";
    }

    String sql() {
        String resource = "sql/" + fileName();
        try (InputStream in = CatalogQuery.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("catalog query " + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog query " + resource, e);
        }
    }

    /** How many times the selected schema names are bound: the number of {@code ?} in the text. */
    static int parameterCount(String sql) {
        return (int) sql.chars().filter(c -> c == '?').count();
    }
}
