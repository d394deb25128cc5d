package dev.schemata.diff;

import dev.schemata.catalog.ColumnRef;
import dev.schemata.catalog.Persistence;
import dev.schemata.catalog.Sequence;
import dev.schemata.catalog.SequenceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static dev.schemata.diff.Identifiers.qualified;
import static dev.schemata.diff.Identifiers.quote;

/**
 * Stand-alone sequences and those of {@code serial} columns. A sequence is created before the tables whose
 * defaults call it and owned by its column after the tables exist; one that is {@code OWNED BY} a column that
 * goes away goes with it, so it is only dropped explicitly when its owner stays. The current value is data
 * and is never touched.
 */
final class SequenceSteps {
    private final DiffContext ctx;

    SequenceSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    void plan() {
        Matcher.Matched<Sequence> matched = Matcher.match(ctx.from.sequences(), ctx.to.sequences(), Sequence::name);
        for (Sequence sequence : matched.adds()) {
            ctx.add(Phase.CREATE_SEQUENCES, create(sequence));
            if (sequence.ownedBy() != null) {
                ctx.add(Phase.SEQUENCE_OWNERSHIP, ownedBy(sequence, sequence.ownedBy()));
            }
        }
        for (Sequence sequence : matched.drops()) {
            if (sequence.ownedBy() != null && ownerGoes(sequence.ownedBy())) {
                continue;
            }
            ctx.add(Phase.DROP_SEQUENCES, "DROP SEQUENCE " + qualified(sequence.name()));
        }
        for (Sequence sequence : matched.unchanged()) {
            // Its owner is dropped or recreated: keep the sequence by releasing it first.
            if (sequence.ownedBy() != null && ownerGoes(sequence.ownedBy())) {
                ctx.add(Phase.ALTER_SEQUENCES, ownedBy(sequence, null));
                ctx.add(Phase.SEQUENCE_OWNERSHIP, ownedBy(sequence, sequence.ownedBy()));
            }
        }
        for (Matcher.Changed<Sequence> change : matched.alters()) {
            alter(change.from(), change.to());
        }
    }

    private boolean ownerGoes(ColumnRef owner) {
        return ctx.isGone(owner.table()) || ctx.isRecreated(DiffContext.key("column", owner.table(), owner.column()))
                || (ctx.toTables.containsKey(owner.table()) && ctx.toTables.get(owner.table()).columns().stream()
                .noneMatch(c -> c.name().equals(owner.column())));
    }

    private void alter(Sequence from, Sequence to) {
        String name = qualified(to.name());
        if (!from.options().equals(to.options())) {
            ctx.add(Phase.ALTER_SEQUENCES, "ALTER SEQUENCE " + name + " " + alterOptions(from.options(), to.options()));
        }
        if (from.persistence() != to.persistence()) {
            ctx.add(Phase.ALTER_SEQUENCES, "ALTER SEQUENCE " + name + " SET "
                    + (to.persistence() == Persistence.LOGGED ? "LOGGED" : "UNLOGGED"));
        }
        boolean ownerGoes = from.ownedBy() != null && ownerGoes(from.ownedBy());
        if (!Objects.equals(from.ownedBy(), to.ownedBy()) || ownerGoes) {
            if (from.ownedBy() != null) {
                ctx.add(Phase.ALTER_SEQUENCES, ownedBy(to, null));
            }
            if (to.ownedBy() != null) {
                ctx.add(Phase.SEQUENCE_OWNERSHIP, ownedBy(to, to.ownedBy()));
            }
        }
    }

    static String create(Sequence sequence) {
        String options = options(sequence.options(), false);
        return "CREATE " + (sequence.persistence() == Persistence.UNLOGGED ? "UNLOGGED " : "") + "SEQUENCE "
                + qualified(sequence.name()) + (options.isEmpty() ? "" : " " + options);
    }

    private static String ownedBy(Sequence sequence, ColumnRef owner) {
        return "ALTER SEQUENCE " + qualified(sequence.name()) + " OWNED BY "
                + (owner == null ? "NONE" : qualified(owner.table()) + "." + quote(owner.column()));
    }

    private static String alterOptions(SequenceOptions a, SequenceOptions b) {
        List<String> parts = new ArrayList<>();
        if (!a.dataType().equals(b.dataType())) {
            parts.add("AS " + b.dataType());
        }
        if (a.increment() != b.increment()) {
            parts.add("INCREMENT BY " + b.increment());
        }
        if (a.minValue() != b.minValue() || !a.dataType().equals(b.dataType())) {
            parts.add("MINVALUE " + b.minValue());
        }
        if (a.maxValue() != b.maxValue() || !a.dataType().equals(b.dataType())) {
            parts.add("MAXVALUE " + b.maxValue());
        }
        if (a.start() != b.start()) {
            parts.add("START WITH " + b.start());
        }
        if (a.cache() != b.cache()) {
            parts.add("CACHE " + b.cache());
        }
        if (a.cycle() != b.cycle()) {
            parts.add(b.cycle() ? "CYCLE" : "NO CYCLE");
        }
        return String.join(" ", parts);
    }

    /**
     * The options that differ from PostgreSQL's defaults for the data type, as in {@code CREATE SEQUENCE}
     * (for an identity column the type is the column's, so {@code AS} is left out).
     */
    static String options(SequenceOptions o, boolean identity) {
        List<String> parts = new ArrayList<>();
        if (!identity && !o.dataType().equals("bigint")) {
            parts.add("AS " + o.dataType());
        }
        long typeMax = switch (o.dataType()) {
            case "smallint" -> Short.MAX_VALUE;
            case "integer" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        long typeMin = switch (o.dataType()) {
            case "smallint" -> Short.MIN_VALUE;
            case "integer" -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
        boolean ascending = o.increment() > 0;
        long defaultMin = ascending ? 1 : typeMin;
        long defaultMax = ascending ? typeMax : -1;
        if (o.increment() != 1) {
            parts.add("INCREMENT BY " + o.increment());
        }
        if (o.minValue() != defaultMin) {
            parts.add("MINVALUE " + o.minValue());
        }
        if (o.maxValue() != defaultMax) {
            parts.add("MAXVALUE " + o.maxValue());
        }
        if (o.start() != (ascending ? o.minValue() : o.maxValue())) {
            parts.add("START WITH " + o.start());
        }
        if (o.cache() != 1) {
            parts.add("CACHE " + o.cache());
        }
        if (o.cycle()) {
            parts.add("CYCLE");
        }
        return String.join(" ", parts);
    }
}
