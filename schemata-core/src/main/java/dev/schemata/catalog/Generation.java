package dev.schemata.catalog;

import java.util.Objects;

/**
 * How a generated column is computed: {@code GENERATED ALWAYS AS (expression) STORED}, or {@code VIRTUAL}
 * (PostgreSQL 18+).
 *
 * @param expression the expression as PostgreSQL prints it
 */
public record Generation(String expression, boolean stored) {
    public Generation {
        Objects.requireNonNull(expression, "expression");
    }
}
