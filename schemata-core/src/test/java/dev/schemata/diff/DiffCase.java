package dev.schemata.diff;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One acceptance case: a database built from {@code oldDdl} is planned towards one built from {@code newDdl}.
 *
 * @param hazards     exactly the hazard kinds the plan must carry
 * @param expectEmpty the two schemas are equal: the plan must be empty
 * @param online      plan with {@link PlanOptions#online()}
 * @param sql         fragments that must appear, in this order, in the plan's script
 */
record DiffCase(String name, String oldDdl, String newDdl, Set<HazardKind> hazards, boolean expectEmpty,
                boolean online, List<String> sql) {

    static DiffCase of(String name, String oldDdl, String newDdl, HazardKind... hazards) {
        Set<HazardKind> kinds = hazards.length == 0 ? EnumSet.noneOf(HazardKind.class) : EnumSet.of(hazards[0], hazards);
        return new DiffCase(name, oldDdl, newDdl, kinds, false, false, List.of());
    }

    /** The two DDLs spell the same schema differently. */
    static DiffCase same(String name, String oldDdl, String newDdl) {
        return new DiffCase(name, oldDdl, newDdl, EnumSet.noneOf(HazardKind.class), true, false, List.of());
    }

    DiffCase onlineMode() {
        return new DiffCase(name, oldDdl, newDdl, hazards, expectEmpty, true, sql);
    }

    DiffCase expectSql(String... fragments) {
        return new DiffCase(name, oldDdl, newDdl, hazards, expectEmpty, online, List.of(fragments));
    }

    @Override
    public String toString() {
        return name + (online ? " (online)" : "");
    }
}
