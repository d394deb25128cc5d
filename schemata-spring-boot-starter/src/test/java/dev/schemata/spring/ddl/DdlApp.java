package dev.schemata.spring.ddl;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application whose entity has no migration: Hibernate would create its table if allowed to. */
@SpringBootApplication
public class DdlApp {
}
