package dev.schemata.models;

import dev.schemata.catalog.Column;
import dev.schemata.catalog.Constraint;
import dev.schemata.catalog.EnumType;
import dev.schemata.catalog.Identity;
import dev.schemata.catalog.Index;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.catalog.Sequence;
import dev.schemata.catalog.Table;
import dev.schemata.declarative.DeclarativePlanner;
import dev.schemata.declarative.SchemaFile;
import dev.schemata.declarative.SchemaLoader;
import dev.schemata.declarative.SchemaSource;
import dev.schemata.diff.PlanOptions;
import dev.schemata.diff.SchemaDiff;
import dev.schemata.models.Finding.Severity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a reference schema against what the models expect. Both sides are catalog models read by the same
 * server ({@link SchemaLoader}), so types, defaults and definitions are compared as PostgreSQL prints them.
 *
 * <p>The migration that closes the gap is planned by the one schema comparison ({@link SchemaDiff}, see
 * {@link ModelMigration}); this check reads the same two models from the models' side instead: objects are
 * matched by what they do (a key on these columns, an index on these keys) rather than by name, because an
 * ORM names its constraints and indexes its own way, and each difference gets a severity saying what breaks.
 */
public final class ModelCheck {
    private static final Pattern CAST = Pattern.compile("::(?:\"[^\"]+\"|[a-z_][a-z0-9_]*(?: (?:varying|precision|"
            + "without time zone|with time zone))?)(?:\\(\\d+(?:,\\s*\\d+)?\\))?(?:\\[\\])*");
    private static final Pattern WRAPPED_TERM = Pattern.compile("\\(\\s*([\\w.]+|'(?:[^']|'')*'|ARRAY\\[[^\\[\\]]*\\])\\s*\\)");
    private static final Set<String> BOUNDED_TEXT = Set.of("character varying", "varchar");
    private static final Set<String> UNBOUNDED_TEXT = Set.of("text", "character varying", "varchar");
    private static final Pattern MODIFIED_TYPE = Pattern.compile("^(.+?)\\((\\d+)(?:,(\\d+))?\\)(.*)$");

    private ModelCheck() {
    }

    /**
     * @param models      how the models were obtained
     * @param reference   what they were compared with
     * @param findings    every difference not suppressed, errors first
     * @param notCompared objects of the models' DDL this check does not look at (views, functions, …)
     * @param unusedIgnores suppressions that matched nothing (a typo, or a difference fixed since)
     * @param locations   where the models declare what each finding is about, where known
     */
    public record Report(String models, String reference, List<Finding> findings, List<String> notCompared,
                         int suppressed, List<String> unusedIgnores, ModelLocations locations) {
        public Report {
            findings = List.copyOf(findings);
            notCompared = List.copyOf(notCompared);
            unusedIgnores = List.copyOf(unusedIgnores);
        }

        public long count(Severity severity) {
            return findings.stream().filter(f -> f.severity() == severity).count();
        }

        /** No error: nothing that makes the application fail. */
        public boolean passed() {
            return count(Severity.ERROR) == 0;
        }
    }

    /**
     * Loads the models' DDL and the reference, and compares them.
     *
     * @param ignored    suppressions, as {@code table.column}, {@code schema.table.column}, {@code table} or {@code schema.table}
     * @param scratchDir where a command's DDL is kept while it is loaded
     */
    public static Report check(SchemaLoader loader, ModelsSource models, SchemaSource reference, List<String> ignored,
                               Path scratchDir) {
        Loaded loaded = load(loader, models, reference, scratchDir);
        Suppressions suppressions = new Suppressions(ignored);
        List<Finding> all = compare(loaded.models(), loaded.reference());
        List<Finding> kept = all.stream().filter(f -> !suppressions.matches(f)).toList();
        return new Report(models.describe(), reference.describe(), kept, notCompared(loaded.models()),
                all.size() - kept.size(), suppressions.unused(), loaded.locations());
    }

