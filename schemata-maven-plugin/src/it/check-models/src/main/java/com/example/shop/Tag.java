package com.example.shop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

@Entity
@Table(name = "tags")
public class Tag {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "tag_ids")
    @SequenceGenerator(name = "tag_ids", sequenceName = "tag_ids", allocationSize = 10)
    Long id;

    @Column(length = 40, nullable = false, unique = true)
    String label;
}
