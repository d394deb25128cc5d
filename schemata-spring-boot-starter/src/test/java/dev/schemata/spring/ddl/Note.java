package dev.schemata.spring.ddl;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class Note {
    @Id
    private Long id;
    private String body;

    protected Note() {
    }
}
