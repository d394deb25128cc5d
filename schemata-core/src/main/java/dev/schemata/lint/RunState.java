package dev.schemata.lint;

import dev.schemata.lint.StatementFacts.Action;
import dev.schemata.lint.StatementFacts.Column;
import dev.schemata.lint.StatementFacts.Constraint;
import dev.schemata.lint.StatementFacts.ConstraintKind;
import dev.schemata.lint.StatementFacts.Flag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the statements read so far in a run have done: which relations they created, renamed or dropped,
 * which column types, indexes, checks and enum labels they defined. The rules ask it before the database,
 * because the database describes the state before the run.
 */
final class RunState {
    private final DatabaseFacts database;
    /** Relations (tables, views, indexes) created in the run, by {@link RelationName#key()}. */
    private final Set<String> created = new HashSet<>();
    /** Relations dropped in the run and not created again. */
    private final Set<String> dropped = new HashSet<>();
    /** A relation renamed in the run: its new key to the name it has in the database. */
    private final Map<String, RelationName> renamedFrom = new HashMap<>();
    private final Map<String, RelationName> indexTables = new HashMap<>();
    private final Set<String> partitioned = new HashSet<>();
    private final Set<String> schemas = new HashSet<>();
    private final Map<String, Map<String, TypeName>> columnTypes = new HashMap<>();
    /** Table key to columns a validated CHECK (column IS NOT NULL) covers. */
    private final Map<String, Set<String>> checkedNotNull = new HashMap<>();
    /** NOT VALID checks of the form CHECK (column IS NOT NULL): table key + "/" + constraint name to column. */
    private final Map<String, String> pendingNotNullChecks = new HashMap<>();
    /** Table key to the column lists of indexes created in the run (primary keys and unique constraints too). */
    private final Map<String, List<List<String>>> indexes = new HashMap<>();
    /** Enum type key to its labels, as the run defines them. */
    private final Map<String, List<String>> enums = new HashMap<>();
    /** Enum type key to the labels it had before the run renamed it away or dropped it. */
    private final Map<String, List<String>> formerEnums = new HashMap<>();
    /** Functions declared IMMUTABLE or STABLE in the run, by unqualified name. */
    private final Set<String> stableFunctions = new HashSet<>();

    RunState(DatabaseFacts database) {
        this.database = database;
    }

    boolean isCreated(RelationName name) {
        return created.contains(name.key());
    }

    boolean isDropped(RelationName name) {
        return dropped.contains(name.key());
    }

    boolean isSchemaCreated(String schema) {
        return schemas.contains(schema);
    }

    /** The name to look the relation up by in the database (its name before a rename in this run). */
    RelationName databaseName(RelationName name) {
        return renamedFrom.getOrDefault(name.key(), name);
    }

    /** The table of an index created in the run, or null. */
    RelationName indexTable(RelationName index) {
        return indexTables.get(index.key());
    }

    boolean isPartitioned(RelationName table) {
        return partitioned.contains(table.key());
    }

    TypeName columnType(RelationName table, String column) {
        Map<String, TypeName> types = columnTypes.get(table.key());
        return types == null ? null : types.get(column);
    }

    boolean hasCheckedNotNull(RelationName table, String column) {
        return checkedNotNull.getOrDefault(table.key(), Set.of()).contains(column);
    }

    List<List<String>> indexes(RelationName table) {
        return indexes.getOrDefault(table.key(), List.of());
    }

    boolean isStable(String function) {
        return stableFunctions.contains(function);
    }

    /** The labels an enum had before this run renamed it away or dropped it, if known. */
    List<String> formerEnum(RelationName type) {
        return formerEnums.get(type.key());
    }

    /**
     * Ends a file whose changes count as applied long ago: the relations and schemas it created exist from
     * now on, like any table the lint did not see created. What it defined stays known.
     */
    void treatCreatedAsExisting() {
        created.clear();
        schemas.clear();
    }

    // ---- applying a statement ---------------------------------------------------------------------------

    /** Records what {@code f} does, after the rules have looked at it. */
    void apply(StatementFacts f) {
        switch (f.verb()) {
            case CREATE -> create(f);
            case ALTER -> alter(f);
            case DROP -> drop(f);
            default -> {
            }
        }
    }

