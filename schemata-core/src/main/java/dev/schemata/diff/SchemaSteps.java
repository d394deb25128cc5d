package dev.schemata.diff;

import dev.schemata.catalog.Schema;

import static dev.schemata.diff.Identifiers.quote;

/** Schemas: created first, dropped last (once everything in them is gone). Comments and grants are elsewhere. */
final class SchemaSteps {
    private final DiffContext ctx;

    SchemaSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    void plan() {
        Matcher.Matched<Schema> matched = Matcher.match(ctx.from.schemas(), ctx.to.schemas(), Schema::name);
        for (Schema schema : matched.adds()) {
            ctx.add(Phase.CREATE_SCHEMAS, "CREATE SCHEMA " + quote(schema.name()));
        }
        for (Schema schema : matched.drops()) {
            ctx.add(Phase.DROP_SCHEMAS, "DROP SCHEMA " + quote(schema.name()));
        }
    }
}
