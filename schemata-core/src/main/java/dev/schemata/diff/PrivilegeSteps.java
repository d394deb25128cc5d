package dev.schemata.diff;

import dev.schemata.catalog.Aggregate;
import dev.schemata.catalog.Column;
import dev.schemata.catalog.DefaultPrivilege;
import dev.schemata.catalog.CompositeType;
import dev.schemata.catalog.Domain;
import dev.schemata.catalog.EnumType;
import dev.schemata.catalog.ForeignDataWrapper;
import dev.schemata.catalog.ForeignServer;
import dev.schemata.catalog.ForeignTable;
import dev.schemata.catalog.Function;
import dev.schemata.catalog.Privilege;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.Schema;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.catalog.Sequence;
import dev.schemata.catalog.Table;
import dev.schemata.catalog.View;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static dev.schemata.diff.Identifiers.qualified;
import static dev.schemata.diff.Identifiers.quote;

/**
 * {@code GRANT} and {@code REVOKE}, and {@code ALTER DEFAULT PRIVILEGES}. An object the plan creates starts
 * with PostgreSQL's built-in default privileges (functions {@code EXECUTE} and types {@code USAGE} to
 * {@code PUBLIC}, nothing otherwise); any other starts with the target's. Changes to objects that already
 * exist carry {@link HazardKind#AUTHZ_CHANGE}. Default privileges come last of all, so that they apply to
 * none of the objects the plan creates (whose own privileges the plan sets).
 */
final class PrivilegeSteps {
    private static final List<Privilege> FUNCTION_DEFAULT = List.of(new Privilege(Privilege.PUBLIC, "EXECUTE", false));
    private static final List<Privilege> TYPE_DEFAULT = List.of(new Privilege(Privilege.PUBLIC, "USAGE", false));

    /**
     * One object's privileges: how to name it in GRANT, its column (or null), and the key it is recreated under.
     * {@code prefix} goes before GRANT and REVOKE (for default privileges, {@code ALTER DEFAULT PRIVILEGES …}).
     */
    private record Grantable(String on, String column, String key, QualifiedName relation, List<Privilege> privileges,
                             List<Privilege> defaults, String prefix) {
        Grantable(String on, String column, String key, QualifiedName relation, List<Privilege> privileges,
                  List<Privilege> defaults) {
            this(on, column, key, relation, privileges, defaults, "");
        }
    }

    private final DiffContext ctx;

    PrivilegeSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    void plan() {
        Map<String, Grantable> before = collect(ctx.from);
        Map<String, Grantable> after = collect(ctx.to);
        // Most objects start, whether from the target's privileges or from the defaults, with those they should have.
        List<String> changing = new ArrayList<>();
        after.forEach((key, wanted) -> {
            Grantable current = before.get(key);
            if (current != null && !current.privileges().equals(wanted.privileges())
                    || !wanted.defaults().equals(wanted.privileges())) {
                changing.add(key);
            }
        });
        changing.sort(null);
        for (String key : changing) {
            Grantable wanted = after.get(key);
            Grantable current = before.get(key);
            boolean fresh = current == null || ctx.isRecreated(wanted.key())
                    || (wanted.relation() != null && ctx.isNewRelation(wanted.relation()));
            List<Privilege> start = fresh ? wanted.defaults() : current.privileges();
            steps(wanted, start, wanted.privileges(), fresh);
        }
        // Default privileges outlive nothing: one the target has and the schema has not goes back to the default.
        List<String> gone = new ArrayList<>();
        before.forEach((key, current) -> {
            if (!current.prefix().isEmpty() && !after.containsKey(key)) {
                gone.add(key);
            }
        });
        gone.sort(null);
        for (String key : gone) {
            Grantable current = before.get(key);
            steps(current, current.privileges(), current.defaults(), false);
        }
    }

    private void steps(Grantable object, List<Privilege> from, List<Privilege> to, boolean fresh) {
        Map<String, Map<String, Boolean>> a = byGrantee(from);
        Map<String, Map<String, Boolean>> b = byGrantee(to);
        TreeSet<String> grantees = new TreeSet<>(a.keySet());
        grantees.addAll(b.keySet());
        String column = object.column() == null ? "" : " (" + quote(object.column()) + ")";
        for (String grantee : grantees) {
            Map<String, Boolean> had = a.getOrDefault(grantee, Map.of());
            Map<String, Boolean> want = b.getOrDefault(grantee, Map.of());
            List<String> revoke = new ArrayList<>();
            List<String> revokeOption = new ArrayList<>();
            List<String> grant = new ArrayList<>();
            List<String> grantWithOption = new ArrayList<>();
            for (String privilege : new TreeSet<>(had.keySet())) {
                if (!want.containsKey(privilege)) {
                    revoke.add(privilege);
                } else if (had.get(privilege) && !want.get(privilege)) {
                    revokeOption.add(privilege);
                }
            }
            for (String privilege : new TreeSet<>(want.keySet())) {
                boolean option = want.get(privilege);
                if (!had.containsKey(privilege) || (option && !had.get(privilege))) {
                    (option ? grantWithOption : grant).add(privilege);
                }
            }
            String role = PolicySteps.role(grantee);
            if (!revoke.isEmpty()) {
                add(object, object.prefix() + "REVOKE " + list(revoke, column) + " ON " + object.on() + " FROM " + role, fresh);
            }
            if (!revokeOption.isEmpty()) {
                add(object, object.prefix() + "REVOKE GRANT OPTION FOR " + list(revokeOption, column) + " ON " + object.on() + " FROM " + role, fresh);
            }
            if (!grant.isEmpty()) {
                add(object, object.prefix() + "GRANT " + list(grant, column) + " ON " + object.on() + " TO " + role, fresh);
            }
            if (!grantWithOption.isEmpty()) {
                add(object, object.prefix() + "GRANT " + list(grantWithOption, column) + " ON " + object.on() + " TO " + role + " WITH GRANT OPTION", fresh);
            }
        }
    }

