package dev.schemata.backup;

import dev.schemata.connect.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientLocatorTest {
    @Test
    void noSuitablePgDumpSaysExactlyWhatToInstall() {
        assertThatThrownBy(() -> new ClientLocator(Environment.current(), null).locate("pg_dump", 99, "backing up db"))
                .hasMessageContaining("backing up db needs pg_dump 99 or newer")
                .hasMessageContaining("The Maven-published PostgreSQL binaries contain no client programs.")
                .hasMessageContaining("`apt-get install postgresql-client-99`")
                .hasMessageContaining("set SCHEMATA_PG_DUMP (or --pg-dump) to a pg_dump of version 99 or newer");
    }

    @Test
    void anExplicitDirectoryWithoutPgDumpIsNamed(@TempDir Path empty) {
        Environment env = new Environment(Map.of("SCHEMATA_PG_DUMP", empty.resolve("pg_dump").toString()), empty, "t");
        assertThatThrownBy(() -> new ClientLocator(env, null).locate("pg_dump", 15, "backing up db"))
                .hasMessageContaining("there is no pg_dump at " + empty + " (from SCHEMATA_PG_DUMP)")
                .hasMessageContaining("apt-get install postgresql-client-15");
    }

    @Test
    void theNewestFittingPgDumpIsChosen() {
        var all = new ClientLocator(Environment.current(), null).candidates("pg_dump");
        org.junit.jupiter.api.Assumptions.assumeFalse(all.isEmpty(), "no pg_dump on this machine");
        ClientProgram chosen = new ClientLocator(Environment.current(), null).locate("pg_dump", all.get(all.size() - 1).major(), "x");
        assertThat(chosen.major()).isEqualTo(all.get(0).major());
    }
}
