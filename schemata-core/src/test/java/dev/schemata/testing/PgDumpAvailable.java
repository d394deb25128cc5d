package dev.schemata.testing;

import dev.schemata.SchemataException;
import dev.schemata.backup.ClientLocator;
import dev.schemata.connect.Environment;
import org.junit.jupiter.api.Assumptions;

/** Skips a test, with the reason, when this machine has no pg_dump for the test server's version. */
public final class PgDumpAvailable {
    private PgDumpAvailable() {
    }

    public static void assume(TestCluster cluster) {
        try {
            new ClientLocator(Environment.current(), null).locate("pg_dump", cluster.binaries().major(), "the test");
        } catch (SchemataException e) {
            Assumptions.abort(e.getMessage());
        }
    }
}