    private void add(Grantable object, String sql, boolean fresh) {
        Phase phase = object.prefix().isEmpty() ? Phase.PRIVILEGES : Phase.DEFAULT_PRIVILEGES;
        if (fresh) {
            ctx.add(phase, sql);
        } else {
            ctx.add(phase, sql, Hazard.CHANGES_PRIVILEGES);
        }
    }

    private static String list(List<String> privileges, String column) {
        List<String> parts = privileges.stream().map(p -> p + column).toList();
        return String.join(", ", parts);
    }

    private static Map<String, Map<String, Boolean>> byGrantee(List<Privilege> privileges) {
        Map<String, Map<String, Boolean>> map = new HashMap<>();
        for (Privilege p : privileges) {
            map.computeIfAbsent(p.grantee(), g -> new HashMap<>()).merge(p.privilege(), p.grantable(), Boolean::logicalOr);
        }
        return map;
    }

    private static Map<String, Grantable> collect(SchemaModel m) {
        Map<String, Grantable> all = new HashMap<>();
        for (Schema s : m.schemas()) {
            put(all, new Grantable("SCHEMA " + quote(s.name()), null, DiffContext.key("schema", s.name()), null,
                    s.privileges(), List.of()));
        }
        for (Table t : m.tables()) {
            relation(all, t.name(), "table", t.privileges(), t.columns());
        }
        for (View v : m.views()) {
            relation(all, v.name(), "view", v.privileges(), v.columns());
        }
        for (Sequence s : m.sequences()) {
            put(all, new Grantable("SEQUENCE " + qualified(s.name()), null, DiffContext.key("sequence", s.name()), null,
                    s.privileges(), List.of()));
        }
        for (Function f : m.functions()) {
            put(all, new Grantable(FunctionSteps.objectType(f) + " " + FunctionSteps.signature(f), null,
                    FunctionSteps.key(f.name(), f.identityArguments()), null, f.privileges(), FUNCTION_DEFAULT));
        }
        for (Aggregate a : m.aggregates()) {
            // GRANT names an aggregate by its argument types alone: (*) is (), ORDER BY a separator.
            String arguments = a.identityArguments().replace(" ORDER BY ", ", ");
            put(all, new Grantable("FUNCTION " + qualified(a.name()) + "(" + arguments + ")", null,
                    AggregateSteps.key(a.name(), a.identityArguments()), null, a.privileges(), FUNCTION_DEFAULT));
        }
        for (ForeignTable t : m.foreignTables()) {
            relation(all, t.name(), "table", t.privileges(), t.columns());
        }
        for (ForeignDataWrapper w : m.foreignDataWrappers()) {
            put(all, new Grantable("FOREIGN DATA WRAPPER " + quote(w.name()), null, ForeignDataSteps.wrapperKey(w.name()),
                    null, w.privileges(), List.of()));
        }
        for (ForeignServer s : m.foreignServers()) {
            put(all, new Grantable("FOREIGN SERVER " + quote(s.name()), null, ForeignDataSteps.serverKey(s.name()), null,
                    s.privileges(), List.of()));
        }
        for (DefaultPrivilege d : m.defaultPrivileges()) {
            // The whole database's entry replaces the built-in default; a schema's adds to nothing.
            List<Privilege> defaults = d.schema() != null ? List.of()
                    : d.objectType() == DefaultPrivilege.ObjectType.FUNCTIONS ? FUNCTION_DEFAULT
                    : d.objectType() == DefaultPrivilege.ObjectType.TYPES ? TYPE_DEFAULT : List.of();
            String prefix = "ALTER DEFAULT PRIVILEGES FOR ROLE " + quote(d.role())
                    + (d.schema() == null ? "" : " IN SCHEMA " + quote(d.schema())) + " ";
            put(all, new Grantable(d.objectType().name(), null, DiffContext.key("default privileges", d.role(),
                    d.schema(), d.objectType()), null, d.privileges(), defaults, prefix));
        }
        for (EnumType e : m.enums()) {
            put(all, new Grantable("TYPE " + qualified(e.name()), null, DiffContext.key("type", e.name()), null,
                    e.privileges(), TYPE_DEFAULT));
        }
        for (CompositeType t : m.compositeTypes()) {
            put(all, new Grantable("TYPE " + qualified(t.name()), null, DiffContext.key("type", t.name()), null,
                    t.privileges(), TYPE_DEFAULT));
        }
        for (Domain d : m.domains()) {
            put(all, new Grantable("DOMAIN " + qualified(d.name()), null, DiffContext.key("type", d.name()), null,
                    d.privileges(), TYPE_DEFAULT));
        }
        return all;
    }

    private static void relation(Map<String, Grantable> all, QualifiedName name, String kind, List<Privilege> privileges,
                                 List<Column> columns) {
        String on = "TABLE " + qualified(name);
        put(all, new Grantable(on, null, DiffContext.key(kind, name), name, privileges, List.of()));
        for (Column c : columns) {
            put(all, new Grantable(on, c.name(), DiffContext.key("column", name, c.name()), name, c.privileges(), List.of()));
        }
    }

    private static void put(Map<String, Grantable> all, Grantable g) {
        all.put(g.key(), g);
    }
}
