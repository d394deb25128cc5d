package dev.schemata.fleet;

import dev.schemata.connect.ConnectionFactory;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.HostPort;
import dev.schemata.history.HistoryTable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One member of a fleet: a database, and for schema-per-tenant fleets the tenant's schema in it.
 *
 * @param name     what reports call it (the schema, else the database name, unless the list names it)
 * @param database where it lives (may hold a password: show it only through {@link #describe()})
 * @param schema   the tenant's schema; null when the target is the whole database
 * @param labels   free-form labels from the target list (region, plan, …), carried into reports
 */
public record Target(String name, ConnectionSettings database, String schema, Map<String, String> labels) {
    public Target {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(database, "database");
        labels = Map.copyOf(labels);
    }

    /**
     * What identifies the target across runs and lists: server, database and schema, never user or password.
     * Sharding hashes it, so a target keeps its shard however the list around it changes.
     */
    public String identity() {
        return server() + "/" + database.database() + (schema == null ? "" : "/" + schema);
    }

    /** The server it lives on, for the bound on connections per server. */
    public String server() {
        return database.hosts().stream().map(HostPort::toString).collect(Collectors.joining(","));
    }

    /** The database URL with the password masked, and the schema. */
    public String describe() {
        return database.maskedUrl() + (schema == null ? "" : " schema " + schema);
    }

    /** Connections to the target: for a tenant, with {@code search_path} set to its schema. */
    public ConnectionFactory connections() {
        return connectionsLike(database);
    }

    /**
     * Connections to another database made as the target's are: for a tenant, with {@code search_path} set to its
     * schema. Drift builds a tenant's reference schema on a throwaway database this way.
     */
    public ConnectionFactory connectionsLike(ConnectionSettings elsewhere) {
        ConnectionFactory plain = ConnectionFactory.of(elsewhere);
        return schema == null ? plain : new TenantConnections(plain, schema);
    }

    /** The target's history table: a tenant keeps its own, in its schema, under the configured name. */
    public HistoryTable historyTable(HistoryTable configured) {
        return schema == null ? configured : new HistoryTable(schema, configured.name());
    }

    /**
     * {@code ${tenant}} and {@code ${schema}} for the target's migrations, added to the user's placeholders
     * (which win, so a migration set that already uses these names keeps its meaning).
     */
    public Map<String, String> placeholders(Map<String, String> given) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("tenant", name);
        all.put("schema", schema == null ? "public" : schema);
        all.putAll(given);
        return all;
    }
}
