package dev.schemata.declarative;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.SchemaModel;
import dev.schemata.catalog.Table;
import dev.schemata.diff.Identifiers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what the rename hints of a schema file mean for one database. A hint is carried out when the old
 * name exists there and the new one does not; it is skipped when the rename has already happened or the
 * table does not exist yet (a fresh database). Anything else cannot be honoured and is an error, because
 * the alternative is dropping the old table or column with its data.
 */
public final class Renames {
    private Renames() {
    }

    /** The {@code ALTER TABLE … RENAME} statements to run before planning, in hint order. */
    public static List<String> statements(List<RenameHint> hints, SchemaModel current, SchemaModel desired) {
        List<String> statements = new ArrayList<>();
        Set<QualifiedName> renamedTables = new HashSet<>();
        Set<String> usedOld = new HashSet<>();
        // Tables first: column hints then find their table under its old name.
        for (RenameHint hint : hints) {
            if (hint.isColumn()) {
                continue;
            }
            if (!usedOld.add(hint.from().toString())) {
                throw error(hint, "another hint already renames " + hint.from());
            }
            if (!hint.from().schema().equals(hint.table().schema())) {
                throw error(hint, "a table cannot move to another schema by a rename (" + hint.from() + " to " + hint.table() + ")");
            }
            if (desired.table(hint.from()).isPresent()) {
                throw error(hint, "the schema file still defines " + hint.from());
            }
            boolean hasOld = current.table(hint.from()).isPresent();
            boolean hasNew = current.table(hint.table()).isPresent();
            if (hasOld && hasNew) {
                throw error(hint, "the database has both " + hint.from() + " and " + hint.table());
            }
            if (hasOld) {
                statements.add("ALTER TABLE " + Identifiers.qualified(hint.from()) + " RENAME TO "
                        + Identifiers.quote(hint.table().name()));
                renamedTables.add(hint.table());
            }
        }
        for (RenameHint hint : hints) {
            if (!hint.isColumn()) {
                continue;
            }
            Optional<Table> table = current.table(hint.table());
            if (renamedTables.contains(hint.table())) {
                QualifiedName old = hints.stream().filter(h -> !h.isColumn() && h.table().equals(hint.table()))
                        .map(RenameHint::from).findFirst().orElseThrow();
                table = current.table(old);
            }
            if (table.isEmpty()) {
                continue; // the table is created by the plan: nothing to rename
            }
            if (!usedOld.add(hint.table() + "." + hint.fromColumn())) {
                throw error(hint, "another hint already renames column " + hint.fromColumn());
            }
            boolean hasOld = table.get().columns().stream().anyMatch(c -> c.name().equals(hint.fromColumn()));
            boolean hasNew = table.get().columns().stream().anyMatch(c -> c.name().equals(hint.column()));
            boolean stillWanted = desired.table(hint.table()).map(t -> t.columns().stream()
                    .anyMatch(c -> c.name().equals(hint.fromColumn()))).orElse(false);
            if (stillWanted) {
                throw error(hint, "the schema file still defines column " + hint.fromColumn());
            }
            if (hasOld && hasNew) {
                throw error(hint, "table " + hint.table() + " has both columns " + hint.fromColumn() + " and " + hint.column());
            }
            if (!hasOld && !hasNew) {
                throw error(hint, "table " + hint.table() + " has no column " + hint.fromColumn());
            }
            if (hasOld) {
                statements.add("ALTER TABLE " + Identifiers.qualified(renamedTables.contains(hint.table()) ? hint.table()
                        : table.get().name()) + " RENAME COLUMN " + Identifiers.quote(hint.fromColumn()) + " TO "
                        + Identifiers.quote(hint.column()));
            }
        }
        return statements;
    }

    private static SchemataException error(RenameHint hint, String why) {
        return new SchemataException(ErrorCode.BAD_INPUT, hint.where() + ": cannot honour the rename hint "
                + (hint.isColumn() ? "on column " + hint.column() : "on table " + hint.table()) + ": " + why);
    }
}
