package dev.schemata.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A sequence created on its own or for a {@code serial} column. Sequences behind identity columns are
 * part of the column ({@link Identity}) and are not listed as sequences. The current value is data, not
 * schema, and is not part of the model.
 *
 * @param ownedBy    the column of {@code OWNED BY}, or null
 * @param comment    the sequence's comment, or null
 * @param privileges granted privileges, sorted
 */
public record Sequence(QualifiedName name, Persistence persistence, SequenceOptions options, ColumnRef ownedBy,
                       String comment, List<Privilege> privileges) {
    public Sequence {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(persistence, "persistence");
        Objects.requireNonNull(options, "options");
        privileges = Lists.sorted(privileges);
    }
}
