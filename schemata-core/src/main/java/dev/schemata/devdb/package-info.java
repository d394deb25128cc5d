/**
 * Throwaway PostgreSQL clusters that Schemata starts itself: the project's dev database under
 * {@code .schemata/dev/}, the scratch servers of the declarative workflow, and the test harness. Finds
 * server binaries on the machine or fetches the ones published on Maven Central, and runs the server as an
 * unprivileged user when started as root.
 */
package dev.schemata.devdb;
