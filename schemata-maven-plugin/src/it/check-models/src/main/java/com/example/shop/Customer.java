package com.example.shop;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

@Entity
@Table(name = "customers", indexes = @Index(name = "ix_customers_name", columnList = "name"))
public class Customer {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(length = 80, nullable = false)
    String name;

    @Column(length = 200, nullable = false, unique = true)
    String email;

    @Embedded
    Address address;

    @Enumerated(EnumType.STRING)
    @Column(length = 16, nullable = false)
    Status status;
}
