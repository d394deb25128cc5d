package dev.schemata.spring.jpa;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with one entity and its repository; its table comes from the migrations. */
@SpringBootApplication
public class JpaApp {
}
