package dev.schemata.example;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import org.hibernate.Length;

/**
 * A book, mapped to the table the migrations build: {@code text} columns ({@link Length#LONG32} is Hibernate's
 * {@code text} on PostgreSQL), a NOT NULL title, and the index that {@link BookRepository#findByAuthor} uses.
 * {@code EntitiesMatchMigrationsTest} keeps the two in step.
 */
@Entity
@Table(indexes = @Index(name = "book_author_idx", columnList = "author"))
public class Book {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false, length = Length.LONG32)
    private String title;
    @Column(length = Length.LONG32)
    private String author;

    protected Book() {
    }

    public Book(String title, String author) {
        this.title = title;
        this.author = author;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getAuthor() {
        return author;
    }
}
