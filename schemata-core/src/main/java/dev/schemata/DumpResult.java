package dev.schemata;

import java.util.List;
import java.util.Objects;

/**
 * The schema {@link Schemata#dump()} read.
 *
 * @param database  the database read (a URL without its password, or "the application's DataSource")
 * @param sql       canonical, stably ordered SQL that rebuilds the schema: a schema file
 * @param notDumped objects of kinds Schemata cannot write, left out (only with
 *                  {@link Schemata.Builder#allowUnsupported}; otherwise their presence is an error)
 */
public record DumpResult(String database, String sql, List<String> notDumped) {
    public DumpResult {
        Objects.requireNonNull(sql, "sql");
        notDumped = List.copyOf(notDumped);
    }
}
