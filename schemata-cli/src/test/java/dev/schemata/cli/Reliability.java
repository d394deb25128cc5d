package dev.schemata.cli;

import dev.schemata.catalog.CatalogReader;
import dev.schemata.catalog.SchemaFilter;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.catalog.Table;
import dev.schemata.testing.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the reliability suite ({@code Reliability*IT}) shares: how many trials to run, the seed, a login
 * with a password (so every captured output can be checked for it), and the state of a database reduced
 * to what a user cares about: its schema model, its data, and its history.
 */
final class Reliability {
    /** The password of every role the suite creates; no output may ever contain it. */
    static final String PASSWORD = "Rel-pw-7f3c9a1e";

    private Reliability() {
    }

    /** Trials per fault: {@code -Dschemata.reliability.trials=50} for the full suite; CI runs the default. */
    static int trials() {
        return Integer.getInteger("schemata.reliability.trials", 10);
    }

    /** A fixed seed with {@code -Dschemata.reliability.seed=N} (to replay a failure), else a fresh one, printed. */
    static long seed(String suite) {
        Long fixed = Long.getLong("schemata.reliability.seed");
        long seed = fixed != null ? fixed : System.nanoTime() ^ Double.doubleToLongBits(Math.random());
        System.out.println("[reliability] " + suite + ": seed " + seed + " (replay with -Dschemata.reliability.seed=" + seed + ")");
        return seed;
    }

    /** Makes a password-protected owner for the database and returns a URL that logs in as it. */
    static String ownerUrl(TestDatabase db) {
        String role = "owner_" + db.name();
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'");
        db.execute("ALTER DATABASE " + db.name() + " OWNER TO " + role);
        db.execute("ALTER SCHEMA public OWNER TO " + role);
        return url(db, role, PASSWORD);
    }

    static String url(TestDatabase db, String user, String password) {
        var host = db.settings().hosts().get(0);
        return "postgresql://" + user + ":" + password + "@" + host.host() + ":" + host.port() + "/" + db.name();
    }

    /** No captured output (text or JSON, stdout or stderr) ever shows the password. */
    static void assertNoSecret(String... outputs) {
        for (String output : outputs) {
            assertThat(output).doesNotContain(PASSWORD);
        }
    }

    /** Schemata's own tables: the history and the table sizes recorded per run, which differ from run to run. */
    private static final java.util.Set<String> OWN = java.util.Set.of("schema_migrations", "schema_migrations_sizes");

    /** The schema model without the history table (which an interrupted run may have written differently). */
    static SchemaModel model(TestDatabase db) {
        try (Connection c = db.connect()) {
            SchemaModel m = CatalogReader.read(c, SchemaFilter.all());
            return new SchemaModel(m.schemas(), m.extensions(), m.collations(), m.enums(), m.domains(), m.compositeTypes(),
                    m.sequences().stream().filter(s -> !s.name().name().startsWith("schema_migrations")).toList(),
                    m.tables().stream().filter(t -> !isHistory(t)).toList(), m.views(),
                    m.constraints().stream().filter(x -> !OWN.contains(x.table().name())).toList(),
                    m.indexes().stream().filter(x -> !OWN.contains(x.table().name())).toList(),
                    m.triggers(), m.policies(), m.functions(), m.textSearchDictionaries(), m.textSearchConfigurations(), m.aggregates(),
                    m.operators(), m.casts(), m.eventTriggers(), m.foreignDataWrappers(), m.foreignServers(),
                    m.userMappings(), m.foreignTables(), m.defaultPrivileges(), m.unsupported());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isHistory(Table t) {
        return OWN.contains(t.name().name());
    }

    /** Row count and an MD5 over the sorted rows of every user table but the history. */
    static Map<String, String> data(TestDatabase db) {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT format('%I.%I', schemaname, tablename) FROM pg_tables"
                    + " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
                    + " AND tablename NOT IN ('schema_migrations', 'schema_migrations_sizes')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) || ' rows, ' || coalesce(md5(string_agg(x::text, ','"
                        + " ORDER BY x::text)), '-') FROM " + t + " x")) {
                    rs.next();
                    out.put(t, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * After a completed run: every version recorded exactly once and successfully, no INVALID index, no
     * migration lock left held.
     */
    static void assertCompleteHistory(TestDatabase db, int migrations) {
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).as("history rows").isEqualTo((long) migrations);
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE success")).as("successful rows").isEqualTo((long) migrations);
        assertThat(db.value("SELECT count(DISTINCT version) FROM schema_migrations")).as("distinct versions").isEqualTo((long) migrations);
        assertThat(db.value("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).as("invalid indexes").isEqualTo(0L);
        assertThat(db.value("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                + " WHERE l.locktype = 'advisory' AND d.datname = current_database()")).as("advisory locks held").isEqualTo(0L);
    }
}
