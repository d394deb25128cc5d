package dev.schemata.migrate;

import dev.schemata.catalog.Column;
import dev.schemata.catalog.Constraint;
import dev.schemata.catalog.Function;
import dev.schemata.catalog.Index;
import dev.schemata.catalog.Policy;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.catalog.Table;
import dev.schemata.catalog.Trigger;
import dev.schemata.catalog.View;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A readable summary of how two schema models differ, object by object ("table groupchannels is extra",
 * "column users.email differs: type text, was character varying(20)"). Objects are matched by kind and
 * name only; this says what differs, not how to change one into the other. Objects that belong to a table
 * (columns, constraints, indexes, triggers, policies) are not listed again when the whole table is extra or
 * missing.
 */
public final class SchemaDifferences {
    /** Values up to this length are shown whole. */
    private static final int MAX_SHOWN = 120;
    /** Characters shown before a long text's first difference (and twice that in all). */
    private static final int CONTEXT = 40;

    private SchemaDifferences() {
    }

    /** How an object of {@code actual} compares with {@code expected}. */
    public enum Change {
        /** In actual, not in expected. */
        EXTRA,
        /** In expected, not in actual. */
        MISSING,
        /** In both, with different properties. */
        CHANGED,
        /**
         * A table or view with the same columns in a different order: what a down that adds back a dropped
         * column gives, since PostgreSQL adds columns at the end. Only a query relying on the order
         * ({@code SELECT *}, {@code INSERT} or {@code COPY} without a column list) can tell.
         */
        COLUMN_ORDER
    }

    /**
     * One object that differs.
     *
     * @param kind   "table", "column", "index", …
     * @param name   as shown to users: schema-qualified unless in {@code public}
     * @param detail for {@link Change#CHANGED}, what differs (e.g. "type text, was integer"); otherwise empty
     */
    public record Difference(String kind, String name, Change change, String detail) {
        /** E.g. "table groupchannels remains", with the word for an extra object chosen by the caller. */
        public String describe(String extraWord, String missingWord) {
            return switch (change) {
                case EXTRA -> kind + " " + name + " " + extraWord;
                case MISSING -> kind + " " + name + " " + missingWord;
                case CHANGED -> kind + " " + name + " differs" + (detail.isEmpty() ? "" : ": " + detail);
                case COLUMN_ORDER -> kind + " " + name + " has its columns in another order: " + detail;
            };
        }
    }

