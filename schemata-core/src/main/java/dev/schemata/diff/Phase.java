package dev.schemata.diff;

/**
 * The stages of a plan, in the order they run. Dependents are dropped before what they depend on and
 * created after it; within a phase, steps keep the (sorted) order their generator emitted them in.
 */
enum Phase {
    /** Event triggers fire on DDL: those the plan drops or recreates must not fire on its statements. */
    DROP_EVENT_TRIGGERS,
    DROP_TRIGGERS,
    DROP_POLICIES,
    DROP_VIEWS,
    /** Foreign tables (and the user mappings of a server created again), before their server changes. */
    DROP_FOREIGN_TABLES,
    DROP_FOREIGN_KEYS,
    DROP_CONSTRAINTS,
    DROP_INDEXES,
    /** Functions that are dropped to be created again with another result type or arguments. */
    DROP_REPLACED_FUNCTIONS,
    CREATE_SCHEMAS,
    CREATE_EXTENSIONS,
    ALTER_EXTENSIONS,
    /** {@code ALTER TYPE … ADD VALUE}: committed before anything uses the new label. */
    ADD_ENUM_VALUES,
    CREATE_TYPES,
    ALTER_TYPES,
    /** Columns moved onto an enum type that was created anew (labels removed or reordered). */
    SWAP_ENUM_COLUMNS,
    CREATE_SEQUENCES,
    ALTER_SEQUENCES,
    /** Text search dictionaries, then configurations: generated columns and index expressions name them. */
    CREATE_TEXT_SEARCH,
    CREATE_FUNCTIONS,
    CREATE_OPERATORS,
    /** After operators, which an aggregate may name as its sort operator. */
    CREATE_AGGREGATES,
    CREATE_CASTS,
    /** Foreign-data wrappers, servers and user mappings. */
    CREATE_FOREIGN_SERVERS,
    DETACH_PARTITIONS,
    DROP_COLUMNS_AND_TABLES,
    CREATE_TABLES,
    CREATE_FOREIGN_TABLES,
    ALTER_TABLES,
    ATTACH_PARTITIONS,
    CREATE_CONSTRAINTS,
    CREATE_INDEXES,
    REPLICA_IDENTITY,
    CREATE_FOREIGN_KEYS,
    VALIDATE_CONSTRAINTS,
    /** Functions whose signature names a table, or whose SQL-standard body reads tables. */
    CREATE_LATE_FUNCTIONS,
    CREATE_VIEWS,
    CREATE_VIEW_INDEXES,
    SEQUENCE_OWNERSHIP,
    CREATE_TRIGGERS,
    ALTER_TRIGGERS,
    CREATE_POLICIES,
    /** Aggregates, operators and casts, before the functions they call and the types they take. */
    DROP_OPERATORS_AND_CASTS,
    DROP_FUNCTIONS,
    DROP_TEXT_SEARCH,
    DROP_FOREIGN_SERVERS,
    DROP_SEQUENCES,
    DROP_TYPES,
    DROP_EXTENSIONS,
    DROP_SCHEMAS,
    /** Last of all the statements that change the schema, so that none of them sets a new one off. */
    CREATE_EVENT_TRIGGERS,
    COMMENTS,
    PRIVILEGES,
    /** {@code ALTER DEFAULT PRIVILEGES}: after every object the plan creates, so that it applies to none of them. */
    DEFAULT_PRIVILEGES
}
