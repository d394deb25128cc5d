package dev.schemata.models.jpa.shop;

public enum Status { NEW, ACTIVE, BLOCKED }
