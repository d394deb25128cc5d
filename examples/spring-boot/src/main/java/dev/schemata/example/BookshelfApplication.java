package dev.schemata.example;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A small service: Schemata migrates its database at start-up (from {@code db/migration} in its jar), then
 * Hibernate validates the entities against the schema, then the runner uses the repository.
 */
@SpringBootApplication
public class BookshelfApplication {

    public static void main(String[] args) {
        SpringApplication.run(BookshelfApplication.class, args);
    }

    @Bean
    CommandLineRunner listBooks(BookRepository books) {
        return args -> books.findAll().forEach(b -> System.out.println("book: " + b.getTitle() + " by " + b.getAuthor()));
    }
}
