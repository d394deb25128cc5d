package dev.schemata.diff;

import dev.schemata.catalog.Extension;

import static dev.schemata.diff.Identifiers.literal;
import static dev.schemata.diff.Identifiers.quote;

/**
 * Extensions, at the version and in the schema the desired side has. The objects an extension creates are
 * not in the model; they come and go with it.
 */
final class ExtensionSteps {
    private static final Hazard DROPS_EXTENSION = new Hazard(HazardKind.HAS_UNTRACKABLE_DEPENDENCIES,
            "Drops the extension's functions, types and operators; anything that still uses them breaks.");

    private final DiffContext ctx;

    ExtensionSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    void plan() {
        Matcher.Matched<Extension> matched = Matcher.match(ctx.from.extensions(), ctx.to.extensions(), Extension::name);
        for (Extension e : matched.adds()) {
            ctx.add(Phase.CREATE_EXTENSIONS, "CREATE EXTENSION " + quote(e.name()) + " WITH SCHEMA " + quote(e.schema())
                    + " VERSION " + literal(e.version()));
        }
        for (Extension e : matched.drops()) {
            ctx.add(Phase.DROP_EXTENSIONS, "DROP EXTENSION " + quote(e.name()), DROPS_EXTENSION);
        }
        for (Matcher.Changed<Extension> change : matched.alters()) {
            Extension a = change.from();
            Extension b = change.to();
            if (!a.version().equals(b.version())) {
                ctx.add(Phase.ALTER_EXTENSIONS, "ALTER EXTENSION " + quote(b.name()) + " UPDATE TO " + literal(b.version()));
            }
            if (!a.schema().equals(b.schema())) {
                ctx.add(Phase.ALTER_EXTENSIONS, "ALTER EXTENSION " + quote(b.name()) + " SET SCHEMA " + quote(b.schema()));
            }
        }
    }
}
