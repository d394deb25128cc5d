package dev.schemata.models.jpa.broken;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A mapping error: the target of a relation is no entity. */
@Entity
public class Orphan {
    @Id
    Long id;

    @ManyToOne
    NotAnEntity parent;

    public static class NotAnEntity {
    }
}
