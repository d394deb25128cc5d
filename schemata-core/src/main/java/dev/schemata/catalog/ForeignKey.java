package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * What a foreign key refers to and how it reacts. The full text, including anything not broken out here
 * (such as {@code ON DELETE SET NULL (column)}), is in {@link Constraint#definition()}.
 *
 * @param referencedColumns the referenced columns, in the order of the constraint's columns
 */
public record ForeignKey(QualifiedName referencedTable, List<String> referencedColumns, Action onUpdate,
                         Action onDelete, Match match) {

    /** A referential action ({@code confupdtype}/{@code confdeltype} {@code a}, {@code r}, {@code c}, {@code n}, {@code d}). */
    public enum Action {
        NO_ACTION,
        RESTRICT,
        CASCADE,
        SET_NULL,
        SET_DEFAULT
    }

    /** The match type ({@code confmatchtype} {@code s}, {@code f}, {@code p}). */
    public enum Match {
        SIMPLE,
        FULL,
        PARTIAL
    }

    public ForeignKey {
        Objects.requireNonNull(referencedTable, "referencedTable");
        referencedColumns = List.copyOf(referencedColumns);
        Objects.requireNonNull(onUpdate, "onUpdate");
        Objects.requireNonNull(onDelete, "onDelete");
        Objects.requireNonNull(match, "match");
    }
}
