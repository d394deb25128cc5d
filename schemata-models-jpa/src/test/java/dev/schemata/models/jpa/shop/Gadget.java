package dev.schemata.models.jpa.shop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "gadgets")
public class Gadget extends Product {
    @Column(name = "warranty_months")
    Integer warrantyMonths;
}
