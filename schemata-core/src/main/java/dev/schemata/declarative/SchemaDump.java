package dev.schemata.declarative;

import dev.schemata.catalog.Extension;
import dev.schemata.catalog.Privilege;
import dev.schemata.catalog.Schema;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.diff.Plan;
import dev.schemata.diff.PlanOptions;
import dev.schemata.diff.SchemaDiff;

import java.util.List;

/**
 * A schema as a script that rebuilds it on an empty database: the plan from a freshly created database to
 * the schema, so its order is the plan's (dependencies first, then by name) and the same schema always gives
 * the same text. Data is not dumped.
 */
public final class SchemaDump {
    private SchemaDump() {
    }

    /**
     * What {@code CREATE DATABASE … TEMPLATE template0} gives on PostgreSQL 15 and later: the {@code public}
     * schema (owned by {@code pg_database_owner}, usable by everyone) and PL/pgSQL.
     */
    public static SchemaModel freshDatabase(SchemaModel like) {
        String plpgsql = like.extensions().stream().filter(e -> e.name().equals("plpgsql")).map(Extension::version)
                .findFirst().orElse("1.0");
        return new SchemaModel(
                List.of(new Schema("public", "standard public schema", List.of(new Privilege(Privilege.PUBLIC, "USAGE", false)))),
                List.of(new Extension("plpgsql", plpgsql, "pg_catalog", "PL/pgSQL procedural language")),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public static Plan plan(SchemaModel model, PlanOptions options) {
        return SchemaDiff.plan(freshDatabase(model), model, options.withOnline(false).withLockTimeout(null));
    }

    /**
     * The script, with a header saying where it came from and listing every object it leaves out because the
     * model cannot represent it (callers refuse to write such a script unless told to, see {@link
     * Plan#requireNothingSkipped}).
     */
    public static String script(Plan plan, String header) {
        StringBuilder sql = new StringBuilder();
        header.lines().forEach(line -> sql.append("-- ").append(line).append('\n'));
        if (!plan.skipped().isEmpty()) {
            sql.append("--\n-- NOT WRITTEN: ").append(plan.skipped().size())
                    .append(" object(s) of a kind Schemata does not represent; this script does not rebuild them:\n");
            plan.skipped().forEach(object -> sql.append("--   ").append(object).append('\n'));
        }
        sql.append('\n').append(plan.script());
        return sql.toString();
    }
}
