/**
 * Application models kept in step with the schema: obtains the DDL an application's models expect (from a
 * file, from a command such as an ORM that prints it, or from the application's JPA provider through the
 * {@code schemata-models-jpa} module), loads it on a throwaway database like a schema file, and checks
 * the reference schema against it table by table and column by column, as the models see it.
 */
package dev.schemata.models;
