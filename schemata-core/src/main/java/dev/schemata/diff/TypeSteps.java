package dev.schemata.diff;

import dev.schemata.catalog.Collation;
import dev.schemata.catalog.Column;
import dev.schemata.catalog.CompositeType;
import dev.schemata.catalog.Domain;
import dev.schemata.catalog.DomainConstraint;
import dev.schemata.catalog.EnumType;
import dev.schemata.catalog.QualifiedName;
import dev.schemata.catalog.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static dev.schemata.diff.Identifiers.literal;
import static dev.schemata.diff.Identifiers.qualified;
import static dev.schemata.diff.Identifiers.quote;

/**
 * Collations, enums, domains and composite types. Labels appended or inserted into an enum are added in
 * place; an enum that loses or reorders labels is created anew under its name and the columns that use it
 * are moved onto it (a rewrite that fails, changing nothing, if a row holds a removed label).
 */
final class TypeSteps {
    static final String OLD_SUFFIX = "__schemata_old";

    private final DiffContext ctx;

    TypeSteps(DiffContext ctx) {
        this.ctx = ctx;
    }

    void plan() {
        collations();
        enums();
        domains();
        composites();
    }

    // ---------------------------------------------------------------- collations

    private void collations() {
        Matcher.Matched<Collation> matched = Matcher.match(ctx.from.collations(), ctx.to.collations(), Collation::name);
        matched.adds().forEach(c -> ctx.add(Phase.CREATE_TYPES, createCollation(c)));
        matched.drops().forEach(c -> ctx.add(Phase.DROP_TYPES, "DROP COLLATION " + qualified(c.name())));
        for (Matcher.Changed<Collation> change : matched.alters()) {
            Collation a = change.from();
            Collation b = change.to();
            if (!Objects.equals(withoutComment(a), withoutComment(b))) {
                ctx.markRecreated(DiffContext.key("collation", b.name()));
                ctx.add(Phase.ALTER_TYPES, "DROP COLLATION " + qualified(a.name()));
                ctx.add(Phase.ALTER_TYPES, createCollation(b));
            }
        }
    }

    private static Collation withoutComment(Collation c) {
        return new Collation(c.name(), c.provider(), c.collate(), c.ctype(), c.locale(), c.icuRules(), c.deterministic(), null);
    }

    private static String createCollation(Collation c) {
        List<String> options = new ArrayList<>();
        options.add("provider = " + c.provider());
        if (c.locale() != null) {
            options.add("locale = " + literal(c.locale()));
        }
        if (c.collate() != null) {
            options.add("lc_collate = " + literal(c.collate()));
        }
        if (c.ctype() != null) {
            options.add("lc_ctype = " + literal(c.ctype()));
        }
        if (c.icuRules() != null) {
            options.add("rules = " + literal(c.icuRules()));
        }
        if (!c.deterministic()) {
            options.add("deterministic = false");
        }
        return "CREATE COLLATION " + qualified(c.name()) + " (" + String.join(", ", options) + ")";
    }

    // ---------------------------------------------------------------- enums

    private void enums() {
        Matcher.Matched<EnumType> matched = Matcher.match(ctx.from.enums(), ctx.to.enums(), EnumType::name);
        matched.adds().forEach(e -> ctx.add(Phase.CREATE_TYPES, createEnum(e.name(), e.labels())));
        matched.drops().forEach(e -> ctx.add(Phase.DROP_TYPES, "DROP TYPE " + qualified(e.name())));
        for (Matcher.Changed<EnumType> change : matched.alters()) {
            List<String> before = change.from().labels();
            List<String> after = change.to().labels();
            if (before.equals(after)) {
                continue;
            }
            if (isSubsequence(before, after)) {
                addLabels(change.to().name(), before, after);
            } else {
                swap(change.to());
            }
        }
    }

    private static String createEnum(QualifiedName name, List<String> labels) {
        return "CREATE TYPE " + qualified(name) + " AS ENUM (" + String.join(", ", labels.stream().map(Identifiers::literal).toList()) + ")";
    }

    private static boolean isSubsequence(List<String> small, List<String> big) {
        int i = 0;
        for (String label : big) {
            if (i < small.size() && small.get(i).equals(label)) {
                i++;
            }
        }
        return i == small.size() && new HashSet<>(big).containsAll(small);
    }

