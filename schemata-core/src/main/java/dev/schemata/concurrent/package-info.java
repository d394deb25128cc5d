/**
 * Work started on a thread of its own so that it overlaps with the caller's (connecting while the
 * migrations are read, reading the files while the history is), its result or failure handed over
 * unchanged when the caller needs it.
 */
package dev.schemata.concurrent;
