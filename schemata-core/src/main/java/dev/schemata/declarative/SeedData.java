package dev.schemata.declarative;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.catalog.Column;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.catalog.Table;
import dev.schemata.diff.Plan;
import dev.schemata.diff.PlanOptions;
import dev.schemata.diff.SchemaDiff;
import dev.schemata.diff.Step;
import dev.schemata.sql.Statement;
import dev.schemata.sql.StatementKind;
import dev.schemata.sql.StatementTargets;
import dev.schemata.sql.Token;
import dev.schemata.sql.TransactionRules;
import dev.schemata.sql.TxMode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rows a schema file writes ({@code INSERT}s of default rows, {@code COPY … FROM stdin}, {@code setval}),
 * which a comparison of schemas cannot see. On a database with no objects of its own the file is run as
 * written; otherwise its data statements for tables the plan creates are carried into the plan, after the
 * schema steps and in the file's order, and the others are listed as not applied, each with its reason.
 *
 * <p>Which tables and sequences a statement writes is read from its tokens ({@link StatementTargets}) and
 * resolved here against both schemas, unqualified names with the {@code search_path} the file sets.
 * A statement whose effect cannot be told from its text ({@code DO}, {@code CALL}, a {@code SELECT} of a
 * function) is never carried; it is listed instead.
 */
final class SeedData {
    private SeedData() {
    }

    /**
     * Whether a database holds nothing of its own: no objects but the {@code public} schema, PL/pgSQL and the
     * tables the plan leaves out (the history table). Any other extension counts as an object, since the file
     * may create it without {@code IF NOT EXISTS}.
     */
    static boolean hasNoObjects(SchemaModel live, PlanOptions options) {
        SchemaModel m = SchemaDiff.without(live, options.ignored());
        return m.schemas().stream().allMatch(s -> s.name().equals("public"))
                && m.extensions().stream().allMatch(e -> e.name().equals("plpgsql"))
                && m.collations().isEmpty() && m.enums().isEmpty() && m.domains().isEmpty() && m.compositeTypes().isEmpty()
                && m.sequences().isEmpty() && m.tables().isEmpty() && m.views().isEmpty() && m.constraints().isEmpty()
                && m.indexes().isEmpty() && m.triggers().isEmpty() && m.policies().isEmpty() && m.functions().isEmpty()
                && m.textSearchDictionaries().isEmpty() && m.textSearchConfigurations().isEmpty()
                && m.aggregates().isEmpty() && m.operators().isEmpty() && m.casts().isEmpty() && m.eventTriggers().isEmpty()
                && m.foreignDataWrappers().isEmpty() && m.foreignServers().isEmpty() && m.userMappings().isEmpty()
                && m.foreignTables().isEmpty() && m.defaultPrivileges().isEmpty() && m.unsupported().isEmpty();
    }

    /**
     * The file as a plan of its own statements, run as written (for a database with no objects of its own).
     * Transaction control in the file (and {@code SET TRANSACTION}) is left out, since the plan is one
     * transaction where PostgreSQL allows.
     */
    static Plan asWritten(SchemaFile file, int major, String checksum) {
        List<Step> steps = new ArrayList<>();
        Set<String> toReset = new LinkedHashSet<>();
        for (Statement st : file.statements()) {
            StatementKind kind = TransactionRules.kind(st);
            if (kind == StatementKind.ROLLBACK) {
                throw new SchemataException(ErrorCode.BAD_INPUT, origin(file, st)
                        + ": ROLLBACK would undo part of the schema file while it is applied; remove it");
            }
            if (kind == StatementKind.BEGIN || kind == StatementKind.COMMIT || StatementTargets.setsTransactionMode(st)) {
                continue;
            }
            if (kind == StatementKind.SETTING) {
                StatementTargets.resetName(st).ifPresent(toReset::add);
            }
            steps.add(step(file, st, major));
        }
        // The history row is written after the file, as the user who connected and with the usual search_path.
        steps.addAll(resets(file, toReset));
        return new Plan(steps, checksum, List.of(), List.of(), true);
    }

    private static List<Step> resets(SchemaFile file, Set<String> names) {
        return names.stream().map(name -> new Step("RESET " + name, List.of(), true, null, null, file.display(), null)).toList();
    }

