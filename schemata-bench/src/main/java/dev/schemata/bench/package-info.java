/** JMH benchmarks of the library in a warm JVM, run by {@code bench/run}; nothing here is part of Schemata. */
package dev.schemata.bench;
