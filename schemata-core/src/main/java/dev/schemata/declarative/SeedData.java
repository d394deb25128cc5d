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
import dev.schemata.sql.Token;
import dev.schemata.sql.TokenType;
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
 * <p>Which table a statement writes is read from its tokens: {@code INSERT INTO t}, {@code UPDATE t},
 * {@code DELETE FROM t}, {@code MERGE INTO t}, {@code TRUNCATE t}, {@code COPY t}, and the sequence of
 * {@code setval}/{@code nextval}. Unqualified names are resolved with the {@code search_path} the file sets.
 * A statement whose effect cannot be told from its text ({@code DO}, {@code CALL}, a {@code SELECT} of a
 * function) is never carried; it is listed instead.
 */
final class SeedData {
    private static final List<String> DEFAULT_SEARCH_PATH = List.of("public");

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
                && m.unsupported().isEmpty();
    }

    /**
     * The file as a plan of its own statements, run as written (for a database with no objects of its own).
     * Transaction control in the file is left out, since the plan is one transaction where PostgreSQL allows.
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
            if (kind == StatementKind.BEGIN || kind == StatementKind.COMMIT) {
                continue;
            }
            if (kind == StatementKind.SETTING) {
                resetName(st).ifPresent(toReset::add);
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

    /** {@code plan} followed by the file's data for the tables it creates; the file's other data listed as not applied. */
    static Plan carry(Plan plan, SchemaFile file, SchemaModel current, SchemaModel desired, int major) {
        List<Statement> statements = file.statements();
        List<List<String>> searchPaths = new ArrayList<>();
        List<String> searchPath = DEFAULT_SEARCH_PATH;
        for (Statement st : statements) {
            if (TransactionRules.kind(st) == StatementKind.SETTING) {
                searchPath = searchPath(st).orElse(searchPath);
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
                settings.add(st);
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
                resetName(setting).ifPresent(toReset::add);
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
            List<Token> t = statements.get(i).codeTokens();
            int k = is(t, 1, "OR") && is(t, 2, "REPLACE") ? 3 : 1;
            k = is(t, k, "CONSTRAINT") ? k + 1 : k;
            if (!is(t, 0, "CREATE") || !is(t, k, "TRIGGER") || k + 1 >= t.size()) {
                continue;
            }
            String name = identifier(t.get(k + 1));
            Set<String> events = new LinkedHashSet<>();
            for (int j = k + 2; j < t.size(); j++) {
                if (is(t, j, "ON")) {
                    List<List<String>> table = new ArrayList<>();
                    name(t, j + 1, table);
                    Optional<QualifiedName> on = resolveTable(table.get(0), searchPaths.get(i), desired, desired);
                    if (on.isPresent()) {
                        triggers.add(new TriggerDefinition(i, name, on.get(), events));
                    }
                    break;
                }
                for (String event : List.of("INSERT", "UPDATE", "DELETE", "TRUNCATE")) {
                    if (is(t, j, event)) {
                        events.add(event);
                    }
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
        List<Token> t = st.codeTokens();
        Set<String> events = events(t);
        List<List<String>> relations = new ArrayList<>();
        written(t, relations, new ArrayList<>());
        for (List<String> relation : relations) {
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

    /** The trigger events a data statement can fire. */
    private static Set<String> events(List<Token> t) {
        return switch (word(t, 0)) {
            case "INSERT", "COPY" -> hasWords(t, "DO", "UPDATE") ? Set.of("INSERT", "UPDATE") : Set.of("INSERT");
            case "UPDATE" -> Set.of("UPDATE");
            case "DELETE" -> Set.of("DELETE");
            case "TRUNCATE" -> Set.of("TRUNCATE");
            case "MERGE", "WITH" -> Set.of("INSERT", "UPDATE", "DELETE");
            default -> Set.of();
        };
    }

    private static boolean hasWords(List<Token> t, String first, String second) {
        for (int i = 0; i + 1 < t.size(); i++) {
            if (is(t, i, first) && is(t, i + 1, second)) {
                return true;
            }
        }
        return false;
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
        String first = word(t, 0);
        List<List<String>> relations = new ArrayList<>();
        List<List<String>> sequences = new ArrayList<>();
        if (first.equals("CREATE")) {
            return "CREATE TABLE … AS: the plan creates the table from its definition, without the rows of its query";
        }
        if (first.equals("DO") || first.equals("CALL") || first.equals("EXECUTE")) {
            return first + " is not run: its schema changes are in the plan, but the rows it may write cannot be "
                    + "told from its text";
        }
        written(t, relations, sequences);
        if (relations.isEmpty() && sequences.isEmpty()) {
            return "what it writes cannot be told from its text (only INSERT, UPDATE, DELETE, MERGE, TRUNCATE, COPY "
                    + "and setval/nextval are carried)";
        }
        for (List<String> name : relations) {
            Optional<QualifiedName> table = resolveTable(name, searchPath, desired, current);
            if (table.isEmpty()) {
                return name.contains("?") ? "which table it writes cannot be told from its text"
                        : "writes " + String.join(".", name) + ", which is not a table of the compared schema";
            }
            if (current.table(table.get()).isPresent()) {
                return "writes " + table.get() + ", which exists already: its rows are left as they are";
            }
        }
        for (List<String> name : sequences) {
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

    /** The relations and sequences a data statement writes, as written (one or two name parts each). */
    private static void written(List<Token> t, List<List<String>> relations, List<List<String>> sequences) {
        String first = word(t, 0);
        if (first.equals("TRUNCATE")) {
            int i = is(t, 1, "TABLE") ? 2 : 1;
            while (i < t.size()) {
                if (is(t, i, "ONLY")) {
                    i++;
                }
                i = name(t, i, relations);
                if (is(t, i, "*")) {
                    i++;
                }
                if (!is(t, i, ",")) {
                    break;
                }
                i++;
            }
            return;
        }
        if (first.equals("COPY")) {
            name(t, 1, relations);
            return;
        }
        for (int i = 0; i < t.size(); i++) {
            if (is(t, i, "INSERT") && is(t, i + 1, "INTO")) {
                name(t, i + 2, relations);
            } else if (is(t, i, "DELETE") && is(t, i + 1, "FROM")) {
                name(t, is(t, i + 2, "ONLY") ? i + 3 : i + 2, relations);
            } else if (is(t, i, "MERGE") && is(t, i + 1, "INTO")) {
                name(t, is(t, i + 2, "ONLY") ? i + 3 : i + 2, relations);
            } else if (is(t, i, "UPDATE") && !(i > 0 && (is(t, i - 1, "FOR") || is(t, i - 1, "KEY") || is(t, i - 1, "DO")
                    || is(t, i - 1, "THEN")))) {
                // not ON CONFLICT DO UPDATE, MERGE's THEN UPDATE or FOR [NO KEY] UPDATE
                name(t, is(t, i + 1, "ONLY") ? i + 2 : i + 1, relations);
            } else if ((is(t, i, "setval") || is(t, i, "nextval")) && is(t, i + 1, "(")) {
                sequenceArgument(t, i + 2, relations, sequences);
            }
        }
    }

    /** setval('seq', …) or setval(pg_get_serial_sequence('table', 'column'), …). */
    private static void sequenceArgument(List<Token> t, int i, List<List<String>> relations, List<List<String>> sequences) {
        if (i < t.size() && t.get(i).type() == TokenType.STRING) {
            sequences.add(literalName(t.get(i).text()));
            return;
        }
        int call = is(t, i, "pg_catalog") && is(t, i + 1, ".") ? i + 2 : i;
        if (is(t, call, "pg_get_serial_sequence") && is(t, call + 1, "(") && call + 2 < t.size()
                && t.get(call + 2).type() == TokenType.STRING) {
            relations.add(literalName(t.get(call + 2).text()));
        } else {
            sequences.add(List.of("?"));
        }
    }

    /** Reads {@code name} or {@code schema.name} at {@code i}; returns the index after it. */
    private static int name(List<Token> t, int i, List<List<String>> into) {
        List<String> parts = new ArrayList<>();
        while (i < t.size() && (t.get(i).type() == TokenType.WORD || t.get(i).type() == TokenType.QUOTED_IDENT)) {
            parts.add(identifier(t.get(i)));
            if (!is(t, i + 1, ".")) {
                i++;
                break;
            }
            i += 2;
        }
        into.add(parts.isEmpty() ? List.of("?") : parts.subList(Math.max(0, parts.size() - 2), parts.size()));
        return i;
    }

    private static String identifier(Token token) {
        if (token.type() == TokenType.QUOTED_IDENT && token.text().startsWith("\"")) {
            return token.text().substring(1, token.text().length() - 1).replace("\"\"", "\"");
        }
        return token.text().toLowerCase(Locale.ROOT);
    }

    /** A regclass literal such as {@code 'public.users_id_seq'} or {@code '"Odd"."Name"'}, split into its parts. */
    private static List<String> literalName(String literal) {
        String text = literal.substring(1, literal.length() - 1).replace("''", "'");
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == '.' && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(quoted ? ch : Character.toLowerCase(ch));
            }
        }
        parts.add(part.toString().strip());
        return parts.subList(Math.max(0, parts.size() - 2), parts.size());
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

    // ---- settings ---------------------------------------------------------------------------------------------

    /** The search_path a SET, RESET or set_config statement leaves, if it is about search_path. */
    private static Optional<List<String>> searchPath(Statement st) {
        List<Token> t = st.codeTokens();
        if (is(t, 0, "RESET") && (is(t, 1, "search_path") || is(t, 1, "ALL"))) {
            return Optional.of(DEFAULT_SEARCH_PATH);
        }
        if (is(t, 0, "SET")) {
            int i = is(t, 1, "SESSION") || is(t, 1, "LOCAL") ? 2 : 1;
            if (!is(t, i, "search_path") || !(is(t, i + 1, "TO") || is(t, i + 1, "="))) {
                return Optional.empty();
            }
            if (is(t, i + 2, "DEFAULT")) {
                return Optional.of(DEFAULT_SEARCH_PATH);
            }
            List<String> schemas = new ArrayList<>();
            for (int j = i + 2; j < t.size(); j++) {
                Token token = t.get(j);
                if (token.type() == TokenType.STRING) {
                    schemas.addAll(literalList(token.text()));
                } else if (token.type() == TokenType.WORD || token.type() == TokenType.QUOTED_IDENT) {
                    schemas.add(identifier(token));
                }
            }
            return Optional.of(schemas);
        }
        if (is(t, 0, "SELECT") && t.size() > 5) {
            for (int j = 1; j + 1 < t.size(); j++) {
                if (t.get(j).type() == TokenType.STRING && t.get(j).text().equalsIgnoreCase("'search_path'")
                        && is(t, j + 1, ",") && j + 2 < t.size() && t.get(j + 2).type() == TokenType.STRING) {
                    return Optional.of(literalList(t.get(j + 2).text()));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code 'a, "B"'} as a list of schema names; {@code $user} is left out. */
    private static List<String> literalList(String literal) {
        List<String> schemas = new ArrayList<>();
        for (String item : literal.substring(1, literal.length() - 1).split(",")) {
            String s = item.strip();
            if (s.isEmpty() || s.equals("\"$user\"") || s.equals("$user")) {
                continue;
            }
            schemas.add(s.startsWith("\"") && s.endsWith("\"") && s.length() > 1 ? s.substring(1, s.length() - 1)
                    : s.toLowerCase(Locale.ROOT));
        }
        return schemas;
    }

    /** What to RESET after the carried data so a session setting of the file does not outlast it. */
    private static Optional<String> resetName(Statement st) {
        List<Token> t = st.codeTokens();
        if (is(t, 0, "SET")) {
            if (is(t, 1, "LOCAL") || is(t, 1, "TRANSACTION") || is(t, 1, "CONSTRAINTS")
                    || is(t, 1, "SESSION") && is(t, 2, "CHARACTERISTICS")) {
                return Optional.empty();
            }
            int i = is(t, 1, "SESSION") && !is(t, 2, "AUTHORIZATION") ? 2 : 1;
            if (is(t, i, "TIME") && is(t, i + 1, "ZONE")) {
                return Optional.of("TIME ZONE");
            }
            if (is(t, i, "SESSION") && is(t, i + 1, "AUTHORIZATION")) {
                return Optional.of("SESSION AUTHORIZATION");
            }
            StringBuilder name = new StringBuilder();
            for (int j = i; j < t.size() && !is(t, j, "TO") && !is(t, j, "="); j++) {
                name.append(t.get(j).text());
            }
            return name.isEmpty() ? Optional.empty() : Optional.of(name.toString());
        }
        if (is(t, 0, "SELECT")) {
            // set_config('name', 'value', false); true would make it local to the transaction
            for (int j = 1; j + 4 < t.size(); j++) {
                if (t.get(j).type() == TokenType.STRING && is(t, j + 1, ",") && is(t, j + 3, ",") && is(t, j + 4, "false")) {
                    String name = t.get(j).text().substring(1, t.get(j).text().length() - 1);
                    return name.matches("[A-Za-z_][A-Za-z0-9_.]*") ? Optional.of(name) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    // ---- token helpers ----------------------------------------------------------------------------------------

    private static String word(List<Token> t, int index) {
        return index < t.size() && t.get(index).type() == TokenType.WORD ? t.get(index).text().toUpperCase(Locale.ROOT) : "";
    }

    private static boolean is(List<Token> t, int index, String text) {
        return index < t.size() && (t.get(index).isKeyword(text) || t.get(index).isSymbol(text));
    }
}