    /**
     * {@code plan} followed by the file's data for the tables it creates; the file's other data listed as not applied.
     *
     * @param statements the file's statements, as {@link SchemaFile#statements()} splits them
     */
    static Plan carry(Plan plan, SchemaFile file, List<Statement> statements, SchemaModel current, SchemaModel desired,
                      int major) {
        List<List<String>> searchPaths = new ArrayList<>();
        List<String> searchPath = StatementTargets.DEFAULT_SEARCH_PATH;
        for (Statement st : statements) {
            if (TransactionRules.kind(st) == StatementKind.SETTING) {
                searchPath = StatementTargets.searchPath(st).orElse(searchPath);
            }
            searchPaths.add(searchPath);
        }
        List<TriggerDefinition> triggers = triggers(statements, searchPaths, desired);
        List<Step> carried = new ArrayList<>();
        List<Plan.NotApplied> left = new ArrayList<>();
        List<Statement> settings = new ArrayList<>();
        Set<String> toReset = new LinkedHashSet<>();
        for (int i = 0; i < statements.size(); i++) {
            Statement st = statements.get(i);
            StatementKind kind = TransactionRules.kind(st);
            if (kind == StatementKind.SETTING) {
                if (!StatementTargets.setsTransactionMode(st)) {
                    settings.add(st);
                }
                continue;
            }
            if (kind != StatementKind.DATA) {
                continue;
            }
            String reason = reasonNotCarried(st, searchPaths.get(i), current, desired);
            if (reason == null) {
                reason = laterTrigger(st, i, searchPaths.get(i), triggers, desired, current);
            }
            if (reason != null) {
                left.add(new Plan.NotApplied(origin(file, st), st.sql(), reason));
                continue;
            }
            // The settings the file made before this statement (search_path, …) apply to it as they did there.
            for (Statement setting : settings) {
                carried.add(step(file, setting, major));
                StatementTargets.resetName(setting).ifPresent(toReset::add);
            }
            settings.clear();
            carried.add(step(file, st, major));
        }
        carried.addAll(resets(file, toReset));
        return plan.withData(carried, left);
    }

    // ---- triggers the file creates after its rows -------------------------------------------------------------

    /** A {@code CREATE TRIGGER} of the file: where it is, its name, table and events. */
    private record TriggerDefinition(int index, String name, QualifiedName table, Set<String> events) {
    }

