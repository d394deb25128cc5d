package dev.schemata.catalog;

import java.util.Objects;

/**
 * An operator ({@code CREATE OPERATOR}), keyed by name and operand types. Operator classes and families
 * are not represented (they are listed as {@link Unsupported}).
 *
 * @param leftType  the left operand type as {@code format_type} prints it; null for a prefix operator
 * @param rightType the right operand type
 * @param options   the option list of {@code CREATE OPERATOR}, built from {@code pg_operator} (function,
 *                  operand types, commutator, negator, estimators, {@code HASHES}, {@code MERGES})
 * @param comment   the operator's comment, or null
 */
public record Operator(QualifiedName name, String leftType, String rightType, String options, String comment) {
    public Operator {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rightType, "rightType");
        Objects.requireNonNull(options, "options");
    }

    /** The operand types as {@code DROP OPERATOR} and {@code COMMENT ON OPERATOR} want them: {@code (left, right)}. */
    public String operands() {
        return "(" + (leftType == null ? "NONE" : leftType) + ", " + rightType + ")";
    }
}