    private void create(StatementFacts f) {
        switch (f.object()) {
            case "TABLE", "VIEW", "MATERIALIZED VIEW", "FOREIGN TABLE", "SEQUENCE" -> {
                RelationName name = f.names().isEmpty() ? null : f.names().get(0);
                // IF NOT EXISTS usually creates (static lint assumes so); OR REPLACE usually replaces.
                if (name == null || f.has(Flag.IF_NOT_EXISTS) && existsBefore(name)
                        || f.has(Flag.OR_REPLACE) && (database == null || existsBefore(name))) {
                    return;
                }
                markCreated(name);
                if (f.has(Flag.PARTITIONED)) {
                    partitioned.add(name.key());
                }
                Map<String, TypeName> types = new HashMap<>();
                for (Column column : f.columns()) {
                    if (column.type() != null) {
                        types.put(column.name(), column.type());
                    }
                    if (column.primaryKey() || column.unique()) {
                        addIndex(name, List.of(column.name()));
                    }
                }
                columnTypes.put(name.key(), types);
                for (Constraint constraint : f.constraints()) {
                    addConstraint(name, constraint);
                }
            }
            case "INDEX" -> {
                if (f.table() == null) {
                    return;
                }
                addIndex(f.table(), f.items());
                if (!f.names().isEmpty()) {
                    RelationName index = qualifiedLike(f.names().get(0), f.table());
                    if (!(f.has(Flag.IF_NOT_EXISTS) && existsBefore(index))) {
                        markCreated(index);
                        indexTables.put(index.key(), f.table());
                    }
                }
            }
            case "SCHEMA" -> {
                if (!f.names().isEmpty()) {
                    schemas.add(f.names().get(0).name());
                }
            }
            case "TYPE" -> {
                if (!f.names().isEmpty() && !f.items().isEmpty()) {
                    enums.put(f.names().get(0).key(), new ArrayList<>(f.items()));
                }
            }
            case "FUNCTION" -> {
                if (!f.names().isEmpty() && (f.items().contains("IMMUTABLE") || f.items().contains("STABLE"))) {
                    stableFunctions.add(f.names().get(0).name());
                }
            }
            default -> {
            }
        }
    }

    private void alter(StatementFacts f) {
        RelationName name = f.names().isEmpty() ? null : f.names().get(0);
        if (name == null) {
            return;
        }
        if (f.object().equals("TYPE")) {
            alterType(name, f.actions());
            return;
        }
        for (Action action : f.actions()) {
            switch (action.kind()) {
                case RENAME_TABLE -> {
                    if (action.newName() != null) {
                        rename(name, new RelationName(name.schema(), action.newName()));
                    }
                }
                case ADD_COLUMN -> {
                    Column column = action.definition();
                    if (column != null && column.type() != null) {
                        columnTypes.computeIfAbsent(name.key(), k -> new HashMap<>()).put(column.name(), column.type());
                    }
                    if (column != null && (column.primaryKey() || column.unique())) {
                        addIndex(name, List.of(column.name()));
                    }
                }
                case RENAME_COLUMN -> {
                    Map<String, TypeName> types = columnTypes.get(name.key());
                    if (types != null && action.column() != null && action.newName() != null
                            && types.containsKey(action.column())) {
                        types.put(action.newName(), types.remove(action.column()));
                    }
                }
                case ALTER_TYPE -> {
                    if (action.type() != null && action.column() != null) {
                        columnTypes.computeIfAbsent(name.key(), k -> new HashMap<>()).put(action.column(), action.type());
                    }
                }
                case ADD_CONSTRAINT -> addConstraint(name, action.constraint());
                case VALIDATE_CONSTRAINT -> {
                    String column = pendingNotNullChecks.remove(name.key() + "/" + action.column());
                    if (column != null) {
                        checkedNotNull.computeIfAbsent(name.key(), k -> new HashSet<>()).add(column);
                    }
                }
                default -> {
                }
            }
        }
    }