    private static List<TriggerDefinition> triggers(List<Statement> statements, List<List<String>> searchPaths,
                                                    SchemaModel desired) {
        List<TriggerDefinition> triggers = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            Optional<StatementTargets.Trigger> trigger = StatementTargets.trigger(statements.get(i));
            if (trigger.isPresent()) {
                Optional<QualifiedName> on = resolveTable(trigger.get().table(), searchPaths.get(i), desired, desired);
                if (on.isPresent()) {
                    triggers.add(new TriggerDefinition(i, trigger.get().name(), on.get(), trigger.get().events()));
                }
            }
        }
        return triggers;
    }

    /**
     * The plan creates every trigger before the carried rows go in. A trigger the file creates only after a
     * statement would then fire for rows it never saw there (a second hashing of a password, say), so such
     * a statement is listed rather than carried.
     */
    private static String laterTrigger(Statement st, int index, List<String> searchPath, List<TriggerDefinition> triggers,
                                       SchemaModel desired, SchemaModel current) {
        Set<String> events = StatementTargets.events(st);
        for (List<String> relation : StatementTargets.written(st).tables()) {
            Optional<QualifiedName> table = resolveTable(relation, searchPath, desired, current);
            for (TriggerDefinition trigger : triggers) {
                if (trigger.index() > index && table.isPresent() && trigger.table().equals(table.get())
                        && trigger.events().stream().anyMatch(events::contains)) {
                    return "the file creates trigger " + trigger.name() + " on " + trigger.table() + " after it, but the "
                            + "plan creates triggers first, so it would fire for these rows; move the CREATE TRIGGER above "
                            + "this statement if it should";
                }
            }
        }
        return null;
    }

    private static Step step(SchemaFile file, Statement st, int major) {
        // A new enum label must be committed before a later statement of the file can use it.
        boolean transactional = TransactionRules.txMode(st, major) == TxMode.ANY && !TransactionRules.addsEnumValue(st);
        return Step.asWritten(st.sql(), st.copyData(), transactional, origin(file, st));
    }

    private static String origin(SchemaFile file, Statement st) {
        return file.display() + ":" + st.line();
    }

    // ---- what a data statement writes ---------------------------------------------------------------------

    /** Null when the statement writes only tables or sequences that the plan creates; else why it is not carried. */
    private static String reasonNotCarried(Statement st, List<String> searchPath, SchemaModel current, SchemaModel desired) {
        List<Token> t = st.codeTokens();
        String first = t.isEmpty() ? "" : t.get(0).text().toUpperCase(Locale.ROOT);
        if (first.equals("CREATE")) {
            return "CREATE TABLE … AS: the plan creates the table from its definition, without the rows of its query";
        }
        if (first.equals("DO") || first.equals("CALL") || first.equals("EXECUTE")) {
            return first + " is not run: its schema changes are in the plan, but the rows it may write cannot be "
                    + "told from its text";
        }
        StatementTargets.Written written = StatementTargets.written(st);
        if (written.isEmpty()) {
            return "what it writes cannot be told from its text (only INSERT, UPDATE, DELETE, MERGE, TRUNCATE, COPY "
                    + "and setval/nextval are carried)";
        }
        for (List<String> name : written.tables()) {
            Optional<QualifiedName> table = resolveTable(name, searchPath, desired, current);
            if (table.isEmpty()) {
                return name.contains("?") ? "which table it writes cannot be told from its text"
                        : "writes " + String.join(".", name) + ", which is not a table of the compared schema";
            }
            if (current.table(table.get()).isPresent()) {
                return "writes " + table.get() + ", which exists already: its rows are left as they are";
            }
        }
        for (List<String> name : written.sequences()) {
            Optional<QualifiedName> sequence = resolveSequence(name, searchPath, desired);
            if (sequence.isEmpty()) {
                return name.contains("?") ? "which sequence it sets cannot be told from its text"
                        : "sets sequence " + String.join(".", name) + ", which is not a sequence of the compared schema";
            }
            if (current.sequence(sequence.get()).isPresent() || ownerExists(sequence.get(), desired, current)) {
                return "sets sequence " + sequence.get() + ", which exists already (or belongs to a table that does): "
                        + "its value is left as it is";
            }
        }
        return null;
    }

    private static Optional<QualifiedName> resolveTable(List<String> name, List<String> searchPath, SchemaModel desired,
                                                        SchemaModel current) {
        for (QualifiedName candidate : candidates(name, searchPath)) {
            if (desired.table(candidate).isPresent() || current.table(candidate).isPresent()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<QualifiedName> resolveSequence(List<String> name, List<String> searchPath, SchemaModel desired) {
        for (QualifiedName candidate : candidates(name, searchPath)) {
            if (desired.sequence(candidate).isPresent() || identityOwner(candidate, desired).isPresent()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Whether the table owning the sequence (by OWNED BY or as its identity) exists already. */
    private static boolean ownerExists(QualifiedName sequence, SchemaModel desired, SchemaModel current) {
        Optional<QualifiedName> owner = desired.sequence(sequence).filter(s -> s.ownedBy() != null).map(s -> s.ownedBy().table())
                .or(() -> identityOwner(sequence, desired));
        return owner.isPresent() && current.table(owner.get()).isPresent();
    }

    /** The table whose identity column's sequence has PostgreSQL's default name {@code table_column_seq}. */
    private static Optional<QualifiedName> identityOwner(QualifiedName sequence, SchemaModel model) {
        for (Table table : model.tables()) {
            if (!table.name().schema().equals(sequence.schema())) {
                continue;
            }
            for (Column column : table.columns()) {
                if (column.identity() != null
                        && sequence.name().equals(table.name().name() + "_" + column.name() + "_seq")) {
                    return Optional.of(table.name());
                }
            }
        }
        return Optional.empty();
    }

    private static List<QualifiedName> candidates(List<String> name, List<String> searchPath) {
        if (name.size() == 2) {
            return List.of(new QualifiedName(name.get(0), name.get(1)));
        }
        return searchPath.stream().map(schema -> new QualifiedName(schema, name.get(0))).toList();
    }

}
