package dev.schemata.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything the catalog reader found in the selected schemas of one database. Every list is immutable and
 * sorted by name (objects that belong to a table by table, then name), whatever order it was built in, so
 * {@code equals}, {@code hashCode} and {@code toString} are deterministic: two databases built from the
 * same DDL give equal models.
 *
 * @param extensions  extensions installed in a selected schema or in {@code pg_catalog} (such as {@code plpgsql})
 * @param constraints table constraints, sorted by table, then name
 * @param indexes     indexes of tables and materialized views, sorted by index name
 * @param triggers    triggers, sorted by table, then name
 * @param policies    row-level security policies, sorted by table, then name
 * @param functions   functions and procedures, sorted by name, then identity arguments
 * @param aggregates  aggregate functions, sorted by name, then identity arguments
 * @param operators   operators, sorted by name, then operand types
 * @param casts       casts created with {@code CREATE CAST}, sorted by source, then target type
 * @param eventTriggers      event triggers (database-wide), sorted by name
 * @param foreignDataWrappers foreign-data wrappers (database-wide) not created by an extension
 * @param foreignServers     foreign servers (database-wide)
 * @param userMappings       user mappings, sorted by role, then server
 * @param foreignTables      foreign tables, sorted by name
 * @param defaultPrivileges  {@code ALTER DEFAULT PRIVILEGES}, sorted by role, schema (the whole database first), kind
 * @param unsupported objects the model cannot represent, sorted by kind, then name
 */
public record SchemaModel(List<Schema> schemas, List<Extension> extensions, List<Collation> collations,
                          List<EnumType> enums, List<Domain> domains, List<CompositeType> compositeTypes,
                          List<Sequence> sequences, List<Table> tables, List<View> views,
                          List<Constraint> constraints, List<Index> indexes, List<Trigger> triggers,
                          List<Policy> policies, List<Function> functions,
                          List<TextSearchDictionary> textSearchDictionaries,
                          List<TextSearchConfiguration> textSearchConfigurations, List<Aggregate> aggregates,
                          List<Operator> operators, List<Cast> casts, List<EventTrigger> eventTriggers,
                          List<ForeignDataWrapper> foreignDataWrappers, List<ForeignServer> foreignServers,
                          List<UserMapping> userMappings, List<ForeignTable> foreignTables,
                          List<DefaultPrivilege> defaultPrivileges, List<Unsupported> unsupported) {

    private static final Comparator<Function> FUNCTION_ORDER =
            Comparator.comparing(Function::name).thenComparing(Function::identityArguments);

    public SchemaModel {
        schemas = Lists.sorted(schemas, Comparator.comparing(Schema::name));
        extensions = Lists.sorted(extensions, Comparator.comparing(Extension::name));
        collations = Lists.sorted(collations, Comparator.comparing(Collation::name));
        enums = Lists.sorted(enums, Comparator.comparing(EnumType::name));
        domains = Lists.sorted(domains, Comparator.comparing(Domain::name));
        compositeTypes = Lists.sorted(compositeTypes, Comparator.comparing(CompositeType::name));
        sequences = Lists.sorted(sequences, Comparator.comparing(Sequence::name));
        tables = Lists.sorted(tables, Comparator.comparing(Table::name));
        views = Lists.sorted(views, Comparator.comparing(View::name));
        constraints = Lists.sorted(constraints,
                Comparator.comparing(Constraint::table).thenComparing(Constraint::name));
        indexes = Lists.sorted(indexes, Comparator.comparing(Index::name));
        triggers = Lists.sorted(triggers, Comparator.comparing(Trigger::table).thenComparing(Trigger::name));
        policies = Lists.sorted(policies, Comparator.comparing(Policy::table).thenComparing(Policy::name));
        functions = Lists.sorted(functions, FUNCTION_ORDER);
        textSearchDictionaries = Lists.sorted(textSearchDictionaries, Comparator.comparing(TextSearchDictionary::name));
        textSearchConfigurations = Lists.sorted(textSearchConfigurations,
                Comparator.comparing(TextSearchConfiguration::name));
        aggregates = Lists.sorted(aggregates,
                Comparator.comparing(Aggregate::name).thenComparing(Aggregate::identityArguments));
        operators = Lists.sorted(operators, Comparator.comparing(Operator::name).thenComparing(Operator::operands));
        casts = Lists.sorted(casts, Comparator.comparing(Cast::source).thenComparing(Cast::target));
        eventTriggers = Lists.sorted(eventTriggers, Comparator.comparing(EventTrigger::name));
        foreignDataWrappers = Lists.sorted(foreignDataWrappers, Comparator.comparing(ForeignDataWrapper::name));
        foreignServers = Lists.sorted(foreignServers, Comparator.comparing(ForeignServer::name));
        userMappings = Lists.sorted(userMappings,
                Comparator.comparing(UserMapping::role).thenComparing(UserMapping::server));
        foreignTables = Lists.sorted(foreignTables, Comparator.comparing(ForeignTable::name));
        defaultPrivileges = Lists.sorted(defaultPrivileges, Comparator.comparing(DefaultPrivilege::role)
                .thenComparing(DefaultPrivilege::schema, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(DefaultPrivilege::objectType));
        unsupported = Lists.sorted(unsupported,
                Comparator.comparing(Unsupported::kind).thenComparing(Unsupported::name));
    }

    public Optional<Schema> schema(String name) {
        return schemas.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<Table> table(QualifiedName name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<View> view(QualifiedName name) {
        return views.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    public Optional<Sequence> sequence(QualifiedName name) {
        return sequences.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<Index> index(QualifiedName name) {
        return indexes.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** The overloads of a function or procedure name, sorted by identity arguments. */
    public List<Function> functions(QualifiedName name) {
        return functions.stream().filter(f -> f.name().equals(name)).toList();
    }

    public Optional<Function> function(QualifiedName name, String identityArguments) {
        return functions.stream()
                .filter(f -> f.name().equals(name) && f.identityArguments().equals(identityArguments))
                .findFirst();
    }

    /** The constraints of a table, sorted by name. */
    public List<Constraint> constraintsOf(QualifiedName table) {
        return constraints.stream().filter(c -> c.table().equals(table)).toList();
    }

    /** The indexes of a table or materialized view, sorted by name. */
    public List<Index> indexesOf(QualifiedName table) {
        return indexes.stream().filter(i -> i.table().equals(table)).toList();
    }

    /** The triggers of a table or view, sorted by name. */
    public List<Trigger> triggersOf(QualifiedName table) {
        return triggers.stream().filter(t -> t.table().equals(table)).toList();
    }

    /** The policies of a table, sorted by name. */
    public List<Policy> policiesOf(QualifiedName table) {
        return policies.stream().filter(p -> p.table().equals(table)).toList();
    }
}
