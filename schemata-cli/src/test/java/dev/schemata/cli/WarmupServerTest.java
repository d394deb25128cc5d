package dev.schemata.cli;

import dev.schemata.connect.ConnectionResolver;
import dev.schemata.connect.ConnectionSettings;
import dev.schemata.connect.Database;
import dev.schemata.connect.Environment;
import dev.schemata.history.HistoryTable;
import dev.schemata.migrate.Inspector;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stand-in server the warm-up connects to must take the driver through SCRAM (the driver checks the
 * server's signature) and answer queries, or the class-data archive silently leaves the connection out.
 */
class WarmupServerTest {
    private static ConnectionSettings settings(WarmupServer server) {
        return new ConnectionResolver(new Environment(Map.of(), Path.of("/nonexistent"), "someone"), line -> { })
                .fromUrl("postgresql://" + WarmupServer.USER + ":" + WarmupServer.PASSWORD + "@127.0.0.1:" + server.port()
                        + "/warmup?connect_timeout=5", "test");
    }

    @Test
    void theDriverAuthenticatesAndEveryQueryHasNoRows() throws Exception {
        try (WarmupServer server = WarmupServer.start();
             Connection c = Database.connect(settings(server));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void theHistoryReadOfStatusRunsToItsEnd() throws Exception {
        try (WarmupServer server = WarmupServer.start()) {
            assertThat(new Inspector(dev.schemata.connect.ConnectionFactory.of(settings(server)), HistoryTable.DEFAULT).history())
                    .isEmpty();
        }
    }
}
