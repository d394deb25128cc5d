package dev.schemata.diff;

import dev.schemata.catalog.Column;
import dev.schemata.catalog.Index;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.catalog.Table;
import dev.schemata.catalog.View;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the step generators share while one plan is made: the two models, the options, the steps collected
 * per phase, and the facts one generator learns for the next, such as which objects are dropped and created
 * again (they lose their comments, privileges and dependents) and which tables change shape (the views that
 * read them must be recreated). Generators run in a fixed order (see {@link SchemaDiff}) so that each fact is
 * known before it is asked for.
 */
final class DiffContext {
    final SchemaModel from;
    final SchemaModel to;
    final PlanOptions options;

    private final Map<Phase, List<Step>> steps = new EnumMap<>(Phase.class);
    /** Differences no step can make, each said in words (they join the plan's skipped list). */
    private final List<String> unplanned = new ArrayList<>();
    /** Objects that are dropped and created again, by {@link #key}. */
    private final Set<String> recreated = new HashSet<>();
    /** Tables whose columns are dropped, recreated, renamed or change type. */
    private final Set<QualifiedName> reshaped = new HashSet<>();
    /** Columns dropped and added again, by table. */
    private final Map<QualifiedName, Set<String>> recreatedColumns = new HashMap<>();

    final Map<QualifiedName, Table> fromTables = new HashMap<>();
    final Map<QualifiedName, Table> toTables = new HashMap<>();
    final Map<QualifiedName, View> fromViews = new HashMap<>();
    final Map<QualifiedName, View> toViews = new HashMap<>();
    private final Set<QualifiedName> fromForeignTables = new HashSet<>();
    /** Indexes by table: the model's own lookup scans the whole list, too slow per constraint at scale. */
    private final Map<QualifiedName, List<Index>> fromIndexes = new HashMap<>();
    private final Map<QualifiedName, List<Index>> toIndexes = new HashMap<>();

    DiffContext(SchemaModel from, SchemaModel to, PlanOptions options) {
        this.from = from;
        this.to = to;
        this.options = options;
        from.tables().forEach(t -> fromTables.put(t.name(), t));
        to.tables().forEach(t -> toTables.put(t.name(), t));
        from.views().forEach(v -> fromViews.put(v.name(), v));
        to.views().forEach(v -> toViews.put(v.name(), v));
        from.foreignTables().forEach(t -> fromForeignTables.add(t.name()));
        from.indexes().forEach(i -> fromIndexes.computeIfAbsent(i.table(), t -> new ArrayList<>()).add(i));
        to.indexes().forEach(i -> toIndexes.computeIfAbsent(i.table(), t -> new ArrayList<>()).add(i));
    }

    /** The indexes of a table or materialized view in either model, sorted by name. */
    List<Index> indexesOf(SchemaModel model, QualifiedName table) {
        return (model == from ? fromIndexes : toIndexes).getOrDefault(table, List.of());
    }

    // ---------------------------------------------------------------- steps

    void add(Phase phase, Step step) {
        steps.computeIfAbsent(phase, p -> new ArrayList<>()).add(step);
    }

    void add(Phase phase, String sql, Hazard... hazards) {
        add(phase, Step.of(sql, hazards));
    }

    /** A step that locks a table the target already has: it gets the plan's lock timeout. */
    void addLocking(Phase phase, String sql, Hazard... hazards) {
        add(phase, Step.of(sql, hazards).withLockTimeout(options.lockTimeout()));
    }

    void unplanned(String what) {
        unplanned.add(what);
    }

    List<String> unplanned() {
        return List.copyOf(unplanned);
    }

    List<Step> ordered() {
        List<Step> all = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            all.addAll(steps.getOrDefault(phase, List.of()));
        }
        return all;
    }

    // ---------------------------------------------------------------- facts shared between generators

    static String key(String kind, Object... parts) {
        StringBuilder key = new StringBuilder(kind);
        for (Object part : parts) {
            key.append('\u0000').append(part);
        }
        return key.toString();
    }

    void markRecreated(String key) {
        recreated.add(key);
    }

    boolean isRecreated(String key) {
        return recreated.contains(key);
    }

    /** The relation (table, foreign table or view) is created by this plan, or dropped and created again. */
    boolean isNewRelation(QualifiedName name) {
        boolean existed = fromTables.containsKey(name) || fromViews.containsKey(name) || fromForeignTables.contains(name);
        return !existed || isRecreatedRelation(name);
    }

    /** The table or view is dropped and created again; asked of every object on a table, so no key is built when nothing is. */
    private boolean isRecreatedRelation(QualifiedName name) {
        return !recreated.isEmpty() && (isRecreated(key("table", name)) || isRecreated(key("view", name)));
    }

    /** The table or view exists in the target and is dropped (and not created again). */
    boolean isDroppedRelation(QualifiedName name) {
        return (fromTables.containsKey(name) && !toTables.containsKey(name))
                || (fromViews.containsKey(name) && !toViews.containsKey(name));
    }

    /** The table is dropped, or dropped and created again: whatever was on it went with it. */
    boolean isGone(QualifiedName relation) {
        return isDroppedRelation(relation) || isRecreatedRelation(relation);
    }

    void markReshaped(QualifiedName table) {
        reshaped.add(table);
    }

    boolean isReshaped(QualifiedName table) {
        return reshaped.contains(table);
    }

    void markColumnRecreated(QualifiedName table, String column) {
        recreatedColumns.computeIfAbsent(table, t -> new HashSet<>()).add(column);
        markRecreated(key("column", table, column));
        markReshaped(table);
    }

    /** Whether a definition on this table mentions a column that is dropped and added again. */
    boolean mentionsRecreatedColumn(QualifiedName table, String definition) {
        for (String column : recreatedColumns.getOrDefault(table, Set.of())) {
            if (mentions(definition, column)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code text} contains the identifier as a whole word (quoted or not). */
    static boolean mentions(String text, String identifier) {
        return containsWord(text, Identifiers.quote(identifier));
    }

    /** Whether {@code text} contains {@code quoted} not directly between letters, digits, {@code _} or {@code $}. */
    static boolean containsWord(String text, String quoted) {
        int at = text.indexOf(quoted);
        while (at >= 0) {
            int end = at + quoted.length();
            boolean startOk = at == 0 || !isWordChar(text.charAt(at - 1));
            boolean endOk = end >= text.length() || !isWordChar(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            at = text.indexOf(quoted, at + 1);
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** The column of a table in the target, or null. */
    Column fromColumn(QualifiedName table, String name) {
        Table t = fromTables.get(table);
        return t == null ? null : t.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