    private void alterType(RelationName type, List<Action> actions) {
        for (Action action : actions) {
            switch (action.kind()) {
                case RENAME_TABLE -> {
                    List<String> labels = labels(type);
                    if (labels != null) {
                        formerEnums.put(type.key(), labels);
                        enums.remove(type.key());
                        if (action.newName() != null) {
                            enums.put(new RelationName(type.schema(), action.newName()).key(), labels);
                        }
                    }
                }
                case ADD_VALUE_END, ADD_VALUE_BEFORE, ADD_VALUE_AFTER -> {
                    List<String> labels = labels(type);
                    if (labels == null || action.newName() == null || labels.contains(action.newName())) {
                        continue;
                    }
                    List<String> changed = new ArrayList<>(labels);
                    int at = action.column() == null ? -1 : changed.indexOf(action.column());
                    if (at < 0 || action.kind() == StatementFacts.ActionKind.ADD_VALUE_END) {
                        changed.add(action.newName());
                    } else {
                        changed.add(action.kind() == StatementFacts.ActionKind.ADD_VALUE_BEFORE ? at : at + 1,
                                action.newName());
                    }
                    enums.put(type.key(), changed);
                }
                default -> {
                }
            }
        }
    }

    private void drop(StatementFacts f) {
        for (RelationName name : f.names()) {
            if (f.object().equals("TYPE")) {
                List<String> labels = labels(name);
                if (labels != null) {
                    formerEnums.put(name.key(), labels);
                }
                enums.remove(name.key());
                continue;
            }
            if (f.object().equals("SCHEMA")) {
                schemas.remove(name.name());
                continue;
            }
            created.remove(name.key());
            dropped.add(name.key());
            columnTypes.remove(name.key());
            indexes.remove(name.key());
            partitioned.remove(name.key());
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private void markCreated(RelationName name) {
        created.add(name.key());
        dropped.remove(name.key());
        renamedFrom.remove(name.key());
    }

    private void rename(RelationName from, RelationName to) {
        if (created.remove(from.key())) {
            created.add(to.key());
        } else {
            renamedFrom.put(to.key(), databaseName(from));
        }
        dropped.add(from.key());
        dropped.remove(to.key());
        move(columnTypes, from, to);
        move(indexes, from, to);
        move(checkedNotNull, from, to);
        if (partitioned.remove(from.key())) {
            partitioned.add(to.key());
        }
    }

    private static <V> void move(Map<String, V> map, RelationName from, RelationName to) {
        V value = map.remove(from.key());
        if (value != null) {
            map.put(to.key(), value);
        }
    }

    private void addConstraint(RelationName table, Constraint constraint) {
        if (constraint == null) {
            return;
        }
        if ((constraint.kind() == ConstraintKind.PRIMARY_KEY || constraint.kind() == ConstraintKind.UNIQUE)
                && !constraint.columns().isEmpty()) {
            addIndex(table, constraint.columns());
        }
        if (constraint.kind() == ConstraintKind.CHECK || constraint.kind() == ConstraintKind.NOT_NULL) {
            String column = constraint.kind() == ConstraintKind.NOT_NULL
                    ? (constraint.columns().isEmpty() ? null : constraint.columns().get(0))
                    : DatabaseFacts.isNotNullCheck(constraint.body());
            if (column == null) {
                return;
            }
            if (!constraint.notValid()) {
                checkedNotNull.computeIfAbsent(table.key(), k -> new HashSet<>()).add(column);
            } else if (constraint.name() != null) {
                pendingNotNullChecks.put(table.key() + "/" + constraint.name(), column);
            }
        }
    }

    private void addIndex(RelationName table, List<String> columns) {
        indexes.computeIfAbsent(table.key(), k -> new ArrayList<>()).add(List.copyOf(columns));
    }

    /** An unqualified index name lives in its table's schema. */
    private static RelationName qualifiedLike(RelationName index, RelationName table) {
        return index.schema() == null && table.schema() != null ? new RelationName(table.schema(), index.name()) : index;
    }

    /** Whether the database had the relation before the run (false without a database). */
    private boolean existsBefore(RelationName name) {
        return database != null && database.relations().containsKey(databaseName(name));
    }

    private List<String> labels(RelationName type) {
        List<String> labels = enums.get(type.key());
        if (labels == null && database != null) {
            labels = database.enums().get(type);
        }
        return labels;
    }
}