    /** {@code ADD VALUE} cannot be used by later statements of its own transaction: each runs on its own. */
    private void addLabels(QualifiedName name, List<String> before, List<String> after) {
        for (int i = 0; i < after.size(); i++) {
            String label = after.get(i);
            if (before.contains(label)) {
                continue;
            }
            String position = i > 0 ? " AFTER " + literal(after.get(i - 1))
                    : (after.size() > 1 ? " BEFORE " + literal(after.get(1)) : "");
            ctx.add(Phase.ADD_ENUM_VALUES, Step.outsideTransaction("ALTER TYPE " + qualified(name) + " ADD VALUE "
                    + literal(label) + position));
        }
    }

    private void swap(EnumType type) {
        QualifiedName name = type.name();
        String old = ColumnSteps.truncate(name.name() + OLD_SUFFIX);
        ctx.markRecreated(DiffContext.key("type", name));
        ctx.add(Phase.ALTER_TYPES, "ALTER TYPE " + qualified(name) + " RENAME TO " + quote(old));
        ctx.add(Phase.ALTER_TYPES, createEnum(name, type.labels()));
        String scalar = qualified(name);
        for (Table table : ctx.from.tables()) {
            Table target = ctx.toTables.get(table.name());
            if (target == null || ctx.isGone(table.name())) {
                continue;
            }
            for (Column column : table.columns()) {
                boolean array = column.type().equals(scalar + "[]");
                if (!column.type().equals(scalar) && !array) {
                    continue;
                }
                Column wanted = target.columns().stream().filter(c -> c.name().equals(column.name())).findFirst().orElse(null);
                if (wanted == null || !wanted.type().equals(column.type())) {
                    continue; // dropped, or moved to another type by ColumnSteps
                }
                ctx.markReshaped(table.name());
                String alter = "ALTER TABLE " + qualified(table.name()) + " ALTER COLUMN " + quote(column.name());
                if (column.defaultExpression() != null) {
                    ctx.addLocking(Phase.SWAP_ENUM_COLUMNS, alter + " DROP DEFAULT");
                }
                ctx.addLocking(Phase.SWAP_ENUM_COLUMNS, alter + " TYPE " + column.type() + " USING " + quote(column.name())
                        + (array ? "::text[]::" : "::text::") + column.type(), Hazard.REWRITES_TABLE, Hazard.LOCKS_TABLE);
                if (wanted.defaultExpression() != null) {
                    ctx.addLocking(Phase.SWAP_ENUM_COLUMNS, alter + " SET DEFAULT " + wanted.defaultExpression());
                }
            }
        }
        ctx.add(Phase.DROP_TYPES, "DROP TYPE " + qualified(new QualifiedName(name.schema(), old)));
    }

    // ---------------------------------------------------------------- domains

    private void domains() {
        Matcher.Matched<Domain> matched = Matcher.match(ctx.from.domains(), ctx.to.domains(), Domain::name);
        matched.adds().forEach(d -> createDomain(Phase.CREATE_TYPES, d));
        matched.drops().forEach(d -> ctx.add(Phase.DROP_TYPES, "DROP DOMAIN " + qualified(d.name())));
        for (Matcher.Changed<Domain> change : matched.alters()) {
            Domain a = change.from();
            Domain b = change.to();
            String name = qualified(b.name());
            if (!a.baseType().equals(b.baseType()) || !Objects.equals(a.collation(), b.collation())) {
                ctx.markRecreated(DiffContext.key("type", b.name()));
                ctx.add(Phase.ALTER_TYPES, "DROP DOMAIN " + name);
                createDomain(Phase.ALTER_TYPES, b);
                continue;
            }
            if (!Objects.equals(a.defaultExpression(), b.defaultExpression())) {
                ctx.add(Phase.ALTER_TYPES, "ALTER DOMAIN " + name + (b.defaultExpression() == null ? " DROP DEFAULT"
                        : " SET DEFAULT " + b.defaultExpression()));
            }
            if (a.notNull() != b.notNull()) {
                if (b.notNull()) {
                    ctx.add(Phase.ALTER_TYPES, "ALTER DOMAIN " + name + " SET NOT NULL", Hazard.SCANS_TABLE);
                } else {
                    ctx.add(Phase.ALTER_TYPES, "ALTER DOMAIN " + name + " DROP NOT NULL");
                }
            }
            domainConstraints(b, a.constraints(), b.constraints());
        }
    }

