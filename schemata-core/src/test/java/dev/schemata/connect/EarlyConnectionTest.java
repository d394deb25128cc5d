package dev.schemata.connect;

import dev.schemata.ErrorCode;
import dev.schemata.SchemataException;
import dev.schemata.testing.PostgresExtension;
import dev.schemata.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
class EarlyConnectionTest {
    @Test
    void theFirstOpenHandsOverTheEarlyConnectionAndLaterOnesAreNew(TestDatabase db) throws Exception {
        try (EarlyConnection early = EarlyConnection.start(ConnectionFactory.of(db.settings()))) {
            try (Connection first = early.open(); Connection second = early.open()) {
                assertThat(pid(first)).isNotEqualTo(pid(second));
                assertThat(scalar(first, "SELECT current_database()")).isEqualTo(db.name());
            }
            assertThat(early.describe()).isEqualTo(db.settings().maskedUrl());
        }
    }

    @Test
    void aFailureToConnectIsThrownByTheFirstOpenUnchanged() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ConnectionSettings nowhere = new ConnectionResolver(new Environment(Map.of(), Path.of("/nonexistent"), "someone"), line -> { })
                .fromUrl("postgresql://someone:secret@127.0.0.1:" + closedPort + "/nothing", "test");
        EarlyConnection early = EarlyConnection.start(ConnectionFactory.of(nowhere));
        assertThatThrownBy(early::open)
                .isInstanceOfSatisfying(SchemataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED))
                .hasMessageContaining("cannot connect to postgresql://someone:***@127.0.0.1:" + closedPort + "/nothing")
                .hasMessageNotContaining("secret");
        early.close();
    }

    @Test
    void closingWithoutUsingItEndsTheServerSession(TestDatabase db) throws Exception {
        String name = "early-" + System.nanoTime();
        ConnectionSettings settings = db.settings();
        ConnectionFactory tagged = () -> {
            Connection c = Database.connect(settings);
            try (Statement s = c.createStatement()) {
                s.execute("SET application_name = '" + name + "'");
            }
            return c;
        };
        EarlyConnection early = EarlyConnection.start(tagged);
        String count = "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + name + "'";
        awaitValue(db, count, 1L);
        early.close();
        awaitValue(db, count, 0L);
        // Handed out nothing: a later open still works, with a connection of its own.
        try (Connection c = early.open()) {
            assertThat(scalar(c, "SELECT 1")).isEqualTo("1");
        }
    }

    private static void awaitValue(TestDatabase db, String sql, Object expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!expected.equals(db.value(sql)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(db.value(sql)).isEqualTo(expected);
    }

    private static int pid(Connection c) throws SQLException {
        return Integer.parseInt(scalar(c, "SELECT pg_backend_pid()"));
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
