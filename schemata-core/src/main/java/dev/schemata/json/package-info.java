/**
 * A minimal JSON writer and reader for the machine-readable output ({@code --json}) and the manifests
 * Schemata writes: maps, lists, strings, numbers, booleans and null, nothing more.
 */
package dev.schemata.json;
