package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A row-level security policy. Whether the table enforces policies is on the {@link Table}.
 *
 * @param permissive whether {@code AS PERMISSIVE} (true) or {@code AS RESTRICTIVE}
 * @param roles      the roles of {@code TO}, sorted; {@link Privilege#PUBLIC} for {@code TO PUBLIC}
 * @param using      the {@code USING} expression as PostgreSQL prints it, or null
 * @param withCheck  the {@code WITH CHECK} expression as PostgreSQL prints it, or null
 * @param comment    the policy's comment, or null
 */
public record Policy(QualifiedName table, String name, Command command, boolean permissive, List<String> roles,
                     String using, String withCheck, String comment) {

    /** The command of {@code FOR} ({@code polcmd} {@code *}, {@code r}, {@code a}, {@code w}, {@code d}). */
    public enum Command {
        ALL,
        SELECT,
        INSERT,
        UPDATE,
        DELETE
    }

    public Policy {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
        roles = Lists.sorted(roles);
    }
}