    /** What differs in {@code actual} compared with {@code expected}; empty when the models are equal. */
    public static List<Difference> between(SchemaModel expected, SchemaModel actual) {
        List<Difference> out = new ArrayList<>();
        if (expected.equals(actual)) {
            return out;
        }
        compare(out, "schema", expected.schemas(), actual.schemas(), s -> s.name(),
                field("comment", s -> s.comment()), field("privileges", s -> s.privileges()));
        compare(out, "extension", expected.extensions(), actual.extensions(), e -> e.name(),
                shown("version", e -> e.version()), shown("schema", e -> e.schema()), field("comment", e -> e.comment()));
        compare(out, "collation", expected.collations(), actual.collations(), c -> name(c.name()),
                field("definition", c -> List.of(c.provider(), String.valueOf(c.collate()), String.valueOf(c.ctype()),
                        String.valueOf(c.locale()), String.valueOf(c.icuRules()), c.deterministic())),
                field("comment", c -> c.comment()));
        compare(out, "type", expected.enums(), actual.enums(), e -> name(e.name()),
                shown("labels", e -> String.join(", ", e.labels())), field("comment", e -> e.comment()),
                field("privileges", e -> e.privileges()));
        compare(out, "domain", expected.domains(), actual.domains(), d -> name(d.name()),
                shown("type", d -> d.baseType()), shown("default", d -> d.defaultExpression()),
                shown("not null", d -> d.notNull()), field("constraints", d -> d.constraints()),
                field("collation", d -> d.collation()), field("comment", d -> d.comment()),
                field("privileges", d -> d.privileges()));
        compare(out, "type", expected.compositeTypes(), actual.compositeTypes(), t -> name(t.name()),
                field("attributes", t -> t.attributes()), field("comment", t -> t.comment()),
                field("privileges", t -> t.privileges()));

        Set<QualifiedName> extraTables = new TreeSet<>();
        Set<QualifiedName> missingTables = new TreeSet<>();
        List<Difference> tables = new ArrayList<>();
        compare(tables, "table", expected.tables(), actual.tables(), t -> name(t.name()),
                field("persistence", t -> t.persistence()), shown("partition key", t -> t.partitionKey()),
                field("partition of", t -> t.partitionOf()), shown("partition bound", t -> t.partitionBound()),
                field("inherits", t -> t.inherits()), shown("options", t -> t.options()),
                shown("row level security", t -> t.rowSecurity()), shown("forced row level security", t -> t.forceRowSecurity()),
                shown("replica identity", t -> t.replicaIdentity()), field("comment", t -> t.comment()),
                field("privileges", t -> t.privileges()));
        Map<String, QualifiedName> tableNames = new TreeMap<>();
        expected.tables().forEach(t -> tableNames.put(name(t.name()), t.name()));
        actual.tables().forEach(t -> tableNames.put(name(t.name()), t.name()));
        for (Difference d : tables) {
            if (d.change() == Change.EXTRA) {
                extraTables.add(tableNames.get(d.name()));
            } else if (d.change() == Change.MISSING) {
                missingTables.add(tableNames.get(d.name()));
            }
        }
        Set<QualifiedName> gone = new TreeSet<>(extraTables);
        gone.addAll(missingTables);
        List<Difference> columns = new ArrayList<>();
        for (Table e : expected.tables()) {
            actual.table(e.name()).ifPresent(a -> columns(columns, "table", name(e.name()), e.columns(), a.columns(), tables));
        }
        out.addAll(tables);
        out.addAll(columns);

        compare(out, "sequence", without(expected.sequences(), gone, SchemaDifferences::owner),
                without(actual.sequences(), gone, SchemaDifferences::owner), s -> name(s.name()),
                field("persistence", s -> s.persistence()), field("options", s -> s.options()),
                field("owned by", s -> s.ownedBy()), field("comment", s -> s.comment()),
                field("privileges", s -> s.privileges()));
        List<Difference> views = new ArrayList<>();
        compare(views, "view", expected.views(), actual.views(), v -> name(v.name()),
                shown("definition", View::definition), field("options", v -> v.options()),
                field("materialized", v -> v.materialized()), field("comment", v -> v.comment()),
                field("privileges", v -> v.privileges()));
        for (View e : expected.views()) {
            actual.view(e.name()).ifPresent(a -> columns(views, "view", name(e.name()), e.columns(), a.columns(), views));
        }
        out.addAll(views);
        compare(out, "constraint", without(expected.constraints(), gone, Constraint::table),
                without(actual.constraints(), gone, Constraint::table), c -> c.name() + " on " + name(c.table()),
                shown("definition", Constraint::definition), shown("deferrable", c -> c.deferrable()),
                shown("initially deferred", c -> c.initiallyDeferred()), shown("validated", c -> c.validated()),
                field("comment", c -> c.comment()));
        compare(out, "index", without(expected.indexes(), gone, Index::table), without(actual.indexes(), gone, Index::table),
                i -> name(i.name()), shown("definition", Index::definition), shown("valid", i -> i.valid()),
                field("replica identity", i -> i.replicaIdentity()), field("comment", i -> i.comment()));
        compare(out, "trigger", without(expected.triggers(), gone, Trigger::table),
                without(actual.triggers(), gone, Trigger::table), t -> t.name() + " on " + name(t.table()),
                shown("definition", Trigger::definition), shown("state", t -> t.state()), field("comment", t -> t.comment()));
        compare(out, "policy", without(expected.policies(), gone, Policy::table),
                without(actual.policies(), gone, Policy::table), p -> p.name() + " on " + name(p.table()),
                shown("command", p -> p.command()), shown("permissive", p -> p.permissive()), shown("roles", p -> p.roles()),
                shown("using", p -> p.using()), shown("with check", p -> p.withCheck()), field("comment", p -> p.comment()));
        compare(out, "function", expected.functions(), actual.functions(), f -> name(f.name()) + "(" + f.identityArguments() + ")",
                shown("result", Function::result), field("definition", Function::definition),
                field("comment", f -> f.comment()), field("privileges", f -> f.privileges()));
        compare(out, "text search dictionary", expected.textSearchDictionaries(), actual.textSearchDictionaries(),
                d -> name(d.name()), field("template", d -> d.template()), shown("options", d -> d.options()),
                field("comment", d -> d.comment()));
        compare(out, "text search configuration", expected.textSearchConfigurations(), actual.textSearchConfigurations(),
                c -> name(c.name()), field("parser", c -> c.parser()), field("mappings", c -> c.mappings()),
                field("comment", c -> c.comment()));
        compare(out, "aggregate", expected.aggregates(), actual.aggregates(), a -> name(a.name()) + "(" + a.identityArguments() + ")",
                field("definition", a -> a.definition()), field("comment", a -> a.comment()),
                field("privileges", a -> a.privileges()));
        compare(out, "operator", expected.operators(), actual.operators(), o -> name(o.name()) + " " + o.operands(),
                shown("definition", o -> o.options()), field("comment", o -> o.comment()));
        compare(out, "cast", expected.casts(), actual.casts(), c -> "(" + c.source() + " AS " + c.target() + ")",
                shown("method", c -> c.method()), shown("function", c -> c.function()), shown("context", c -> c.context()),
                field("comment", c -> c.comment()));
        compare(out, "event trigger", expected.eventTriggers(), actual.eventTriggers(), t -> t.name(),
                shown("event", t -> t.event()), shown("tags", t -> t.tags()), field("function", t -> t.function()),
                shown("enabled", t -> t.enabled()), field("comment", t -> t.comment()));
        compare(out, "foreign-data wrapper", expected.foreignDataWrappers(), actual.foreignDataWrappers(), w -> w.name(),
                shown("handler", w -> w.handler()), shown("validator", w -> w.validator()), shown("options", w -> w.options()),
                field("comment", w -> w.comment()), field("privileges", w -> w.privileges()));
        compare(out, "server", expected.foreignServers(), actual.foreignServers(), v -> v.name(),
                shown("wrapper", v -> v.wrapper()), shown("type", v -> v.type()), shown("version", v -> v.version()),
                shown("options", v -> v.options()), shown("password options", v -> v.secretOptions()),
                field("comment", v -> v.comment()), field("privileges", v -> v.privileges()));
        compare(out, "user mapping", expected.userMappings(), actual.userMappings(), m -> m.role() + " for server " + m.server(),
                shown("options", m -> m.options()), shown("password options", m -> m.secretOptions()));
        compare(out, "foreign table", expected.foreignTables(), actual.foreignTables(), t -> name(t.name()),
                field("columns", t -> t.columns()), shown("server", t -> t.server()), shown("options", t -> t.options()),
                shown("column options", t -> t.columnOptions()), shown("checks", t -> t.checks()),
                field("comment", t -> t.comment()), field("privileges", t -> t.privileges()));
        compare(out, "default privileges", expected.defaultPrivileges(), actual.defaultPrivileges(),
                d -> "for role " + d.role() + (d.schema() == null ? "" : " in schema " + d.schema()) + " on " + d.objectType(),
                shown("privileges", d -> d.privileges()));
        compare(out, "object", expected.unsupported(), actual.unsupported(), u -> u.kind() + " " + u.name());
        if (out.isEmpty()) {
            // Not expected to happen: every property of the model is compared above.
            out.add(new Difference("schema", "model", Change.CHANGED, "a property not itemised here"));
        }
        return out;
    }

