/**
 * Reads a live PostgreSQL database into an immutable {@link dev.schemata.catalog.SchemaModel}: the
 * declarative workflow, drift detection and backup verification compare two such models.
 *
 * <p>The model is plain data. Each kind of object is one record keyed by a {@link
 * dev.schemata.catalog.QualifiedName} (functions also by their identity arguments); where PostgreSQL can
 * print an object or expression ({@code pg_get_indexdef}, {@code pg_get_constraintdef}, {@code
 * pg_get_viewdef}, {@code pg_get_functiondef}, {@code pg_get_triggerdef}, {@code pg_get_expr}, {@code
 * format_type}) the model keeps that text verbatim, printed with an empty {@code search_path} so every
 * name outside {@code pg_catalog} is schema-qualified. The model holds no OIDs, sizes or statistics, and
 * every collection is sorted by name, so two databases built from the same DDL give {@code equals} models.
 *
 * <p>{@link dev.schemata.catalog.CatalogReader} runs a fixed set of catalog queries (the resource files
 * under {@code sql/}, one per kind) whatever the size of the schema, and only maps their rows to records.
 * Every query leaves out system schemas, schemas the {@link dev.schemata.catalog.SchemaFilter} does not
 * select, and objects that belong to an extension; database-wide objects without a schema (foreign-data
 * wrappers, servers, user mappings) are read whatever the filter. Objects the model cannot represent are
 * listed by name in {@link dev.schemata.catalog.SchemaModel#unsupported()}, never silently dropped; so are
 * the settings of represented objects that the model does not keep. No password is ever read: options
 * named like one are kept by name only.
 */
package dev.schemata.catalog;
