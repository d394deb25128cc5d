package com.example.shop;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

@Embeddable
public class Address {
    @Column(length = 120)
    String street;

    @Column(length = 60, nullable = false)
    String city;
}