    /** Both models, the reference without Schemata's own tables, and where the models' objects are declared. */
    record Loaded(SchemaModel models, SchemaModel reference, ModelLocations locations) {
    }

    static Loaded load(SchemaLoader loader, ModelsSource models, SchemaSource reference, Path scratchDir) {
        SchemaFile ddl = models.ddl(scratchDir);
        try {
            // A live reference first: it fixes the server version the models' DDL is loaded with.
            SchemaModel ref = loader.load(reference);
            SchemaModel expected = loader.load(new SchemaSource.File(ddl));
            PlanOptions own = DeclarativePlanner.withoutOwnTables(PlanOptions.defaults(), loader);
            ModelLocations locations = ModelLocations.read(ddl.path(),
                    models instanceof ModelsSource.DdlFile file ? file.display() : null, models.workDir());
            return new Loaded(expected, SchemaDiff.without(ref, own.ignored()), locations);
        } finally {
            discard(models, ddl);
        }
    }

    /** Deletes the DDL a command printed once it is loaded; a user's own file is kept. */
    static void discard(ModelsSource models, SchemaFile ddl) {
        if (models instanceof ModelsSource.DdlCommand || models instanceof ModelsSource.Jpa) {
            try {
                Files.deleteIfExists(ddl.path());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Every difference between the two models, from the models' side, errors first. */
    public static List<Finding> compare(SchemaModel models, SchemaModel reference) {
        List<Finding> findings = new ArrayList<>();
        for (EnumType type : models.enums()) {
            compareEnum(type, reference, findings);
        }
        for (Sequence sequence : models.sequences()) {
            if (sequence.ownedBy() == null) {
                compareSequence(sequence, reference, findings);
            }
        }
        for (Table table : models.tables()) {
            Optional<Table> actual = reference.table(table.name());
            if (actual.isEmpty()) {
                findings.add(new Finding(Severity.ERROR, "missing-table", table.name().toString(), null,
                        "the models map this table, the database has no such table", null, null));
                continue;
            }
            compareColumns(table, actual.get(), findings);
            compareGeneration(table, actual.get(), models, reference, findings);
            compareKeys(table.name(), models, reference, findings);
            compareIndexes(table.name(), models, reference, findings);
        }
        Set<QualifiedName> mapped = models.tables().stream().map(Table::name).collect(Collectors.toSet());
        for (Table table : reference.tables()) {
            if (!mapped.contains(table.name()) && table.partitionOf() == null) {
                findings.add(new Finding(Severity.INFO, "extra-table", table.name().toString(), null,
                        "no model maps this table", null, null));
            }
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(java.util.Comparator.comparing(Finding::severity));
        return sorted;
    }

    private static void compareEnum(EnumType type, SchemaModel reference, List<Finding> findings) {
        String name = type.name().toString();
        Optional<EnumType> actual = reference.enums().stream().filter(e -> e.name().equals(type.name())).findFirst();
        if (actual.isEmpty()) {
            findings.add(new Finding(Severity.ERROR, "missing-enum", name, null,
                    "the models use this enum type, the database has no such type", String.join(", ", type.labels()), null));
        } else if (!actual.get().labels().containsAll(type.labels())) {
            List<String> missing = type.labels().stream().filter(l -> !actual.get().labels().contains(l)).toList();
            findings.add(new Finding(Severity.ERROR, "enum-values", name, null, "the database lacks the value(s) "
                    + String.join(", ", missing) + " the models may write", String.join(", ", type.labels()),
                    String.join(", ", actual.get().labels())));
        } else if (!actual.get().labels().equals(type.labels())) {
            findings.add(new Finding(Severity.INFO, "enum-values", name, null, "the database's values differ in order "
                    + "or has more values than the models know", String.join(", ", type.labels()),
                    String.join(", ", actual.get().labels())));
        }
    }

    /**
     * A sequence of its own, from which the models draw keys (JPA's {@code <entity>_seq}): without it inserts
     * fail, and with another increment the blocks of keys the models reserve (the allocation size) collide.
     */
    private static void compareSequence(Sequence sequence, SchemaModel reference, List<Finding> findings) {
        String name = sequence.name().toString();
        Optional<Sequence> actual = reference.sequence(sequence.name());
        long increment = sequence.options().increment();
        if (actual.isEmpty()) {
            findings.add(new Finding(Severity.ERROR, "missing-sequence", name, null, "the models draw values from this "
                    + "sequence, the database has no such sequence: inserts fail", "INCREMENT " + increment, null));
        } else if (actual.get().options().increment() != increment) {
            findings.add(new Finding(Severity.ERROR, "increment", name, null, "the sequence steps by another increment "
                    + "than the models expect: keys the models reserve can collide", "INCREMENT " + increment,
                    "INCREMENT " + actual.get().options().increment()));
        }
    }

    private static void compareColumns(Table model, Table actual, List<Finding> findings) {
        String table = model.name().toString();
        Map<String, Column> columns = new LinkedHashMap<>();
        actual.columns().forEach(c -> columns.put(c.name(), c));
        for (Column wanted : model.columns()) {
            Column found = columns.remove(wanted.name());
            if (found == null) {
                findings.add(new Finding(Severity.ERROR, "missing-column", table, wanted.name(),
                        "the models read and write this column, the database has no such column", wanted.type(), null));
                continue;
            }
            if (!wanted.type().equals(found.type())) {
                boolean wider = wider(found.type(), wanted.type());
                findings.add(new Finding(wider ? Severity.WARNING : Severity.ERROR, "type", table, wanted.name(),
                        wider ? "the database's type is wider than the models': values fit, but the models may cut "
                                + "longer values read back"
                                : "the models expect another type: writes may fail or lose digits or characters, reads may not convert",
                        wanted.type(), found.type()));
            }
            if (!wanted.notNull() && found.notNull() && !generates(found)) {
                findings.add(new Finding(Severity.ERROR, "nullability", table, wanted.name(), "the models allow NULL, "
                        + "the database says NOT NULL: writing NULL fails", "NULL", "NOT NULL"));
            } else if (wanted.notNull() && !found.notNull()) {
                findings.add(new Finding(Severity.WARNING, "nullability", table, wanted.name(), "the models say NOT NULL, "
                        + "the database allows NULL: rows with NULL can come back to models that do not expect it",
                        "NOT NULL", "NULL"));
            }
            if (generates(wanted) && !generates(found) && found.defaultExpression() == null) {
                findings.add(new Finding(Severity.ERROR, "generated-key", table, wanted.name(), "the models let the "
                        + "database generate this value (identity or serial), the database generates nothing: inserts fail",
                        describeGeneration(wanted), null));
            } else if (!generates(wanted) && wanted.defaultExpression() != null
                    && !wanted.defaultExpression().equals(found.defaultExpression())) {
                findings.add(new Finding(Severity.WARNING, "default", table, wanted.name(), "the models state another "
                        + "default: rows inserted without this column get another value", wanted.defaultExpression(),
                        found.defaultExpression()));
            }
        }
        for (Column extra : columns.values()) {
            boolean required = extra.notNull() && extra.defaultExpression() == null && !extra.isIdentity() && !extra.isGenerated();
            findings.add(new Finding(required ? Severity.ERROR : Severity.INFO, "extra-column", table, extra.name(),
                    required ? "NOT NULL without a default, and no model writes it: inserts through the models fail"
                            : "no model maps this column", null, extra.type() + (extra.notNull() ? " NOT NULL" : "")));
        }
    }

    /**
     * Key generation both sides do, compared where a difference breaks inserts: an identity the database
     * makes {@code ALWAYS} refuses the values a model writes itself, and an ORM that reserves blocks of keys
     * (JPA's allocation size) collides with itself when the sequence steps by another increment.
     */
    private static void compareGeneration(Table model, Table actual, SchemaModel models, SchemaModel reference,
                                          List<Finding> findings) {
        String table = model.name().toString();
        for (Column wanted : model.columns()) {
            Column found = actual.columns().stream().filter(c -> c.name().equals(wanted.name())).findFirst().orElse(null);
            if (found == null || !generates(wanted) || !generates(found) || wanted.isGenerated() || found.isGenerated()) {
                continue;
            }
            if (found.isIdentity() && found.identity().kind() == Identity.Kind.ALWAYS
                    && !(wanted.isIdentity() && wanted.identity().kind() == Identity.Kind.ALWAYS)) {
                findings.add(new Finding(Severity.ERROR, "identity", table, wanted.name(), "the database generates this "
                        + "value ALWAYS and refuses values written by the models", describeGeneration(wanted),
                        describeGeneration(found)));
            }
            Long want = increment(models, model.name(), wanted);
            Long have = increment(reference, model.name(), found);
            if (want != null && have != null && !want.equals(have)) {
                findings.add(new Finding(Severity.ERROR, "increment", table, wanted.name(), "the key sequence steps by "
                        + "another increment than the models expect: keys the models reserve can collide",
                        "INCREMENT " + want, "INCREMENT " + have));
            }
        }
    }

    /** The increment of the identity or of the sequence a serial column owns; null when unknown. */
    private static Long increment(SchemaModel model, QualifiedName table, Column column) {
        if (column.isIdentity()) {
            return column.identity().options().increment();
        }
        return model.sequences().stream().filter(s -> s.ownedBy() != null && s.ownedBy().table().equals(table)
                        && s.ownedBy().column().equals(column.name()))
                .map(s -> s.options().increment()).findFirst().orElse(null);
    }

    /** Identity, or a serial's {@code nextval} default: the database makes the value. */
    private static boolean generates(Column c) {
        return c.isIdentity() || c.isGenerated()
                || (c.defaultExpression() != null && c.defaultExpression().startsWith("nextval("));
    }

    private static String describeGeneration(Column c) {
        return c.isIdentity() ? "GENERATED " + c.identity().kind() + " AS IDENTITY"
                : c.isGenerated() ? "GENERATED ALWAYS AS (" + c.generation() + ")" : "DEFAULT " + c.defaultExpression();
    }

    /** Whether {@code actual} is {@code wanted} with a larger length or precision and the same scale. */
    static boolean wider(String actual, String wanted) {
        Matcher a = MODIFIED_TYPE.matcher(actual);
        Matcher w = MODIFIED_TYPE.matcher(wanted);
        // Unbounded text holds whatever a bounded character column of the models writes.
        if (w.matches() && w.group(3) == null && w.group(4).isEmpty() && BOUNDED_TEXT.contains(w.group(1))
                && UNBOUNDED_TEXT.contains(actual)) {
            return true;
        }
        if (!a.matches() || !w.matches() || !a.group(1).equals(w.group(1)) || !a.group(4).equals(w.group(4))
                || !Objects.equals(a.group(3), w.group(3))) {
            return false;
        }
        return Integer.parseInt(a.group(2)) > Integer.parseInt(w.group(2));
    }

    private static void compareKeys(QualifiedName name, SchemaModel models, SchemaModel reference, List<Finding> findings) {
        String table = name.toString();
        List<Constraint> wanted = models.constraintsOf(name);
        List<Constraint> found = reference.constraintsOf(name);
        // Primary key.
        Optional<Constraint> pk = wanted.stream().filter(Constraint::isPrimaryKey).findFirst();
        Optional<Constraint> actualPk = found.stream().filter(Constraint::isPrimaryKey).findFirst();
        if (pk.isPresent() && actualPk.isEmpty()) {
            findings.add(new Finding(Severity.ERROR, "primary-key", table, null, "the models identify rows by this key, "
                    + "the database has no primary key: duplicates can enter and the models mix rows up",
                    columns(pk.get().columns()), null));
        } else if (pk.isPresent() && !pk.get().columns().equals(actualPk.get().columns())) {
            findings.add(new Finding(Severity.ERROR, "primary-key", table, null, "the models identify rows by another key",
                    columns(pk.get().columns()), columns(actualPk.get().columns())));
        }
        // Foreign keys, matched by what they link.
        Function<Constraint, String> link = c -> columns(c.columns()) + " -> " + c.foreignKey().referencedTable()
                + columns(c.foreignKey().referencedColumns());
        Map<String, Constraint> actualFks = new LinkedHashMap<>();
        found.stream().filter(Constraint::isForeignKey).forEach(c -> actualFks.put(link.apply(c), c));
        for (Constraint fk : wanted.stream().filter(Constraint::isForeignKey).toList()) {
            Constraint match = actualFks.remove(link.apply(fk));
            String column = fk.columns().size() == 1 ? fk.columns().get(0) : null;
            if (match == null) {
                findings.add(new Finding(Severity.WARNING, "missing-foreign-key", table, column, "the models declare this "
                        + "foreign key, the database does not enforce it", link.apply(fk), null));
            } else if (fk.foreignKey().onDelete() != match.foreignKey().onDelete()
                    || fk.foreignKey().onUpdate() != match.foreignKey().onUpdate()) {
                findings.add(new Finding(Severity.ERROR, "foreign-key-action", table, column, "the foreign key acts "
                        + "otherwise than the models expect on delete or update", actions(fk), actions(match)));
            }
        }
        for (Constraint extra : actualFks.values()) {
            findings.add(new Finding(Severity.INFO, "extra-foreign-key", table, extra.columns().size() == 1
                    ? extra.columns().get(0) : null, "the database has a foreign key the models do not declare",
                    null, link.apply(extra)));
        }
        // Unique constraints and unique indexes alike: both reject duplicates.
        Set<String> wantedUnique = uniques(name, models);
        Set<String> actualUnique = uniques(name, reference);
        for (String unique : wantedUnique) {
            if (!actualUnique.contains(unique)) {
                findings.add(new Finding(Severity.WARNING, "missing-unique", table, single(unique), "the models declare "
                        + "these columns unique, the database accepts duplicates", unique, null));
            }
        }
        for (String unique : actualUnique) {
            if (!wantedUnique.contains(unique)) {
                findings.add(new Finding(Severity.INFO, "extra-unique", table, single(unique), "the database rejects "
                        + "duplicates the models do not know about", null, unique));
            }
        }
        // Checks, by their text without casts.
        Set<String> actualChecks = found.stream().filter(c -> c.kind() == Constraint.Kind.CHECK)
                .map(c -> withoutCasts(c.definition())).collect(Collectors.toSet());
        for (Constraint check : wanted.stream().filter(c -> c.kind() == Constraint.Kind.CHECK).toList()) {
            if (!actualChecks.contains(withoutCasts(check.definition()))) {
                findings.add(new Finding(Severity.WARNING, "missing-check", table, check.columns().size() == 1
                        ? check.columns().get(0) : null, "the models declare a check the database does not enforce",
                        check.definition(), null));
            }
        }
    }

    /**
     * A check's definition without casts and the parentheses around single terms. PostgreSQL does not print an
     * expression it has read back the same way ({@code status IN ('A')} becomes {@code (status)::text = ANY
     * ((ARRAY['A'::character varying])::text[])}, which read again prints with the casts inside the array), so the
     * same check created from the ORM's text and from a migration's would otherwise differ.
     */
    static String withoutCasts(String definition) {
        String text = CAST.matcher(definition).replaceAll("");
        String before;
        do {
            before = text;
            text = WRAPPED_TERM.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        } while (!text.equals(before));
        return text.replaceAll("\\s+", " ");
    }

    private static Set<String> uniques(QualifiedName table, SchemaModel model) {
        Set<String> result = new TreeSet<>();
        model.constraintsOf(table).stream().filter(c -> c.kind() == Constraint.Kind.UNIQUE)
                .forEach(c -> result.add(columns(c.columns())));
        model.indexesOf(table).stream().filter(i -> unique(i) && !i.isPartial() && i.constraint() == null)
                .forEach(i -> result.add(columns(i.keys())));
        return result;
    }

    private static void compareIndexes(QualifiedName name, SchemaModel models, SchemaModel reference, List<Finding> findings) {
        String table = name.toString();
        Set<String> actual = reference.indexesOf(name).stream().filter(i -> i.constraint() == null && !unique(i))
                .map(ModelCheck::signature).collect(Collectors.toCollection(TreeSet::new));
        Set<String> wanted = models.indexesOf(name).stream().filter(i -> i.constraint() == null && !unique(i))
                .map(ModelCheck::signature).collect(Collectors.toCollection(TreeSet::new));
        for (String index : wanted) {
            if (!actual.contains(index)) {
                findings.add(new Finding(Severity.WARNING, "missing-index", table, null, "the models declare this index, "
                        + "the database lacks it: queries may be slow", index, null));
            }
        }
        for (String index : actual) {
            if (!wanted.contains(index)) {
                findings.add(new Finding(Severity.INFO, "extra-index", table, null, "the database has an index the "
                        + "models do not declare", null, index));
            }
        }
    }

    private static boolean unique(Index index) {
        return index.definition().startsWith("CREATE UNIQUE ");
    }

    /** An index by what it does, not its name: method, keys, included columns, predicate. */
    private static String signature(Index index) {
        return index.method() + " (" + String.join(", ", index.keys()) + ")"
                + (index.include().isEmpty() ? "" : " INCLUDE (" + String.join(", ", index.include()) + ")")
                + (index.predicate() == null ? "" : " WHERE " + index.predicate());
    }

    private static String columns(List<String> columns) {
        return "(" + String.join(", ", columns) + ")";
    }

    /** The column of a one-column list such as {@code (email)}, else null. */
    private static String single(String columns) {
        String inner = columns.substring(1, columns.length() - 1);
        return inner.contains(",") ? null : inner;
    }

    private static String actions(Constraint fk) {
        return "ON DELETE " + fk.foreignKey().onDelete().name().replace('_', ' ')
                + " ON UPDATE " + fk.foreignKey().onUpdate().name().replace('_', ' ');
    }

    /** What the models' DDL creates that this check does not compare, so that nothing is skipped without a word. */
    static List<String> notCompared(SchemaModel models) {
        List<String> names = new ArrayList<>();
        models.views().forEach(v -> names.add((v.materialized() ? "materialized view " : "view ") + v.name()));
        models.functions().forEach(f -> names.add("function " + f.name()));
        models.domains().forEach(d -> names.add("domain " + d.name()));
        models.compositeTypes().forEach(c -> names.add("type " + c.name()));
        models.triggers().forEach(t -> names.add("trigger " + t.name() + " on " + t.table()));
        models.unsupported().forEach(u -> names.add(u.kind() + " " + u.name()));
        return names;
    }

    /** {@code --ignore} entries: a table or a column, with or without its schema. */
    static final class Suppressions {
        private final List<String> entries;
        private final Set<String> used = new TreeSet<>();

        Suppressions(List<String> entries) {
            this.entries = List.copyOf(entries);
        }

        boolean matches(Finding f) {
            for (String entry : entries) {
                if (matches(entry.strip(), f)) {
                    used.add(entry);
                    return true;
                }
            }
            return false;
        }

        private static boolean matches(String entry, Finding f) {
            String table = f.table();
            String bare = table.substring(table.indexOf('.') + 1);
            if (f.column() == null) {
                return entry.equals(table) || entry.equals(bare);
            }
            return entry.equals(table) || entry.equals(bare) || entry.equals(table + "." + f.column())
                    || entry.equals(bare + "." + f.column());
        }

        List<String> unused() {
            return entries.stream().filter(e -> !used.contains(e)).toList();
        }
    }
}