    /** Every difference in words, e.g. for a report. */
    public static List<String> describe(List<Difference> differences, String extraWord, String missingWord) {
        return differences.stream().map(d -> d.describe(extraWord, missingWord)).toList();
    }

    // ---------------------------------------------------------------- matching

    /** A property compared between two versions of an object; {@code show} puts both values in the detail. */
    private record Field<T>(String label, java.util.function.Function<T, Object> value, boolean show) {
    }

    private static <T> Field<T> field(String label, java.util.function.Function<T, Object> value) {
        return new Field<>(label, value, false);
    }

    private static <T> Field<T> shown(String label, java.util.function.Function<T, Object> value) {
        return new Field<>(label, value, true);
    }

    @SafeVarargs
    private static <T> void compare(List<Difference> out, String kind, List<T> expected, List<T> actual,
                                    java.util.function.Function<T, String> key, Field<T>... fields) {
        Map<String, T> before = byKey(expected, key);
        Map<String, T> after = byKey(actual, key);
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String k : keys) {
            T e = before.get(k);
            T a = after.get(k);
            if (e == null) {
                out.add(new Difference(kind, k, Change.EXTRA, ""));
            } else if (a == null) {
                out.add(new Difference(kind, k, Change.MISSING, ""));
            } else if (!e.equals(a)) {
                List<String> details = new ArrayList<>();
                for (Field<T> f : fields) {
                    Object was = f.value().apply(e);
                    Object is = f.value().apply(a);
                    if (!Objects.equals(was, is)) {
                        details.add(f.show() ? f.label() + " " + shown(is, was) : f.label());
                    }
                }
                // A difference in a property the fields leave out (such as a table's columns) is listed apart.
                if (!details.isEmpty()) {
                    out.add(new Difference(kind, k, Change.CHANGED, String.join("; ", details)));
                }
            }
        }
    }

    private static <T> Map<String, T> byKey(List<T> items, java.util.function.Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T item : items) {
            map.put(key.apply(item), item);
        }
        return map;
    }

    private static void columns(List<Difference> out, String ownerKind, String owner, List<Column> expected, List<Column> actual,
                                List<Difference> ownerDifferences) {
        if (expected.equals(actual)) {
            return;
        }
        List<Difference> found = new ArrayList<>();
        compare(found, "column", expected, actual, c -> owner + "." + c.name(),
                shown("type", Column::type), field("collation", c -> c.collation()),
                shown("default", c -> c.defaultExpression()), shown("not null", c -> c.notNull()),
                field("identity", c -> c.identity()), field("generated", c -> c.generation()),
                field("comment", c -> c.comment()), field("privileges", c -> c.privileges()));
        out.addAll(found);
        List<String> was = expected.stream().map(Column::name).toList();
        List<String> is = actual.stream().map(Column::name).toList();
        // Only the columns on both sides count: one added at the end leaves the order as it was.
        if (!was.stream().filter(is::contains).toList().equals(is.stream().filter(was::contains).toList())) {
            ownerDifferences.add(new Difference(ownerKind, owner, Change.COLUMN_ORDER,
                    String.join(", ", is) + "; was " + String.join(", ", was)));
        }
    }

    private static <T> List<T> without(List<T> items, Set<QualifiedName> tables,
                                       java.util.function.Function<T, QualifiedName> table) {
        return tables.isEmpty() ? items : items.stream().filter(i -> !tables.contains(table.apply(i))).toList();
    }

    private static QualifiedName owner(dev.schemata.catalog.Sequence sequence) {
        return sequence.ownedBy() == null ? null : sequence.ownedBy().table();
    }

    private static String name(QualifiedName name) {
        return name.schema().equals("public") ? name.name() : name.toString();
    }

    /**
     * Both values, {@code "bigint, was integer"}; long texts (view and index definitions) are cut to the
     * stretch around their first difference, so the difference is what shows.
     */
    private static String shown(Object is, Object was) {
        String a = text(is);
        String b = text(was);
        if (a.length() <= MAX_SHOWN && b.length() <= MAX_SHOWN) {
            return a + ", was " + b;
        }
        int first = 0;
        while (first < a.length() && first < b.length() && a.charAt(first) == b.charAt(first)) {
            first++;
        }
        int start = Math.max(0, first - CONTEXT);
        return excerpt(a, start) + ", was " + excerpt(b, start);
    }

    private static String excerpt(String text, int start) {
        int end = Math.min(text.length(), start + 2 * CONTEXT);
        return (start > 0 ? "…" : "") + text.substring(Math.min(start, text.length()), end) + (end < text.length() ? "…" : "");
    }

    private static String text(Object value) {
        return value == null ? "none" : String.valueOf(value).replaceAll("\\s+", " ").strip();
    }
}