    private void createDomain(Phase phase, Domain d) {
        StringBuilder sql = new StringBuilder("CREATE DOMAIN ").append(qualified(d.name())).append(" AS ").append(d.baseType());
        if (d.collation() != null) {
            sql.append(" COLLATE ").append(qualified(d.collation()));
        }
        if (d.defaultExpression() != null) {
            sql.append(" DEFAULT ").append(d.defaultExpression());
        }
        if (d.notNull()) {
            sql.append(" NOT NULL");
        }
        for (DomainConstraint c : d.constraints()) {
            if (c.validated()) {
                sql.append(" CONSTRAINT ").append(quote(c.name())).append(' ').append(c.definition());
            }
        }
        ctx.add(phase, sql.toString());
        for (DomainConstraint c : d.constraints()) {
            if (!c.validated()) {
                ctx.add(phase, "ALTER DOMAIN " + qualified(d.name()) + " ADD CONSTRAINT " + quote(c.name()) + " " + c.definition());
            }
        }
    }

    private void domainConstraints(Domain domain, List<DomainConstraint> from, List<DomainConstraint> to) {
        String name = qualified(domain.name());
        Matcher.Matched<DomainConstraint> matched = Matcher.match(from, to, DomainConstraint::name);
        List<DomainConstraint> adds = new ArrayList<>(matched.adds());
        for (DomainConstraint c : matched.drops()) {
            ctx.add(Phase.ALTER_TYPES, "ALTER DOMAIN " + name + " DROP CONSTRAINT " + quote(c.name()));
        }
        for (Matcher.Changed<DomainConstraint> change : matched.alters()) {
            DomainConstraint a = change.from();
            DomainConstraint b = change.to();
            String bare = b.definition().replace(" NOT VALID", "");
            if (a.definition().replace(" NOT VALID", "").equals(bare) && !a.validated() && b.validated()) {
                ctx.add(Phase.ALTER_TYPES, "ALTER DOMAIN " + name + " VALIDATE CONSTRAINT " + quote(b.name()));
            } else if (!a.definition().equals(b.definition()) || a.validated() != b.validated()) {
                ctx.markRecreated(DiffContext.key("domain constraint", domain.name(), b.name()));
                ctx.add(Phase.ALTER_TYPES, "ALTER DOMAIN " + name + " DROP CONSTRAINT " + quote(a.name()));
                adds.add(b);
            }
        }
        for (DomainConstraint c : adds) {
            String sql = "ALTER DOMAIN " + name + " ADD CONSTRAINT " + quote(c.name()) + " " + c.definition();
            if (c.validated()) {
                ctx.add(Phase.ALTER_TYPES, sql, Hazard.SCANS_TABLE);
            } else {
                ctx.add(Phase.ALTER_TYPES, sql);
            }
        }
    }

    // ---------------------------------------------------------------- composite types

    private void composites() {
        Matcher.Matched<CompositeType> matched = Matcher.match(ctx.from.compositeTypes(), ctx.to.compositeTypes(),
                CompositeType::name);
        Set<QualifiedName> names = new HashSet<>();
        matched.adds().forEach(t -> names.add(t.name()));
        List<CompositeType> order = Matcher.dependenciesFirst(matched.adds(), CompositeType::name,
                t -> names.stream().filter(n -> !n.equals(t.name()) && t.attributes().stream()
                        .anyMatch(a -> a.type().startsWith(qualified(n)))).toList());
        for (CompositeType t : order) {
            ctx.add(Phase.CREATE_TYPES, "CREATE TYPE " + qualified(t.name()) + " AS (" + String.join(", ",
                    t.attributes().stream().map(TypeSteps::attribute).toList()) + ")");
        }
        matched.drops().forEach(t -> ctx.add(Phase.DROP_TYPES, "DROP TYPE " + qualified(t.name())));
        for (Matcher.Changed<CompositeType> change : matched.alters()) {
            String name = "ALTER TYPE " + qualified(change.to().name());
            Matcher.Matched<Column> attributes = Matcher.match(change.from().attributes(), change.to().attributes(), Column::name);
            attributes.drops().forEach(a -> ctx.add(Phase.ALTER_TYPES, name + " DROP ATTRIBUTE " + quote(a.name())));
            attributes.adds().forEach(a -> ctx.add(Phase.ALTER_TYPES, name + " ADD ATTRIBUTE " + attribute(a)));
            for (Matcher.Changed<Column> a : attributes.alters()) {
                if (!a.from().type().equals(a.to().type()) || !Objects.equals(a.from().collation(), a.to().collation())) {
                    ctx.add(Phase.ALTER_TYPES, name + " ALTER ATTRIBUTE " + quote(a.to().name()) + " TYPE "
                            + a.to().type() + (a.to().collation() == null ? "" : " COLLATE " + qualified(a.to().collation())));
                }
            }
        }
    }

    private static String attribute(Column a) {
        return quote(a.name()) + " " + a.type() + (a.collation() == null ? "" : " COLLATE " + qualified(a.collation()));
    }
}
